{#- create_parquet_seed_tables(folder, names): on an engine that reads Parquet in place, raw.<name> becomes a table
    over <folder>/<name>/ (Parquet files written by budgetwh.spark.warehouse from the seeds DuckDB's CSV reader
    loaded, so both engines start from the same typed rows). Run with `dbt run-operation`; models still read their
    seed through ref(). -#}
{% macro create_parquet_seed_tables(folder, names) -%}
    {{ return(adapter.dispatch('create_parquet_seed_tables', 'budgetwh')(folder, names)) }}
{%- endmacro %}

{% macro default__create_parquet_seed_tables(folder, names) -%}
    {{ exceptions.raise_compiler_error(
        'create_parquet_seed_tables: ' ~ target.type ~ ' loads seeds with `budgetwh load`, not from Parquet') }}
{%- endmacro %}

{% macro spark__create_parquet_seed_tables(folder, names) -%}
    {% do run_query('create schema if not exists raw') %}
    {% for name in names %}
        {% do run_query('drop table if exists raw.' ~ name) %}
        {% do run_query("create table raw." ~ name ~ " using parquet location '" ~ folder ~ "/" ~ name ~ "'") %}
    {% endfor %}
{%- endmacro %}

{#- Contracts on Spark: dbt checks a contract by asking the engine for the types of `cast(null as <declared type>)`.
    The properties declare DuckDB's names; Spark refuses varchar without a length, so its cast reads it as string,
    Spark's text type. The contract stays enforced, with the same meaning, on both engines. -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ 'string' if type | lower | trim == 'varchar' else type }})
{%- endmacro %}

{#- Spark keeps no constraints on Parquet tables (only Delta can ALTER COLUMN ... SET NOT NULL, which dbt-spark tries
    whenever file_format is not set): there the contract checks names and types when the table is made, and the
    not_null / unique data tests check the rows, as on DuckDB. -#}
{% macro spark__persist_constraints(relation, model) -%}
    {%- if config.get('file_format') == 'delta' and config.get('contract').enforced -%}
        {% do alter_table_add_constraints(relation, model.constraints) %}
        {% do alter_column_set_constraints(relation, model.columns) %}
    {%- endif -%}
{%- endmacro %}
