{#- is_functional_line(relation): the row of `relation` (line items) is a line of the functional classification
    (一般公共预算支出功能分类 / 财政拨款支出决算表): the 合计 column of a class, kind, item or total row. Budget vs
    execution, the planned lines, the documents' keyed lines and the 决算's own budget columns all pair these lines;
    the rule is written here once. -#}
{% macro is_functional_line(relation='line_items') -%}
    {{ relation }}.table_kind = 'general_public_functional'
    and {{ relation }}.measure = 'total'
    and {{ relation }}.row_level in ('class', 'kind', 'item', 'total')
{%- endmacro %}
