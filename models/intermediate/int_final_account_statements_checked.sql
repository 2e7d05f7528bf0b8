{{ per_document_config() }}
{#-
    What a 决算's narrative states per line, checked against its own tables (int_final_account_lines_paired):
    - stated_rate_agrees: a printed completion rate (完成年初预算的 Z %) against 决算 ÷ budget × 100 rounded half-up to
      the printed precision; a rate the publisher truncated instead of rounding fails with likely_cause rounding and
      says so; not_applicable where the rate cannot be computed (a budget of 0);
    - narrative_execution_equals_table: the 决算数 a statement gives for a 项 equals the table's cell (within half a
      unit of the coarser printing).
    Whether a statement's path names a subject of the table: int_final_account_names_checked.
-#}
with

final_account_lines as (

    select * from {{ ref('int_final_account_lines_paired') }} {{ new_documents_only('document_id') }}

),

rates as (

    select
        *,
        case
            when budget_yuan <> 0 then cast(execution_yuan as double) / cast(budget_yuan as double) * 100
        end as exact_rate_pct,
        {{ stated_pct_decimals('stated_rate_pct') }} as rate_decimals
    from final_account_lines
    where stated_rate_pct is not null

),

rates_evaluated as (

    select
        *,
        {{ round_half_up('exact_rate_pct', 'rate_decimals') }} as rounded_rate_pct,
        {{ round_down('exact_rate_pct', 'rate_decimals') }} as truncated_rate_pct
    from rates

),

-- a printed rate that is the computed one truncated instead of rounded fails by the publisher's rounding
rates_judged as (

    select
        *,
        case
            when rounded_rate_pct <> stated_rate_pct and truncated_rate_pct = stated_rate_pct then 'rounding'
            else 'publisher_error'
        end as rate_cause
    from rates_evaluated

),

rate_terms as (

    select
        'stated_rate_agrees' as check_name,
        document_id,
        line_id as place_key,
        line_name || ': the printed completion rate (' || cast(stated_rate_pct as {{ text_type() }})
        || ' %) equals 决算 ÷ ' || coalesce(budget_phase, 'budget') || ' rounded half-up to its precision'
        || case
            when exact_rate_pct is null then '; the budget is 0, so no rate can be computed'
            when rate_cause = 'rounding'
                then
                    ' (computed ' || cast(round(exact_rate_pct, 4) as {{ text_type() }})
                    || ' %: the printed rate is truncated, not rounded)'
            else ' (computed ' || cast(round(exact_rate_pct, 4) as {{ text_type() }}) || ' %)'
        end as description,
        'percentage_points' as value_unit,
        'expected' as term_role,
        stated_rate_pct as amount,
        0 as half_unit,
        false as blank_is_zero,
        statement_line as source_line,
        rate_cause as cause_if_below,
        'publisher_error' as cause_if_above
    from rates_judged

    union all

    select
        'stated_rate_agrees' as check_name,
        document_id,
        line_id as place_key,
        null as description,
        'percentage_points' as value_unit,
        'actual' as term_role,
        rounded_rate_pct as amount,
        0 as half_unit,
        false as blank_is_zero,
        execution_source_line as source_line,
        rate_cause as cause_if_below,
        rate_cause as cause_if_above
    from rates_judged
    where exact_rate_pct is not null

),

execution_terms as (

    select
        'narrative_execution_equals_table' as check_name,
        document_id,
        line_id as place_key,
        line_name || ': the 决算数 the narrative states (line ' || cast(statement_line as {{ text_type() }})
        || {{ text_literal(") equals the table's 合计 cell") }} as description,
        'yuan' as value_unit,
        'expected' as term_role,
        table_execution_yuan as amount,
        stated_execution_half_unit as half_unit,
        false as blank_is_zero,
        execution_source_line as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from final_account_lines
    where stated_execution_yuan is not null and table_execution_yuan is not null

    union all

    select
        'narrative_execution_equals_table' as check_name,
        document_id,
        line_id as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        stated_execution_yuan as amount,
        stated_execution_half_unit as half_unit,
        false as blank_is_zero,
        statement_line as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from final_account_lines
    where stated_execution_yuan is not null and table_execution_yuan is not null

),

terms as (

    select * from rate_terms

    union all

    select * from execution_terms

),

{{ summarise_check_terms('terms') }}

select * from final
