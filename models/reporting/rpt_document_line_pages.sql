-- The page each printed line of a document converted from a PDF sits on, read from the line items (the marts cite
-- lines, not pages): the reporting models that cite a line join this to link the published PDF at that page beside
-- the line. Only lines that print an amount have a line item, so a cited heading or note has no page here (its
-- text line still opens, and the document's text shows the page it is on).
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

documents as (

    select * from {{ ref('rpt_documents') }}

),

line_pages as (

    select
        document_id,
        source_line,
        -- a line sits on one page; min() keeps one row per line should two cells ever disagree
        min(source_page) as source_page
    from line_items
    where source_page is not null
    group by document_id, source_line

),

final as (

    select
        line_pages.document_id,
        line_pages.source_line,
        line_pages.source_page,
        {{ pdf_page_url('documents.pdf_url', 'line_pages.source_page') }} as page_url,
        {{ pdf_page_label('line_pages.source_page') }} as page_label
    from line_pages
    inner join documents on line_pages.document_id = documents.document_id
    where documents.pdf_url is not null

)

select * from final
