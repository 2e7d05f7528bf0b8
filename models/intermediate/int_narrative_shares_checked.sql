{{ per_document_config() }}
{#-
    stated_share_agrees: a printed share (财政拨款收入2940.05万元，占99.79%) against the figure ÷ the whole it is a
    share of × 100, rounded half-up to the printed precision (the contract's agreement rule). The whole is the
    nearest figure before it, in reading order and within the same passage (the 20 lines before it),
    that states no share itself and is at least the figure: the total a 其中 list starts from (本年收入合计2946.25万元，
    其中：…). A share with no such figure is not_applicable. A share that disagrees but equals the computed share
    truncated (not rounded) to its precision fails with likely_cause rounding and says so.
-#}
{%- set within_lines = 20 %}
{%- set share_cause -%}
    case
        when rounded_share_pct <> stated_share_pct and truncated_share_pct = stated_share_pct then 'rounding'
        else 'publisher_error'
    end
{%- endset %}

with

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

shares as (

    select * from figures
    where stated_share_pct is not null and amount_yuan is not null

),

wholes as (

    select * from figures
    where stated_share_pct is null and amount_yuan is not null and measure <> 'count'

),

candidate_wholes as (

    select
        shares.line_item_id,
        wholes.line_item_id as whole_line_item_id,
        wholes.source_line as whole_line,
        wholes.amount_yuan as whole_yuan,
        wholes.item_name_raw as whole_name,
        row_number() over (
            partition by shares.line_item_id order by wholes.source_line desc, wholes.cell_index desc
        ) as nearness
    from shares
    inner join wholes
        on
            shares.document_id = wholes.document_id
            and (
                shares.source_line > wholes.source_line
                or (shares.source_line = wholes.source_line and shares.cell_index > wholes.cell_index)
            )
            and shares.source_line - {{ within_lines }} <= wholes.source_line
            -- a whole is at least its part (a smaller figure between them is another statement)
            and abs(shares.amount_yuan) <= abs(wholes.amount_yuan)

),

evaluated as (

    select
        shares.*,
        candidate_wholes.whole_line,
        candidate_wholes.whole_yuan,
        candidate_wholes.whole_name,
        {{ stated_pct_decimals('shares.stated_share_pct') }} as share_decimals,
        case
            when candidate_wholes.whole_yuan <> 0
                then cast(shares.amount_yuan as double) / cast(candidate_wholes.whole_yuan as double) * 100
        end as exact_share_pct
    from shares
    left join candidate_wholes
        on shares.line_item_id = candidate_wholes.line_item_id and candidate_wholes.nearness = 1

),

judged as (

    select
        *,
        {{ round_half_up('exact_share_pct', 'share_decimals') }} as rounded_share_pct,
        {{ round_down('exact_share_pct', 'share_decimals') }} as truncated_share_pct
    from evaluated

),

terms as (

    select
        'stated_share_agrees' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        coalesce(item_name_raw, '') || ': the printed share ('
        || cast(stated_share_pct as {{ text_type() }}) || ' %) equals '
        || case
            when whole_line is null then 'its share of a whole the passage does not print; not checked'
            else
                'the figure ÷ ' || coalesce(whole_name, '') || ' (line ' || cast(whole_line as {{ text_type() }})
                || ') rounded half-up to its precision (computed '
                || coalesce(cast(round(exact_share_pct, 4) as {{ text_type() }}), 'none') || ' %'
                || case
                    when rounded_share_pct <> stated_share_pct and truncated_share_pct = stated_share_pct
                        then ': the printed share is truncated, not rounded)'
                    else ')'
                end
        end as description,
        'percentage_points' as value_unit,
        'expected' as term_role,
        stated_share_pct as amount,
        0 as half_unit,
        false as blank_is_zero,
        source_line,
        {{ share_cause }} as cause_if_below,
        {{ share_cause }} as cause_if_above
    from judged

    union all

    select
        'stated_share_agrees' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':' || {{ regex_extract('line_item_id', ':(C[0-9]+)$', 1) }}
            as place_key,
        null as description,
        'percentage_points' as value_unit,
        'actual' as term_role,
        rounded_share_pct as amount,
        0 as half_unit,
        false as blank_is_zero,
        whole_line as source_line,
        {{ share_cause }} as cause_if_below,
        {{ share_cause }} as cause_if_above
    from judged
    where exact_share_pct is not null

),

{{ summarise_check_terms('terms') }}

select * from final
