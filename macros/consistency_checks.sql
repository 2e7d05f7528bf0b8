{#-
    summarise_check_terms(terms): turns a CTE of check *terms* into finished consistency-check rows (the shape of
    fct_consistency_checks). Every check model lists, for each check and place, the printed figures it compares:

      check_name, document_id, place_key   which check, where (place_key is unique within the check and document)
      description                          what is compared, in words
      value_unit                           yuan, percentage_points or count
      term_role                            'expected' (the figure as stated) or 'actual' (what the parts give)
      amount                               the figure (yuan, percentage points or a count)
      half_unit                            half a unit of its last printed digit (0 for yuan tables and counts)
      blank_is_zero                        true when a cell left blank means nothing (table arithmetic); false
                                           when a missing side makes the check not applicable
      source_line                          the figure's line
      cause_if_below / cause_if_above      likely cause when the check fails with actual < / > expected

    expected = sum of expected terms, actual = sum of actual terms, difference = actual − expected. The contract's
    tolerance: the same quantity printed twice may differ by half a unit of the coarser printing; a sum of rounded
    terms by half a unit per term; so tolerance = greatest(half unit of the expected figure, Σ half units of the
    actual terms), which is 0 for yuan tables (they add exactly). status = pass when |difference| ≤ tolerance, fail
    otherwise, not_applicable when a side is unknown. Values are rounded to 0.01 before the status is decided, so
    the published difference and tolerance always reproduce the published status.

    Emits the CTEs check_lines, check_values, checked and final (the caller's CTE list must end with a comma).
-#}
{% macro summarise_check_terms(terms) %}

check_lines as (

    select distinct
        check_name,
        document_id,
        place_key,
        source_line
    from {{ terms }}
    where source_line is not null

),

check_line_lists as (

    select
        check_name,
        document_id,
        place_key,
        {{ ordered_string_agg('cast(source_line as ' ~ text_type() ~ ')', ',', 'source_line') }} as source_lines
    from check_lines
    group by check_name, document_id, place_key

),

check_values as (

    select
        check_name,
        document_id,
        place_key,
        max(description) as description,
        max(value_unit) as value_unit,
        max(cause_if_below) as cause_if_below,
        max(cause_if_above) as cause_if_above,
        case
            when count(case when term_role = 'expected' then 1 end) > 0
                then cast(round(sum(case when term_role = 'expected' then amount end), 2) as decimal(18, 2))
            when max(case when blank_is_zero then 1 else 0 end) = 1 then cast(0 as decimal(18, 2))
        end as expected_value,
        case
            when count(case when term_role = 'actual' then 1 end) > 0
                then cast(round(sum(case when term_role = 'actual' then amount end), 2) as decimal(18, 2))
            when max(case when blank_is_zero then 1 else 0 end) = 1 then cast(0 as decimal(18, 2))
        end as actual_value,
        cast(round(greatest(
            coalesce(max(case when term_role = 'expected' then half_unit end), 0),
            coalesce(sum(case when term_role = 'actual' then half_unit end), 0)
        ), 2) as decimal(18, 2)) as tolerance
    from {{ terms }}
    group by check_name, document_id, place_key

),

checked as (

    select
        check_values.*,
        cast(check_values.actual_value - check_values.expected_value as decimal(18, 2)) as difference,
        check_line_lists.source_lines
    from check_values
    left join check_line_lists
        on
            check_values.check_name = check_line_lists.check_name
            and check_values.document_id = check_line_lists.document_id
            and check_values.place_key = check_line_lists.place_key

),

final as (

    select
        check_name || ':' || document_id || ':' || place_key as check_id,
        document_id,
        check_name,
        description,
        source_lines,
        expected_value,
        actual_value,
        difference,
        tolerance,
        value_unit,
        {{ check_status('difference', 'tolerance') }} as status,
        case
            when {{ check_status('difference', 'tolerance') }} <> 'fail' then null
            when difference < 0 then cause_if_below
            else cause_if_above
        end as likely_cause
    from checked

)

{% endmacro %}

{#-
    check_terms(source, half_unit, blank_is_zero, cause_if_below, cause_if_above, value_unit): the term columns
    summarise_check_terms reads, selected from a CTE that has check_name, document_id, place_key, description,
    term_role, amount and source_line; the others are SQL expressions, often the same for every row of the CTE
    (the causes are literals). A check model's `terms` CTE is one call, or several joined by `union all`.
-#}
{% macro check_terms(source, half_unit='0', blank_is_zero='true', cause_if_below='publisher_error', cause_if_above='publisher_error', value_unit='value_unit') %}
    select
        check_name,
        document_id,
        place_key,
        description,
        {{ value_unit }} as value_unit,
        term_role,
        amount,
        {{ half_unit }} as half_unit,
        {{ blank_is_zero }} as blank_is_zero,
        source_line,
        '{{ cause_if_below }}' as cause_if_below,
        '{{ cause_if_above }}' as cause_if_above
    from {{ source }}
{%- endmacro %}
