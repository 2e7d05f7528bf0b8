select
    project_id,
    replace(project_id, ':', '-') as project_slug,
    district_id,
    fiscal_year,
    score_kind,
    score,
    grade,
    grade_scheme,
    document_id,
    source_line
from marts.fct_project_scores
