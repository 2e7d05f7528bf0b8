select
    district_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    score_kind,
    project_count,
    mean_score,
    min_score,
    p25_score,
    median_score,
    p75_score,
    max_score
from marts.fct_score_summary
