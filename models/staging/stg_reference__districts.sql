with

source as (

    select * from {{ ref('districts') }}

),

renamed as (

    select
        cast(district_id as {{ text_type() }}) as district_id,
        cast(name_zh as {{ text_type() }}) as district_name_zh,
        cast(name_en as {{ text_type() }}) as district_name_en,
        cast(aliases as {{ text_type() }}) as district_aliases

    from source

)

select * from renamed
