-- Every line of a document converted from a PDF, in runs of consecutive lines, with the published PDF's address
-- for them: the reporting models that cite a line join the run holding it to link the PDF beside the line. Pages are
-- read from the line items (only a line that prints an amount records its page), and a converted text's pages only
-- go forward, so every line between two line items of the same page sits on that page too, and so does every line
-- before the first line item when it is on page 1 and every line after the last when it is on the last page: those
-- runs open the PDF at their page. A line in no such run (a heading between the last amount of one page and the
-- first of the next, a cover page before any amount, a document printing no amount) is one whose page the warehouse
-- does not know: its run opens the PDF as published, without a page, and says so.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

documents as (

    select * from {{ ref('rpt_documents') }}

),

item_pages as (

    select
        document_id,
        source_page,
        min(source_line) as first_item_line,
        max(source_line) as last_item_line
    from line_items
    where source_page is not null
    group by document_id, source_page

),

runs as (

    select
        item_pages.document_id,
        item_pages.source_page,
        case
            when item_pages.source_page = 1 then 1
            else item_pages.first_item_line
        end as first_line,
        case
            when item_pages.source_page = documents.page_count then documents.line_count
            else item_pages.last_item_line
        end as last_line,
        documents.pdf_url
    from item_pages
    inner join documents on item_pages.document_id = documents.document_id
    where documents.pdf_url is not null

),

ordered_runs as (

    select
        *,
        lag(last_line) over (partition by document_id order by first_line) as previous_last_line,
        lead(first_line) over (partition by document_id order by first_line) as next_first_line
    from runs

),

unknown_page_runs as (

    -- before the first run
    select
        ordered_runs.document_id,
        1 as first_line,
        ordered_runs.first_line - 1 as last_line,
        ordered_runs.pdf_url
    from ordered_runs
    where ordered_runs.previous_last_line is null and ordered_runs.first_line > 1

    union all

    -- between two runs
    select
        ordered_runs.document_id,
        ordered_runs.previous_last_line + 1 as first_line,
        ordered_runs.first_line - 1 as last_line,
        ordered_runs.pdf_url
    from ordered_runs
    where ordered_runs.first_line > ordered_runs.previous_last_line + 1

    union all

    -- after the last run
    select
        ordered_runs.document_id,
        ordered_runs.last_line + 1 as first_line,
        documents.line_count as last_line,
        ordered_runs.pdf_url
    from ordered_runs
    inner join documents on ordered_runs.document_id = documents.document_id
    where ordered_runs.next_first_line is null and ordered_runs.last_line < documents.line_count

    union all

    -- a document with no line item on any page
    select
        documents.document_id,
        1 as first_line,
        documents.line_count as last_line,
        documents.pdf_url
    from documents
    where
        documents.pdf_url is not null
        and documents.document_id not in (select runs.document_id from runs)

),

final as (

    select
        document_id,
        first_line,
        last_line,
        source_page,
        {{ pdf_page_url('pdf_url', 'source_page') }} as page_url,
        {{ pdf_page_label('source_page') }} as page_label
    from runs

    union all

    select
        document_id,
        first_line,
        last_line,
        null as source_page,
        pdf_url as page_url,
        'PDF 原件 Published PDF' as page_label
    from unknown_page_runs

)

select * from final
