with

districts as (

    select * from {{ ref('stg_reference__districts') }}

),

final as (

    select
        district_id,
        district_name_zh,
        district_name_en
    from districts

)

select * from final
