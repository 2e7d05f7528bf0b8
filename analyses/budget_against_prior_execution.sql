-- This year's budget against last year's 执行数 as the unit budget states it (an estimate made before the year
-- closed), per functional subject; the unit total's prior is derived from the stated change.
with

budget_lines as (

    select * from {{ ref('fct_budget_vs_execution') }}

),

final as (

    select
        district_id,
        agency_id,
        fiscal_year,
        line_kind,
        class_code,
        kind_code,
        item_code,
        line_name,
        budget_yuan,
        prior_year_execution_yuan,
        prior_year_execution_is_derived,
        budget_yuan - prior_year_execution_yuan as change_yuan,
        change_vs_prior_execution_pct,
        budget_source_line,
        execution_source_line
    from budget_lines
    where execution_phase = 'estimated_execution'

)

select * from final
order by district_id, agency_id, fiscal_year, line_kind, class_code, kind_code, item_code
