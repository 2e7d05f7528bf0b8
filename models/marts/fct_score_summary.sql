-- Score statistics per district × year × score kind (quantiles interpolated, as quantile_cont).
with

scores as (

    select * from {{ ref('int_project_scores_unioned') }}

),

final as (

    select
        district_id,
        fiscal_year,
        score_kind,
        cast(count(*) as integer) as project_count,
        cast(round(avg(score), 2) as decimal(5, 2)) as mean_score,
        cast(min(score) as decimal(5, 2)) as min_score,
        cast(round({{ quantile_cont('score', 0.25, scale=2) }}, 2) as decimal(5, 2)) as p25_score,
        cast(round({{ quantile_cont('score', 0.5, scale=2) }}, 2) as decimal(5, 2)) as median_score,
        cast(round({{ quantile_cont('score', 0.75, scale=2) }}, 2) as decimal(5, 2)) as p75_score,
        cast(max(score) as decimal(5, 2)) as max_score
    from scores
    group by district_id, fiscal_year, score_kind

)

select * from final
