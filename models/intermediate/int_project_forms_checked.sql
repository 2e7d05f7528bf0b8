{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='document_id',
        on_schema_change='fail',
        post_hook="{{ drop_removed_documents() }}"
    )
}}
{#-
    Project forms and what documents say about them, checked:
    - project_names_unique: no two forms of a document carry the same project name;
    - targets_not_blank: every indicator row of a project states a target;
    - level2_within_level1: a level-2 label sits under its own level-1 group (社会效益指标 under 效益指标, not under
      a carried 产出指标); fct_indicators files such rows under the level-2 label's group;
    - level1_slot_holds_level1_label: the level-1 column holds a level-1 label (not 社会效益指标 / 可持续影响指标);
    - indicator_labels_recognised: every printed label is in the indicator framework;
    - project_funds_add_up: 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他资金, and 项目资金总额 = 财政资金 + 其他资金
      where the form splits it;
    - target_projects_listed / target_project_funds_listed: the narrative's count of projects with targets and the
      funds they involve, against the forms the document prints;
    - project_narrative_matches_form: a project's own narrative (项目经费情况说明) restates its form's funds;
    - grades_ordered_by_score: in an evaluation-results document, no project has a better published grade than
      another with a higher score (var grade_order; it holds whatever bands the document uses or leaves unstated).
-#}
{%- set vocabulary = var('narrative_vocabulary') %}
{%- set grade_order = var('grade_order') %}

with

projects as (

    select * from {{ ref('int_projects_attributed') }} {{ new_documents_only('document_id') }}

),

indicators as (

    select * from {{ ref('int_indicators_classified') }} {{ new_documents_only('document_id') }}

),

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

evaluations as (

    select * from {{ ref('stg_extracted__evaluations') }} {{ new_documents_only('document_id') }}

),

project_funds_vocabulary as (

    {{ vocabulary_rows(vocabulary['project_funds'], ['phrase', 'field']) }}

),

-- project names
name_counts as (

    select
        document_id,
        project_name,
        count(*) as form_count
    from projects
    group by document_id, project_name

),

name_terms as (

    select
        'project_names_unique' as check_name,
        projects.document_id,
        'document' as place_key,
        'each project form of the document has its own name (expected: the number of forms; actual: the number '
        || 'of distinct names)' as description,
        'count' as value_unit,
        'expected' as term_role,
        1 as amount,
        case when name_counts.form_count > 1 then projects.source_line end as source_line
    from projects
    inner join name_counts
        on projects.document_id = name_counts.document_id and projects.project_name = name_counts.project_name

    union all

    select
        'project_names_unique' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        1 as amount,
        null as source_line
    from name_counts

    union all

    -- a document whose names are all distinct cites its first form
    select
        'project_names_unique' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        0 as amount,
        min(source_line) as source_line
    from projects
    group by document_id
    having count(*) = count(distinct project_name)

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

-- the funds of each form add up
funds_terms as (

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':annual' as place_key,
        project_name || ': 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他资金' as description,
        'yuan' as value_unit,
        'expected' as term_role,
        annual_funds_yuan as amount,
        source_line
    from projects
    where form_kind = 'target_form' and annual_funds_yuan is not null

    union all

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':annual' as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        coalesce(annual_fiscal_appropriation_yuan, 0) + coalesce(carryover_yuan, 0)
        + coalesce(annual_other_funds_yuan, 0) as amount,
        source_line
    from projects
    where form_kind = 'target_form' and annual_funds_yuan is not null

    union all

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':total' as place_key,
        project_name || ': 项目资金总额 = 财政资金 + 其他资金' as description,
        'yuan' as value_unit,
        'expected' as term_role,
        total_funds_yuan as amount,
        source_line
    from projects
    where form_kind = 'target_form' and total_funds_yuan is not null and fiscal_funds_yuan is not null

    union all

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':total' as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        fiscal_funds_yuan + coalesce(other_funds_yuan, 0) as amount,
        source_line
    from projects
    where form_kind = 'target_form' and total_funds_yuan is not null and fiscal_funds_yuan is not null

),

-- what the narrative says about the projects with targets, against the forms printed
target_forms as (

    select * from projects
    where form_kind = 'target_form'

),

stated_target_figures as (

    select * from figures
    where
        item_name_raw like '%{{ vocabulary["target_project_count"] }}'
        or item_name_raw like '%{{ vocabulary["target_project_funds"] }}'

),

listed_terms as (

    select
        case when measure = 'count' then 'target_projects_listed' else 'target_project_funds_listed' end
            as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':C' || cast(cell_index as varchar) as place_key,
        case
            when measure = 'count'
                then
                    'the number of projects with performance targets the narrative states, against the target '
                    || 'forms the document prints'
            else
                'the funds of the projects with performance targets the narrative states, against the annual '
                || 'funds (年度资金申请总额) of the target forms the document prints'
        end as description,
        case when measure = 'count' then 'count' else 'yuan' end as value_unit,
        'expected' as term_role,
        coalesce(amount_yuan, quantity) as amount,
        case when measure = 'count' then 0 else amount_half_unit_yuan end as half_unit,
        source_line
    from stated_target_figures

    union all

    select
        case
            when stated_target_figures.measure = 'count' then 'target_projects_listed'
            else 'target_project_funds_listed'
        end as check_name,
        stated_target_figures.document_id,
        'L' || cast(stated_target_figures.source_line as varchar) || ':C'
        || cast(stated_target_figures.cell_index as varchar) as place_key,
        null as description,
        case when stated_target_figures.measure = 'count' then 'count' else 'yuan' end as value_unit,
        'actual' as term_role,
        case when stated_target_figures.measure = 'count' then 1 else target_forms.annual_funds_yuan end as amount,
        0 as half_unit,
        target_forms.source_line
    from stated_target_figures
    inner join target_forms
        on stated_target_figures.document_id = target_forms.document_id

),

-- a project's narrative restates its form's funds: the form is the first one after the narrative line
narrative_candidates as (

    select
        figures.line_item_id,
        figures.document_id,
        figures.source_line,
        figures.cell_index,
        figures.item_name_raw,
        figures.amount_yuan,
        figures.amount_half_unit_yuan,
        project_funds_vocabulary.field,
        target_forms.project_id,
        target_forms.project_name,
        target_forms.source_line as form_line,
        target_forms.fiscal_funds_yuan,
        target_forms.annual_fiscal_appropriation_yuan,
        row_number() over (partition by figures.line_item_id order by target_forms.source_line) as nearness
    from figures
    inner join project_funds_vocabulary
        on figures.item_name_raw like '%' || project_funds_vocabulary.phrase
    inner join target_forms
        on figures.document_id = target_forms.document_id and figures.source_line < target_forms.source_line

),

narrative_forms as (

    select * from narrative_candidates
    where nearness = 1

),

narrative_terms as (

    select
        'project_narrative_matches_form' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':C' || cast(cell_index as varchar) as place_key,
        project_name || ': the narrative figure ' || item_name_raw || ' equals the form''s ' || field
        || ' (form on line ' || cast(form_line as varchar) || ')' as description,
        'yuan' as value_unit,
        'expected' as term_role,
        case field
            {%- for entry in vocabulary['project_funds'] %}
                when '{{ entry["field"] }}' then {{ entry['field'] }}
            {%- endfor %}
        end as amount,
        0 as half_unit,
        form_line as source_line
    from narrative_forms

    union all

    select
        'project_narrative_matches_form' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':C' || cast(cell_index as varchar) as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        amount_yuan as amount,
        amount_half_unit_yuan as half_unit,
        source_line
    from narrative_forms

),

-- published grades against the scores they come with
ranked_evaluations as (

    select
        document_id,
        source_line,
        score,
        case grade_raw
            {%- for grade in grade_order %}
                when '{{ grade }}' then {{ loop.index }}
            {%- endfor %}
        end as grade_rank
    from evaluations
    where score is not null

),

inverted_pairs as (

    select
        better.document_id,
        better.source_line as better_line,
        worse.source_line as worse_line
    from ranked_evaluations as better
    inner join ranked_evaluations as worse
        on
            better.document_id = worse.document_id
            and better.grade_rank < worse.grade_rank
            and better.score < worse.score

),

grade_terms as (

    select
        'grades_ordered_by_score' as check_name,
        document_id,
        'document' as place_key,
        'no project has a better published grade than another with a higher score (expected: 0; actual: pairs '
        || 'graded against their scores)' as description,
        'count' as value_unit,
        'expected' as term_role,
        0 as amount,
        min(source_line) as source_line
    from evaluations
    group by document_id

    union all

    select
        'grades_ordered_by_score' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        1 as amount,
        better_line as source_line
    from inverted_pairs

    union all

    select
        'grades_ordered_by_score' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        0 as amount,
        worse_line as source_line
    from inverted_pairs

),

terms as (

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        0 as half_unit,
        true as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from name_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        0 as half_unit,
        true as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from indicator_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        0 as half_unit,
        true as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from funds_terms

    union all

    -- fewer forms than the narrative states: the document prints only some of them
    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        half_unit,
        true as blank_is_zero,
        source_line,
        'partial_disclosure' as cause_if_below,
        'publisher_error' as cause_if_above
    from listed_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from narrative_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        term_role,
        amount,
        0 as half_unit,
        true as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from grade_terms

),

{{ summarise_check_terms('terms') }}

select * from final
