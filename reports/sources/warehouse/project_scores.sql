select
    project_id,
    replace(project_id, ':', '-') as project_slug,
    district_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    score_kind,
    score,
    grade,
    grade_scheme,
    document_id,
    source_line
from marts.fct_project_scores
