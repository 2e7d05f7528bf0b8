-- Each document with what its registry entry adds: the agency (agency_id), where and when it was published.
-- Ingest has already checked that the text agrees with the registry; the district and year are the document's.
with

documents as (

    select * from {{ ref('stg_extracted__documents') }}

),

registrations as (

    select * from {{ ref('stg_reference__document_registrations') }}

),

final as (

    select
        documents.document_id,
        documents.file_name,
        documents.sha256,
        documents.doc_type,
        documents.title_raw,
        documents.title_line,
        documents.district_id,
        documents.district_source,
        documents.fiscal_year,
        documents.agency_name,
        documents.agency_source,
        registrations.agency_id,
        registrations.source_url,
        registrations.published_on,
        documents.line_count
    from documents
    left join registrations
        on documents.sha256 = registrations.sha256

)

select * from final
