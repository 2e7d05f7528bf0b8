-- reporting.rpt_districts (models/reporting/rpt_districts.sql: its joins, labels and tests live there)
select * from reporting.rpt_districts
