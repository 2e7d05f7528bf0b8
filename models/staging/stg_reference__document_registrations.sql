-- What a person stated when adding each document, keyed by the text's sha256.
with

source as (

    select * from {{ ref('document_registry') }}

),

renamed as (

    select
        cast(sha256 as {{ text_type() }}) as sha256,
        cast(district_id as {{ text_type() }}) as district_id,
        cast(fiscal_year as integer) as fiscal_year,
        cast(agency_id as {{ text_type() }}) as agency_id,
        cast(source_url as {{ text_type() }}) as source_url,
        cast(published_on as date) as published_on,
        cast(description as {{ text_type() }}) as registration_note

    from source

)

select * from renamed
