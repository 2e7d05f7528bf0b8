with

agencies as (

    select * from {{ ref('stg_reference__agencies') }}

),

final as (

    select
        agency_id,
        agency_name,
        district_id,
        parent_agency_name
    from agencies

)

select * from final
