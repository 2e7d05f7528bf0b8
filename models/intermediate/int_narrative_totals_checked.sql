{{ per_document_config() }}
{#-
    The narrative of a unit budget checked against itself (narrative_total_equals_parts): a stated total equals its
    printed parts (政府采购 = 货物 + 工程 + 服务, ...; the pairs in var('narrative_vocabulary')).
    Tolerances: the contract's (half a unit of the coarser printing; of each term of a sum), see summarise_check_terms.
-#}
{%- set vocabulary = var('narrative_vocabulary') %}

with

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

budget_figures as (

    select * from figures
    where phase = 'budget' and amount_yuan is not null

),

total_of_parts_vocabulary as (

    {%- set pairs = [] %}
    {%- for entry in vocabulary['total_of_parts'] %}
        {%- for part in entry['parts'] %}
            {%- do pairs.append({'total_phrase': entry['total'], 'part_phrase': part}) %}
        {%- endfor %}
    {%- endfor %}
    {{ vocabulary_rows(pairs, ['total_phrase', 'part_phrase']) }}

),

total_candidates as (

    select
        totals.line_item_id as total_id,
        totals.document_id,
        totals.source_line as total_line,
        totals.cell_index as total_cell,
        totals.item_name_raw as total_name,
        totals.amount_yuan as total_amount,
        totals.amount_half_unit_yuan as total_half_unit,
        total_of_parts_vocabulary.part_phrase,
        parts.source_line as part_line,
        parts.amount_yuan as part_amount,
        parts.amount_half_unit_yuan as part_half_unit,
        row_number() over (
            partition by totals.line_item_id, total_of_parts_vocabulary.part_phrase
            order by parts.source_line, parts.cell_index
        ) as nearness
    from budget_figures as totals
    inner join total_of_parts_vocabulary
        on totals.item_name_raw like '%' || total_of_parts_vocabulary.total_phrase
    inner join budget_figures as parts
        on
            totals.document_id = parts.document_id
            and parts.item_name_raw like '%' || total_of_parts_vocabulary.part_phrase
            and (
                totals.source_line < parts.source_line
                or (totals.source_line = parts.source_line and totals.cell_index < parts.cell_index)
            )

),

total_parts as (

    select * from total_candidates
    where nearness = 1

),

sum_terms as (

    select distinct
        'narrative_total_equals_parts' as check_name,
        document_id,
        'L' || cast(total_line as {{ text_type() }}) || ':C' || cast(total_cell as {{ text_type() }}) as place_key,
        'the stated total ' || total_name || ' equals the sum of its printed parts' as description,
        'expected' as term_role,
        total_amount as amount,
        total_half_unit as half_unit,
        total_line as source_line
    from total_parts

    union all

    select
        'narrative_total_equals_parts' as check_name,
        document_id,
        'L' || cast(total_line as {{ text_type() }}) || ':C' || cast(total_cell as {{ text_type() }}) as place_key,
        'the stated total ' || total_name || ' equals the sum of its printed parts' as description,
        'actual' as term_role,
        part_amount as amount,
        part_half_unit as half_unit,
        part_line as source_line
    from total_parts

),

terms as (

    {{ check_terms('sum_terms', half_unit='half_unit', blank_is_zero='false', value_unit="'yuan'") }}

),

{{ summarise_check_terms('terms') }}

select * from final
