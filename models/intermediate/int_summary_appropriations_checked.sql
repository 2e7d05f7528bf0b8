{{ per_document_config() }}
{#-
    A budget's 财政拨款 total is printed in its 收支总表 (table 1, the income lines of this year's appropriations) and
    in its 财政拨款收支总表 (table 4, its income lines): both must state the same amount
    (summary_appropriations_match_appropriation_table). Table 4 against the general-budget, government-fund and
    state-capital tables (table 5 …): appropriation_total_equals_fund_tables (int_budget_table_links_checked).
    Which lines are appropriations: var('appropriation_income_lines'), the labels' endings; a sub-line (1、…) restates
    part of its line and is not counted again. A blank cell counts as nothing; the check is made where both tables
    print such a line. Tolerance half a unit of each term (万元 tables).
-#}
{%- set phrases = var('appropriation_income_lines') %}

with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

appropriation_phrases as (

    {%- set entries = [] %}
    {%- for phrase in phrases %}
        {%- do entries.append({'phrase': phrase}) %}
    {%- endfor %}
    {{ vocabulary_rows(entries, ['phrase']) }}

),

-- a label ends with at most one phrase (distinct all the same: a line is one term)
income_lines as (

    select distinct
        line_items.document_id,
        line_items.table_key,
        line_items.source_line,
        line_items.amount_yuan,
        {{ half_unit_yuan('line_items.amount_raw', 'line_items.source_unit', 'line_items.amount_yuan') }}
            as half_unit
    from line_items
    inner join appropriation_phrases
        on line_items.item_name_raw like '%' || appropriation_phrases.phrase
    where
        line_items.table_key in ('financial_summary_income', 'appropriation_summary_income')
        and line_items.phase = 'budget'
        and line_items.measure = 'total'
        and line_items.row_level = 'line'
        and line_items.amount_yuan is not null
        and not {{ regex_matches('line_items.item_name_raw', '^[0-9]+[、.．]') }}

),

documents_with_both as (

    select document_id from income_lines
    group by document_id
    having count(distinct table_key) = 2

),

appropriation_terms as (

    select
        'summary_appropriations_match_appropriation_table' as check_name,
        income_lines.document_id,
        'total:appropriations' as place_key,
        'the 财政拨款 income of the 收支总表 (table 1) equals that of the 财政拨款收支总表 (table 4)' as description,
        case when income_lines.table_key = 'appropriation_summary_income' then 'expected' else 'actual' end
            as term_role,
        income_lines.amount_yuan as amount,
        income_lines.half_unit,
        income_lines.source_line
    from income_lines
    inner join documents_with_both
        on income_lines.document_id = documents_with_both.document_id

),

terms as (

    {{ check_terms('appropriation_terms', half_unit='half_unit', value_unit="'yuan'") }}

),

{{ summarise_check_terms('terms') }}

select * from final
