-- Documents as the marts describe them. Columns are listed one by one so that nothing a mart may gain later
-- (and nothing personal) reaches the published parquet files unreviewed.
select
    document_id,
    file_name,
    doc_type,
    title_raw,
    district_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    agency_name,
    agency_id,
    line_count,
    source_url,
    published_on,
    project_count,
    indicator_count,
    line_item_count
from marts.dim_documents
