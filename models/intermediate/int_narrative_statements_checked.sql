{{ per_document_config() }}
{#-
    What the narrative of a unit budget states twice, checked (same_amount_stated_twice / same_change_stated_twice):
    a quantity stated twice (the unit's fiscal-appropriation income and expenditure balance) prints the same amount
    and the same change from last year.
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

stated_twice_vocabulary as (

    {{ vocabulary_rows(vocabulary['stated_twice'], ['first', 'second']) }}

),

twice_candidates as (

    select
        firsts.document_id,
        firsts.line_item_id as first_id,
        firsts.source_line as first_line,
        firsts.cell_index as first_cell,
        firsts.item_name_raw as first_name,
        firsts.amount_yuan as first_amount,
        firsts.amount_half_unit_yuan as first_half_unit,
        firsts.stated_change_yuan as first_change,
        seconds.source_line as second_line,
        seconds.item_name_raw as second_name,
        seconds.amount_yuan as second_amount,
        seconds.amount_half_unit_yuan as second_half_unit,
        seconds.stated_change_yuan as second_change,
        firsts.compare_basis as first_basis,
        seconds.compare_basis as second_basis,
        row_number() over (
            partition by firsts.line_item_id order by seconds.source_line, seconds.cell_index
        ) as nearness
    from budget_figures as firsts
    inner join stated_twice_vocabulary
        on firsts.item_name_raw like '%' || stated_twice_vocabulary.first
    inner join budget_figures as seconds
        on
            firsts.document_id = seconds.document_id
            and seconds.item_name_raw like '%' || stated_twice_vocabulary.second
            and firsts.line_item_id <> seconds.line_item_id

),

twice_pairs as (

    select * from twice_candidates
    where nearness = 1

),

twice_terms as (

    {%- for quantity, first_value, second_value, first_half, second_half in [
        ('amount', 'first_amount', 'second_amount', 'first_half_unit', 'second_half_unit'),
        ('change', 'first_change', 'second_change', '0', '0')] %}
        {%- set outer_first = loop.first %}
    {%- for role, value, line in [('expected', first_value, 'first_line'), ('actual', second_value, 'second_line')] %}
            {%- if not (loop.first and outer_first) %}

                union all
            {% endif %}

            select
                'same_{{ quantity }}_stated_twice' as check_name,
                document_id,
                'L' || cast(first_line as {{ text_type() }}) || ':C' || cast(first_cell as {{ text_type() }})
                    as place_key,
                first_name || ' and ' || second_name || ' are the same quantity (income and expenditure balance): '
                || '{{ "the same amount" if quantity == "amount" else "the same stated change from last year" }}'
                    as description,
                '{{ role }}' as term_role,
                {{ value }} as amount,
                {%- if role == 'expected' %}
                    case when {{ first_half }} > {{ second_half }} then {{ first_half }} else 0 end as half_unit,
                {%- else %}
                    case when {{ second_half }} > {{ first_half }} then {{ second_half }} else 0 end as half_unit,
                {%- endif %}
                {{ line }} as source_line
            from twice_pairs
            {%- if quantity == 'change' %}
                -- a change against last year's 执行数 and one against last year's budget are different quantities
                where
                    first_change is not null and second_change is not null
                    and first_basis is not distinct from second_basis
            {%- endif %}
        {%- endfor %}
    {%- endfor %}

),

terms as (

    {{ check_terms('twice_terms', half_unit='half_unit', blank_is_zero='false', value_unit="'yuan'") }}

),

{{ summarise_check_terms('terms') }}

select * from final
