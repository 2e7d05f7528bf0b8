{#-
    Checks that need two documents of one agency (rebuilt by fct_consistency_checks when a partner arrives; see
    int_document_partners_listed):
    - stated_change_agrees_with_prior_document: a change Y's narrative states (比2024年预算增加…) against the same
      line of the Y−1 document (int_prior_year_lines_compared): the stated figure against the computed change
      rounded half-up to the stated precision; pass exactly when fct_yoy_changes.statement_agrees is true;
    - final_account_budget_matches_budget_document: the 年初预算 a 决算 prints for a line equals that line of the
      budget document of the same year (the same quantity printed twice: within half a unit of the coarser printing).
-#}
with

across_documents as (

    select * from {{ ref('int_prior_year_lines_compared') }}

),

final_account_budgets as (

    select * from {{ ref('int_final_account_budgets_compared') }}

),

statements as (

    select
        *,
        -- no stated percentage: 0 decimals (a flat statement is a whole 0 %)
        {{ stated_pct_decimals('coalesce(stated_change_pct, 0)') }} as pct_decimals,
        {{ stated_yuan_unit('stated_change_yuan') }} as yuan_unit,
        case
            when prior_amount_yuan <> 0
                then cast(amount_yuan - prior_amount_yuan as double) / cast(prior_amount_yuan as double) * 100
        end as exact_change_pct
    from across_documents
    where statement_line_item_id is not null

),

statement_values as (

    select
        *,
        coalesce(stated_change_pct, stated_change_yuan, 0) as stated_value,
        case
            when stated_change_pct is not null or (stated_change_yuan is null and exact_change_pct is not null)
                then 'percentage_points'
            else 'yuan'
        end as compared_in,
        case
            when stated_change_pct is not null or (stated_change_yuan is null and exact_change_pct is not null)
                then sign(exact_change_pct) * {{ round_half_up('abs(exact_change_pct)', 'pct_decimals') }}
            else sign(change_yuan) * {{ round_half_up('abs(change_yuan) / yuan_unit', 0) }} * yuan_unit
        end as computed_as_stated,
        case
            when stated_change_pct is not null or (stated_change_yuan is null and exact_change_pct is not null)
                then exact_change_pct
            else change_yuan
        end as computed_value
    from statements

),

statement_terms as (

    select
        'stated_change_agrees_with_prior_document' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':' || {{ regex_extract('yoy_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        coalesce(line_name, line_key) || ': the stated change ('
        || coalesce(
            cast(stated_change_pct as {{ text_type() }}) || ' %',
            cast(stated_change_yuan as {{ text_type() }}) || ' yuan',
            stated_direction
        )
        || ' against ' || basis || ' ' || cast(compare_fiscal_year as {{ text_type() }}) || ') equals the change from '
        || prior_document_id || ' line ' || cast(prior_source_line as {{ text_type() }})
        || ' rounded half-up to the stated precision'
        || case
            when computed_value is null then '; the change cannot be computed (a prior of 0)'
            else ' (computed ' || cast(round(computed_value, 2) as {{ text_type() }}) || ')'
        end as description,
        compared_in as value_unit,
        'expected' as term_role,
        stated_value as amount,
        0 as half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from statement_values

    union all

    select
        'stated_change_agrees_with_prior_document' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':' || {{ regex_extract('yoy_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        null as description,
        compared_in as value_unit,
        'actual' as term_role,
        -- the rule also weighs a stated direction and amount: a statement that fails on those while its rounded
        -- percentage matches shows the unrounded figure, so the status always follows statement_agrees
        case
            when statement_agrees then stated_value
            when computed_as_stated = stated_value then computed_value
            else computed_as_stated
        end as amount,
        0 as half_unit,
        false as blank_is_zero,
        amount_source_line as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from statement_values
    where statement_agrees is not null

),

budget_terms as (

    select
        'final_account_budget_matches_budget_document' as check_name,
        document_id,
        line_id as place_key,
        line_name || ': the 年初预算 the 决算 prints equals the figure of the budget document '
        || budget_document_id || ' (line ' || cast(budget_source_line as {{ text_type() }}) || ')' as description,
        'yuan' as value_unit,
        'expected' as term_role,
        initial_budget_yuan as amount,
        greatest(initial_budget_half_unit, budget_document_half_unit) as half_unit,
        false as blank_is_zero,
        initial_budget_source_line as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from final_account_budgets

    union all

    select
        'final_account_budget_matches_budget_document' as check_name,
        document_id,
        line_id as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        budget_document_yuan as amount,
        0 as half_unit,
        false as blank_is_zero,
        null as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from final_account_budgets

),

terms as (

    select * from statement_terms

    union all

    select * from budget_terms

),

{{ summarise_check_terms('terms') }}

select * from final
