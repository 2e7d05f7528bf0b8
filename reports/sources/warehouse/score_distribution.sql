select
    district_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    score_kind,
    band,
    band_order,
    project_count,
    share
from marts.fct_score_distribution
