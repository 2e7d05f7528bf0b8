-- reporting.rpt_coverage (models/reporting/rpt_coverage.sql: its joins, labels and tests live there)
select * from reporting.rpt_coverage
order by dataset
