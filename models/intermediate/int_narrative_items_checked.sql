{{ per_document_config() }}
{#-
    The subjects a unit budget's narrative explains add up to the general-budget total it states
    (narrative_items_sum_to_total), this year and (through the stated change) last year's 执行数; a sum of rounded
    terms may differ by half a unit per term.
-#}
{%- set vocabulary = var('narrative_vocabulary') %}

with

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }} {{ new_documents_only('document_id') }}

),

unit_totals as (

    select * from figures
    where
        phase = 'budget'
        and amount_yuan is not null
        and item_name_raw like '%{{ vocabulary["unit_total"] }}'

),

unit_total_priors as (

    select * from stated_changes
    where item_name_raw like '%{{ vocabulary["unit_total"] }}' and basis = 'prior_execution'

),

item_figures as (

    select * from figures
    where subject_level = 'item' and amount_yuan is not null

),

first_item_figures as (

    select
        *,
        row_number() over (
            partition by document_id, source_line, subject_code, phase order by cell_index
        ) as position_on_line
    from item_figures

),

items_terms as (

    select
        'narrative_items_sum_to_total' as check_name,
        document_id,
        'budget:' || cast(fiscal_year as {{ text_type() }}) as place_key,
        'the budget subjects the narrative explains add up to the stated general-budget total ('
        || cast(fiscal_year as {{ text_type() }}) || ' budget)' as description,
        'expected' as term_role,
        amount_yuan as amount,
        amount_half_unit_yuan as half_unit,
        source_line
    from unit_totals

    union all

    select
        'narrative_items_sum_to_total' as check_name,
        document_id,
        'execution:' || cast(compare_fiscal_year as {{ text_type() }}) as place_key,
        'the budget subjects the narrative explains add up to the general-budget total of '
        || cast(compare_fiscal_year as {{ text_type() }}) || ' 执行数, derived from the stated change of '
        || item_name_raw as description,
        'expected' as term_role,
        prior_amount_yuan as amount,
        0 as half_unit,
        source_line
    from unit_total_priors

    union all

    select
        'narrative_items_sum_to_total' as check_name,
        first_item_figures.document_id,
        case when first_item_figures.phase = 'budget' then 'budget:' else 'execution:' end
        || cast(first_item_figures.fiscal_year as {{ text_type() }}) as place_key,
        null as description,
        'actual' as term_role,
        first_item_figures.amount_yuan as amount,
        first_item_figures.amount_half_unit_yuan as half_unit,
        first_item_figures.source_line
    from first_item_figures
    where
        first_item_figures.position_on_line = 1
        and first_item_figures.document_id in (select unit_totals.document_id from unit_totals)

),

-- fewer explained than the total: subjects left out of the narrative; more: the figures contradict it
terms as (

    {{ check_terms('items_terms', half_unit='half_unit', blank_is_zero='false', value_unit="'yuan'",
        cause_if_below='partial_disclosure') }}

),

{{ summarise_check_terms('terms') }}

select * from final
