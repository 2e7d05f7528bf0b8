-- fct_score_summary with its year as a label (the pages print it, never add it up).
with

summary as (

    select * from {{ ref('fct_score_summary') }}

),

final as (

    select
        district_id,
        cast(fiscal_year as {{ text_type() }}) as fiscal_year,
        score_kind,
        project_count,
        mean_score,
        min_score,
        p25_score,
        median_score,
        p75_score,
        max_score
    from summary

)

select * from final
