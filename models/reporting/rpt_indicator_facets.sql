-- How many indicators each combination of the indicators page's filters holds: the page's counts, chart and filter
-- options read these few thousand rows instead of every indicator. Blank labels are '' (the filters' value for
-- "blank"), as the page's filters compare them.
with

indicators as (

    select * from {{ ref('fct_indicators') }}

),

projects as (

    select * from {{ ref('dim_projects') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

named as (

    select
        indicators.district_id,
        districts.district_name_zh,
        cast(indicators.fiscal_year as {{ text_type() }}) as fiscal_year,
        coalesce(projects.agency_id, '') as agency_id,
        coalesce(agencies.agency_name, projects.agency_id, '（未知 unknown）') as agency_name,
        coalesce(indicators.level1, '') as level1,
        coalesce(indicators.level2, '') as level2,
        indicators.target_kind,
        {{ label_case('indicators.target_kind', 'target_kind') }} as target_kind_label
    from indicators
    left join projects on indicators.project_id = projects.project_id
    left join agencies on projects.agency_id = agencies.agency_id
    left join districts on indicators.district_id = districts.district_id

),

final as (

    select
        district_id,
        district_name_zh,
        fiscal_year,
        agency_id,
        agency_name,
        level1,
        level2,
        target_kind,
        target_kind_label,
        count(*) as indicator_count
    from named
    group by
        district_id, district_name_zh, fiscal_year, agency_id, agency_name, level1, level2, target_kind,
        target_kind_label

)

select * from final
