-- One row per raw document. Casts are explicit so the view has the same types whether raw.documents was loaded by
-- `dbt seed` or by DuckDB's CSV reader.
with

source as (

    select * from {{ ref('documents') }}

),

renamed as (

    select
        cast(document_id as {{ text_type() }}) as document_id,
        cast(file_name as {{ text_type() }}) as file_name,
        cast(sha256 as {{ text_type() }}) as sha256,
        cast(doc_type as {{ text_type() }}) as doc_type,
        cast(title_raw as {{ text_type() }}) as title_raw,
        cast(title_line as integer) as title_line,
        cast(district_id as {{ text_type() }}) as district_id,
        cast(district_source as {{ text_type() }}) as district_source,
        cast(fiscal_year as integer) as fiscal_year,
        cast(agency_name as {{ text_type() }}) as agency_name,
        cast(agency_source as {{ text_type() }}) as agency_source,
        cast(line_count as integer) as line_count,
        cast(source_format as {{ text_type() }}) as source_format,
        cast(page_count as integer) as page_count

    from source

)

select * from renamed
