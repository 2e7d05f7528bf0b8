{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='document_id',
        on_schema_change='fail',
        post_hook="{{ drop_removed_documents() }}"
    )
}}
{#-
    The “三公” table printed as one row (its items are columns; contract v2: row_label_raw empty), per row and phase
    (a 决算 prints 预算数 beside 决算数):
    - three_public_total_equals_items: 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费;
    - three_public_vehicles_equal_parts: 公务用车购置及运行费 = 购置费 + 运行费.
    A blank cell counts as nothing; tolerance half a unit per term (the table is in 万元). 机关运行经费, printed
    beside them, is no part of the total.
-#}
{%- set families = [
    {'name': 'three_public_total_equals_items', 'expected': 'total',
     'actual': ['outbound_travel', 'official_reception', 'official_vehicles'],
     'what': '“三公” 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费'},
    {'name': 'three_public_vehicles_equal_parts', 'expected': 'official_vehicles',
     'actual': ['vehicle_purchase', 'vehicle_operation'],
     'what': '公务用车购置及运行费 = 购置费 + 运行费'},
] %}

with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

cells as (

    select
        document_id,
        source_line,
        phase,
        measure,
        amount_yuan,
        {{ half_unit_yuan('amount_raw', 'source_unit', 'amount_yuan') }} as half_unit
    from line_items
    where table_kind = 'three_public' and coalesce(row_label_raw, '') = '' and amount_yuan is not null

),

terms as (

    {%- for family in families %}
        {%- if not loop.first %}

        union all
        {% endif %}

        select
            '{{ family["name"] }}' as check_name,
            document_id,
            'L' || cast(source_line as varchar) || ':' || phase as place_key,
            '{{ family["what"] }} (' || phase || ')' as description,
            'yuan' as value_unit,
            case when measure = '{{ family["expected"] }}' then 'expected' else 'actual' end as term_role,
            amount_yuan as amount,
            half_unit,
            true as blank_is_zero,
            source_line,
            'publisher_error' as cause_if_below,
            'publisher_error' as cause_if_above
        from cells
        where
            measure in ('{{ family["expected"] }}', '{{ family["actual"] | join("', '") }}')
            -- only rows that print the figure being explained
            and exists (
                select 1 from cells as explained
                where
                    explained.document_id = cells.document_id
                    and explained.source_line = cells.source_line
                    and explained.phase = cells.phase
                    and explained.measure = '{{ family["expected"] }}'
            )
    {%- endfor %}

),

{{ summarise_check_terms('terms') }}

select * from final
