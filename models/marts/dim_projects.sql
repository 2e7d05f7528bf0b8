with

projects as (

    select * from {{ ref('int_projects_attributed') }}

),

indicators as (

    select * from {{ ref('int_indicators_classified') }}

),

indicator_counts as (

    select
        project_id,
        count(*) as indicator_count
    from indicators
    group by project_id

),

final as (

    select
        projects.project_id,
        projects.district_id,
        projects.fiscal_year,
        projects.agency_id,
        projects.project_name,
        projects.nature,
        projects.form_kind,
        projects.project_nature_raw,
        projects.project_category_raw,
        projects.competent_dept_raw,
        projects.agency_name_raw,
        projects.total_funds_yuan,
        projects.annual_funds_yuan,
        projects.fiscal_funds_yuan,
        projects.annual_fiscal_appropriation_yuan,
        projects.carryover_yuan,
        projects.other_funds_yuan,
        projects.annual_other_funds_yuan,
        projects.start_date,
        projects.end_date,
        -- evaluated projects have no target table: their count is unknown, not zero
        cast(
            case
                when projects.form_kind = 'target_form' then coalesce(indicator_counts.indicator_count, 0)
            end as integer
        ) as indicator_count,
        projects.document_id,
        projects.source_line
    from projects
    left join indicator_counts
        on projects.project_id = indicator_counts.project_id

)

select * from final
