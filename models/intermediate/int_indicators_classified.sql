{{ per_document_config() }}
-- Each indicator row with its normalised labels and its parsed target: the rows fct_indicators publishes and the
-- target-quality rubric scores.
with

labels as (

    select * from {{ ref('int_indicator_labels_normalised') }} {{ new_documents_only('document_id') }}

),

targets as (

    select * from {{ ref('int_indicator_targets_parsed') }} {{ new_documents_only('indicator_id') }}

),

final as (

    select
        labels.indicator_id,
        labels.project_id,
        labels.document_id,
        labels.source_line,
        labels.row_position,
        labels.level1,
        labels.level1_code,
        labels.level1_raw,
        labels.level1_is_carried,
        labels.level2,
        labels.level2_code,
        labels.level2_raw,
        labels.level2_is_carried,
        labels.level1_follows_level2,
        labels.level1_slot_holds_level1_label,
        labels.level1_label_is_recognised,
        labels.level2_label_is_recognised,
        labels.indicator_name,
        targets.target_raw,
        targets.target_operator,
        targets.target_value,
        targets.target_value_max,
        targets.target_unit,
        targets.target_kind,
        targets.target_is_approximate,
        targets.is_quantitative,
        targets.is_blank,
        labels.remark_raw
    from labels
    inner join targets
        on labels.indicator_id = targets.indicator_id

)

select * from final
