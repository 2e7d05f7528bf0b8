-- reporting.rpt_yoy_changes (models/reporting/rpt_yoy_changes.sql: its joins, labels and tests live there)
select * from reporting.rpt_yoy_changes
order by check_order, district_name_zh, line_name, yoy_id
