-- The budget lines of the functional classification, one per agency, year and code path (or the unit total): the
-- 决算's line (int_final_account_lines_paired) where the agency's 决算 of the year prints it, with the budget
-- document's figures beside it (plan_budget_yuan, plan_document_id, its prior-year execution); else the budget
-- document's line (int_budget_lines_planned). fct_budget_vs_execution adds the projects and the rates.
with

budget_lines_keyed as (

    select * from {{ ref('int_budget_lines_planned') }}

),

final_account_lines as (

    select * from {{ ref('int_final_account_lines_paired') }}

),

final_lines_keyed as (

    select
        *,
        line_kind || ':' || {{ functional_code_path() }} as line_key
    from final_account_lines

),

-- one line per agency, year and code path: the 决算's where it exists, with the budget document's figures beside
functional_lines as (

    select
        coalesce(final_lines_keyed.line_id, budget_lines_keyed.line_id) as line_id,
        coalesce(final_lines_keyed.document_id, budget_lines_keyed.document_id) as document_id,
        coalesce(final_lines_keyed.agency_id, budget_lines_keyed.agency_id) as agency_id,
        coalesce(final_lines_keyed.fiscal_year, budget_lines_keyed.fiscal_year) as fiscal_year,
        coalesce(final_lines_keyed.line_kind, budget_lines_keyed.line_kind) as line_kind,
        coalesce(final_lines_keyed.subject_level, budget_lines_keyed.subject_level) as subject_level,
        coalesce(final_lines_keyed.class_code, budget_lines_keyed.class_code) as class_code,
        coalesce(final_lines_keyed.kind_code, budget_lines_keyed.kind_code) as kind_code,
        coalesce(final_lines_keyed.item_code, budget_lines_keyed.item_code) as item_code,
        case
            when final_lines_keyed.line_id is null then budget_lines_keyed.line_name
            when final_lines_keyed.line_kind = 'unit_total' then final_lines_keyed.line_name
            else coalesce(budget_lines_keyed.line_name, final_lines_keyed.line_name)
        end as line_name,
        cast(null as {{ text_type() }}) as project_id,
        case
            when final_lines_keyed.line_id is not null then final_lines_keyed.budget_yuan
            else budget_lines_keyed.budget_yuan
        end as budget_yuan,
        case
            when final_lines_keyed.line_id is not null then final_lines_keyed.budget_phase
            when budget_lines_keyed.budget_yuan is not null then 'budget'
        end as budget_phase,
        final_lines_keyed.execution_yuan,
        budget_lines_keyed.prior_year_execution_yuan,
        budget_lines_keyed.prior_year_execution_is_derived,
        final_lines_keyed.stated_rate_pct,
        final_lines_keyed.stated_reason_raw,
        case
            when final_lines_keyed.line_id is not null then final_lines_keyed.budget_source_line
            else budget_lines_keyed.budget_source_line
        end as budget_source_line,
        case
            when final_lines_keyed.line_id is not null then final_lines_keyed.execution_source_line
            else budget_lines_keyed.execution_source_line
        end as execution_source_line,
        case
            when final_lines_keyed.line_id is not null then final_lines_keyed.document_id
            when budget_lines_keyed.prior_year_execution_yuan is not null then budget_lines_keyed.document_id
        end as execution_document_id,
        budget_lines_keyed.document_id as plan_document_id,
        budget_lines_keyed.budget_yuan as plan_budget_yuan
    from final_lines_keyed
    full outer join budget_lines_keyed
        on
            final_lines_keyed.agency_id = budget_lines_keyed.agency_id
            and final_lines_keyed.fiscal_year = budget_lines_keyed.fiscal_year
            and final_lines_keyed.line_key = budget_lines_keyed.line_key

)

select * from functional_lines
