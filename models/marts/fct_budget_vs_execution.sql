-- Budget against execution, one row per agency × budget line × fiscal year. Lines:
-- - the 一般公共预算支出功能分类 table of the agency's budget document of the year (functional_item per 类/款/项 row,
--   unit_total for its 合计 row). Where an agency publishes both a 部门预算 and a 单位预算 for a year, the 部门预算 is
--   its budget line (it has the 部门决算's scope); the 单位预算 stays in line_items and is checked against it.
--   A unit budget's narrative compares this year's budget with last year's 执行数 (estimated before the year
--   closed): that is prior_year_execution_yuan (matched to the table through budget_subjects), with execution_phase
--   estimated_execution; for the unit total it is derived from the stated change;
-- - the 决算 of the same agency and year (int_final_account_lines_paired): budget_yuan is the 年初预算 (or 全年预算) the
--   final accounts print, execution_yuan the 决算数, execution_phase final_account, execution_document_id the 决算.
--   Where the budget document of that year is present too, the two are one line (the 决算's), keeping the budget
--   document's figure (plan_budget_yuan, plan_document_id) and its prior-year execution;
-- - each project form (its annual request 年度资金申请总额, never the multi-year total) and each evaluated project
--   (its 决算).
-- rate_statement_agrees applies the contract's agreement rule to a printed completion rate (null where the rate
-- cannot be computed: a budget of 0); rate_is_truncated marks a rate the publisher truncated instead of rounding.
-- Missing is null, never 0. The functional lines, 决算 and budget document joined: int_functional_lines_joined.

with

functional_lines as (

    select * from {{ ref('int_functional_lines_joined') }}

),

projects as (

    select * from {{ ref('int_projects_attributed') }}

),

evaluations as (

    select * from {{ ref('stg_extracted__evaluations') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

),

project_lines as (

    select
        projects.project_id as line_id,
        projects.document_id,
        projects.agency_id,
        projects.fiscal_year,
        'project' as line_kind,
        cast(null as {{ text_type() }}) as subject_level,
        cast(null as {{ text_type() }}) as class_code,
        cast(null as {{ text_type() }}) as kind_code,
        cast(null as {{ text_type() }}) as item_code,
        projects.project_name as line_name,
        projects.project_id,
        projects.annual_funds_yuan as budget_yuan,
        case when projects.annual_funds_yuan is not null then 'budget' end as budget_phase,
        evaluations.final_amount_yuan as execution_yuan,
        cast(null as decimal(18, 2)) as prior_year_execution_yuan,
        cast(null as boolean) as prior_year_execution_is_derived,
        cast(null as decimal(9, 2)) as stated_rate_pct,
        cast(null as {{ text_type() }}) as stated_reason_raw,
        case when projects.annual_funds_yuan is not null then projects.source_line end as budget_source_line,
        evaluations.final_amount_line as execution_source_line,
        case when evaluations.final_amount_yuan is not null then evaluations.document_id end
            as execution_document_id,
        cast(null as {{ text_type() }}) as plan_document_id,
        cast(null as decimal(18, 2)) as plan_budget_yuan
    from projects
    left join evaluations
        on projects.project_id = evaluations.project_id

),

unioned as (

    select * from functional_lines

    union all

    select * from project_lines

),

rated as (

    select
        unioned.*,
        case
            when unioned.budget_yuan <> 0
                then cast(unioned.execution_yuan as double) / cast(unioned.budget_yuan as double)
        end as exact_rate,
        case
            when unioned.stated_rate_pct is null then null
            when unioned.stated_rate_pct = round(unioned.stated_rate_pct, 0) then 0
            when unioned.stated_rate_pct = round(unioned.stated_rate_pct, 1) then 1
            else 2
        end as stated_rate_decimals
    from unioned

),

final as (

    select
        rated.line_id,
        documents.district_id,
        rated.agency_id,
        rated.fiscal_year,
        rated.line_kind,
        rated.subject_level,
        rated.class_code,
        rated.kind_code,
        rated.item_code,
        rated.line_name,
        rated.project_id,
        rated.budget_yuan,
        rated.budget_phase,
        rated.execution_yuan,
        case
            when rated.execution_yuan is not null then 'final_account'
            when rated.prior_year_execution_yuan is not null then 'estimated_execution'
        end as execution_phase,
        rated.prior_year_execution_yuan,
        rated.prior_year_execution_is_derived,
        cast(rated.exact_rate as decimal(12, 6)) as execution_rate,
        cast(
            round(
                case
                    when rated.prior_year_execution_yuan <> 0
                        then
                            cast(rated.budget_yuan - rated.prior_year_execution_yuan as double)
                            / cast(rated.prior_year_execution_yuan as double) * 100
                end,
                2
            ) as decimal(9, 2)
        ) as change_vs_prior_execution_pct,
        rated.stated_rate_pct,
        case
            when rated.stated_rate_pct is null or rated.exact_rate is null then null
            else {{ round_half_up('rated.exact_rate * 100', 'rated.stated_rate_decimals') }} = rated.stated_rate_pct
        end as rate_statement_agrees,
        case
            when rated.stated_rate_pct is null or rated.exact_rate is null then null
            else
                {{ round_half_up('rated.exact_rate * 100', 'rated.stated_rate_decimals') }} <> rated.stated_rate_pct
                and floor(rated.exact_rate * 100 * power(10, rated.stated_rate_decimals))
                / power(10, rated.stated_rate_decimals) = rated.stated_rate_pct
        end as rate_is_truncated,
        rated.stated_reason_raw,
        rated.document_id,
        rated.budget_source_line,
        rated.execution_source_line,
        rated.execution_document_id,
        rated.plan_document_id,
        rated.plan_budget_yuan
    from rated
    inner join documents
        on rated.document_id = documents.document_id

)

select * from final
