-- Every indicator row with the names its pages print beside it (project, agency, district), joined here once per
-- build so that page queries read one table and never re-join it. Pages list indicators by district, project and
-- printed line: `project_order` numbers the projects in that order (sorting 60,000 projects, not 800,000 rows by
-- their names), and the file is written in that order, so a page reading "the first rows that match" reads little
-- more than those rows.
with

indicators as (
    select
        indicator_id,
        project_id,
        district_id,
        fiscal_year,
        level1,
        level1_code,
        level1_raw,
        level2,
        level2_raw,
        indicator_name,
        target_raw,
        target_operator,
        target_value,
        target_value_max,
        target_unit,
        target_kind,
        target_is_approximate,
        is_quantitative,
        is_blank,
        document_id,
        source_line,
    from marts.fct_indicators
),

projects as (
    select
        project_id,
        district_id,
        agency_id,
        project_name,
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
    from marts.dim_districts
),

ordered_projects as (
    select
        projects.project_id,
        projects.agency_id,
        projects.project_name,
        row_number() over (
            order by districts.district_name_zh, projects.project_name, projects.project_id
        ) as project_order,
    from projects
    left join districts on projects.district_id = districts.district_id
),

joined as (
    select
        indicators.indicator_id,
        indicators.project_id,
        replace(indicators.project_id, ':', '-') as project_slug,
        projects.project_name,
        projects.agency_id,
        coalesce(agencies.agency_name, projects.agency_id) as agency_name,
        indicators.district_id,
        districts.district_name_zh,
        cast(indicators.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        indicators.level1,
        indicators.level1_code,
        indicators.level1_raw,
        indicators.level2,
        indicators.level2_raw,
        indicators.indicator_name,
        indicators.target_raw,
        indicators.target_operator,
        indicators.target_value,
        indicators.target_value_max,
        indicators.target_unit,
        indicators.target_kind,
        indicators.target_is_approximate,
        indicators.is_quantitative,
        indicators.is_blank,
        indicators.document_id,
        indicators.source_line,
        projects.project_order,
    from indicators
    left join ordered_projects as projects on indicators.project_id = projects.project_id
    left join agencies on projects.agency_id = agencies.agency_id
    left join districts on indicators.district_id = districts.district_id
)

select
    indicator_id,
    project_id,
    project_slug,
    project_name,
    agency_id,
    agency_name,
    district_id,
    district_name_zh,
    fiscal_year,
    level1,
    level1_code,
    level1_raw,
    level2,
    level2_raw,
    indicator_name,
    target_raw,
    target_operator,
    target_value,
    target_value_max,
    target_unit,
    target_kind,
    target_is_approximate,
    is_quantitative,
    is_blank,
    document_id,
    source_line,
    project_order,
from joined
order by project_order, source_line
