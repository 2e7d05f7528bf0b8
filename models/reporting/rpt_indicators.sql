-- Every indicator row with the names its pages print beside it (project, agency, district). Pages list indicators
-- by district, project and printed line: `project_order` numbers the projects in that order (sorting 60,000
-- projects, not 800,000 rows by their names), and the pages' source reads the rows in that order, so a page
-- reading "the first rows that match" reads little more than those rows. `cite_html` is the cell the pages print for
-- the cited line: the document's name beside it (the indicators page lists many projects' documents).
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

documents as (

    select * from {{ ref('dim_documents') }}

),

ordered_projects as (

    select
        projects.project_id,
        projects.agency_id,
        projects.project_name,
        row_number() over (
            order by districts.district_name_zh, projects.project_name, projects.project_id
        ) as project_order
    from projects
    left join districts on projects.district_id = districts.district_id

),

final as (

    select
        indicators.indicator_id,
        indicators.project_id,
        replace(indicators.project_id, ':', '-') as project_slug,
        ordered_projects.project_name,
        ordered_projects.agency_id,
        coalesce(agencies.agency_name, ordered_projects.agency_id) as agency_name,
        indicators.district_id,
        districts.district_name_zh,
        cast(indicators.fiscal_year as {{ text_type() }}) as fiscal_year,
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
        {{ label_case('indicators.target_kind', 'target_kind') }} as target_kind_label,
        indicators.target_is_approximate,
        indicators.is_quantitative,
        indicators.is_blank,
        indicators.document_id,
        indicators.source_line,
        documents.document_name,
        {{ document_line_url('indicators.document_id', 'indicators.source_line') }} as cite_url,
        {{ cite_label('indicators.source_line') }} as cite_label,
        -- project forms print no amounts (no line items), so no PDF page is known for an indicator's line
        {{ cite_html(
            'documents.document_name',
            document_line_url('indicators.document_id', 'indicators.source_line'),
            cite_label('indicators.source_line'),
            'null',
            'null'
        ) }} as cite_html,
        ordered_projects.project_order
    from indicators
    left join ordered_projects on indicators.project_id = ordered_projects.project_id
    left join agencies on ordered_projects.agency_id = agencies.agency_id
    left join districts on indicators.district_id = districts.district_id
    left join documents on indicators.document_id = documents.document_id

)

select * from final
