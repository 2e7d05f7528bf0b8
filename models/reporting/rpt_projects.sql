-- Projects as their pages and lists print them: money in 万元 (yuan / 10000), the URL-safe id of their page (':'
-- becomes '-'), the district, agency and document names, `project_group` (district-year, the page listing the
-- projects of one district and year) and the address of the line each project is printed on (`cite_html`: the cell
-- the pages print, the document's name beside the line and, for a document converted from a PDF, its page).
with

projects as (

    select * from {{ ref('dim_projects') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

line_pages as (

    select * from {{ ref('rpt_document_line_pages') }}

),

final as (

    select
        projects.project_id,
        replace(projects.project_id, ':', '-') as project_slug,
        projects.district_id || '-' || projects.fiscal_year as project_group,
        projects.district_id,
        districts.district_name_zh,
        districts.district_name_en,
        cast(projects.fiscal_year as {{ text_type() }}) as fiscal_year,
        projects.agency_id,
        coalesce(agencies.agency_name, projects.agency_id) as agency_name,
        '/agencies/' || projects.agency_id || '/' as agency_url,
        '/projects/' || replace(projects.project_id, ':', '-') || '/' as project_url,
        projects.project_name,
        projects.nature,
        {{ label_case('projects.nature', 'nature', "'未说明 Not stated'") }} as nature_label,
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
        {{ document_line_url('projects.document_id', 'projects.source_line') }} as cite_url,
        {{ cite_label('projects.source_line') }} as cite_label,
        line_pages.source_page,
        line_pages.page_url,
        {{ cite_html(
            'documents.document_name',
            document_line_url('projects.document_id', 'projects.source_line'),
            cite_label('projects.source_line'),
            'line_pages.page_url',
            'line_pages.page_label'
        ) }} as cite_html
    from projects
    left join agencies on projects.agency_id = agencies.agency_id
    left join districts on projects.district_id = districts.district_id
    left join documents on projects.document_id = documents.document_id
    left join line_pages
        on
            projects.document_id = line_pages.document_id
            and projects.source_line between line_pages.first_line and line_pages.last_line

)

select * from final
