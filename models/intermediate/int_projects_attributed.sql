-- Each project with its district, year and agency. The agency is resolved from the 实施单位 as printed through
-- the agencies' aliases, falling back to the document's registered agency; nature from 项目性质 (or 项目类别 where
-- a form prints 经常性/一次性 there) through var('project_natures').
{%- set natures = var('project_natures') %}

with

projects as (

    select * from {{ ref('stg_extracted__projects') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

),

agency_aliases as (

    select * from {{ ref('int_agency_aliases_unnested') }}

),

attributed as (

    select
        projects.project_id,
        projects.document_id,
        projects.source_line,
        projects.form_kind,
        documents.district_id,
        documents.fiscal_year,
        coalesce(agency_aliases.agency_id, documents.agency_id) as agency_id,
        agency_aliases.agency_id is not null as agency_is_printed,
        projects.agency_name as agency_name_raw,
        projects.competent_dept_raw,
        projects.project_name,
        case coalesce(projects.project_nature_raw, projects.project_category_raw)
            {%- for raw, nature in natures.items() %}
                when '{{ raw }}' then '{{ nature }}'
            {%- endfor %}
        end as nature,
        projects.project_nature_raw,
        projects.project_category_raw,
        projects.start_date,
        projects.end_date,
        projects.total_funds_yuan,
        projects.annual_funds_yuan,
        projects.fiscal_funds_yuan,
        projects.annual_fiscal_appropriation_yuan,
        projects.carryover_yuan,
        projects.other_funds_yuan,
        projects.annual_other_funds_yuan
    from projects
    inner join documents
        on projects.document_id = documents.document_id
    left join agency_aliases
        on projects.agency_name = agency_aliases.agency_alias

)

select * from attributed
