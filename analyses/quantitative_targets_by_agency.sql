-- Share of quantitative (and of blank) targets by agency and year: how measurable the performance targets are.
with

indicators as (

    select * from {{ ref('fct_indicators') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

per_agency as (

    select
        agency_id,
        fiscal_year,
        count(*) as indicator_count,
        count(distinct project_id) as project_count,
        sum(case when is_quantitative then 1 else 0 end) as quantitative_count,
        sum(case when is_blank then 1 else 0 end) as blank_count
    from indicators
    group by agency_id, fiscal_year

),

final as (

    select
        agencies.agency_name,
        per_agency.fiscal_year,
        per_agency.project_count,
        per_agency.indicator_count,
        per_agency.quantitative_count,
        round(per_agency.quantitative_count * 1.0 / per_agency.indicator_count, 3) as quantitative_share,
        per_agency.blank_count,
        round(per_agency.blank_count * 1.0 / per_agency.indicator_count, 3) as blank_share
    from per_agency
    inner join agencies
        on per_agency.agency_id = agencies.agency_id

)

select * from final
order by quantitative_share desc
