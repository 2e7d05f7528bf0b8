with

documents as (

    select * from {{ ref('int_documents_registered') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

document_kinds as (

    {{ vocabulary_rows(var('document_kinds'), ['doc_type', 'label_zh']) }}

),

projects as (

    select * from {{ ref('int_projects_attributed') }}

),

indicators as (

    select * from {{ ref('int_indicators_classified') }}

),

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

project_counts as (

    select
        document_id,
        count(*) as project_count
    from projects
    group by document_id

),

indicator_counts as (

    select
        document_id,
        count(*) as indicator_count
    from indicators
    group by document_id

),

line_item_counts as (

    select
        document_id,
        count(*) as line_item_count
    from line_items
    group by document_id

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
        documents.agency_id,
        documents.agency_id_source,
        documents.line_count,
        documents.source_format,
        documents.page_count,
        documents.source_url,
        documents.published_on,
        coalesce(agencies.agency_name, documents.agency_name)
        || ' ' || cast(documents.fiscal_year as {{ text_type() }})
        || ' ' || coalesce(document_kinds.label_zh, documents.title_raw, '') as document_name,
        cast(coalesce(project_counts.project_count, 0) as integer) as project_count,
        cast(coalesce(indicator_counts.indicator_count, 0) as integer) as indicator_count,
        cast(coalesce(line_item_counts.line_item_count, 0) as integer) as line_item_count
    from documents
    left join agencies
        on documents.agency_id = agencies.agency_id
    left join document_kinds
        on documents.doc_type = document_kinds.doc_type
    left join project_counts
        on documents.document_id = project_counts.document_id
    left join indicator_counts
        on documents.document_id = indicator_counts.document_id
    left join line_item_counts
        on documents.document_id = line_item_counts.document_id

)

select * from final
