-- Budget lines counted per district, year, agency and kind of line, by what the warehouse holds for them (budget,
-- same-year execution, last year's estimated execution, or only one side): the budget-vs-execution page's
-- per-district status and its summary of budget-only lines read these few thousand rows.
with

budget_lines as (

    select * from {{ ref('fct_budget_vs_execution') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

named as (

    select
        budget_lines.district_id,
        cast(budget_lines.fiscal_year as {{ text_type() }}) as fiscal_year,
        budget_lines.agency_id,
        coalesce(agencies.agency_name, budget_lines.agency_id) as agency_name,
        budget_lines.line_kind,
        {{ label_case('budget_lines.line_kind', 'line_kind', "'其他 Other'") }} as line_kind_label,
        budget_lines.budget_yuan,
        budget_lines.execution_yuan,
        budget_lines.prior_year_execution_yuan
    from budget_lines
    left join agencies on budget_lines.agency_id = agencies.agency_id

),

final as (

    select
        district_id,
        fiscal_year,
        agency_id,
        agency_name,
        line_kind,
        line_kind_label,
        count(*) as line_count,
        count(budget_yuan) as budget_lines,
        count(case when budget_yuan is not null and execution_yuan is not null then 1 end) as same_year_pairs,
        count(prior_year_execution_yuan) as estimated_execution_lines,
        count(case when execution_yuan is not null and budget_yuan is null then 1 end) as execution_only_lines,
        count(
            case
                when budget_yuan is not null and execution_yuan is null and prior_year_execution_yuan is null then 1
            end
        ) as budget_only_lines
    from named
    group by district_id, fiscal_year, agency_id, agency_name, line_kind, line_kind_label

)

select * from final
