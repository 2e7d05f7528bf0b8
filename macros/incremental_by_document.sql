{#-
    Per-document models grow by document. A document never changes: its id is the hash of its text, so an edited
    file arrives as a new document and its old id disappears. An incremental run therefore only has to
    1. read the rows of documents the table does not hold yet (new_documents_only, in the model's import CTEs), and
    2. drop the rows of documents no longer extracted (drop_removed_documents, a post-hook; by indicator_id where a
       model keys its rows by indicator).
    Everything else a per-document row depends on (reference seeds, model code) is fingerprinted by
    `budgetwh build`, which builds from scratch whenever any of it changed. A full build and an incremental one give
    identical marts: tests/scale/test_incremental.py compares them.
-#}

{% macro new_documents_only(column='document_id') -%}
    {#- a unit test renders the model with no `this` (and never incrementally) -#}
    {%- if this is not none and is_incremental() %}
    where {{ column }} not in (select {{ column }} from {{ this }})
    {%- endif %}
{%- endmacro %}

{% macro drop_removed_documents(column='document_id', extracted='int_documents_registered') -%}
    {#- ref() outside the if, so dbt sees the dependency when it parses the hook -#}
    {%- set still_extracted = ref(extracted) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ column }} not in (select {{ column }} from {{ still_extracted }})
    {%- endif -%}
{%- endmacro %}

{#- by_document_materialization(): how a per-document model is materialised. DuckDB grows it by document
    (incremental, delete+insert). Spark's Parquet tables can neither delete rows nor take delete+insert, so there
    the model is rebuilt whole every run (a table): is_incremental() is then false, so new_documents_only and
    drop_removed_documents render nothing, and the rows are the same as a full DuckDB build's. -#}
{% macro by_document_materialization() -%}
    {{ return(adapter.dispatch('by_document_materialization', 'budgetwh')()) }}
{%- endmacro %}

{% macro default__by_document_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__by_document_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- per_document_config(unique_key, extracted): the config every per-document model takes, written once: grown by
    document (by_document_materialization), rows of removed documents dropped after each run (drop_removed_documents
    by unique_key, against the relation `extracted` that lists the documents still extracted). -#}
{% macro per_document_config(unique_key='document_id', extracted='int_documents_registered') -%}
    {{ config(
        materialized=by_document_materialization(),
        incremental_strategy='delete+insert',
        unique_key=unique_key,
        on_schema_change='fail',
        post_hook="{{ drop_removed_documents('" ~ unique_key ~ "', '" ~ extracted ~ "') }}"
    ) }}
{%- endmacro %}
