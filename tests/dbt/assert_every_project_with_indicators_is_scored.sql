-- The target-quality score exists for exactly the projects that have indicator rows.
with

indicators as (

    select * from {{ ref('fct_indicators') }}

),

scores as (

    select * from {{ ref('fct_project_scores') }}

    where score_kind = 'target_quality'

),

projects_with_indicators as (

    select distinct project_id from indicators

),

final as (

    select coalesce(projects_with_indicators.project_id, scores.project_id) as project_id
    from projects_with_indicators
    full outer join scores
        on projects_with_indicators.project_id = scores.project_id
    where projects_with_indicators.project_id is null or scores.project_id is null

)

select * from final
