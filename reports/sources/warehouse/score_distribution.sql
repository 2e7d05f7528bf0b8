select
    district_id,
    fiscal_year,
    score_kind,
    band,
    band_order,
    project_count,
    share
from marts.fct_score_distribution
