{#- Fails on every row for which the boolean expression is not true (false or null), optionally only on rows
    matching `where`. -#}
{% test expression_is_true(model, expression, where=none) %}

select * from {{ model }}
where
    not coalesce({{ expression }}, false)
    {%- if where %}
    and ({{ where }})
    {%- endif %}

{% endtest %}
