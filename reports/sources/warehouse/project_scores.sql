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

documents as (
    select
        d.document_id,
        d.document_name,
    from marts.dim_documents as d
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
        '/projects/' || replace(scores.project_id, ':', '-') || '/' as project_url,
        scores.district_id,
        districts.district_name_zh,
        cast(scores.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        scores.score_kind,
        case scores.score_kind
            when 'published_evaluation' then '公布的绩效评价得分 Published evaluation'
            when 'target_quality' then '目标质量分（本站计算）Target quality (computed here)'
        end as score_kind_label,
        scores.score,
        scores.grade,
        case scores.grade
            -- the computed score's own grades, never 优/良/中/差 (those are the publisher's)
            when 'strong' then '较完整 strong'
            when 'adequate' then '基本完整 adequate'
            when 'weak' then '较弱 weak'
            when 'poor' then '欠缺 poor'
            else scores.grade
        end as grade_label,
        scores.grade_scheme,
        case scores.grade_scheme
            when 'published_unstated' then '文件未说明分档 Bands not stated'
            when 'target_quality_v1' then '目标质量评分规则第 1 版 Target-quality rubric v1'
            else replace(scores.grade_scheme, '_', ' ')
        end as grade_scheme_label,
        scores.document_id,
        scores.source_line,
        documents.document_name,
        '/documents/' || scores.document_id || '/#L' || scores.source_line as cite_url,
        '第 ' || scores.source_line || ' 行' as cite_label,
    from scores
    left join projects on scores.project_id = projects.project_id
    left join districts on scores.district_id = districts.district_id
    left join documents on scores.document_id = documents.document_id
)

select
    project_id,
    project_slug,
    project_name,
    project_url,
    district_id,
    district_name_zh,
    fiscal_year,
    score_kind,
    score_kind_label,
    score,
    grade,
    grade_label,
    grade_scheme,
    grade_scheme_label,
    document_id,
    source_line,
    document_name,
    cite_url,
    cite_label,
from joined
order by score_kind, score, project_name, project_id
