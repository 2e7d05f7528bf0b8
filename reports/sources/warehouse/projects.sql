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

documents as (
    select
        d.document_id,
        d.document_name,
    from marts.dim_documents as d
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
        '/agencies/' || projects.agency_id || '/' as agency_url,
        '/projects/' || replace(projects.project_id, ':', '-') || '/' as project_url,
        projects.project_name,
        projects.nature,
        case projects.nature
            when 'recurring' then '经常性 Recurring'
            when 'one_off' then '一次性 One-off'
            when 'phased' then '阶段性 Phased'
            else '未说明 Not stated'
        end as nature_label,
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
        documents.document_name,
        '/documents/' || projects.document_id || '/#L' || projects.source_line as cite_url,
        '第 ' || projects.source_line || ' 行' as cite_label,
    from projects
    left join agencies on projects.agency_id = agencies.agency_id
    left join districts on projects.district_id = districts.district_id
    left join documents on projects.document_id = documents.document_id
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
    agency_url,
    project_url,
    project_name,
    nature,
    nature_label,
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
    document_name,
    cite_url,
    cite_label,
from joined
order by district_name_en, fiscal_year, document_id, source_line
