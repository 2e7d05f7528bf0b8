{{ per_document_config() }}
{#-
    The same quantity printed in two tables of one document must agree (yuan tables, so exactly):
    income = expenditure per functional subject; the expenditure table = the general-budget + government-fund +
    state-capital tables; the 财务收支预算总表 against the detailed tables (its class lines, matched to subjects by
    name, and its totals), where basic expenditure = personnel + public; the economic table's total = the
    functional table's basic column. A blank cell counts as nothing; a check is made only when the document prints
    both tables. Budget documents, except the links marked family final_accounts (a 决算's summaries against its
    detailed tables, per class; its carry-overs are int_summary_balances_checked's). The links: macro
    budget_table_links. A link marked appropriations_only holds only when all the money is appropriations: where
    the income table prints money from other sources (上年结转, 事业收入 …), which the expenditure table spends and
    the appropriation (财政拨款) tables do not, it is not_applicable (the appropriation tables are checked against the
    财政拨款收支预算总表 instead: appropriation_total_equals_fund_tables).
-#}
{%- set links = budget_table_links() -%}

with

keyed_cells as (

    select * from {{ ref('int_budget_table_cells_keyed') }} {{ new_documents_only('document_id') }}

),

terms as (

    {%- for link in links %}
        {%- set expected_table, expected_measure = link['expected'] %}
        {%- set actual_tables = link['actual'] | map('first') | list %}
        {%- if not loop.first %}

            union all
        {% endif %}

        select
            '{{ link["name"] }}' as check_name,
            document_id,
            row_key || ':{{ expected_measure }}' as place_key,
            '{{ link["what"] }} ({{ expected_measure }}, ' || case
                when row_key = 'total' then 'table totals'
                else 'subject ' || row_key
            end || ')'
            {%- if link.get('appropriations_only') %}
                || case
                    when has_other_funds
                        then
                            '; not applicable: the income table prints money other than appropriations'
                            || ' (上年结转, 事业收入 …), which the expenditure table spends and these tables do not'
                    else ''
                end
            {%- endif %} as description,
            'yuan' as value_unit,
            case
                when table_key = '{{ expected_table }}' and measure = '{{ expected_measure }}' then 'expected'
                else 'actual'
            end as term_role,
            {%- if link.get('appropriations_only') %}
                case when has_other_funds then null else amount_yuan end as amount,
            {%- else %}
                amount_yuan as amount,
            {%- endif %}
            half_unit,
            true as blank_is_zero,
            source_line,
            '{{ link["cause"] }}' as cause_if_below,
            '{{ link["cause"] }}' as cause_if_above
        from keyed_cells
        where
            (
                (table_key = '{{ expected_table }}' and measure = '{{ expected_measure }}')
                {%- for actual_table, actual_measure in link['actual'] %}
                    or (table_key = '{{ actual_table }}' and measure = '{{ actual_measure }}')
                {%- endfor %}
            )
            and document_family = '{{ link.get("family", "budget") }}'
            {%- if link['rows'] == 'class_and_total' %}
                and is_class_or_total
            {%- elif link['rows'] == 'class' %}
                and is_class_or_total and row_key <> 'total'
            {%- elif link['rows'] == 'total' %}
                and row_key = 'total'
            {%- endif %}
            and document_id in (
                select expected_tables.document_id from keyed_cells as expected_tables
                where expected_tables.table_key = '{{ expected_table }}'
            )
            -- the second table must print the compared column (a 财务收支预算总表 may print one 预算数 column only)
            and document_id in (
                select actual_tables.document_id from keyed_cells as actual_tables
                where
                    {%- for actual_table, actual_measure in link['actual'] %}
                        {{ "or " if not loop.first }}(
                            actual_tables.table_key = '{{ actual_table }}'
                            and actual_tables.measure = '{{ actual_measure }}'
                        )
                    {%- endfor %}
            )
    {%- endfor %}

),

{{ summarise_check_terms('terms') }}

select * from final
