{#- Arithmetic rules of the contract, written once. All portable SQL. -#}

{#- round_half_up(x, digits): rounds half away from zero on the absolute value, as the contract's agreement rule
    says (engines differ: some round half to even). digits may be an expression. -#}
{% macro round_half_up(expression, digits) -%}
    (sign({{ expression }}) * floor(abs({{ expression }}) * power(10, {{ digits }}) + 0.5) / power(10, {{ digits }}))
{%- endmacro %}

{#- round_down(x, digits): x cut down to digits decimals (floor), what a publisher who truncates instead of rounding
    prints; compared with round_half_up to name the cause of a printed percentage that disagrees. -#}
{% macro round_down(expression, digits) -%}
    (floor({{ expression }} * power(10, {{ digits }})) / power(10, {{ digits }}))
{%- endmacro %}

{#- stated_pct_decimals(pct): the decimals a stated percentage prints, 0, 1 or 2 (12 %, 12.5 %, 12.34 %; 2 when pct
    is null): the precision its recomputation is rounded to before the two are compared. -#}
{% macro stated_pct_decimals(pct) -%}
    case
        when {{ pct }} = round({{ pct }}, 0) then 0
        when {{ pct }} = round({{ pct }}, 1) then 1
        else 2
    end
{%- endmacro %}

{#- printed_decimals(amount_raw): how many digits the cell prints after the decimal point (0 for "7,713万元"). -#}
{% macro printed_decimals(amount_raw) -%}
    length({{ regex_extract(amount_raw, '[0-9]\\.([0-9]+)', 1) }})
{%- endmacro %}

{#- half_unit_yuan(amount_raw, source_unit, amount_yuan): half a unit of the last printed digit, in yuan — how far
    a printed, rounded figure may be from the exact amount. Yuan tables add exactly (0), and a printed zero is
    taken as exact (nothing budgeted), not as a rounded small amount. -#}
{% macro half_unit_yuan(amount_raw, source_unit, amount_yuan) -%}
    (case
        when {{ source_unit }} = '万元' and {{ amount_yuan }} <> 0
            then 5000 / power(10, {{ printed_decimals(amount_raw) }})
        when {{ source_unit }} = '亿元' and {{ amount_yuan }} <> 0
            then 50000000 / power(10, {{ printed_decimals(amount_raw) }})
        else 0
    end)
{%- endmacro %}

{#- check_status(difference, tolerance): the contract's tolerance rule; not_applicable when either is unknown. -#}
{% macro check_status(difference, tolerance) -%}
    (case
        when {{ difference }} is null or {{ tolerance }} is null then 'not_applicable'
        when abs({{ difference }}) <= {{ tolerance }} then 'pass'
        else 'fail'
    end)
{%- endmacro %}

{#- normalised_agency_name(name): an agency's name as compared and hashed: no white space (PDF text breaks names
    with spaces), full-width brackets as ASCII ones. Two printings of one name normalise alike. -#}
{% macro normalised_agency_name(name) -%}
    replace(replace({{ regex_replace_all(name, '[[:space:]　]+', '') }}, '（', '('), '）', ')')
{%- endmacro %}

{#- generated_agency_id(district_id, agency_name): the stable id of an agency no reviewed row names: district +
    first 10 hex of the md5 of its normalised printed name. The same name in the same district always gets the
    same id, whatever document prints it first. -#}
{% macro generated_agency_id(district_id, agency_name) -%}
    ({{ district_id }} || '_' || substr({{ md5_hex(normalised_agency_name(agency_name)) }}, 1, 10))
{%- endmacro %}

{#- stated_change_agrees(amount, prior, stated_pct, stated_yuan, direction): the contract's agreement rule for a
    stated change, as one expression (int_stated_changes_evaluated spells out the same rule step by step): the
    direction matches the sign of amount − prior; a stated percentage equals the computed one rounded half-up (on the
    absolute value) to the stated precision; a stated amount equals the computed change rounded to the stated
    amount's unit (1, 100, 1000 or 10000 yuan); 持平 is 0 % at whole-percent precision. Null where a stated
    percentage cannot be computed (a prior of 0) or the prior is unknown. -#}
{% macro stated_change_agrees(amount, prior, stated_pct, stated_yuan, direction) -%}
    (case
        when {{ prior }} is null or {{ amount }} is null then null
        when {{ stated_pct }} is not null and {{ prior }} = 0 then null
        else
            (case {{ direction }}
                when 'increase' then {{ amount }} > {{ prior }}
                when 'decrease' then {{ amount }} < {{ prior }}
                when 'flat' then
                    case
                        when {{ prior }} <> 0
                            then {{ round_half_up(
                                'abs(cast(' ~ amount ~ ' - ' ~ prior ~ ' as double) / cast(' ~ prior ~ ' as double) * 100)',
                                0) }} = 0
                        else {{ amount }} = {{ prior }}
                    end
                else true
            end)
            and coalesce(
                {{ round_half_up(
                    'abs(cast(' ~ amount ~ ' - ' ~ prior ~ ' as double) / cast(nullif(' ~ prior ~ ', 0) as double) * 100)',
                    '(' ~ stated_pct_decimals(stated_pct) ~ ')') }} = abs({{ stated_pct }}),
                true
            )
            and coalesce(
                {{ round_half_up(
                    'abs(' ~ amount ~ ' - ' ~ prior ~ ') / (' ~ stated_yuan_unit(stated_yuan) ~ ')', 0) }}
                * ({{ stated_yuan_unit(stated_yuan) }}) = abs({{ stated_yuan }}),
                true
            )
    end)
{%- endmacro %}

{#- stated_yuan_unit(stated_yuan): the unit a stated amount is printed to (10000 for whole 万元, …, 1). -#}
{% macro stated_yuan_unit(stated_yuan) -%}
    case
        when mod({{ stated_yuan }}, 10000) = 0 then 10000
        when mod({{ stated_yuan }}, 1000) = 0 then 1000
        when mod({{ stated_yuan }}, 100) = 0 then 100
        else 1
    end
{%- endmacro %}
