-- reporting.rpt_indicators (models/reporting/rpt_indicators.sql: its joins, labels and tests live there), only the
-- columns the pages read: `evidence sources` turns every cell into a JavaScript value before writing parquet, and at
-- ×1000 this source has 778,570 rows (10 of the run's 15 minutes, the run at 6.9 GB peak, with every column; 7
-- December, under load), so a column no page reads (raw level labels, level1_code, is_quantitative, is_blank) is
-- not shipped.
select
    indicator_id,
    project_id,
    project_slug,
    project_name,
    agency_id,
    agency_name,
    district_id,
    district_name_zh,
    fiscal_year,
    level1,
    level2,
    indicator_name,
    target_raw,
    target_operator,
    target_value,
    target_value_max,
    target_unit,
    target_kind,
    target_kind_label,
    target_is_approximate,
    document_id,
    source_line,
    document_name,
    cite_url,
    cite_label,
    cite_html,
    project_order
from reporting.rpt_indicators
order by project_order, source_line
