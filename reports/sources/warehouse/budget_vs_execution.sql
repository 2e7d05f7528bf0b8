-- reporting.rpt_budget_vs_execution (models/reporting/rpt_budget_vs_execution.sql: its joins, labels and tests live there)
select * from reporting.rpt_budget_vs_execution
order by district_name_zh, agency_name, subject_code, line_name, line_id
