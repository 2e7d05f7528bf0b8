-- Pairs of documents that are checked against each other: an agency's document and its Y−1 document of the same
-- kind (year over year), and a 决算 and the budget document of the same agency and year. fct_consistency_checks
-- rebuilds a document's checks when a partner arrives, so an incremental build equals a full one.
with

across_documents as (

    select * from {{ ref('int_prior_year_lines_compared') }}

),

final_account_budgets as (

    select * from {{ ref('int_final_account_budgets_compared') }}

),

unioned as (

    select
        document_id,
        prior_document_id as partner_document_id
    from across_documents

    union

    select
        document_id,
        budget_document_id as partner_document_id
    from final_account_budgets

),

final as (

    select distinct
        document_id,
        partner_document_id
    from unioned

)

select * from final
