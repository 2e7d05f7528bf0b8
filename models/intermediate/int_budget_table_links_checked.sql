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

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

document_families as (

    select
        document_id,
        case
            when doc_type in ('unit_budget', 'department_budget') then 'budget'
            when doc_type in ('unit_final_accounts', 'department_final_accounts') then 'final_accounts'
        end as document_family
    from {{ ref('stg_extracted__documents') }} {{ new_documents_only('document_id') }}

),

class_subjects as (

    select * from {{ ref('int_budget_subject_paths_unnested') }}

    where classification = 'functional' and subject_level = 'class'

),

-- the class names the document's own coded rows print (a class budget_subjects does not list yet)
document_class_names as (

    select
        document_id,
        min(class_code) as class_code,
        {{ regex_replace_all("coalesce(item_name_raw, row_label_raw)", '[[:space:]　]+', '') }} as class_name
    from line_items
    where row_level = 'class' and class_code is not null and kind_code is null
    group by document_id, {{ regex_replace_all("coalesce(item_name_raw, row_label_raw)", '[[:space:]　]+', '') }}

),

-- a line without codes (一、社会保障和就业支出) is matched to its class by name: the keys of both joins below,
-- null on every other row, so they are plain equalities (hash joins; a condition on the left side alone in the
-- join made DuckDB compare every pair of rows: minutes at ×1000)
named_line_items as (

    select
        *,
        case
            when class_code is null and row_level = 'line'
                then {{ regex_replace_all('item_name_raw', '^[一二三四五六七八九十]+、', '') }}
        end as class_path_key,
        case
            when class_code is null and row_level = 'line'
                then {{ regex_replace_all(
                    regex_replace_all('item_name_raw', '^[一二三四五六七八九十]+、', ''), '[[:space:]　]+', ''
                ) }}
        end as class_name_key
    from line_items
    where
        table_kind not in ('narrative', 'other')
        and amount_yuan is not null
        -- a 小计 printed beside the row's 合计 (本年收入/小计) is not one more total
        and line_item_id not in (
            select repeated_totals.line_item_id from {{ ref('int_budget_table_cells_listed') }} as repeated_totals
            where repeated_totals.is_repeated_total
        )

),

cells as (

    select
        line_items.document_id,
        document_families.document_family,
        line_items.table_key,
        line_items.source_line,
        line_items.measure,
        line_items.amount_yuan,
        {{ half_unit_yuan('line_items.amount_raw', 'line_items.source_unit', 'line_items.amount_yuan') }}
            as half_unit,
        case
            when line_items.row_level = 'total' then 'total'
            when line_items.class_code is not null
                then concat_ws('-', line_items.class_code, line_items.kind_code, line_items.item_code)
            else coalesce(class_subjects.class_code, document_class_names.class_code)
        end as row_key,
        line_items.row_level = 'total' or line_items.kind_code is null as is_class_or_total
    from named_line_items as line_items
    inner join document_families
        on line_items.document_id = document_families.document_id
    left join class_subjects
        on line_items.class_path_key = class_subjects.subject_path
    left join document_class_names
        on
            line_items.document_id = document_class_names.document_id
            and line_items.class_name_key = document_class_names.class_name
    where document_families.document_family is not null

),

-- documents whose income table prints money that is not an appropriation (上年结转, 事业收入, 其他收入 …)
other_funds_documents as (

    select distinct document_id
    from line_items
    where
        table_kind = 'revenue'
        and amount_yuan <> 0
        and measure not in ('total', 'revenue', 'fiscal_appropriation', 'general_public', 'gov_fund', 'state_capital')

),

keyed_cells as (

    select
        cells.*,
        other_funds_documents.document_id is not null as has_other_funds
    from cells
    left join other_funds_documents
        on cells.document_id = other_funds_documents.document_id
    where cells.row_key is not null

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
