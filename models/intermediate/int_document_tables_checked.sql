{{ per_document_config() }}
{#-
    What tables a 部门/单位 预算 or 决算 prints:
    - table_has_amounts: one not_applicable check per standard table of the document's family that prints no amount
      (an agency without 政府性基金 prints the table empty): an empty table is a fact, not a failure;
    - unknown_table_kept: one not_applicable check per table no standard kind describes (table_kind other): kept in
      line_items, not checked.
    A 决算's summaries' balance: int_summary_balances_checked.
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
        cast(null as {{ text_type() }}) as cause_if_below,
        cast(null as {{ text_type() }}) as cause_if_above
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
        'the table “' || coalesce(table_name, '') || '” (' || cast(cells as {{ text_type() }})
        || ' amounts) is of no standard kind: kept as table_kind other, not checked' as description,
        'count' as value_unit,
        'expected' as term_role,
        cast(null as decimal(18, 2)) as amount,
        0 as half_unit,
        false as blank_is_zero,
        first_line as source_line,
        cast(null as {{ text_type() }}) as cause_if_below,
        cast(null as {{ text_type() }}) as cause_if_above
    from other_tables

),


terms as (

    select * from empty_table_terms

    union all

    select * from other_table_terms

),

{{ summarise_check_terms('terms') }}

select * from final
