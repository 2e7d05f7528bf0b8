-- Score distributions side by side, one score kind at a time: published evaluations (the documents' own) and the
-- warehouse's target-quality rubric. Never add or average the two kinds.
with

distribution as (

    select * from {{ ref('fct_score_distribution') }}

),

summary as (

    select * from {{ ref('fct_score_summary') }}

),

final as (

    select
        distribution.score_kind,
        distribution.district_id,
        distribution.fiscal_year,
        distribution.band_order,
        distribution.band,
        distribution.project_count,
        distribution.share,
        summary.project_count as scored_projects,
        summary.median_score
    from distribution
    inner join summary
        on
            distribution.district_id = summary.district_id
            and distribution.fiscal_year = summary.fiscal_year
            and distribution.score_kind = summary.score_kind

)

select * from final
order by score_kind, district_id, fiscal_year, band_order
