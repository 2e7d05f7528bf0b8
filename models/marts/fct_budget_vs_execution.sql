-- Budget against execution, one row per agency × budget line × fiscal year. Lines: the 一般公共预算支出功能分类
-- table (functional_item per 类/款/项 row, unit_total for its 合计 row), each project form (its annual request
-- 年度资金申请总额, never the multi-year total) and each evaluated project (its 决算). A unit budget's narrative
-- compares this year's budget with last year's 执行数 (estimated before the year closed): that is
-- prior_year_execution_yuan (matched to the table through budget_subjects), with execution_phase
-- estimated_execution; for the unit total it is derived from the stated change. Missing is null, never 0.
{%- set unit_total = var('narrative_vocabulary')['unit_total'] %}

with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

subjects as (

    select * from {{ ref('stg_reference__budget_subjects') }}

    where classification = 'functional'

),

narrative as (

    select * from {{ ref('int_narrative_items_matched') }}

),

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }}

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

functional_rows as (

    select
        line_items.*,
        subjects.subject_name
    from line_items
    left join subjects
        on
            line_items.class_code = subjects.class_code
            and line_items.kind_code is not distinct from subjects.kind_code
            and line_items.item_code is not distinct from subjects.item_code
    where line_items.table_name = 'general_budget_functional' and line_items.measure = 'total'

),

prior_executions as (

    select
        *,
        row_number() over (
            partition by document_id, subject_code, fiscal_year order by source_line, cell_index
        ) as position_in_document
    from narrative
    where phase = 'execution' and subject_code is not null and amount_yuan is not null

),

unit_total_priors as (

    select * from stated_changes
    where item_name_raw like '%{{ unit_total }}' and basis = 'prior_execution'

),

functional_lines as (

    select
        functional_rows.document_id || ':L' || cast(functional_rows.source_line as varchar) as line_id,
        functional_rows.document_id,
        functional_rows.fiscal_year,
        case when functional_rows.row_level = 'total' then 'unit_total' else 'functional_item' end as line_kind,
        case when functional_rows.row_level <> 'total' then functional_rows.row_level end as subject_level,
        functional_rows.class_code,
        functional_rows.kind_code,
        functional_rows.item_code,
        case
            -- the table's 合计 row, named after the table it totals
            when functional_rows.row_level = 'total' then '一般公共预算支出' || functional_rows.item_name_raw
            else coalesce(functional_rows.subject_name, functional_rows.item_name_raw)
        end as line_name,
        cast(null as varchar) as project_id,
        functional_rows.amount_yuan as budget_yuan,
        cast(null as decimal(18, 2)) as execution_yuan,
        coalesce(prior_executions.amount_yuan, unit_total_priors.prior_amount_yuan) as prior_year_execution_yuan,
        case
            when prior_executions.amount_yuan is not null then false
            when unit_total_priors.prior_amount_yuan is not null then unit_total_priors.prior_amount_is_derived
        end as prior_year_execution_is_derived,
        functional_rows.source_line as budget_source_line,
        coalesce(prior_executions.source_line, unit_total_priors.source_line) as execution_source_line
    from functional_rows
    left join prior_executions
        on
            functional_rows.document_id = prior_executions.document_id
            and functional_rows.class_code = prior_executions.class_code
            and functional_rows.kind_code is not distinct from prior_executions.kind_code
            and functional_rows.item_code is not distinct from prior_executions.item_code
            and functional_rows.fiscal_year - 1 = prior_executions.fiscal_year
            and prior_executions.position_in_document = 1
    left join unit_total_priors
        on
            functional_rows.row_level = 'total'
            and functional_rows.document_id = unit_total_priors.document_id
            and functional_rows.fiscal_year = unit_total_priors.fiscal_year

),

project_lines as (

    select
        projects.project_id as line_id,
        projects.document_id,
        projects.fiscal_year,
        'project' as line_kind,
        cast(null as varchar) as subject_level,
        cast(null as varchar) as class_code,
        cast(null as varchar) as kind_code,
        cast(null as varchar) as item_code,
        projects.project_name as line_name,
        projects.project_id,
        projects.annual_funds_yuan as budget_yuan,
        evaluations.final_amount_yuan as execution_yuan,
        cast(null as decimal(18, 2)) as prior_year_execution_yuan,
        cast(null as boolean) as prior_year_execution_is_derived,
        case when projects.annual_funds_yuan is not null then projects.source_line end as budget_source_line,
        evaluations.final_amount_line as execution_source_line
    from projects
    left join evaluations
        on projects.project_id = evaluations.project_id

),

unioned as (

    select * from functional_lines

    union all

    select * from project_lines

),

final as (

    select
        unioned.line_id,
        documents.district_id,
        coalesce(projects.agency_id, documents.agency_id) as agency_id,
        unioned.fiscal_year,
        unioned.line_kind,
        unioned.subject_level,
        unioned.class_code,
        unioned.kind_code,
        unioned.item_code,
        unioned.line_name,
        unioned.project_id,
        unioned.budget_yuan,
        unioned.execution_yuan,
        case
            when unioned.execution_yuan is not null then 'final_account'
            when unioned.prior_year_execution_yuan is not null then 'estimated_execution'
        end as execution_phase,
        unioned.prior_year_execution_yuan,
        unioned.prior_year_execution_is_derived,
        cast(
            case
                when unioned.budget_yuan <> 0 then unioned.execution_yuan / unioned.budget_yuan
            end as decimal(12, 6)
        ) as execution_rate,
        cast(
            round(
                case
                    when unioned.prior_year_execution_yuan <> 0
                        then
                            cast(unioned.budget_yuan - unioned.prior_year_execution_yuan as double)
                            / cast(unioned.prior_year_execution_yuan as double) * 100
                end,
                2
            ) as decimal(9, 2)
        ) as change_vs_prior_execution_pct,
        unioned.document_id,
        unioned.budget_source_line,
        unioned.execution_source_line
    from unioned
    inner join documents
        on unioned.document_id = documents.document_id
    left join projects
        on unioned.project_id = projects.project_id

)

select * from final
