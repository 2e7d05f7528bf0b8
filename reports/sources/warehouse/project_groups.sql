-- reporting.rpt_project_groups (models/reporting/rpt_project_groups.sql: its joins, labels and tests live there)
select * from reporting.rpt_project_groups
order by district_name_en, fiscal_year
