{#- Schemas are exactly the names the contract gives (raw, staging, intermediate, marts), not dbt's default
    <target_schema>_<custom_schema>: analysts, the dashboard and outside checks name them directly. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
