{#-
    Every narrative figure that states a change (比2021年预算执行数减少94%, 与2021年预算持平) against the amount it
    compares with, and whether the statement agrees.

    - The prior amount is the figure on the same line for the compared year and basis (2021年当年预算执行数为4.12万元);
      where the document does not print it, it is derived from the stated change in yuan (or equals the amount when
      the statement says flat), prior_amount_is_derived is true and statement_agrees is null: a statement cannot be
      checked against a number made from itself.
    - A statement agrees when its direction matches the sign of the change and, for a stated percentage, the computed
      percentage rounded half-up (on the absolute value) to the stated precision equals it; for a stated amount, the
      computed change rounded the same way to the stated amount's precision equals it. 持平 (flat) is a change of 0 %
      at whole-percent precision: it agrees when the computed percentage rounds to 0 (or, from a zero prior, when
      nothing changed). (+22 % for 90.67 → 111.16, i.e. 22.60 %, does not agree; 减少94% for 4.12 → 0.26 does.)
-#}
with

narrative as (

    select * from {{ ref('stg_extracted__line_items') }}
    where table_kind = 'narrative'

),

statements as (

    select * from narrative
    where stated_direction is not null

),

candidate_priors as (

    select
        statements.line_item_id,
        priors.line_item_id as prior_line_item_id,
        priors.amount_yuan as prior_amount_yuan,
        row_number() over (
            partition by statements.line_item_id
            order by abs(statements.cell_index - priors.cell_index), priors.cell_index
        ) as nearness
    from statements
    inner join narrative as priors
        on
            statements.document_id = priors.document_id
            and statements.source_line = priors.source_line
            and statements.compare_fiscal_year = priors.fiscal_year
            and priors.phase = case statements.compare_basis when 'prior_execution' then 'execution' else 'budget' end
            and priors.amount_yuan is not null

),

printed_priors as (

    select * from candidate_priors
    where nearness = 1

),

with_prior as (

    select
        statements.line_item_id,
        statements.document_id,
        statements.source_line,
        statements.item_name_raw,
        statements.fiscal_year,
        statements.amount_yuan,
        statements.amount_raw,
        statements.compare_basis as basis,
        statements.compare_fiscal_year,
        statements.stated_change_pct,
        statements.stated_change_yuan,
        statements.stated_direction,
        printed_priors.prior_line_item_id,
        -- the contract's type, stated: engines widen a difference of decimals differently (Spark adds a digit)
        cast(
            coalesce(
                printed_priors.prior_amount_yuan,
                statements.amount_yuan - statements.stated_change_yuan,
                case when statements.stated_direction = 'flat' then statements.amount_yuan end
            ) as decimal(18, 2)
        ) as prior_amount_yuan,
        printed_priors.prior_line_item_id is null as prior_amount_is_derived,
        -- no stated percentage: 0 decimals (a flat statement is a whole 0 %)
        {{ stated_pct_decimals('coalesce(statements.stated_change_pct, 0)') }} as stated_pct_decimals,
        {{ stated_yuan_unit('statements.stated_change_yuan') }} as stated_yuan_unit
    from statements
    left join printed_priors
        on statements.line_item_id = printed_priors.line_item_id

),

computed as (

    select
        *,
        cast(amount_yuan - prior_amount_yuan as decimal(18, 2)) as change_yuan,
        case
            when prior_amount_yuan <> 0
                then cast(amount_yuan - prior_amount_yuan as double) / cast(prior_amount_yuan as double) * 100
        end as change_pct
    from with_prior

),

evaluated as (

    select
        *,
        case stated_direction
            when 'increase' then change_yuan > 0
            when 'decrease' then change_yuan < 0
            when 'flat' then
                case
                    when change_pct is not null then {{ round_half_up('abs(change_pct)', 0) }} = 0
                    else change_yuan = 0
                end
        end as direction_agrees,
        case
            when stated_change_pct is not null
                then {{ round_half_up('abs(change_pct)', 'stated_pct_decimals') }} = abs(stated_change_pct)
        end as pct_agrees,
        case
            when stated_change_yuan is not null
                then
                    {{ round_half_up('abs(change_yuan) / stated_yuan_unit', 0) }} * stated_yuan_unit
                    = abs(stated_change_yuan)
        end as yuan_agrees,
        case
            when stated_change_pct is not null then 'percentage_points'
            when stated_change_yuan is not null then 'yuan'
            when change_pct is not null then 'percentage_points'
            else 'yuan'
        end as compared_in,
        coalesce(stated_change_pct, stated_change_yuan, 0) as stated_value,
        case
            when stated_change_pct is not null then change_pct
            when stated_change_yuan is not null then change_yuan
            when change_pct is not null then change_pct
            else change_yuan
        end as computed_value
    from computed

),

final as (

    select
        line_item_id,
        document_id,
        source_line,
        item_name_raw,
        fiscal_year,
        amount_yuan,
        amount_raw,
        basis,
        compare_fiscal_year,
        prior_line_item_id,
        prior_amount_yuan,
        prior_amount_is_derived,
        change_yuan,
        change_pct,
        stated_change_pct,
        stated_pct_decimals,
        stated_change_yuan,
        stated_yuan_unit,
        stated_direction,
        -- the statement as a number (持平 = 0 %); computed_value_as_stated: the change rounded as it should be printed
        compared_in,
        stated_value,
        computed_value,
        case
            when compared_in = 'percentage_points'
                then sign(computed_value) * {{ round_half_up('abs(computed_value)', 'stated_pct_decimals') }}
            when stated_change_yuan is not null
                then
                    sign(computed_value)
                    * {{ round_half_up('abs(computed_value) / stated_yuan_unit', 0) }}
                    * stated_yuan_unit
            else computed_value
        end as computed_value_as_stated,
        case
            -- a percentage of a zero prior cannot be computed, so it cannot be checked either
            when prior_amount_is_derived or (stated_change_pct is not null and change_pct is null) then null
            else coalesce(direction_agrees and coalesce(pct_agrees, true) and coalesce(yuan_agrees, true), false)
        end as statement_agrees
    from evaluated

)

select * from final
