-- reporting.rpt_projects (models/reporting/rpt_projects.sql: its joins, labels and tests live there)
select * from reporting.rpt_projects
order by district_name_en, fiscal_year, document_id, source_line
