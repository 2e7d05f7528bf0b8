with

source as (

    select * from {{ ref('agencies') }}

),

renamed as (

    select
        cast(agency_id as varchar) as agency_id,
        cast(agency_name as varchar) as agency_name,
        cast(district_id as varchar) as district_id,
        cast(parent_agency_name as varchar) as parent_agency_name,
        cast(aliases as varchar) as agency_aliases

    from source

)

select * from renamed
