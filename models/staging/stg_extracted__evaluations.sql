-- One row per published evaluation result.
with

source as (

    select * from {{ ref('evaluations') }}

),

renamed as (

    select
        cast(evaluation_id as {{ text_type() }}) as evaluation_id,
        cast(project_id as {{ text_type() }}) as project_id,
        cast(document_id as {{ text_type() }}) as document_id,
        cast(source_line as integer) as source_line,
        cast(project_name as {{ text_type() }}) as project_name,
        cast(final_amount_yuan as decimal(18, 2)) as final_amount_yuan,
        cast(final_amount_raw as {{ text_type() }}) as final_amount_raw,
        cast(final_amount_line as integer) as final_amount_line,
        cast(score as decimal(5, 2)) as score,
        cast(score_raw as {{ text_type() }}) as score_raw,
        cast(grade_raw as {{ text_type() }}) as grade_raw,
        cast(grade_scheme as {{ text_type() }}) as grade_scheme,
        cast(conclusion_raw as {{ text_type() }}) as conclusion_raw

    from source

)

select * from renamed
