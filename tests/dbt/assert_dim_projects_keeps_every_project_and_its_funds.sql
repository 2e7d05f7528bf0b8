-- Every project of the seed reaches dim_projects exactly once, and the funds add up to the same totals.
with

seeded as (

    select * from {{ ref('stg_extracted__projects') }}

),

published as (

    select * from {{ ref('dim_projects') }}

),

seeded_totals as (

    select
        count(*) as project_count,
        count(distinct project_id) as distinct_projects,
        sum(total_funds_yuan) as total_funds_yuan,
        sum(annual_funds_yuan) as annual_funds_yuan,
        sum(fiscal_funds_yuan) as fiscal_funds_yuan,
        sum(annual_fiscal_appropriation_yuan) as annual_fiscal_appropriation_yuan
    from seeded

),

published_totals as (

    select
        count(*) as project_count,
        count(distinct project_id) as distinct_projects,
        sum(total_funds_yuan) as total_funds_yuan,
        sum(annual_funds_yuan) as annual_funds_yuan,
        sum(fiscal_funds_yuan) as fiscal_funds_yuan,
        sum(annual_fiscal_appropriation_yuan) as annual_fiscal_appropriation_yuan
    from published

),

final as (

    select
        seeded_totals.*,
        published_totals.project_count as published_project_count
    from seeded_totals
    cross join published_totals
    where
        seeded_totals.project_count <> published_totals.project_count
        or published_totals.distinct_projects <> published_totals.project_count
        or seeded_totals.total_funds_yuan is distinct from published_totals.total_funds_yuan
        or seeded_totals.annual_funds_yuan is distinct from published_totals.annual_funds_yuan
        or seeded_totals.fiscal_funds_yuan is distinct from published_totals.fiscal_funds_yuan
        or seeded_totals.annual_fiscal_appropriation_yuan
        is distinct from published_totals.annual_fiscal_appropriation_yuan

)

select * from final
