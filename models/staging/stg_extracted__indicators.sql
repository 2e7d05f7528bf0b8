-- One row per indicator row of a target table, labels as printed (mapping happens in intermediate).
with

source as (

    select * from {{ ref('indicators') }}

),

renamed as (

    select
        cast(indicator_id as {{ text_type() }}) as indicator_id,
        cast(project_id as {{ text_type() }}) as project_id,
        cast(document_id as {{ text_type() }}) as document_id,
        cast(source_line as integer) as source_line,
        cast(row_position as integer) as row_position,
        cast(level1_raw as {{ text_type() }}) as level1_raw,
        cast(level1_is_carried as boolean) as level1_is_carried,
        cast(level2_raw as {{ text_type() }}) as level2_raw,
        cast(level2_is_carried as boolean) as level2_is_carried,
        cast(indicator_name as {{ text_type() }}) as indicator_name,
        cast(target_raw as {{ text_type() }}) as target_raw,
        cast(remark_raw as {{ text_type() }}) as remark_raw

    from source

)

select * from renamed
