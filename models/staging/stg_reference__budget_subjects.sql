with

source as (

    select * from {{ ref('budget_subjects') }}

),

renamed as (

    select
        cast(classification as {{ text_type() }}) as classification,
        cast(subject_code as {{ text_type() }}) as subject_code,
        cast(class_code as {{ text_type() }}) as class_code,
        cast(kind_code as {{ text_type() }}) as kind_code,
        cast(item_code as {{ text_type() }}) as item_code,
        cast(subject_level as {{ text_type() }}) as subject_level,
        cast(name as {{ text_type() }}) as subject_name,
        cast(aliases as {{ text_type() }}) as subject_aliases

    from source

)

select * from renamed
