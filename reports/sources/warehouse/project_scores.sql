-- Project scores with the project's name and district joined here once per build, so that the scores page reads
-- one table and never re-joins it.
with

scores as (
    select
        project_id,
        district_id,
        fiscal_year,
        score_kind,
        score,
        grade,
        grade_scheme,
        document_id,
        source_line,
    from marts.fct_project_scores
),

projects as (
    select
        project_id,
        project_name,
    from marts.dim_projects
),

districts as (
    select
        district_id,
        district_name_zh,
    from marts.dim_districts
),

joined as (
    select
        scores.project_id,
        replace(scores.project_id, ':', '-') as project_slug,
        projects.project_name,
        scores.district_id,
        districts.district_name_zh,
        cast(scores.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        scores.score_kind,
        scores.score,
        scores.grade,
        scores.grade_scheme,
        scores.document_id,
        scores.source_line,
    from scores
    left join projects on scores.project_id = projects.project_id
    left join districts on scores.district_id = districts.district_id
)

select
    project_id,
    project_slug,
    project_name,
    district_id,
    district_name_zh,
    fiscal_year,
    score_kind,
    score,
    grade,
    grade_scheme,
    document_id,
    source_line,
from joined
order by score_kind, score, project_name, project_id
