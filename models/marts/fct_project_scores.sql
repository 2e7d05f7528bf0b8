with

scores as (

    select * from {{ ref('int_project_scores_unioned') }}

),

final as (

    select
        score_id,
        project_id,
        district_id,
        fiscal_year,
        agency_id,
        score_kind,
        score,
        grade,
        grade_scheme,
        band,
        document_id,
        source_line
    from scores

)

select * from final
