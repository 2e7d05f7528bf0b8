-- Year-over-year changes a document states, one row per stated figure (comparable line × year × basis), with the
-- change computed from the amounts and whether the statement agrees (see int_stated_changes_evaluated).
with

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }}

),

narrative as (

    select * from {{ ref('int_narrative_items_matched') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

),

final as (

    select
        stated_changes.line_item_id as yoy_id,
        documents.district_id,
        documents.agency_id,
        coalesce(narrative.subject_name, stated_changes.item_name_raw) as line_name,
        narrative.subject_code,
        stated_changes.fiscal_year,
        stated_changes.amount_yuan,
        stated_changes.amount_raw,
        stated_changes.compare_fiscal_year,
        stated_changes.prior_amount_yuan,
        stated_changes.prior_amount_is_derived,
        stated_changes.basis,
        stated_changes.change_yuan,
        cast(round(stated_changes.change_pct, 2) as decimal(9, 2)) as change_pct,
        stated_changes.stated_change_pct,
        stated_changes.stated_change_yuan,
        stated_changes.stated_direction,
        stated_changes.statement_agrees,
        stated_changes.document_id,
        stated_changes.source_line
    from stated_changes
    inner join narrative
        on stated_changes.line_item_id = narrative.line_item_id
    inner join documents
        on stated_changes.document_id = documents.document_id

)

select * from final
