{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='document_id',
        on_schema_change='fail',
        post_hook="{{ drop_removed_documents() }}"
    )
}}
-- Every document checked against itself: one row per check and place (see the five int_*_checked models).
with

budget_tables as (

    select * from {{ ref('int_budget_tables_checked') }} {{ new_documents_only('document_id') }}

),

budget_table_links as (

    select * from {{ ref('int_budget_table_links_checked') }} {{ new_documents_only('document_id') }}

),

narrative_figures as (

    select * from {{ ref('int_narrative_figures_checked') }} {{ new_documents_only('document_id') }}

),

narrative_statements as (

    select * from {{ ref('int_narrative_statements_checked') }} {{ new_documents_only('document_id') }}

),

project_forms as (

    select * from {{ ref('int_project_forms_checked') }} {{ new_documents_only('document_id') }}

),

unioned as (

    select * from budget_tables

    union all

    select * from budget_table_links

    union all

    select * from narrative_figures

    union all

    select * from narrative_statements

    union all

    select * from project_forms

),

final as (

    select
        check_id,
        document_id,
        check_name,
        description,
        source_lines,
        expected_value,
        actual_value,
        difference,
        tolerance,
        value_unit,
        status,
        likely_cause
    from unioned

)

select * from final
