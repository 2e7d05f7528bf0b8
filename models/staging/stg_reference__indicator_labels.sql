-- The indicator framework: one row per printed label and the level it is used at.
with

source as (

    select * from {{ ref('indicator_framework') }}

),

renamed as (

    select
        cast(raw_label as varchar) as raw_label,
        cast(label_level as integer) as label_level,
        cast(level1 as varchar) as level1,
        cast(level1_code as varchar) as level1_code,
        cast(level2 as varchar) as level2,
        cast(level2_code as varchar) as level2_code,
        cast(note as varchar) as mapping_note

    from source

)

select * from renamed
