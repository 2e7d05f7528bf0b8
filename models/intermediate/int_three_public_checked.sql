{{ per_document_config() }}
{#-
    The “三公” table printed as one row (its items are columns; contract v2: row_label_raw empty), per row and phase
    (a 决算 prints 预算数 beside 决算数):
    - three_public_total_equals_items: 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费;
    - three_public_vehicles_equal_parts: 公务用车购置及运行费 = 购置费 + 运行费.
    A blank cell counts as nothing; tolerance half a unit per term (the table is in 万元). 机关运行经费, printed
    beside them, is no part of the total.
-#}
{%- set members = [
    {'check_name': 'three_public_total_equals_items', 'measure': 'total', 'term_role': 'expected',
     'what': '“三公” 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费'},
    {'check_name': 'three_public_total_equals_items', 'measure': 'outbound_travel', 'term_role': 'actual', 'what': none},
    {'check_name': 'three_public_total_equals_items', 'measure': 'official_reception', 'term_role': 'actual',
     'what': none},
    {'check_name': 'three_public_total_equals_items', 'measure': 'official_vehicles', 'term_role': 'actual',
     'what': none},
    {'check_name': 'three_public_vehicles_equal_parts', 'measure': 'official_vehicles', 'term_role': 'expected',
     'what': '公务用车购置及运行费 = 购置费 + 运行费'},
    {'check_name': 'three_public_vehicles_equal_parts', 'measure': 'vehicle_purchase', 'term_role': 'actual',
     'what': none},
    {'check_name': 'three_public_vehicles_equal_parts', 'measure': 'vehicle_operation', 'term_role': 'actual',
     'what': none},
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

-- each check's figures: the one explained (expected) and its parts (actual)
members as (

    {{ vocabulary_rows(members, ['check_name', 'what', 'measure', 'term_role']) }}

),

explained_rows as (

    select distinct
        cells.document_id,
        cells.source_line,
        cells.phase,
        members.check_name,
        members.what
    from cells
    inner join members
        on cells.measure = members.measure and members.term_role = 'expected'

),

terms as (

    select
        explained_rows.check_name,
        explained_rows.document_id,
        'L' || cast(explained_rows.source_line as {{ text_type() }}) || ':' || explained_rows.phase as place_key,
        case
            when members.term_role = 'expected' then explained_rows.what || ' (' || explained_rows.phase || ')'
        end as description,
        'yuan' as value_unit,
        members.term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        true as blank_is_zero,
        cells.source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from explained_rows
    inner join members
        on explained_rows.check_name = members.check_name
    inner join cells
        on
            explained_rows.document_id = cells.document_id
            and explained_rows.source_line = cells.source_line
            and explained_rows.phase = cells.phase
            and members.measure = cells.measure

),

{{ summarise_check_terms('terms') }}

select * from final
