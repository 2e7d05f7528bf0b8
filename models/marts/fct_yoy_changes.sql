-- Year-over-year changes, one row per comparable line × year × basis:
-- - every change a document states (比2021年预算执行数减少94%), computed from the amounts and checked
--   (int_stated_changes_evaluated); the prior amount is the one the same document prints (prior_document_id null)
--   or derived from the statement;
-- - every line of an agency's document compared with the same line of its Y−1 document of the same kind
--   (int_prior_year_lines_compared; prior_document_id set). Where Y's narrative states that change, the row is
--   the statement's and statement_agrees checks it against the prior document's figure.
with

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }}

),

across_documents as (

    select * from {{ ref('int_prior_year_lines_compared') }}

),

narrative as (

    select * from {{ ref('int_narrative_items_matched') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

),

within_documents as (

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
        stated_changes.source_line,
        cast(null as {{ text_type() }}) as prior_document_id,
        cast(null as integer) as prior_source_line
    from stated_changes
    inner join narrative
        on stated_changes.line_item_id = narrative.line_item_id
    inner join documents
        on stated_changes.document_id = documents.document_id
    where stated_changes.line_item_id not in (
        select across_documents.statement_line_item_id from across_documents
        where across_documents.statement_line_item_id is not null
    )

),

between_documents as (

    select
        yoy_id,
        district_id,
        agency_id,
        line_name,
        subject_code,
        fiscal_year,
        amount_yuan,
        amount_raw,
        compare_fiscal_year,
        prior_amount_yuan,
        prior_amount_is_derived,
        basis,
        change_yuan,
        change_pct,
        stated_change_pct,
        stated_change_yuan,
        stated_direction,
        statement_agrees,
        document_id,
        source_line,
        prior_document_id,
        prior_source_line
    from across_documents

),

final as (

    select * from within_documents

    union all

    select * from between_documents

)

select * from final
