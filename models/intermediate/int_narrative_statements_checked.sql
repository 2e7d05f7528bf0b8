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
    What the narrative of a unit budget states about changes and totals, checked:
    - same_amount_stated_twice / same_change_stated_twice: a quantity stated twice (the unit's fiscal-appropriation
      income and expenditure balance) prints the same amount and the same change from last year;
    - stated_change_agrees: a stated change agrees with the amounts it compares (not_applicable where the document
      does not print the prior amount);
    - narrative_items_sum_to_total: the subjects the narrative explains add up to the general-budget total it
      states, this year and (through the stated change) last year's 执行数.
    Tolerances follow the contract: the same quantity printed at different precisions may differ by half a unit of
    the coarser one (at the same precision, not at all); a sum of rounded terms by half a unit per term.
-#}
{%- set vocabulary = var('narrative_vocabulary') %}

with

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }} {{ new_documents_only('document_id') }}

),

budget_figures as (

    select
        *,
        row_number() over (
            partition by document_id, source_line, subject_code order by cell_index
        ) as position_on_line
    from figures
    where phase = 'budget' and amount_yuan is not null

),

stated_twice_vocabulary as (

    {{ vocabulary_rows(vocabulary['stated_twice'], ['first', 'second']) }}

),

twice_candidates as (

    select
        firsts.document_id,
        firsts.line_item_id as first_id,
        firsts.source_line as first_line,
        firsts.cell_index as first_cell,
        firsts.item_name_raw as first_name,
        firsts.amount_yuan as first_amount,
        firsts.amount_half_unit_yuan as first_half_unit,
        firsts.stated_change_yuan as first_change,
        seconds.source_line as second_line,
        seconds.item_name_raw as second_name,
        seconds.amount_yuan as second_amount,
        seconds.amount_half_unit_yuan as second_half_unit,
        seconds.stated_change_yuan as second_change,
        firsts.compare_basis as first_basis,
        seconds.compare_basis as second_basis,
        row_number() over (
            partition by firsts.line_item_id order by seconds.source_line, seconds.cell_index
        ) as nearness
    from budget_figures as firsts
    inner join stated_twice_vocabulary
        on firsts.item_name_raw like '%' || stated_twice_vocabulary.first
    inner join budget_figures as seconds
        on
            firsts.document_id = seconds.document_id
            and seconds.item_name_raw like '%' || stated_twice_vocabulary.second
            and firsts.line_item_id <> seconds.line_item_id

),

twice_pairs as (

    select * from twice_candidates
    where nearness = 1

),

twice_terms as (

    {%- for quantity, first_value, second_value, first_half, second_half in [
        ('amount', 'first_amount', 'second_amount', 'first_half_unit', 'second_half_unit'),
        ('change', 'first_change', 'second_change', '0', '0')] %}
        {%- set outer_first = loop.first %}
    {%- for role, value, line in [('expected', first_value, 'first_line'), ('actual', second_value, 'second_line')] %}
            {%- if not (loop.first and outer_first) %}

                union all
            {% endif %}

            select
                'same_{{ quantity }}_stated_twice' as check_name,
                document_id,
                'L' || cast(first_line as varchar) || ':C' || cast(first_cell as varchar) as place_key,
                first_name || ' and ' || second_name || ' are the same quantity (income and expenditure balance): '
                || '{{ "the same amount" if quantity == "amount" else "the same stated change from last year" }}'
                    as description,
                '{{ role }}' as term_role,
                {{ value }} as amount,
                {%- if role == 'expected' %}
                    case when {{ first_half }} > {{ second_half }} then {{ first_half }} else 0 end as half_unit,
                {%- else %}
                    case when {{ second_half }} > {{ first_half }} then {{ second_half }} else 0 end as half_unit,
                {%- endif %}
                {{ line }} as source_line
            from twice_pairs
            {%- if quantity == 'change' %}
                -- a change against last year's 执行数 and one against last year's budget are different quantities
                where
                    first_change is not null and second_change is not null
                    and first_basis is not distinct from second_basis
            {%- endif %}
        {%- endfor %}
    {%- endfor %}

),

change_terms as (

    select
        'stated_change_agrees' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        item_name_raw || ': the stated change ('
        || coalesce(
            cast(stated_change_pct as varchar) || ' %', cast(stated_change_yuan as varchar) || ' yuan',
            stated_direction
        )
        || ' against ' || basis || ' ' || cast(compare_fiscal_year as varchar)
        || ') equals the computed change rounded half-up to the stated precision'
        || case
            when prior_amount_is_derived then '; the prior amount is not printed, so it cannot be checked'
            when compared_in = 'percentage_points'
                then ' (computed ' || cast(round(computed_value, 2) as varchar) || ' %)'
            else ' (computed ' || cast(round(computed_value, 2) as varchar) || ' yuan)'
        end as description,
        compared_in as value_unit,
        'expected' as term_role,
        stated_value as amount,
        0 as half_unit,
        source_line
    from stated_changes

    union all

    select
        'stated_change_agrees' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        null as description,
        compared_in as value_unit,
        'actual' as term_role,
        computed_value_as_stated as amount,
        0 as half_unit,
        source_line
    from stated_changes
    where not prior_amount_is_derived

),

unit_totals as (

    select * from budget_figures
    where item_name_raw like '%{{ vocabulary["unit_total"] }}'

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
        'budget:' || cast(fiscal_year as varchar) as place_key,
        'the budget subjects the narrative explains add up to the stated general-budget total ('
        || cast(fiscal_year as varchar) || ' budget)' as description,
        'expected' as term_role,
        amount_yuan as amount,
        amount_half_unit_yuan as half_unit,
        source_line
    from unit_totals

    union all

    select
        'narrative_items_sum_to_total' as check_name,
        document_id,
        'execution:' || cast(compare_fiscal_year as varchar) as place_key,
        'the budget subjects the narrative explains add up to the general-budget total of '
        || cast(compare_fiscal_year as varchar) || ' 执行数, derived from the stated change of '
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
        || cast(first_item_figures.fiscal_year as varchar) as place_key,
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

terms as (

    select
        check_name,
        document_id,
        place_key,
        description,
        'yuan' as value_unit,
        term_role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from twice_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from change_terms

    union all

    -- fewer explained than the total: subjects left out of the narrative; more: the figures contradict it
    select
        check_name,
        document_id,
        place_key,
        description,
        'yuan' as value_unit,
        term_role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'partial_disclosure' as cause_if_below,
        'publisher_error' as cause_if_above
    from items_terms

),

{{ summarise_check_terms('terms') }}

select * from final
