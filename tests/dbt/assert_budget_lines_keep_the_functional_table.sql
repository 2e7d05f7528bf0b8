-- Every 合计-column cell of the 一般公共预算支出功能分类 table is one budget line of fct_budget_vs_execution with
-- the same amount, and every project form's annual request is one project line: the canonical budget is kept whole.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

projects as (

    select * from {{ ref('stg_extracted__projects') }}

),

budget_lines as (

    select * from {{ ref('fct_budget_vs_execution') }}

),

expected as (

    select
        document_id || ':L' || cast(source_line as {{ text_type() }}) as line_id,
        amount_yuan as budget_yuan
    from line_items
    where table_name = 'general_budget_functional' and measure = 'total'

    union all

    select
        project_id as line_id,
        annual_funds_yuan as budget_yuan
    from projects
    where form_kind = 'target_form'

),

final as (

    select
        expected.line_id,
        expected.budget_yuan as expected_budget_yuan,
        budget_lines.budget_yuan
    from expected
    left join budget_lines
        on expected.line_id = budget_lines.line_id
    where budget_lines.line_id is null or expected.budget_yuan is distinct from budget_lines.budget_yuan

)

select * from final
