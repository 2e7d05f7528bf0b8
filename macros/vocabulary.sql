{#- vocabulary_rows(entries, columns): a select of literal rows (union all) from a list of dicts in dbt_project.yml
    vars, so a model can join on the project's vocabulary like on a table. -#}
{% macro vocabulary_rows(entries, columns) -%}
    {%- for entry in entries %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {%- for column in columns %}
        {% if entry[column] is none -%}
            cast(null as {{ text_type() }})
        {%- else -%}
            cast('{{ entry[column] }}' as {{ text_type() }})
        {%- endif %} as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}
