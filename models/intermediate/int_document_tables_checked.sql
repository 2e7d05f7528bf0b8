{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='document_id',
        on_schema_change='fail',
        post_hook="{{ drop_removed_documents() }}"
    )
}}
{#-
    What tables a 部门/单位 预算 or 决算 prints, and the 决算 summaries' balance:
    - table_has_amounts: one not_applicable check per standard table of the document's family that prints no amount
      (an agency without 政府性基金 prints the table empty): an empty table is a fact, not a failure;
    - unknown_table_kept: one not_applicable check per table no standard kind describes (table_kind other): kept in
      line_items, not checked;
    - summary_carryover_balances: in a 决算's 收入支出决算总表 and 财政拨款收入支出决算总表, 年初结转和结余 + 本年收入合计
      (+ 使用非财政拨款结余) = 本年支出合计 + 年末结转和结余 (+ 结余分配), within half a unit per term (万元 tables).
    The standard tables per family are those of the contract (table_kind).
-#}
{%- set standard_tables = {
    'budget': ['financial_summary', 'revenue', 'expenditure', 'appropriation_summary', 'general_public_functional',
               'gov_fund_functional', 'state_capital_functional', 'basic_economic', 'three_public'],
    'final_accounts': ['income_expenditure_summary', 'revenue', 'expenditure', 'appropriation_summary',
                       'general_public_functional', 'basic_economic', 'three_public', 'gov_fund', 'state_capital'],
} %}

with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

documents as (

    select * from {{ ref('stg_extracted__documents') }} {{ new_documents_only('document_id') }}

),

standard_tables as (

    {%- for family, kinds in standard_tables.items() %}
        {%- for kind in kinds %}
            select
                '{{ family }}' as document_family,
                '{{ kind }}' as table_kind
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

document_families as (

    select
        document_id,
        title_line,
        case
            when doc_type in ('unit_budget', 'department_budget') then 'budget'
            when doc_type in ('unit_final_accounts', 'department_final_accounts') then 'final_accounts'
        end as document_family
    from documents

),

printed_kinds as (

    select distinct
        document_id,
        table_kind
    from line_items
    where amount_yuan is not null

),

empty_table_terms as (

    select
        'table_has_amounts' as check_name,
        document_families.document_id,
        standard_tables.table_kind as place_key,
        'the ' || standard_tables.table_kind || ' table prints no amount (e.g. the agency has no such funds): an empty '
        || 'table is recorded, not checked' as description,
        'count' as value_unit,
        'expected' as term_role,
        cast(null as decimal(18, 2)) as amount,
        0 as half_unit,
        false as blank_is_zero,
        -- the table prints no row to cite: the document's title line stands for it
        document_families.title_line as source_line,
        cast(null as varchar) as cause_if_below,
        cast(null as varchar) as cause_if_above
    from document_families
    inner join standard_tables
        on document_families.document_family = standard_tables.document_family
    left join printed_kinds
        on
            document_families.document_id = printed_kinds.document_id
            and standard_tables.table_kind = printed_kinds.table_kind
    where printed_kinds.table_kind is null

),

other_tables as (

    select
        document_id,
        table_key,
        min(table_name) as table_name,
        min(source_line) as first_line,
        count(*) as cells
    from line_items
    where table_kind = 'other'
    group by document_id, table_key

),

other_table_terms as (

    select
        'unknown_table_kept' as check_name,
        document_id,
        table_key as place_key,
        'the table “' || coalesce(table_name, '') || '” (' || cast(cells as varchar)
        || ' amounts) is of no standard kind: kept as table_kind other, not checked' as description,
        'count' as value_unit,
        'expected' as term_role,
        cast(null as decimal(18, 2)) as amount,
        0 as half_unit,
        false as blank_is_zero,
        first_line as source_line,
        cast(null as varchar) as cause_if_below,
        cast(null as varchar) as cause_if_above
    from other_tables

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
    inner join document_families
        on
            line_items.document_id = document_families.document_id
            and document_families.document_family = 'final_accounts'
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

    select * from empty_table_terms

    union all

    select * from other_table_terms

    union all

    select * from balance_terms

),

{{ summarise_check_terms('terms') }}

select * from final
