-- reporting.rpt_budget_line_summary (models/reporting/rpt_budget_line_summary.sql: its joins, labels and tests live there)
select * from reporting.rpt_budget_line_summary
order by district_id, fiscal_year, agency_name, line_kind
