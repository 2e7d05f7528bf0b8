-- Narrative figures (预算编制说明 and 其他相关情况说明) with the budget subject they quote, matched through the
-- subject paths and their old names (budget_subjects.aliases). The narrative writes a path as
-- 社会保障和就业支出(类)行政事业单位离退休(款)事业单位离退休(项); the subjects table as a/b/c.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

subject_paths as (

    select * from {{ ref('int_budget_subject_paths_unnested') }}

    where classification = 'functional'

),

narrative as (

    select
        *,
        case
            when {{ regex_matches('item_name_raw', '[(（]类[)）]') }}
                then {{ regex_replace_all(
                    regex_replace_all('item_name_raw', '[(（](类|款)[)）]', '/'), '[(（]项[)）]|/$', ''
                ) }}
        end as quoted_subject_path
    from line_items
    where table_kind = 'narrative'

),

final as (

    select
        narrative.line_item_id,
        narrative.document_id,
        narrative.source_line,
        narrative.cell_index,
        narrative.item_name_raw,
        narrative.label_raw,
        narrative.measure,
        narrative.phase,
        narrative.fiscal_year,
        narrative.amount_yuan,
        narrative.source_unit,
        narrative.amount_raw,
        {{ half_unit_yuan('narrative.amount_raw', 'narrative.source_unit', 'narrative.amount_yuan') }}
            as amount_half_unit_yuan,
        narrative.quantity,
        narrative.quantity_unit,
        narrative.stated_change_pct,
        narrative.stated_change_yuan,
        narrative.stated_direction,
        narrative.compare_basis,
        narrative.compare_fiscal_year,
        narrative.quoted_subject_path,
        subject_paths.subject_code,
        subject_paths.class_code,
        subject_paths.kind_code,
        subject_paths.item_code,
        subject_paths.subject_level,
        subject_paths.subject_name,
        subject_paths.is_alias as subject_matched_by_alias
    from narrative
    left join subject_paths
        on narrative.quoted_subject_path = subject_paths.subject_path

)

select * from final
