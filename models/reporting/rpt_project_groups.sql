-- Projects counted per district and year (one row each): the overview's annual funds and the projects page's
-- district-year index read these rows instead of every project. Money in 万元; a sum of no amounts stays null
-- (missing is not zero).
with

projects as (

    select * from {{ ref('dim_projects') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

final as (

    select
        projects.district_id || '-' || projects.fiscal_year as project_group,
        projects.district_id,
        districts.district_name_zh,
        districts.district_name_en,
        cast(projects.fiscal_year as {{ text_type() }}) as fiscal_year,
        count(*) as project_count,
        count(distinct projects.document_id) as document_count,
        count(projects.annual_funds_yuan) as projects_with_annual_funds,
        sum(projects.annual_funds_yuan) as annual_funds_yuan,
        sum(projects.annual_funds_yuan) / 10000 as annual_funds_wan,
        sum(projects.indicator_count) as indicator_count
    from projects
    left join districts on projects.district_id = districts.district_id
    group by projects.district_id, districts.district_name_zh, districts.district_name_en, projects.fiscal_year

)

select * from final
