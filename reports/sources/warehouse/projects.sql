-- Projects with money in 万元 (yuan / 10000), the URL-safe id of their page (':' becomes '-'), the district and
-- agency names, and `project_group` (district-year, the page listing the projects of one district and year),
-- joined here once per build; written in the order the pages list projects (district, year, printed line).
with

projects as (
    select
        project_id,
        district_id,
        fiscal_year,
        agency_id,
        project_name,
        nature,
        total_funds_yuan,
        annual_funds_yuan,
        fiscal_funds_yuan,
        annual_fiscal_appropriation_yuan,
        start_date,
        end_date,
        indicator_count,
        document_id,
        source_line,
    from marts.dim_projects
),

agencies as (
    select
        agency_id,
        agency_name,
    from marts.dim_agencies
),

districts as (
    select
        district_id,
        district_name_zh,
        district_name_en,
    from marts.dim_districts
),

joined as (
    select
        projects.project_id,
        replace(projects.project_id, ':', '-') as project_slug,
        projects.district_id || '-' || projects.fiscal_year as project_group,
        projects.district_id,
        districts.district_name_zh,
        districts.district_name_en,
        cast(projects.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        projects.agency_id,
        coalesce(agencies.agency_name, projects.agency_id) as agency_name,
        projects.project_name,
        projects.nature,
        projects.total_funds_yuan,
        projects.annual_funds_yuan,
        projects.fiscal_funds_yuan,
        projects.annual_fiscal_appropriation_yuan,
        projects.total_funds_yuan / 10000 as total_funds_wan,
        projects.annual_funds_yuan / 10000 as annual_funds_wan,
        projects.fiscal_funds_yuan / 10000 as fiscal_funds_wan,
        projects.annual_fiscal_appropriation_yuan / 10000 as annual_fiscal_appropriation_wan,
        projects.start_date,
        projects.end_date,
        projects.indicator_count,
        projects.document_id,
        projects.source_line,
    from projects
    left join agencies on projects.agency_id = agencies.agency_id
    left join districts on projects.district_id = districts.district_id
)

select
    project_id,
    project_slug,
    project_group,
    district_id,
    district_name_zh,
    district_name_en,
    fiscal_year,
    agency_id,
    agency_name,
    project_name,
    nature,
    total_funds_yuan,
    annual_funds_yuan,
    fiscal_funds_yuan,
    annual_fiscal_appropriation_yuan,
    total_funds_wan,
    annual_funds_wan,
    fiscal_funds_wan,
    annual_fiscal_appropriation_wan,
    start_date,
    end_date,
    indicator_count,
    document_id,
    source_line,
from joined
order by district_name_en, fiscal_year, document_id, source_line
