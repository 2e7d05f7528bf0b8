-- Both score kinds per project, each with its own scheme and band: published evaluation scores (the document's
-- grade kept as printed) and the warehouse's target-quality score (int_projects_scored). They share this table
-- only to be published side by side; they are never averaged or charted as one.
{%- set bands = var('score_bands') %}

with

evaluations as (

    select * from {{ ref('stg_extracted__evaluations') }}

),

target_quality as (

    select * from {{ ref('int_projects_scored') }}

),

projects as (

    select * from {{ ref('int_projects_attributed') }}

),

scores as (

    select
        project_id,
        'published_evaluation' as score_kind,
        score,
        grade_raw as grade,
        grade_scheme,
        document_id,
        source_line
    from evaluations

    union all

    select
        target_quality.project_id,
        'target_quality' as score_kind,
        target_quality.score,
        target_quality.grade,
        target_quality.grade_scheme,
        target_quality.document_id,
        projects.source_line
    from target_quality
    inner join projects
        on target_quality.project_id = projects.project_id

),

final as (

    select
        scores.project_id || ':' || scores.score_kind as score_id,
        scores.project_id,
        projects.district_id,
        projects.fiscal_year,
        projects.agency_id,
        scores.score_kind,
        scores.score,
        scores.grade,
        scores.grade_scheme,
        case
            {%- for kind, kind_bands in bands.items() %}
                {%- for floor, label in kind_bands %}
                    when scores.score_kind = '{{ kind }}' and scores.score >= {{ floor }} then '{{ label }}'
                {%- endfor %}
            {%- endfor %}
        end as band,
        case
            {%- for kind, kind_bands in bands.items() %}
                {%- for floor, label in kind_bands %}
                    when scores.score_kind = '{{ kind }}' and scores.score >= {{ floor }} then {{ loop.index }}
                {%- endfor %}
            {%- endfor %}
        end as band_order,
        scores.document_id,
        scores.source_line
    from scores
    inner join projects
        on scores.project_id = projects.project_id

)

select * from final
