-- reporting.rpt_agencies (models/reporting/rpt_agencies.sql: its joins, labels and tests live there)
select * from reporting.rpt_agencies
order by district_name_en, agency_name
