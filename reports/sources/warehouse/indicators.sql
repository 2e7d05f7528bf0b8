-- reporting.rpt_indicators (models/reporting/rpt_indicators.sql: its joins, labels and tests live there)
select * from reporting.rpt_indicators
order by project_order, source_line
