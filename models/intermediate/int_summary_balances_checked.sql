{{ per_document_config() }}
{#-
    A 决算's summaries balance (summary_carryover_balances): in its 收入支出决算总表 and 财政拨款收入支出决算总表,
    年初结转和结余 + 本年收入合计 (+ 使用非财政拨款结余) = 本年支出合计 + 年末结转和结余 (+ 结余分配), within half a unit
    per term (万元 tables); and each half's lines above its 本年收入合计 / 本年支出合计 add up to it
    (summary_lines_sum_to_year_total).
-#}
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

documents as (

    select * from {{ ref('stg_extracted__documents') }} {{ new_documents_only('document_id') }}

),

final_account_documents as (

    select document_id from documents
    where doc_type in ('unit_final_accounts', 'department_final_accounts')

),

-- the summary rows of a 决算's side-by-side totals tables: the first amount of each row in its half
summary_cells as (

    select
        line_items.*,
        {{ half_unit_yuan('line_items.amount_raw', 'line_items.source_unit', 'line_items.amount_yuan') }} as half_unit,
        {{ regex_replace_all("coalesce(line_items.row_label_raw, line_items.item_name_raw, '')", '[[:space:]　]+', '') }}
            as row_label,
        row_number() over (
            partition by line_items.document_id, line_items.table_key, line_items.source_line
            order by line_items.cell_index
        ) as position_in_row
    from line_items
    inner join final_account_documents
        on line_items.document_id = final_account_documents.document_id
    where
        line_items.table_kind in ('income_expenditure_summary', 'appropriation_summary')
        and line_items.amount_yuan is not null

),

summary_halves as (

    select
        *,
        {{ regex_extract('table_key', '_(income|expenditure)$', 1) }} as table_half
    from summary_cells

),

balance_terms as (

    select
        'summary_carryover_balances' as check_name,
        document_id,
        table_kind as place_key,
        'the ' || table_kind || ' balances: 年初结转和结余 + 本年收入合计 (+ 使用非财政拨款结余) = 本年支出合计 + '
        || '年末结转和结余 (+ 结余分配)' as description,
        'yuan' as value_unit,
        case when table_half = 'income' then 'expected' else 'actual' end as term_role,
        amount_yuan as amount,
        half_unit,
        true as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from summary_halves
    where
        position_in_row = 1
        and (
            (table_half = 'income' and (
                row_label like '%本年收入合计%' or (row_label like '%年初%' and row_label like '%结转%')
                or row_label like '%使用非财政拨款结余%'
            ))
            or (table_half = 'expenditure' and (
                row_label like '%本年支出合计%' or (row_label like '%年末%' and row_label like '%结转%')
                or row_label like '%结余分配%'
            ))
        )

),

-- the line of each half that states the year's total (本年收入合计 / 本年支出合计)
year_totals as (

    select
        document_id,
        table_key,
        min(source_line) as total_line
    from summary_halves
    where
        position_in_row = 1
        and (
            (table_half = 'income' and row_label like '%本年收入合计%')
            or (table_half = 'expenditure' and row_label like '%本年支出合计%')
        )
    group by document_id, table_key

),

-- the year's total against the lines above it in its half (一、…, 二、…; a sub-line 1、… or 其中 restates part of its
-- line and is not counted again)
year_total_terms as (

    select
        'summary_lines_sum_to_year_total' as check_name,
        summary_halves.document_id,
        summary_halves.table_key as place_key,
        'the ' || summary_halves.table_kind || ' ' || summary_halves.table_half || ' lines add up to its '
        || case when summary_halves.table_half = 'income' then '本年收入合计' else '本年支出合计' end as description,
        'yuan' as value_unit,
        case when summary_halves.source_line = year_totals.total_line then 'expected' else 'actual' end as term_role,
        summary_halves.amount_yuan as amount,
        summary_halves.half_unit,
        true as blank_is_zero,
        summary_halves.source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from summary_halves
    inner join year_totals
        on
            summary_halves.document_id = year_totals.document_id
            and summary_halves.table_key = year_totals.table_key
    where
        summary_halves.position_in_row = 1
        and (
            summary_halves.source_line = year_totals.total_line
            or (
                summary_halves.source_line < year_totals.total_line
                and summary_halves.row_level = 'line'
                and not {{ regex_matches('summary_halves.row_label', '^([0-9]+[、.．]|其中)') }}
            )
        )

),

terms as (

    select * from balance_terms

    union all

    select * from year_total_terms

),

{{ summarise_check_terms('terms') }}

select * from final
