-- Published evaluation scores are the documents' own: one row per evaluation, same score and grade as printed.
with

evaluations as (

    select * from {{ ref('stg_extracted__evaluations') }}

),

scores as (

    select * from {{ ref('fct_project_scores') }}

    where score_kind = 'published_evaluation'

),

final as (

    select
        coalesce(evaluations.project_id, scores.project_id) as project_id,
        evaluations.score as printed_score,
        scores.score as published_score
    from evaluations
    full outer join scores
        on evaluations.project_id = scores.project_id
    where
        evaluations.project_id is null
        or scores.project_id is null
        or evaluations.score <> scores.score
        or evaluations.grade_raw is distinct from scores.grade
        or evaluations.grade_scheme <> scores.grade_scheme

)

select * from final
