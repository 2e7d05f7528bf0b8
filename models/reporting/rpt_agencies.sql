-- Agencies with what their pages and the agency index print: the district's name, the years of their documents,
-- and how many documents, projects and budget lines the warehouse holds for each.
with

agencies as (

    select * from {{ ref('dim_agencies') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

projects as (

    select * from {{ ref('dim_projects') }}

),

budget_lines as (

    select * from {{ ref('fct_budget_vs_execution') }}

),

document_years as (

    select distinct
        agency_id,
        cast(fiscal_year as {{ text_type() }}) as fiscal_year
    from documents

),

years as (

    select
        agency_id,
        {{ ordered_string_agg('fiscal_year', '、', 'fiscal_year') }} as years
    from document_years
    group by agency_id

),

document_counts as (

    select
        agency_id,
        count(*) as document_count
    from documents
    group by agency_id

),

project_counts as (

    select
        agency_id,
        count(*) as project_count
    from projects
    group by agency_id

),

line_counts as (

    select
        agency_id,
        count(*) as budget_line_count
    from budget_lines
    group by agency_id

),

final as (

    select
        agencies.agency_id,
        agencies.agency_name,
        agencies.district_id,
        districts.district_name_zh,
        districts.district_name_en,
        agencies.parent_agency_name,
        '/agencies/' || agencies.agency_id || '/' as agency_url,
        coalesce(years.years, '—') as years,
        coalesce(document_counts.document_count, 0) as document_count,
        coalesce(project_counts.project_count, 0) as project_count,
        coalesce(line_counts.budget_line_count, 0) as budget_line_count
    from agencies
    left join years on agencies.agency_id = years.agency_id
    left join document_counts on agencies.agency_id = document_counts.agency_id
    left join project_counts on agencies.agency_id = project_counts.agency_id
    left join line_counts on agencies.agency_id = line_counts.agency_id
    left join districts on agencies.district_id = districts.district_id

)

select * from final
