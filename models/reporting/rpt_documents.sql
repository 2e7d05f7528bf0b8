-- Documents as the marts describe them, with the address each is published at on this site (budgetwh pages writes
-- /documents/<document_id>/: the masked text with one anchor per line, and a PDF beside it as published) and the
-- names a person reads. Columns are named one by one, so that nothing a mart may gain later (and nothing
-- personal) reaches the published pages unreviewed.
with

documents as (

    select * from {{ ref('dim_documents') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

final as (

    select
        documents.document_id,
        documents.file_name,
        documents.doc_type,
        {{ label_case('documents.doc_type', 'doc_type', "'其他文件 Other document'") }} as doc_type_label,
        documents.title_raw,
        documents.district_id,
        districts.district_name_zh,
        -- a label on the pages (a number would print as 2,024)
        cast(documents.fiscal_year as {{ text_type() }}) as fiscal_year,
        documents.agency_name,
        documents.agency_id,
        documents.document_name,
        '/documents/' || documents.document_id || '/' as document_url,
        case
            when {{ is_pdf('documents') }}
                then '/documents/' || documents.document_id || '/' || documents.file_name
        end as pdf_url,
        case when {{ is_pdf('documents') }} then 'PDF' else '文本 Text' end as source_format_label,
        documents.page_count,
        documents.line_count,
        documents.source_url,
        documents.published_on,
        documents.project_count,
        documents.indicator_count,
        documents.line_item_count
    from documents
    left join districts on documents.district_id = districts.district_id

)

select * from final
