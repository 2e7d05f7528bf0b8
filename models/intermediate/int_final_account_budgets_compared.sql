-- The 年初预算 a 决算 prints for a line against the same line of the agency's budget document of that year (its
-- 部门预算 where it has one, else its 单位预算), where both are in the warehouse: one row per 决算 line.
with

final_account_lines as (

    select * from {{ ref('int_final_account_lines_paired') }}

),

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

budget_documents as (

    select * from {{ ref('int_budget_documents_selected') }}

),

budget_lines as (

    select
        budget_documents.agency_id,
        budget_documents.fiscal_year,
        line_items.document_id,
        {{ functional_line_key('line_items') }} as line_key,
        min(line_items.source_line) as source_line,
        min(line_items.amount_yuan) as amount_yuan,
        max({{ half_unit_yuan('line_items.amount_raw', 'line_items.source_unit', 'line_items.amount_yuan') }})
            as half_unit
    from line_items
    inner join budget_documents
        on line_items.document_id = budget_documents.document_id
    where
        {{ is_functional_line('line_items') }}
        and line_items.phase = 'budget'
    group by 1, 2, 3, 4

),

final as (

    select
        final_account_lines.document_id,
        final_account_lines.line_id,
        final_account_lines.line_kind,
        final_account_lines.line_name,
        final_account_lines.initial_budget_yuan,
        final_account_lines.initial_budget_half_unit,
        final_account_lines.initial_budget_source_line,
        budget_lines.document_id as budget_document_id,
        budget_lines.source_line as budget_source_line,
        budget_lines.amount_yuan as budget_document_yuan,
        budget_lines.half_unit as budget_document_half_unit
    from final_account_lines
    inner join budget_lines
        on
            final_account_lines.agency_id = budget_lines.agency_id
            and final_account_lines.fiscal_year = budget_lines.fiscal_year
            and case
                when final_account_lines.line_kind = 'unit_total' then 'total'
                else
                    coalesce(final_account_lines.class_code, '') || '-'
                    || coalesce(final_account_lines.kind_code, '') || '-'
                    || coalesce(final_account_lines.item_code, '')
            end = budget_lines.line_key
    where final_account_lines.initial_budget_yuan is not null

)

select * from final
