with

source as (

    select * from {{ ref('districts') }}

),

renamed as (

    select
        cast(district_id as varchar) as district_id,
        cast(name_zh as varchar) as district_name_zh,
        cast(name_en as varchar) as district_name_en,
        cast(aliases as varchar) as district_aliases

    from source

)

select * from renamed
