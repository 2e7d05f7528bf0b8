-- reporting.rpt_documents (models/reporting/rpt_documents.sql: its joins, labels and tests live there)
select * from reporting.rpt_documents
order by district_id, fiscal_year, agency_name, document_id
