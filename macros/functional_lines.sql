{#- is_functional_line(relation): the row of `relation` (line items) is a line of the functional classification
    (一般公共预算支出功能分类 / 财政拨款支出决算表): the 合计 column of a class, kind, item or total row. Budget vs
    execution, the planned lines, the documents' keyed lines and the 决算's own budget columns all pair these lines;
    the rule is written here once. -#}
{% macro is_functional_line(relation='line_items') -%}
    {{ relation }}.table_kind = 'general_public_functional'
    and {{ relation }}.measure = 'total'
    and {{ relation }}.row_level in ('class', 'kind', 'item', 'total')
{%- endmacro %}

{#- functional_code_path(relation): the `<类>-<款>-<项>` key of a functional line from its codes (class_code,
    kind_code, item_code of `relation`; none for a bare column list), a missing code left empty: `201-06-`, and `--`
    for a row without codes. The lines of a 决算's table, of its narrative and of a budget's table pair on it. -#}
{% macro functional_code_path(relation=none) -%}
    {%- set q = relation ~ '.' if relation else '' -%}
    coalesce({{ q }}class_code, '') || '-' || coalesce({{ q }}kind_code, '') || '-' || coalesce({{ q }}item_code, '')
{%- endmacro %}

{#- functional_line_key(relation): the key a line of the functional classification pairs on across documents: its
    code path (functional_code_path), or `total` for the table's total row (合计), whose codes are empty. -#}
{% macro functional_line_key(relation=none) -%}
    {%- set q = relation ~ '.' if relation else '' -%}
    case when {{ q }}row_level = 'total' then 'total' else {{ functional_code_path(relation) }} end
{%- endmacro %}
