-- What each page's figures come from, counted once per build: per dataset, its documents, projects and rows, and
-- the district-years it covers (as the page's coverage line prints them). Pages compose their coverage line from
-- this one row instead of counting distinct values over every row on each view.
with

districts as (
    select
        district_id,
        district_name_zh,
    from marts.dim_districts
),

documents as (
    select
        document_id,
        district_id,
        fiscal_year,
    from marts.dim_documents
),

indicators as (
    select
        document_id,
        project_id,
        district_id,
        fiscal_year,
    from marts.fct_indicators
),

budget_lines as (
    select
        document_id,
        district_id,
        fiscal_year,
    from marts.fct_budget_vs_execution
),

checks as (
    select
        document_id,
    from marts.fct_consistency_checks
),

changes as (
    select
        document_id,
        district_id,
        fiscal_year,
    from marts.fct_yoy_changes
),

scores as (
    select
        document_id,
        district_id,
        fiscal_year,
        score_kind,
    from marts.fct_project_scores
),

projects as (
    select
        document_id,
        district_id,
        fiscal_year,
    from marts.dim_projects
),

-- one row per dataset × what its coverage line lists, with the rows behind it
listed as (
    select
        'indicators' as dataset,
        indicators.document_id,
        indicators.project_id,
        districts.district_name_zh || ' ' || indicators.fiscal_year as item,
        indicators.fiscal_year as item_order,
    from indicators
    left join districts on indicators.district_id = districts.district_id

    union all

    select
        'budget_vs_execution' as dataset,
        budget_lines.document_id,
        null as project_id,
        districts.district_name_zh || ' ' || budget_lines.fiscal_year as item,
        budget_lines.fiscal_year as item_order,
    from budget_lines
    left join districts on budget_lines.district_id = districts.district_id

    union all

    select
        'consistency_checks' as dataset,
        checks.document_id,
        null as project_id,
        districts.district_name_zh || ' ' || documents.fiscal_year as item,
        documents.fiscal_year as item_order,
    from checks
    left join documents on checks.document_id = documents.document_id
    left join districts on documents.district_id = districts.district_id

    union all

    select
        'yoy_changes' as dataset,
        changes.document_id,
        null as project_id,
        districts.district_name_zh || ' ' || changes.fiscal_year || ' vs ' || (changes.fiscal_year - 1) as item,
        changes.fiscal_year as item_order,
    from changes
    left join districts on changes.district_id = districts.district_id

    union all

    select
        'project_scores' as dataset,
        scores.document_id,
        null as project_id,
        districts.district_name_zh || ' ' || scores.fiscal_year || ' '
        || case scores.score_kind when 'published_evaluation' then '评价得分' else '目标质量' end as item,
        scores.fiscal_year as item_order,
    from scores
    left join districts on scores.district_id = districts.district_id

    union all

    select
        'projects' as dataset,
        projects.document_id,
        null as project_id,
        districts.district_name_zh || ' ' || projects.fiscal_year as item,
        projects.fiscal_year as item_order,
    from projects
    left join districts on projects.district_id = districts.district_id
),

items as (
    select
        dataset,
        item,
        min(item_order) as item_order,
    from listed
    where item is not null
    group by all
),

counted as (
    select
        dataset,
        count(distinct document_id) as document_count,
        count(distinct project_id) as project_count,
        count(*) as row_count,
    from listed
    group by all
),

datasets as (
    select
        counted.dataset,
        counted.document_count,
        counted.project_count,
        counted.row_count,
        (
            select string_agg(items.item, '；' order by items.item_order, items.item)
            from items
            where items.dataset = counted.dataset
        ) as district_years,
    from counted
)

select
    dataset,
    document_count,
    project_count,
    row_count,
    coalesce(district_years, '无 none') as district_years,
from datasets
order by dataset
