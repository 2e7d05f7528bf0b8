{{ per_document_config() }}
{#-
    A 决算's summaries balance (summary_carryover_balances): in its 收入支出决算总表 and 财政拨款收入支出决算总表,
    年初结转和结余 + 本年收入合计 (+ 使用非财政拨款结余) = 本年支出合计 + 年末结转和结余 (+ 结余分配), within half a unit
    per term (万元 tables).
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

terms as (

    select * from balance_terms

),

{{ summarise_check_terms('terms') }}

select * from final
