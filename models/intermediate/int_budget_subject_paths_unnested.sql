-- One row per way a budget subject's whole path can be written: its current path (类/款/项 names joined by '/')
-- and every old path listed in budget_subjects.aliases (e.g. 医疗卫生与计划生育支出/医疗保障/事业单位医疗). Narrative
-- items quote a path, so they resolve to the subject's codes through this table.
with

subjects as (

    select * from {{ ref('stg_reference__budget_subjects') }}

),

current_paths as (

    select
        subjects.classification,
        subjects.subject_code,
        subjects.class_code,
        subjects.kind_code,
        subjects.item_code,
        subjects.subject_level,
        subjects.subject_name,
        concat_ws(
            '/', class_subjects.subject_name, kind_subjects.subject_name, subjects.subject_name
        ) as subject_path
    from subjects
    left join subjects as class_subjects
        on
            subjects.classification = class_subjects.classification
            and subjects.class_code = class_subjects.class_code
            and class_subjects.subject_level = 'class'
            and subjects.subject_level <> 'class'
    left join subjects as kind_subjects
        on
            subjects.classification = kind_subjects.classification
            and subjects.class_code = kind_subjects.class_code
            and subjects.kind_code = kind_subjects.kind_code
            and kind_subjects.subject_level = 'kind'
            and subjects.subject_level = 'item'

),

alias_paths as (

    select
        classification,
        subject_code,
        class_code,
        kind_code,
        item_code,
        subject_level,
        subject_name,
        {{ split_to_rows('subject_aliases', '|') }} as subject_path
    from subjects
    where subject_aliases is not null

),

unioned as (

    select
        *,
        false as is_alias
    from current_paths

    union all

    select
        *,
        true as is_alias
    from alias_paths

),

final as (

    -- an alias that repeats the current path is the current path
    select
        classification,
        subject_code,
        class_code,
        kind_code,
        item_code,
        subject_level,
        subject_name,
        trim(subject_path) as subject_path,
        min(case when is_alias then 1 else 0 end) = 1 as is_alias
    from unioned
    where trim(subject_path) <> ''
    group by
        classification,
        subject_code,
        class_code,
        kind_code,
        item_code,
        subject_level,
        subject_name,
        trim(subject_path)

)

select * from final
