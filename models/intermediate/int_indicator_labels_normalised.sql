{{ per_document_config() }}
-- Level-1 / level-2 labels of each indicator row → the framework's normalised labels and codes, raw labels kept.
-- Rules (indicator_framework is keyed by (raw_label, label_level)):
-- * level2 comes from the level-2 label; its group decides level1 when the two disagree (ingest places a row that
--   prints only 社会效益指标 after 产出指标 rows under the carried 产出指标; it belongs to 效益指标). The
--   disagreement is kept as a flag and reported in fct_consistency_checks.
-- * a level-1 slot holding a level-2 label (闵行 2023 forms print 社会效益指标 / 可持续影响指标 there) counts by
--   that label's group.
-- * 成本指标 is level 1 (cost) only where the form prints it as level 1; under 产出指标 it is a level-2 label.
with

indicators as (

    select * from {{ ref('stg_extracted__indicators') }} {{ new_documents_only('document_id') }}

),

framework as (

    select * from {{ ref('stg_reference__indicator_labels') }}

),

level1_labels as (

    select
        raw_label,
        level1,
        level1_code
    from framework
    where label_level = 1

),

level2_labels as (

    select
        raw_label,
        level1,
        level1_code,
        level2,
        level2_code
    from framework
    where label_level = 2

),

looked_up as (

    select
        indicators.indicator_id,
        indicators.project_id,
        indicators.document_id,
        indicators.source_line,
        indicators.row_position,
        indicators.indicator_name,
        indicators.remark_raw,
        indicators.level1_raw,
        indicators.level1_is_carried,
        indicators.level2_raw,
        indicators.level2_is_carried,
        level1_labels.level1 as level1_of_level1_label,
        level1_labels.level1_code as level1_code_of_level1_label,
        slot_as_level2.level1 as level1_of_level1_slot,
        slot_as_level2.level1_code as level1_code_of_level1_slot,
        level2_labels.level1 as level1_of_level2_label,
        level2_labels.level1_code as level1_code_of_level2_label,
        level2_labels.level2,
        level2_labels.level2_code
    from indicators
    left join level1_labels
        on indicators.level1_raw = level1_labels.raw_label
    left join level2_labels as slot_as_level2
        on indicators.level1_raw = slot_as_level2.raw_label
    left join level2_labels
        on indicators.level2_raw = level2_labels.raw_label

),

normalised as (

    select
        indicator_id,
        project_id,
        document_id,
        source_line,
        row_position,
        indicator_name,
        remark_raw,
        level1_raw,
        level1_is_carried,
        level2_raw,
        level2_is_carried,
        coalesce(level1_of_level2_label, level1_of_level1_label, level1_of_level1_slot) as level1,
        coalesce(
            level1_code_of_level2_label, level1_code_of_level1_label, level1_code_of_level1_slot
        ) as level1_code,
        level2,
        level2_code,
        coalesce(level1_of_level1_label, level1_of_level1_slot) as level1_printed_group,
        level1_of_level1_label is not null as level1_slot_holds_level1_label,
        level1_raw is null
        or level1_of_level1_label is not null
        or level1_of_level1_slot is not null as level1_label_is_recognised,
        level2_raw is null or level2 is not null as level2_label_is_recognised,
        coalesce(
            level1_of_level2_label <> coalesce(level1_of_level1_label, level1_of_level1_slot), false
        ) as level1_follows_level2
    from looked_up

)

select * from normalised
