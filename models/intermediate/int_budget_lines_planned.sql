-- The budget lines of each agency and year from its budget document: the 一般公共预算支出功能分类 table's 合计
-- column per 类/款/项 row and its 合计 row, of the agency's 部门预算 where it publishes one, else its 单位预算 (the
-- 部门预算 has the 部门决算's scope; a 单位预算 of the same year stays in line_items). A unit budget's narrative
-- compares this year's budget with last year's 执行数 (estimated before the year closed): that is
-- prior_year_execution_yuan (matched to the table through budget_subjects); for the unit total it is derived from
-- the stated change.
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

documents as (

    select * from {{ ref('int_documents_registered') }}

),

budget_documents as (

    select * from {{ ref('int_budget_documents_selected') }}

),

functional_rows as (

    select
        line_items.*,
        subjects.subject_name
    from line_items
    inner join budget_documents
        on line_items.document_id = budget_documents.document_id
    left join subjects
        on
            line_items.class_code = subjects.class_code
            and line_items.kind_code is not distinct from subjects.kind_code
            and line_items.item_code is not distinct from subjects.item_code
    where
        {{ is_functional_line('line_items') }}
        and line_items.phase = 'budget'

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

budget_lines as (

    select
        functional_rows.document_id || ':L' || cast(functional_rows.source_line as {{ text_type() }}) as line_id,
        functional_rows.document_id,
        functional_rows.fiscal_year,
        case when functional_rows.row_level = 'total' then 'unit_total' else 'functional_item' end as line_kind,
        case when functional_rows.row_level <> 'total' then functional_rows.row_level end as subject_level,
        functional_rows.class_code,
        functional_rows.kind_code,
        functional_rows.item_code,
        case
            -- the table's 合计 row, named after the table it totals
            when functional_rows.row_level = 'total'
                then '一般公共预算支出' || coalesce(functional_rows.item_name_raw, functional_rows.row_label_raw, '合计')
            else coalesce(functional_rows.subject_name, functional_rows.item_name_raw, functional_rows.row_label_raw)
        end as line_name,
        functional_rows.amount_yuan as budget_yuan,
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

budget_lines_keyed as (

    select
        budget_lines.*,
        documents.agency_id,
        budget_lines.line_kind || ':' || {{ functional_code_path('budget_lines') }} as line_key
    from budget_lines
    inner join documents
        on budget_lines.document_id = documents.document_id

)

select * from budget_lines_keyed
