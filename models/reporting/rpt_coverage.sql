-- What each page's figures come from, counted once per build: per dataset, its documents, projects and rows, and
-- the district-years it covers (as the page's coverage line prints them). Pages compose their coverage line from
-- this one row instead of counting distinct values over every row on each view.
with

districts as (

    select * from {{ ref('dim_districts') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

indicators as (

    select * from {{ ref('fct_indicators') }}

),

budget_lines as (

    select * from {{ ref('fct_budget_vs_execution') }}

),

checks as (

    select * from {{ ref('fct_consistency_checks') }}

),

changes as (

    select * from {{ ref('fct_yoy_changes') }}

),

scores as (

    select * from {{ ref('fct_project_scores') }}

),

projects as (

    select * from {{ ref('dim_projects') }}

),

-- one row per row of each dataset: its document, project, district and year, and what its coverage item adds to
-- "district year"
dataset_rows as (

    select
        'indicators' as dataset,
        document_id,
        project_id,
        district_id,
        fiscal_year,
        '' as item_suffix
    from indicators

    union all

    select
        'budget_vs_execution' as dataset,
        document_id,
        null as project_id,
        district_id,
        fiscal_year,
        '' as item_suffix
    from budget_lines

    union all

    select
        'consistency_checks' as dataset,
        checks.document_id,
        null as project_id,
        documents.district_id,
        documents.fiscal_year,
        '' as item_suffix
    from checks
    left join documents on checks.document_id = documents.document_id

    union all

    select
        'yoy_changes' as dataset,
        document_id,
        null as project_id,
        district_id,
        fiscal_year,
        ' vs ' || (fiscal_year - 1) as item_suffix
    from changes

    union all

    select
        'project_scores' as dataset,
        document_id,
        null as project_id,
        district_id,
        fiscal_year,
        case score_kind when 'published_evaluation' then ' 评价得分' else ' 目标质量' end as item_suffix
    from scores

    union all

    select
        'projects' as dataset,
        document_id,
        null as project_id,
        district_id,
        fiscal_year,
        '' as item_suffix
    from projects

),

listed as (

    select
        dataset_rows.dataset,
        dataset_rows.document_id,
        dataset_rows.project_id,
        districts.district_name_zh || ' ' || dataset_rows.fiscal_year || dataset_rows.item_suffix as item,
        dataset_rows.fiscal_year as item_order
    from dataset_rows
    left join districts on dataset_rows.district_id = districts.district_id

),

items as (

    select
        dataset,
        item,
        min(item_order) as item_order
    from listed
    where item is not null
    group by dataset, item

),

district_years as (

    select
        dataset,
        {{ ordered_string_agg('item', '；', 'item_order, item') }} as district_years
    from items
    group by dataset

),

counted as (

    select
        dataset,
        count(distinct document_id) as document_count,
        count(distinct project_id) as project_count,
        count(*) as row_count
    from listed
    group by dataset

),

final as (

    select
        counted.dataset,
        counted.document_count,
        counted.project_count,
        counted.row_count,
        coalesce(district_years.district_years, '无 none') as district_years
    from counted
    left join district_years on counted.dataset = district_years.dataset

)

select * from final
