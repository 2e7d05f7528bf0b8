-- reporting.rpt_indicator_facets (models/reporting/rpt_indicator_facets.sql: its joins, labels and tests live there)
select * from reporting.rpt_indicator_facets
order by district_name_zh, fiscal_year, agency_name, level1, level2, target_kind
