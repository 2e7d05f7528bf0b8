-- The ten largest projects of each district and year by this year's request (年度资金申请总额), with their
-- multi-year total beside it (never add the two) and how well their targets are written.
with

projects as (

    select * from {{ ref('dim_projects') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

scores as (

    select * from {{ ref('fct_project_scores') }}

    where score_kind = 'target_quality'

),

ranked as (

    select
        projects.*,
        row_number() over (
            partition by projects.district_id, projects.fiscal_year order by projects.annual_funds_yuan desc
        ) as size_rank
    from projects
    where projects.annual_funds_yuan is not null

),

final as (

    select
        districts.district_name_zh,
        ranked.fiscal_year,
        ranked.size_rank,
        ranked.project_name,
        ranked.nature,
        ranked.annual_funds_yuan,
        ranked.total_funds_yuan,
        ranked.indicator_count,
        scores.score as target_quality_score,
        scores.grade as target_quality_grade,
        ranked.project_id
    from ranked
    inner join districts
        on ranked.district_id = districts.district_id
    left join scores
        on ranked.project_id = scores.project_id
    where ranked.size_rank <= 10

)

select * from final
order by district_name_zh, fiscal_year, size_rank
