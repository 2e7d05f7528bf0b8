-- fct_score_distribution with its year as a label (the pages print it, never add it up).
with

distribution as (

    select * from {{ ref('fct_score_distribution') }}

),

final as (

    select
        district_id,
        cast(fiscal_year as {{ text_type() }}) as fiscal_year,
        score_kind,
        band,
        band_order,
        project_count,
        share
    from distribution

)

select * from final
