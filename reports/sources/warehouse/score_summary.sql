-- reporting.rpt_score_summary (models/reporting/rpt_score_summary.sql: its joins, labels and tests live there)
select * from reporting.rpt_score_summary
