{{ per_document_config() }}
-- Every document checked against itself, and against its partner documents (the same agency's Y−1 document of
-- the same kind, the budget document of a 决算's year): one row per check and place. The check models are every
-- intermediate model named int_*_checked (one check family each, rows made by macro summarise_check_terms), found
-- in dbt's graph; a new family is a new model plus its depends_on line below (dbt resolves refs while parsing,
-- before the graph can be read, and names any model missing there).
-- Incrementally, a document is (re)built when it is new or when a partner of it is new
-- (int_document_partners_listed), so its cross-document checks appear once both documents are there; a full build
-- gives the same rows.
{%- set check_models = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and node.name.startswith('int_') and node.name.endswith('_checked') %}
        {%- do check_models.append(node.name) %}
    {%- endfor %}
{%- endif %}
{%- set check_models = check_models | sort %}
-- depends_on: {{ ref('int_budget_tables_checked') }}, {{ ref('int_budget_table_links_checked') }}
-- depends_on: {{ ref('int_budget_table_rows_checked') }}
-- depends_on: {{ ref('int_narrative_figures_checked') }}, {{ ref('int_narrative_statements_checked') }}
-- depends_on: {{ ref('int_stated_changes_checked') }}, {{ ref('int_narrative_items_checked') }}
-- depends_on: {{ ref('int_narrative_totals_checked') }}, {{ ref('int_final_account_names_checked') }}
-- depends_on: {{ ref('int_summary_balances_checked') }}
-- depends_on: {{ ref('int_project_names_checked') }}, {{ ref('int_project_indicators_checked') }}
-- depends_on: {{ ref('int_project_funds_checked') }}, {{ ref('int_project_narratives_checked') }}
-- depends_on: {{ ref('int_evaluation_grades_checked') }}, {{ ref('int_final_account_statements_checked') }}
-- depends_on: {{ ref('int_document_tables_checked') }}, {{ ref('int_three_public_checked') }}
-- depends_on: {{ ref('int_document_pairs_checked') }}, {{ ref('int_narrative_shares_checked') }}
-- depends_on: {{ ref('int_summary_appropriations_checked') }}
-- depends_on: {{ ref('int_document_partners_listed') }}

with

documents_to_build as (

    select document_id from {{ ref('int_documents_registered') }}
    {%- if is_incremental() %}
        where
            document_id not in (select built.document_id from {{ this }} as built)
            or document_id in (
                select partners.document_id from {{ ref('int_document_partners_listed') }} as partners
                where partners.partner_document_id not in (select built.document_id from {{ this }} as built)
            )
    {%- endif %}

),

unioned as (

    {%- for model in check_models %}
        {%- if not loop.first %}

            union all
        {% endif %}
        select * from {{ ref(model) }}
        where document_id in (select documents_to_build.document_id from documents_to_build)
    {%- endfor %}

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
