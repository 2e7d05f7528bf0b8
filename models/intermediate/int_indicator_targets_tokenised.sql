{{ per_document_config('indicator_id', 'stg_extracted__indicators') }}
{#-
    Reads each target (指标目标值) into the parts int_indicator_targets_parsed classifies, keeping target_raw as
    printed. The rules are listed there; this model does steps 1-4 and finds step 5's number, unit and the words
    around them.
    1. Normalise: full-width brackets, 》/≥/≤ and similar to ASCII; whitespace removed (target_text).
    2. is_date: a month/day/deadline pattern (4-5月, 11月底, 2023年12月底前, 7月1日) or a whole-period word (全年).
    3. A single Chinese numeral with a unit word (一套) reads as its digit.
    4. A range <n><unit>-<m><unit> (80%-90%): its two numbers and its unit.
    5. Otherwise the first number, the text before it (number_prefix), its unit - the longest unit of
       var('target_units') right after it (or in brackets: 40(辆), 100.00(%)), a compound x/y (路/校) kept whole,
       else the character after it - and the text after the unit (after_unit).
-#}
{%- set units = var('target_units') -%}
{%- set all_units = units['percent'] + units['duration'] + units['measure'] + units['score']
    + (units['amount'].keys() | list) + units['count'] -%}
{#- longest first, so the alternation prefers 个工作日 to 个 (RE2 takes the first alternative that matches) -#}
{%- set ns = namespace(by_length=[]) -%}
{%- for size in range(8, 0, -1) -%}
    {%- for unit in all_units if unit | length == size -%}{%- set ns.by_length = ns.by_length + [unit] -%}{%- endfor -%}
{%- endfor -%}
{%- set units_pattern = ns.by_length | join('|') -%}
{%- set number = '[0-9][0-9,]*(?:\\.[0-9]+)?' -%}
{#- <n><unit>-<m><unit>: groups 1 and 3 the numbers, 2 and 4 their units -#}
{%- set range_pattern = '^(' ~ number ~ ')(' ~ units_pattern ~ ')?[-~至](' ~ number ~ ')(' ~ units_pattern ~ ')?$' -%}
{%- set numerals = {'一': '1', '二': '2', '两': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8',
    '九': '9', '十': '10'} -%}
{%- set numeral_class = numerals.keys() | join('') -%}

with

indicators as (

    select * from {{ ref('stg_extracted__indicators') }} {{ new_documents_only('indicator_id') }}

),

normalised as (

    select
        indicator_id,
        target_raw,
        nullif(
            {{ regex_replace_all(
                "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace("
                ~ "replace(target_raw, '（', '('), '）', ')'), '》', '>'), '《', '<'), '≥', '>='), '≤', '<='), "
                ~ "'＞', '>'), '＜', '<'), '＝', '='), '％', '%'), '～', '~'), '－', '-')",
                '\\s+', ''
            ) }},
            ''
        ) as target_text
    from indicators

),

with_numerals as (

    select
        indicator_id,
        target_raw,
        target_text,
        target_text is not null
        and (
            {{ regex_matches('target_text',
                '([0-9]{4}年)?[0-9]{1,2}(-[0-9]{1,2})?月(底|初|末|中旬|上旬|下旬|[0-9]{1,2}日)?'
                ~ '|[0-9]{4}年(底|末|内)') }}
            or target_text in ('全年', '全年度', '年内', '年底', '年底前', '上半年', '下半年')
        ) as is_date,
        case
            when {{ regex_matches('target_text', '^[' ~ numeral_class ~ '][^0-9' ~ numeral_class ~ ']{1,3}$') }}
                then
                    case substr(target_text, 1, 1)
                        {%- for numeral, digit in numerals.items() %}
                            when '{{ numeral }}' then '{{ digit }}'
                        {%- endfor %}
                    end
                    || substr(target_text, 2)
            else target_text
        end as parse_text
    from normalised

),

split as (

    select
        indicator_id,
        target_raw,
        target_text,
        is_date,
        nullif({{ regex_extract('parse_text', range_pattern, 1) }}, '') as range_low_text,
        nullif({{ regex_extract('parse_text', range_pattern, 3) }}, '') as range_high_text,
        coalesce(
            nullif({{ regex_extract('parse_text', range_pattern, 2) }}, ''),
            nullif({{ regex_extract('parse_text', range_pattern, 4) }}, '')
        ) as range_unit,
        {{ regex_extract('parse_text', '^(.*?)(' ~ number ~ ')(.*)$', 1) }} as number_prefix,
        nullif({{ regex_extract('parse_text', '^(.*?)(' ~ number ~ ')(.*)$', 2) }}, '') as number_text,
        {{ regex_extract('parse_text', '^(.*?)(' ~ number ~ ')(.*)$', 3) }} as number_rest
    from with_numerals

),

united as (

    select
        *,
        nullif({{ regex_extract('number_rest', '^\\((' ~ units_pattern ~ ')\\)', 1) }}, '') as bracketed_unit,
        nullif({{ regex_extract('number_rest', '^((?:' ~ units_pattern ~ ')(?:/[^0-9/()]{1})?)', 1) }}, '')
            as listed_unit,
        nullif({{ regex_extract('number_rest', '^([^0-9()<>=%,.;:、，。；：/~-])', 1) }}, '') as fallback_unit
    from split

),

measured as (

    select
        *,
        coalesce(range_unit, bracketed_unit, listed_unit, fallback_unit) as unit_as_printed,
        case
            when bracketed_unit is not null then substr(number_rest, length(bracketed_unit) + 3)
            else substr(number_rest, coalesce(length(coalesce(listed_unit, fallback_unit)), 0) + 1)
        end as after_unit
    from united

),

final as (

    select
        indicator_id,
        target_raw,
        target_text,
        is_date,
        range_low_text,
        range_high_text,
        number_prefix,
        number_text,
        unit_as_printed,
        after_unit
    from measured

)

select * from final
