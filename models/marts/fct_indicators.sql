{{ per_document_config() }}
with

indicators as (

    select * from {{ ref('int_indicators_classified') }} {{ new_documents_only('document_id') }}

),

projects as (

    select * from {{ ref('int_projects_attributed') }} {{ new_documents_only('document_id') }}

),

final as (

    select
        indicators.indicator_id,
        indicators.project_id,
        projects.district_id,
        projects.fiscal_year,
        projects.agency_id,
        indicators.row_position,
        indicators.level1,
        indicators.level1_code,
        indicators.level1_raw,
        indicators.level1_is_carried,
        indicators.level2,
        indicators.level2_code,
        indicators.level2_raw,
        indicators.level2_is_carried,
        indicators.level1_follows_level2,
        indicators.indicator_name,
        indicators.target_raw,
        indicators.target_operator,
        indicators.target_value,
        indicators.target_value_max,
        indicators.target_unit,
        indicators.target_kind,
        indicators.target_is_approximate,
        indicators.is_quantitative,
        indicators.is_blank,
        indicators.remark_raw,
        indicators.document_id,
        indicators.source_line
    from indicators
    inner join projects
        on indicators.project_id = projects.project_id

)

select * from final
