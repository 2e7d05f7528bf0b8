-- One row per raw document. Casts are explicit so the view has the same types whether raw.documents was loaded by
-- `dbt seed` or by DuckDB's CSV reader.
with

source as (

    select * from {{ ref('documents') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(file_name as varchar) as file_name,
        cast(sha256 as varchar) as sha256,
        cast(doc_type as varchar) as doc_type,
        cast(title_raw as varchar) as title_raw,
        cast(title_line as integer) as title_line,
        cast(district_id as varchar) as district_id,
        cast(district_source as varchar) as district_source,
        cast(fiscal_year as integer) as fiscal_year,
        cast(agency_name as varchar) as agency_name,
        cast(agency_source as varchar) as agency_source,
        cast(line_count as integer) as line_count,
        cast(source_format as varchar) as source_format,
        cast(page_count as integer) as page_count

    from source

)

select * from renamed
