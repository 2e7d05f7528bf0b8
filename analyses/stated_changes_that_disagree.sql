-- Lines whose stated year-over-year change disagrees with the amounts the document prints, and the statements
-- that cannot be checked because the prior amount is not printed.
with

changes as (

    select * from {{ ref('fct_yoy_changes') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

final as (

    select
        documents.file_name,
        changes.source_line,
        changes.line_name,
        changes.basis,
        changes.prior_amount_yuan,
        changes.amount_yuan,
        changes.change_pct as computed_change_pct,
        changes.stated_change_pct,
        changes.stated_change_yuan,
        changes.stated_direction,
        case
            when changes.statement_agrees is null then 'cannot be checked (prior amount not printed)'
            else 'disagrees'
        end as finding,
        changes.yoy_id
    from changes
    inner join documents
        on changes.document_id = documents.document_id
    where changes.statement_agrees is distinct from true

)

select * from final
order by finding desc, file_name asc, source_line asc
