-- The budget document that is an agency's budget line for a year: its 部门预算 where it publishes one (the 部门预算
-- has the 部门决算's scope), else its 单位预算. The one home of that rule (contract: money is never counted twice).
with

documents as (

    select * from {{ ref('int_documents_registered') }}

),

ranked as (

    select
        document_id,
        agency_id,
        fiscal_year,
        row_number() over (
            partition by agency_id, fiscal_year
            order by case doc_type when 'department_budget' then 1 else 2 end, document_id
        ) as preference
    from documents
    where doc_type in ('department_budget', 'unit_budget')

),

final as (

    select
        document_id,
        agency_id,
        fiscal_year
    from ranked
    where preference = 1

)

select * from final
