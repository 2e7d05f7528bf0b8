{{ per_document_config('indicator_id', 'stg_extracted__indicators') }}
{#-
    Parses each target (指标目标值) into operator / value / max / unit / kind, keeping target_raw as printed, from
    its parts (int_indicator_targets_tokenised: steps 1-4 and the number, unit and words of step 5).
    The 45 cases of ../shared/design/target_cases.csv are the unit tests of the two models (_intermediate__models.yml).

    1. Normalise: full-width brackets, 》/≥/≤ and similar to ASCII; whitespace removed.
    2. blank: no text. date: a month/day/deadline pattern (4-5月, 11月底, 2023年12月底前, 7月1日) or a whole-period
       word (全年) - a time window, not a quantity.
    3. A single Chinese numeral with a unit word (一套) reads as its digit.
    4. range: <n><unit>-<m><unit> (80%-90%).
    5. Otherwise the first number: the operator comes from a symbol or word right before it (>=, 不低于, ...), else
       from a word after its unit (以上 → >=; 以内/以下/内 → <=), else '='. 约 before or 左右 after marks it
       approximate. The unit is the longest unit of var('target_units') right after the number (or in brackets:
       40(辆), 100.00(%)), a compound x/y (路/校) kept whole; money units are converted to yuan.
    6. No number: qualitative (及时, 健全, 合格（一次验收合格）).
-#}
{%- set units = var('target_units') -%}
{%- set amount_units = units['amount'] -%}

with

tokens as (

    select * from {{ ref('int_indicator_targets_tokenised') }} {{ new_documents_only('indicator_id') }}

),

classified as (

    select
        indicator_id,
        target_raw,
        target_text,
        unit_as_printed,
        case
            when target_text is null then 'blank'
            when is_date then 'date'
            when number_text is null then 'qualitative'
            when unit_as_printed in ({{ "'" ~ (units['percent'] | join("', '")) ~ "'" }}) then 'percent'
            when unit_as_printed in ({{ "'" ~ (amount_units.keys() | list | join("', '")) ~ "'" }}) then 'amount'
            when unit_as_printed in ({{ "'" ~ (units['score'] | join("', '")) ~ "'" }}) then 'score'
            when unit_as_printed in ({{ "'" ~ (units['duration'] | join("', '")) ~ "'" }}) then 'duration'
            when unit_as_printed in ({{ "'" ~ (units['measure'] | join("', '")) ~ "'" }}) then 'measure'
            else 'count'
        end as target_kind,
        case
            when target_text is null or is_date or number_text is null then null
            when range_low_text is not null then 'range'
            when {{ regex_matches('number_prefix', '>=$|(不低于|不少于|不小于|至少|大于等于|高于等于)$') }} then '>='
            when {{ regex_matches('number_prefix', '<=$|(不高于|不超过|不多于|不大于|小于等于|最多)$') }} then '<='
            when {{ regex_matches('number_prefix', '>$|(高于|大于|超过)$') }} then '>'
            when {{ regex_matches('number_prefix', '<$|(低于|少于|小于)$') }} then '<'
            when {{ regex_matches('after_unit', '^(以上|及以上)') }} then '>='
            when {{ regex_matches('after_unit', '^(以内|之内|以下|及以下|内)') }} then '<='
            else '='
        end as target_operator,
        cast(replace(coalesce(range_low_text, number_text), ',', '') as decimal(18, 4)) as value_as_printed,
        cast(replace(range_high_text, ',', '') as decimal(18, 4)) as max_as_printed,
        coalesce(
            {{ regex_matches('number_prefix', '约$') }} or {{ regex_matches('after_unit', '^左右') }}, false
        ) as is_approximate
    from tokens

),

final as (

    select
        indicator_id,
        target_raw,
        target_operator,
        case
            {%- for unit, factor in amount_units.items() %}
                when target_kind = 'amount' and unit_as_printed = '{{ unit }}'
                    then cast(value_as_printed * {{ factor }} as decimal(18, 4))
            {%- endfor %}
            when target_operator is not null then value_as_printed
        end as target_value,
        case
            {%- for unit, factor in amount_units.items() %}
                when target_kind = 'amount' and unit_as_printed = '{{ unit }}'
                    then cast(max_as_printed * {{ factor }} as decimal(18, 4))
            {%- endfor %}
            when target_operator = 'range' then max_as_printed
        end as target_value_max,
        case
            when target_operator is null then null
            when target_kind = 'amount' then '元'
            else unit_as_printed
        end as target_unit,
        target_kind,
        target_operator is not null and is_approximate as target_is_approximate,
        target_operator is not null as is_quantitative,
        target_kind = 'blank' as is_blank
    from classified

)

select * from final
