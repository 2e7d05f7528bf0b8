-- How many projects fall in each score band, per district × year × score kind. Every band of a kind appears for
-- each group that has scores (a band with no project has count 0); a district or year without scores has no rows.
{%- set bands = var('score_bands') %}

with

scores as (

    select * from {{ ref('int_project_scores_unioned') }}

),

bands as (

    {%- set rows = [] %}
    {%- for kind, kind_bands in bands.items() %}
        {%- for floor, label in kind_bands %}
            {%- do rows.append({'score_kind': kind, 'band': label, 'band_order': loop.index}) %}
        {%- endfor %}
    {%- endfor %}
    {{ vocabulary_rows(rows, ['score_kind', 'band', 'band_order']) }}

),

scored_groups as (

    select
        district_id,
        fiscal_year,
        score_kind,
        count(*) as group_count
    from scores
    group by district_id, fiscal_year, score_kind

),

band_counts as (

    select
        district_id,
        fiscal_year,
        score_kind,
        band,
        count(*) as project_count
    from scores
    group by district_id, fiscal_year, score_kind, band

),

final as (

    select
        scored_groups.district_id,
        scored_groups.fiscal_year,
        scored_groups.score_kind,
        bands.band,
        cast(bands.band_order as integer) as band_order,
        cast(coalesce(band_counts.project_count, 0) as integer) as project_count,
        -- share is the contract's column name
        cast(
            coalesce(band_counts.project_count, 0) * 1.0 / scored_groups.group_count as decimal(9, 6)
        ) as share  -- noqa: RF04
    from scored_groups
    inner join bands
        on scored_groups.score_kind = bands.score_kind
    left join band_counts
        on
            scored_groups.district_id = band_counts.district_id
            and scored_groups.fiscal_year = band_counts.fiscal_year
            and scored_groups.score_kind = band_counts.score_kind
            and bands.band = band_counts.band

)

select * from final
