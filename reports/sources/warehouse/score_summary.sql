select
    district_id,
    fiscal_year,
    score_kind,
    project_count,
    mean_score,
    min_score,
    p25_score,
    median_score,
    p75_score,
    max_score
from marts.fct_score_summary
