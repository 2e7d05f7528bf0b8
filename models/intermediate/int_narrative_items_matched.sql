-- Narrative figures (预算编制说明, 决算情况说明, 其他相关情况说明) with the budget subject they quote. The narrative
-- writes a path as 社会保障和就业支出(类)行政事业单位离退休(款)事业单位离退休(项) (quoted or numbered); the subjects
-- table as a/b/c. A path resolves, in order: to the codes ingest put on the figure; through budget_subjects (current
-- paths and old names, budget_subjects.aliases); to the subject of the same document's own tables whose 类/款/项
-- names give that path (a subject new to budget_subjects needs no reference row). subject_match says which.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

subject_paths as (

    select * from {{ ref('int_budget_subject_paths_unnested') }}

    where classification = 'functional'

),

-- the names each document's coded table rows print, one per code path (functional codes: 项 rows have item_code)
table_subject_names as (

    select
        document_id,
        class_code,
        kind_code,
        item_code,
        min({{ regex_replace_all("coalesce(item_name_raw, row_label_raw)", '[[:space:]　]+', '') }}) as subject_name
    from line_items
    where
        table_kind not in ('narrative', 'basic_economic', 'three_public')
        and class_code is not null
        and coalesce(item_name_raw, row_label_raw) is not null
    group by document_id, class_code, kind_code, item_code

),

table_subject_paths as (

    select
        items.document_id,
        items.class_code,
        items.kind_code,
        items.item_code,
        case
            when items.item_code is not null then 'item'
            when items.kind_code is not null then 'kind'
            else 'class'
        end as subject_level,
        items.subject_name,
        concat_ws('/', classes.subject_name, kinds.subject_name, items.subject_name) as subject_path
    from table_subject_names as items
    -- a condition on the left side alone goes into the join key (null when it does not hold), so the join stays a
    -- hash join instead of comparing every pair of rows (minutes at ×1000)
    left join table_subject_names as classes
        on
            items.document_id = classes.document_id
            and case when items.kind_code is not null then items.class_code end = classes.class_code
            and classes.kind_code is null
    left join table_subject_names as kinds
        on
            items.document_id = kinds.document_id
            and items.class_code = kinds.class_code
            and case when items.item_code is not null then items.kind_code end = kinds.kind_code
            and kinds.item_code is null

),

narrative as (

    select
        *,
        case
            when {{ regex_matches('item_name_raw', '[(（]类[)）]') }}
                then {{ regex_replace_all(
                    regex_replace_all(
                        regex_replace_all('item_name_raw', '^[0-9]+[、.．]|[“”"[:space:]　]', ''),
                        '[(（](类|款)[)）]', '/'
                    ),
                    '[(（]项[)）].*$|/$', ''
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
        narrative.source_page,
        narrative.cell_index,
        narrative.item_name_raw,
        narrative.row_label_raw,
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
        narrative.stated_rate_pct,
        narrative.stated_share_pct,
        narrative.stated_reason_raw,
        narrative.quoted_subject_path,
        case
            when narrative.class_code is not null
                then {{ concat_text(['narrative.class_code', 'narrative.kind_code', 'narrative.item_code']) }}
            when subject_paths.subject_code is not null then subject_paths.subject_code
            when table_subject_paths.class_code is not null
                then
                    {{ concat_text([
                        'table_subject_paths.class_code', 'table_subject_paths.kind_code', 'table_subject_paths.item_code'
                    ]) }}
        end as subject_code,
        coalesce(narrative.class_code, subject_paths.class_code, table_subject_paths.class_code) as class_code,
        case
            when narrative.class_code is not null then narrative.kind_code
            when subject_paths.class_code is not null then subject_paths.kind_code
            else table_subject_paths.kind_code
        end as kind_code,
        case
            when narrative.class_code is not null then narrative.item_code
            when subject_paths.class_code is not null then subject_paths.item_code
            else table_subject_paths.item_code
        end as item_code,
        case
            when narrative.class_code is not null
                then
                    case
                        when narrative.item_code is not null then 'item'
                        when narrative.kind_code is not null then 'kind'
                        else 'class'
                    end
            else coalesce(subject_paths.subject_level, table_subject_paths.subject_level)
        end as subject_level,
        coalesce(subject_paths.subject_name, table_subject_paths.subject_name) as subject_name,
        coalesce(subject_paths.is_alias, false) as subject_matched_by_alias,
        case
            when narrative.class_code is not null then 'ingest'
            when subject_paths.subject_code is not null then 'budget_subjects'
            when table_subject_paths.class_code is not null then 'document_table'
        end as subject_match
    from narrative
    left join subject_paths
        on narrative.quoted_subject_path = subject_paths.subject_path
    left join table_subject_paths
        on
            narrative.document_id = table_subject_paths.document_id
            -- only a path budget_subjects does not know (the condition in the key keeps this a hash join)
            and case when subject_paths.subject_code is null then narrative.quoted_subject_path end
            = table_subject_paths.subject_path

)

select * from final
