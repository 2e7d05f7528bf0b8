-- reporting.rpt_consistency_check_summary (models/reporting/rpt_consistency_check_summary.sql: its joins, labels and tests live there)
select * from reporting.rpt_consistency_check_summary
order by status_order, check_name, likely_cause
