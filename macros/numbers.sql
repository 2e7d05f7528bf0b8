{#- Arithmetic rules of the contract, written once. All portable SQL. -#}

{#- round_half_up(x, digits): rounds half away from zero on the absolute value, as the contract's agreement rule
    says (engines differ: some round half to even). digits may be an expression. -#}
{% macro round_half_up(expression, digits) -%}
    (sign({{ expression }}) * floor(abs({{ expression }}) * power(10, {{ digits }}) + 0.5) / power(10, {{ digits }}))
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
