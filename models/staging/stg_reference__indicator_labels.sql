-- The indicator framework: one row per printed label and the level it is used at.
with

source as (

    select * from {{ ref('indicator_framework') }}

),

renamed as (

    select
        cast(raw_label as {{ text_type() }}) as raw_label,
        cast(label_level as integer) as label_level,
        cast(level1 as {{ text_type() }}) as level1,
        cast(level1_code as {{ text_type() }}) as level1_code,
        cast(level2 as {{ text_type() }}) as level2,
        cast(level2_code as {{ text_type() }}) as level2_code,
        cast(note as {{ text_type() }}) as mapping_note

    from source

)

select * from renamed
