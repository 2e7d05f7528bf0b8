-- Every indicator row of the seed reaches fct_indicators exactly once, with its target as printed: no row lost,
-- duplicated or altered between the layers.
with

seeded as (

    select * from {{ ref('stg_extracted__indicators') }}

),

published as (

    select * from {{ ref('fct_indicators') }}

),

published_counts as (

    select
        indicator_id,
        count(*) as occurrences,
        max(target_raw) as target_raw
    from published
    group by indicator_id

),

final as (

    select
        coalesce(seeded.indicator_id, published_counts.indicator_id) as indicator_id,
        published_counts.occurrences
    from seeded
    full outer join published_counts
        on seeded.indicator_id = published_counts.indicator_id
    where
        seeded.indicator_id is null
        or published_counts.indicator_id is null
        or published_counts.occurrences <> 1
        or seeded.target_raw is distinct from published_counts.target_raw

)

select * from final
