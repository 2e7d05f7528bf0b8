-- dim_documents has every document once, and its counts add up to the seeds' rows.
with

documents as (

    select * from {{ ref('dim_documents') }}

),

seeded_documents as (

    select * from {{ ref('stg_extracted__documents') }}

),

projects as (

    select * from {{ ref('stg_extracted__projects') }}

),

indicators as (

    select * from {{ ref('stg_extracted__indicators') }}

),

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

published as (

    select
        count(*) as document_count,
        sum(project_count) as project_count,
        sum(indicator_count) as indicator_count,
        sum(line_item_count) as line_item_count
    from documents

),

seeded as (

    select
        (select count(*) from seeded_documents) as document_count,
        (select count(*) from projects) as project_count,
        (select count(*) from indicators) as indicator_count,
        (select count(*) from line_items) as line_item_count

),

final as (

    select
        published.*,
        seeded.document_count as seeded_documents
    from published
    cross join seeded
    where
        published.document_count <> seeded.document_count
        or published.project_count <> seeded.project_count
        or published.indicator_count <> seeded.indicator_count
        or published.line_item_count <> seeded.line_item_count

)

select * from final
