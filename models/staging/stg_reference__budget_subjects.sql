with

source as (

    select * from {{ ref('budget_subjects') }}

),

renamed as (

    select
        cast(classification as varchar) as classification,
        cast(subject_code as varchar) as subject_code,
        cast(class_code as varchar) as class_code,
        cast(kind_code as varchar) as kind_code,
        cast(item_code as varchar) as item_code,
        cast(subject_level as varchar) as subject_level,
        cast(name as varchar) as subject_name,
        cast(aliases as varchar) as subject_aliases

    from source

)

select * from renamed
