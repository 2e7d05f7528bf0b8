-- Budget lines counted per district, year, agency and kind of line, by what the warehouse holds for them (budget,
-- same-year execution, last year's estimated execution, or only one side): the budget-vs-execution page's
-- per-district status and its summary of budget-only lines read these few thousand rows.
with

lines as (
    select
        district_id,
        agency_id,
        fiscal_year,
        line_kind,
        budget_yuan,
        execution_yuan,
        prior_year_execution_yuan,
    from marts.fct_budget_vs_execution
),

agencies as (
    select
        agency_id,
        agency_name,
    from marts.dim_agencies
),

counted as (
    select
        lines.district_id,
        cast(lines.fiscal_year as varchar) as fiscal_year,
        lines.agency_id,
        coalesce(agencies.agency_name, lines.agency_id) as agency_name,
        lines.line_kind,
        count(*) as line_count,
        count(lines.budget_yuan) as budget_lines,
        count(case when lines.budget_yuan is not null and lines.execution_yuan is not null then 1 end)
            as same_year_pairs,
        count(lines.prior_year_execution_yuan) as estimated_execution_lines,
        count(case when lines.execution_yuan is not null and lines.budget_yuan is null then 1 end)
            as execution_only_lines,
        count(
            case
                when
                    lines.budget_yuan is not null
                    and lines.execution_yuan is null
                    and lines.prior_year_execution_yuan is null
                    then 1
            end
        ) as budget_only_lines,
    from lines
    left join agencies on lines.agency_id = agencies.agency_id
    group by all
)

select
    district_id,
    fiscal_year,
    agency_id,
    agency_name,
    line_kind,
    line_count,
    budget_lines,
    same_year_pairs,
    estimated_execution_lines,
    execution_only_lines,
    budget_only_lines,
from counted
order by district_id, fiscal_year, agency_name, line_kind
