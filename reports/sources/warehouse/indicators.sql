select
    indicator_id,
    project_id,
    replace(project_id, ':', '-') as project_slug,
    district_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    level1,
    level1_code,
    level1_raw,
    level2,
    level2_raw,
    indicator_name,
    target_raw,
    target_operator,
    target_value,
    target_value_max,
    target_unit,
    target_kind,
    target_is_approximate,
    is_quantitative,
    is_blank,
    document_id,
    source_line
from marts.fct_indicators
