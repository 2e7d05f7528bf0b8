with

source as (

    select * from {{ ref('agencies') }}

),

renamed as (

    select
        cast(agency_id as {{ text_type() }}) as agency_id,
        cast(agency_name as {{ text_type() }}) as agency_name,
        cast(district_id as {{ text_type() }}) as district_id,
        cast(parent_agency_name as {{ text_type() }}) as parent_agency_name,
        cast(aliases as {{ text_type() }}) as agency_aliases

    from source

)

select * from renamed
