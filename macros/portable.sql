{#-
    Portable helpers: every piece of DuckDB-only syntax the models need lives here, behind adapter.dispatch, so a
    model moves to another engine by adding `<adapter>__<macro>` implementations, not by editing SQL.
    `default__` is DuckDB's form (the engine this project ships on); the comments name the usual equivalents.
-#}

{#- regex_extract(string, pattern, group): the group-th capture of the first match, '' when none (Spark:
    regexp_extract; Postgres: substring(... from ...)). Patterns are RE2. -#}
{% macro regex_extract(string, pattern, group=0) -%}
    {{ return(adapter.dispatch('regex_extract', 'budgetwh')(string, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(string, pattern, group=0) -%}
    regexp_extract({{ string }}, '{{ pattern }}', {{ group }})
{%- endmacro %}

{% macro spark__regex_extract(string, pattern, group=0) -%}
    regexp_extract({{ string }}, '{{ spark_regex(pattern) }}', {{ group }})
{%- endmacro %}

{#- regex_matches(string, pattern): true when the pattern matches anywhere (Spark: rlike; Postgres: ~). -#}
{% macro regex_matches(string, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'budgetwh')(string, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(string, pattern) -%}
    regexp_matches({{ string }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_matches(string, pattern) -%}
    ({{ string }} rlike '{{ spark_regex(pattern) }}')
{%- endmacro %}

{#- regex_replace_all(string, pattern, replacement): every match replaced (Spark: regexp_replace; Postgres:
    regexp_replace(..., 'g')). -#}
{% macro regex_replace_all(string, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'budgetwh')(string, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(string, pattern, replacement) -%}
    regexp_replace({{ string }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(string, pattern, replacement) -%}
    regexp_replace({{ string }}, '{{ spark_regex(pattern) }}', '{{ replacement | replace('\\', '\\\\') }}')
{%- endmacro %}

{#- split_to_rows(string, delimiter): a select-list expression giving one row per part (Spark:
    explode(split(...)); Postgres: unnest(string_to_array(...))). -#}
{% macro split_to_rows(string, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'budgetwh')(string, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(string, delimiter) -%}
    unnest(string_split({{ string }}, '{{ delimiter }}'))
{%- endmacro %}

{#- Spark's split takes a regular expression: the delimiter goes in a bracket so '|' is literal. -#}
{% macro spark__split_to_rows(string, delimiter) -%}
    explode(split({{ string }}, '[{{ delimiter }}]'))
{%- endmacro %}

{#- ordered_string_agg(expression, delimiter, order_by): values joined in order (Spark: array_join(sort_array(
    collect_list(...))); Postgres/Snowflake: string_agg/listagg ... within group). -#}
{% macro ordered_string_agg(expression, delimiter, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'budgetwh')(expression, delimiter, order_by)) }}
{%- endmacro %}

{#- DuckDB: the same result as string_agg(... order by ...), whose ordered aggregation is several times slower on
    many small groups (a check model's source lines per place at ×1000): the values travel behind their sort keys
    in a list of structs, list_sort orders it, nulls are skipped, and no value at all gives null. -#}
{% macro default__ordered_string_agg(expression, delimiter, order_by) -%}
    case when count({{ expression }}) > 0 then array_to_string(list_transform(
        list_sort(list({'order_key': row({{ order_by }}), 'agg_value': {{ expression }}})), agg -> agg.agg_value
    ), '{{ delimiter }}') end
{%- endmacro %}

{#- collect_list keeps no order: the values travel in a struct behind their sort keys, array_sort orders the
    structs field by field; no value at all gives null, as string_agg does. -#}
{% macro spark__ordered_string_agg(expression, delimiter, order_by) -%}
    case when count({{ expression }}) > 0 then array_join(transform(
        array_sort(collect_list(struct({{ order_by }}, {{ expression }} as agg_value))), agg -> agg.agg_value
    ), '{{ delimiter }}') end
{%- endmacro %}

{#- quantile_cont(expression, fraction, scale): continuous (interpolated) quantile, as the contract asks (ANSI:
    percentile_cont(fraction) within group (order by expression)). DuckDB gives a decimal's quantile in the
    decimal's own type, rounded down to its scale (81.87 and 81.88 give a median of 81.87); scale names that scale
    for an engine whose quantile is a double, so every engine gives the same figure. -#}
{% macro quantile_cont(expression, fraction, scale=none) -%}
    {{ return(adapter.dispatch('quantile_cont', 'budgetwh')(expression, fraction, scale)) }}
{%- endmacro %}

{% macro default__quantile_cont(expression, fraction, scale=none) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}

{#- percentile interpolates in doubles: the rounding to 6 places drops their noise (81.874999… is 81.875) before
    the value is rounded down to the decimal's scale. -#}
{% macro spark__quantile_cont(expression, fraction, scale=none) -%}
    {%- if scale is none -%}
        percentile({{ expression }}, {{ fraction }})
    {%- else -%}
        (floor(round(percentile({{ expression }}, {{ fraction }}) * {{ 10 ** scale }}, 6)) / {{ 10 ** scale }})
    {%- endif -%}
{%- endmacro %}

{#- md5_hex(string): the MD5 digest as 32 lower-case hex digits (Spark, Postgres, Snowflake: md5; BigQuery:
    to_hex(md5(...))). -#}
{% macro md5_hex(string) -%}
    {{ return(adapter.dispatch('md5_hex', 'budgetwh')(string)) }}
{%- endmacro %}

{% macro default__md5_hex(string) -%}
    md5({{ string }})
{%- endmacro %}

{#- spark_regex(pattern): a pattern as a Spark SQL string literal's body. Spark's regular expressions are Java's,
    which know no POSIX bracket classes ([:space:] is \s in both), and Spark unescapes backslashes in literals. -#}
{% macro spark_regex(pattern) -%}
    {{- pattern | replace('[:space:]', '\\s') | replace('\\', '\\\\') | replace("'", "\\'") -}}
{%- endmacro %}

{#- text_type(): the type name of a cast to text (Spark refuses varchar without a length; string is its text type). -#}
{% macro text_type() -%}
    {{ return(adapter.dispatch('text_type', 'budgetwh')()) }}
{%- endmacro %}

{% macro default__text_type() -%}
    varchar
{%- endmacro %}

{% macro spark__text_type() -%}
    string
{%- endmacro %}

{#- concat_text(parts): the parts' text joined, a null part counting as '' (DuckDB's concat; Spark's concat gives
    null as soon as one part is null). -#}
{% macro concat_text(parts) -%}
    {{ return(adapter.dispatch('concat_text', 'budgetwh')(parts)) }}
{%- endmacro %}

{% macro default__concat_text(parts) -%}
    concat({{ parts | join(', ') }})
{%- endmacro %}

{% macro spark__concat_text(parts) -%}
    concat({% for part in parts %}coalesce({{ part }}, ''){{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}

{#- text_literal(text): a string literal that may hold an apostrophe (standard SQL doubles it; Spark reads 'a''b'
    as two literals side by side, 'ab', and escapes it with a backslash). -#}
{% macro text_literal(text) -%}
    {{ return(adapter.dispatch('text_literal', 'budgetwh')(text)) }}
{%- endmacro %}

{% macro default__text_literal(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__text_literal(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
