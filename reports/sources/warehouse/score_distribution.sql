-- reporting.rpt_score_distribution (models/reporting/rpt_score_distribution.sql: its joins, labels and tests live there)
select * from reporting.rpt_score_distribution
