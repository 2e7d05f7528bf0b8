-- Agencies with what their pages and index print: district name, and how many documents, projects and budget
-- lines the warehouse holds for each (an agency page lists them; the index links every agency).
with

agencies as (
    select
        agency_id,
        agency_name,
        district_id,
        parent_agency_name,
    from marts.dim_agencies
),

documents as (
    select
        agency_id,
        count(*) as document_count,
        string_agg(distinct cast(fiscal_year as varchar), '、' order by cast(fiscal_year as varchar)) as years,
    from marts.dim_documents
    group by agency_id
),

projects as (
    select
        agency_id,
        count(*) as project_count,
    from marts.dim_projects
    group by agency_id
),

lines as (
    select
        agency_id,
        count(*) as budget_line_count,
    from marts.fct_budget_vs_execution
    group by agency_id
),

districts as (
    select
        district_id,
        district_name_zh,
        district_name_en,
    from marts.dim_districts
)

select
    agencies.agency_id,
    agencies.agency_name,
    agencies.district_id,
    districts.district_name_zh,
    districts.district_name_en,
    agencies.parent_agency_name,
    '/agencies/' || agencies.agency_id || '/' as agency_url,
    coalesce(documents.years, '—') as years,
    coalesce(documents.document_count, 0) as document_count,
    coalesce(projects.project_count, 0) as project_count,
    coalesce(lines.budget_line_count, 0) as budget_line_count,
from agencies
left join documents on agencies.agency_id = documents.agency_id
left join projects on agencies.agency_id = projects.agency_id
left join lines on agencies.agency_id = lines.agency_id
left join districts on agencies.district_id = districts.district_id
order by districts.district_name_en, agencies.agency_name
