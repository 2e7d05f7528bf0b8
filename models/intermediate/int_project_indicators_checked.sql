{{ per_document_config() }}
{#-
    The indicator rows of project forms, checked:
    - targets_not_blank: every indicator row of a project states a target;
    - level2_within_level1: a level-2 label sits under its own level-1 group (社会效益指标 under 效益指标, not under
      a carried 产出指标); fct_indicators files such rows under the level-2 label's group;
    - level1_slot_holds_level1_label: the level-1 column holds a level-1 label (not 社会效益指标 / 可持续影响指标);
    - indicator_labels_recognised: every printed label is in the indicator framework.
-#}

with

indicators as (

    select * from {{ ref('int_indicators_classified') }} {{ new_documents_only('document_id') }}

),

-- indicator rows, per project
indicator_terms as (

    {%- set row_checks = [
        ('targets_not_blank', 'is_blank',
         'every indicator row states a target (expected: 0 blank targets; actual: rows with a blank target)'),
        ('level2_within_level1', 'level1_follows_level2',
         'every level-2 label sits under its own level-1 group (actual: rows filed under another group)'),
        ('level1_slot_holds_level1_label',
         '(level1_raw is not null and not level1_slot_holds_level1_label and not level1_is_carried)',
         'the level-1 column holds level-1 labels (actual: rows printing a level-2 label there)'),
    ] %}
    {%- for name, condition, description in row_checks %}
        {%- if not loop.first %}

            union all
        {% endif %}

        select
            '{{ name }}' as check_name,
            document_id,
            'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} as place_key,
            '{{ description }}' as description,
            'count' as value_unit,
            'actual' as term_role,
            case when {{ condition }} then 1 else 0 end as amount,
            case when {{ condition }} then source_line end as source_line
        from indicators

        union all

        select
            '{{ name }}' as check_name,
            document_id,
            'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} as place_key,
            null as description,
            'count' as value_unit,
            'expected' as term_role,
            0 as amount,
            case
                when count(case when {{ condition }} then 1 end) = 0 then min(source_line)
            end as source_line
        from indicators
        group by document_id, project_id
    {%- endfor %}

    union all

    select
        'indicator_labels_recognised' as check_name,
        document_id,
        'document' as place_key,
        'every printed level-1 and level-2 label is in the indicator framework (actual: rows with a label it '
        || 'does not know)' as description,
        'count' as value_unit,
        'actual' as term_role,
        case when level1_label_is_recognised and level2_label_is_recognised then 0 else 1 end as amount,
        case when not (level1_label_is_recognised and level2_label_is_recognised) then source_line end
            as source_line
    from indicators

    union all

    select
        'indicator_labels_recognised' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'expected' as term_role,
        0 as amount,
        min(source_line) as source_line
    from indicators
    group by document_id

),

terms as (

    {{ check_terms('indicator_terms') }}

),

{{ summarise_check_terms('terms') }}

select * from final
