{#-
    The narrative of a unit budget (预算编制说明, 其他相关情况说明) checked against itself and the tables:
    - narrative_matches_table: a figure equals the table cell that prints the same quantity (subjects matched by
      their quoted path through budget_subjects; totals and 三公 items through var('narrative_vocabulary'));
    - narrative_total_equals_parts: a stated total equals its printed parts (政府采购 = 货物 + 工程 + 服务, ...);
    - same_amount_stated_twice / same_change_stated_twice: a quantity stated twice (the unit's fiscal-appropriation
      income and expenditure balance) prints the same amount and the same change from last year;
    - stated_change_agrees: a stated change agrees with the amounts it compares (not_applicable where the document
      does not print the prior amount);
    - narrative_items_sum_to_total: the subjects the narrative explains add up to the general-budget total it
      states, this year and (through the stated change) last year's 执行数.
    Tolerances follow the contract: the same quantity printed at different precisions may differ by half a unit of
    the coarser one (at the same precision, not at all); a sum of rounded terms by half a unit per term.
-#}
{%- set vocabulary = var('narrative_vocabulary') %}

with

figures as (

    select * from {{ ref('int_narrative_items_matched') }}

),

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }}

),

table_cells as (

    select
        *,
        {{ half_unit_yuan('amount_raw', 'source_unit', 'amount_yuan') }} as half_unit
    from line_items
    where table_name <> 'narrative' and amount_yuan is not null

),

budget_figures as (

    select
        *,
        row_number() over (
            partition by document_id, source_line, subject_code order by cell_index
        ) as position_on_line
    from figures
    where phase = 'budget' and amount_yuan is not null

),

same_as_table_vocabulary as (

    {{ vocabulary_rows(vocabulary['same_as_table_cell'], ['phrase', 'table_name', 'row_name', 'measure']) }}

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

stated_twice_vocabulary as (

    {{ vocabulary_rows(vocabulary['stated_twice'], ['first', 'second']) }}

),

-- narrative figure ↔ table cell: subjects by code, the rest by the vocabulary
table_pairs as (

    select
        budget_figures.line_item_id,
        budget_figures.document_id,
        budget_figures.source_line,
        budget_figures.cell_index,
        budget_figures.item_name_raw,
        budget_figures.amount_yuan,
        budget_figures.amount_half_unit_yuan,
        table_cells.table_name,
        table_cells.source_line as table_line,
        table_cells.amount_yuan as table_amount_yuan,
        table_cells.half_unit as table_half_unit
    from budget_figures
    inner join table_cells
        on
            budget_figures.document_id = table_cells.document_id
            and table_cells.table_name = 'general_budget_functional'
            and table_cells.measure = 'total'
            and budget_figures.class_code = table_cells.class_code
            and budget_figures.kind_code is not distinct from table_cells.kind_code
            and budget_figures.item_code is not distinct from table_cells.item_code
            and table_cells.row_level <> 'total'
    where budget_figures.subject_code is not null and budget_figures.position_on_line = 1

    union all

    select
        budget_figures.line_item_id,
        budget_figures.document_id,
        budget_figures.source_line,
        budget_figures.cell_index,
        budget_figures.item_name_raw,
        budget_figures.amount_yuan,
        budget_figures.amount_half_unit_yuan,
        table_cells.table_name,
        table_cells.source_line as table_line,
        table_cells.amount_yuan as table_amount_yuan,
        table_cells.half_unit as table_half_unit
    from budget_figures
    inner join same_as_table_vocabulary
        on budget_figures.item_name_raw like '%' || same_as_table_vocabulary.phrase
    inner join table_cells
        on
            budget_figures.document_id = table_cells.document_id
            and same_as_table_vocabulary.table_name = table_cells.table_name
            and same_as_table_vocabulary.measure = table_cells.measure
            and (
                table_cells.item_name_raw = same_as_table_vocabulary.row_name
                or (same_as_table_vocabulary.row_name is null and table_cells.row_level = 'total')
            )
    where budget_figures.subject_code is null

),

table_terms as (

    select
        'narrative_matches_table' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':C' || cast(cell_index as varchar) as place_key,
        'the narrative figure ' || item_name_raw || ' equals the ' || table_name || ' cell on line '
        || cast(table_line as varchar) as description,
        'expected' as role,
        table_amount_yuan as amount,
        case when table_half_unit > amount_half_unit_yuan then table_half_unit else 0 end as half_unit,
        table_line as source_line
    from table_pairs

    union all

    select
        'narrative_matches_table' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':C' || cast(cell_index as varchar) as place_key,
        'the narrative figure ' || item_name_raw || ' equals the ' || table_name || ' cell on line '
        || cast(table_line as varchar) as description,
        'actual' as role,
        amount_yuan as amount,
        case when amount_half_unit_yuan > table_half_unit then amount_half_unit_yuan else 0 end as half_unit,
        source_line
    from table_pairs

),

-- stated totals and their parts: each part is the nearest figure at or after the total that names it
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
                parts.source_line > totals.source_line
                or (parts.source_line = totals.source_line and parts.cell_index > totals.cell_index)
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
        'L' || cast(total_line as varchar) || ':C' || cast(total_cell as varchar) as place_key,
        'the stated total ' || total_name || ' equals the sum of its printed parts' as description,
        'expected' as role,
        total_amount as amount,
        total_half_unit as half_unit,
        total_line as source_line
    from total_parts

    union all

    select
        'narrative_total_equals_parts' as check_name,
        document_id,
        'L' || cast(total_line as varchar) || ':C' || cast(total_cell as varchar) as place_key,
        'the stated total ' || total_name || ' equals the sum of its printed parts' as description,
        'actual' as role,
        part_amount as amount,
        part_half_unit as half_unit,
        part_line as source_line
    from total_parts

),

-- the same quantity stated twice (amount and stated change)
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
        'L' || cast(first_line as varchar) || ':C' || cast(first_cell as varchar) as place_key,
        first_name || ' and ' || second_name || ' are the same quantity (income and expenditure balance): '
        || '{{ "the same amount" if quantity == "amount" else "the same stated change from last year" }}'
            as description,
        '{{ role }}' as role,
        {{ value }} as amount,
        {%- if role == 'expected' %}
        case when {{ first_half }} > {{ second_half }} then {{ first_half }} else 0 end as half_unit,
        {%- else %}
        case when {{ second_half }} > {{ first_half }} then {{ second_half }} else 0 end as half_unit,
        {%- endif %}
        {{ line }} as source_line
    from twice_pairs
    {%- if quantity == 'change' %}
    where first_change is not null and second_change is not null
    {%- endif %}
    {%- endfor %}
    {%- endfor %}

),

-- stated changes against the amounts they compare
change_terms as (

    select
        'stated_change_agrees' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        item_name_raw || ': the stated change ('
        || coalesce(cast(stated_change_pct as varchar) || ' %', cast(stated_change_yuan as varchar) || ' yuan',
            stated_direction)
        || ' against ' || basis || ' ' || cast(compare_fiscal_year as varchar) || ') agrees with the amounts'
        || case when prior_amount_is_derived then '; the prior amount is not printed, so it cannot be checked'
            else '' end as description,
        case when stated_change_pct is not null then 'percentage_points' else 'yuan' end as value_unit,
        'expected' as role,
        coalesce(stated_change_pct, stated_change_yuan, case when stated_direction = 'flat' then 0 end) as amount,
        case
            when stated_change_pct is not null then 0.5 / power(10, stated_pct_decimals)
            when stated_change_yuan is not null then stated_yuan_unit / 2.0
            else 0
        end as half_unit,
        source_line
    from stated_changes

    union all

    select
        'stated_change_agrees' as check_name,
        document_id,
        'L' || cast(source_line as varchar) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        null as description,
        case when stated_change_pct is not null then 'percentage_points' else 'yuan' end as value_unit,
        'actual' as role,
        case when stated_change_pct is not null then change_pct else change_yuan end as amount,
        0 as half_unit,
        source_line
    from stated_changes
    where not prior_amount_is_derived

),

-- the subjects the narrative explains, against the general-budget total it states
unit_totals as (

    select * from budget_figures
    where item_name_raw like '%{{ vocabulary["unit_total"] }}'

),

unit_total_priors as (

    select * from stated_changes
    where item_name_raw like '%{{ vocabulary["unit_total"] }}' and basis = 'prior_execution'

),

item_figures as (

    select * from figures
    where subject_level = 'item' and amount_yuan is not null

),

first_item_figures as (

    select
        *,
        row_number() over (
            partition by document_id, source_line, subject_code, phase order by cell_index
        ) as position_on_line
    from item_figures

),

items_terms as (

    select
        'narrative_items_sum_to_total' as check_name,
        document_id,
        'budget:' || cast(fiscal_year as varchar) as place_key,
        'the budget subjects the narrative explains add up to the stated general-budget total ('
        || cast(fiscal_year as varchar) || ' budget)' as description,
        'expected' as role,
        amount_yuan as amount,
        amount_half_unit_yuan as half_unit,
        source_line
    from unit_totals

    union all

    select
        'narrative_items_sum_to_total' as check_name,
        document_id,
        'execution:' || cast(compare_fiscal_year as varchar) as place_key,
        'the budget subjects the narrative explains add up to the general-budget total of '
        || cast(compare_fiscal_year as varchar) || ' 执行数, derived from the stated change of '
        || item_name_raw as description,
        'expected' as role,
        prior_amount_yuan as amount,
        0 as half_unit,
        source_line
    from unit_total_priors

    union all

    select
        'narrative_items_sum_to_total' as check_name,
        first_item_figures.document_id,
        case when first_item_figures.phase = 'budget' then 'budget:' else 'execution:' end
        || cast(first_item_figures.fiscal_year as varchar) as place_key,
        null as description,
        'actual' as role,
        first_item_figures.amount_yuan as amount,
        first_item_figures.amount_half_unit_yuan as half_unit,
        first_item_figures.source_line
    from first_item_figures
    where
        first_item_figures.position_on_line = 1
        and first_item_figures.document_id in (select document_id from unit_totals)

),

terms as (

    select
        check_name,
        document_id,
        place_key,
        description,
        'yuan' as value_unit,
        role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from table_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        'yuan' as value_unit,
        role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from sum_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        'yuan' as value_unit,
        role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from twice_terms

    union all

    select
        check_name,
        document_id,
        place_key,
        description,
        value_unit,
        role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from change_terms

    union all

    -- fewer explained than the total: subjects left out of the narrative; more: the figures contradict it
    select
        check_name,
        document_id,
        place_key,
        description,
        'yuan' as value_unit,
        role,
        amount,
        half_unit,
        false as blank_is_zero,
        source_line,
        'partial_disclosure' as cause_if_below,
        'publisher_error' as cause_if_above
    from items_terms

),

{{ summarise_check_terms('terms') }}

select * from final
