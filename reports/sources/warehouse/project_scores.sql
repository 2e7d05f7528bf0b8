-- reporting.rpt_project_scores (models/reporting/rpt_project_scores.sql: its joins, labels and tests live there)
select * from reporting.rpt_project_scores
order by score_kind, score, project_name, project_id
