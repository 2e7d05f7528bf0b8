{{ per_document_config() }}
{#-
    What a document's narrative says about its project forms, checked:
    - target_projects_listed / target_project_funds_listed: the narrative's count of projects with targets and the
      funds they involve, against the forms the document prints;
    - project_narrative_matches_form: a project's own narrative (项目经费情况说明) restates its form's funds.
-#}
{%- set vocabulary = var('narrative_vocabulary') %}

with

projects as (

    select * from {{ ref('int_projects_attributed') }} {{ new_documents_only('document_id') }}

),

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

project_funds_vocabulary as (

    {{ vocabulary_rows(vocabulary['project_funds'], ['phrase', 'field']) }}

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
        'L' || cast(source_line as {{ text_type() }}) || ':C' || cast(cell_index as {{ text_type() }}) as place_key,
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
        'L' || cast(stated_target_figures.source_line as {{ text_type() }}) || ':C'
        || cast(stated_target_figures.cell_index as {{ text_type() }}) as place_key,
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
        'L' || cast(source_line as {{ text_type() }}) || ':C' || cast(cell_index as {{ text_type() }}) as place_key,
        project_name || ': the narrative figure ' || item_name_raw || {{ text_literal(" equals the form's ") }} || field
        || ' (form on line ' || cast(form_line as {{ text_type() }}) || ')' as description,
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
        'L' || cast(source_line as {{ text_type() }}) || ':C' || cast(cell_index as {{ text_type() }}) as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        amount_yuan as amount,
        amount_half_unit_yuan as half_unit,
        source_line
    from narrative_forms

),

terms as (

    -- fewer forms than the narrative states: the document prints only some of them
    {{ check_terms('listed_terms', half_unit='half_unit', cause_if_below='partial_disclosure') }}

    union all

    {{ check_terms('narrative_terms', half_unit='half_unit', blank_is_zero='false') }}

),

{{ summarise_check_terms('terms') }}

select * from final
