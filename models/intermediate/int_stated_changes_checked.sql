{{ per_document_config() }}
{#-
    A stated change agrees with the amounts it compares (stated_change_agrees), rounded half-up to the precision
    it is stated in (int_stated_changes_evaluated); not_applicable where the document does not print the prior
    amount.
-#}

with

stated_changes as (

    select * from {{ ref('int_stated_changes_evaluated') }} {{ new_documents_only('document_id') }}

),

change_terms as (

    select
        'stated_change_agrees' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        item_name_raw || ': the stated change ('
        || coalesce(
            cast(stated_change_pct as {{ text_type() }}) || ' %',
            cast(stated_change_yuan as {{ text_type() }}) || ' yuan',
            stated_direction
        )
        || ' against ' || basis || ' ' || cast(compare_fiscal_year as {{ text_type() }})
        || ') equals the computed change rounded half-up to the stated precision'
        || case
            when prior_amount_is_derived then '; the prior amount is not printed, so it cannot be checked'
            when compared_in = 'percentage_points'
                then ' (computed ' || cast(round(computed_value, 2) as {{ text_type() }}) || ' %)'
            else ' (computed ' || cast(round(computed_value, 2) as {{ text_type() }}) || ' yuan)'
        end as description,
        compared_in as value_unit,
        'expected' as term_role,
        stated_value as amount,
        0 as half_unit,
        source_line
    from stated_changes

    union all

    select
        'stated_change_agrees' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        null as description,
        compared_in as value_unit,
        'actual' as term_role,
        computed_value_as_stated as amount,
        0 as half_unit,
        source_line
    from stated_changes
    where not prior_amount_is_derived

),

terms as (

    {{ check_terms('change_terms', half_unit='half_unit', blank_is_zero='false') }}

),

{{ summarise_check_terms('terms') }}

select * from final
