-- reporting.rpt_consistency_checks (models/reporting/rpt_consistency_checks.sql: its joins, labels and tests live there)
select * from reporting.rpt_consistency_checks
order by list_order
