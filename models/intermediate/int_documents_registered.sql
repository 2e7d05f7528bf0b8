-- Each document with its agency and what its registry entry adds (where and when it was published). A document
-- identifies itself (district, year and agency come from its own title lines); the registry and the reference
-- agencies are optional overrides. agency_id, in order: the registry's row for the document's sha256; a reviewed
-- agency whose aliases include the printed name (same district); else an id generated from the printed name
-- (generated_agency_id), stable across documents and years, so a new agency needs no hand-written row.
with

documents as (

    select * from {{ ref('stg_extracted__documents') }}

),

registrations as (

    select * from {{ ref('stg_reference__document_registrations') }}

),

agency_aliases as (

    select * from {{ ref('int_agency_aliases_unnested') }}

),

alias_matches as (

    select
        documents.document_id,
        min(agency_aliases.agency_id) as agency_id
    from documents
    inner join agency_aliases
        on
            {{ normalised_agency_name('documents.agency_name') }} = agency_aliases.normalised_alias
            and documents.district_id = agency_aliases.district_id
    group by documents.document_id

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
        coalesce(
            registrations.agency_id,
            alias_matches.agency_id,
            {{ generated_agency_id('documents.district_id', 'documents.agency_name') }}
        ) as agency_id,
        case
            when registrations.agency_id is not null then 'registry'
            when alias_matches.agency_id is not null then 'alias'
            else 'generated'
        end as agency_id_source,
        registrations.source_url,
        registrations.published_on,
        documents.line_count,
        documents.source_format,
        documents.page_count
    from documents
    left join registrations
        on documents.sha256 = registrations.sha256
    left join alias_matches
        on documents.document_id = alias_matches.document_id

)

select * from final
