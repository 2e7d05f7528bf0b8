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
    Each budget table checked against itself (yuan tables add exactly; the 三公 table in 万元 gets half a unit per
    term):
    - parent_equals_children: a 类 row equals the sum of its 款 rows, a 款 row the sum of its 项 rows, a sub-line
      (1. 一般公共预算资金) its parent line (一、财政拨款收入), a subtotal (公务用车购置及运行费/小计) its parts;
    - total_equals_sum_of_rows: a table's 合计/总计 row equals the sum of its top rows (类 rows, or 一、二、… lines);
    - row_total_equals_parts: on every row, the 合计 column equals the sum of the other columns (total = basic +
      project, total = personnel + public [+ project], total = the income sources);
    - row_names_printed: every coded row (类/款/项) prints its name (a name cut off in extraction leaves it blank).
    Not here: a single-row 三公 table (int_three_public_checked) and a 决算's summaries and economic totals
    (int_document_tables_checked).
    Each check is made for every column (measure) that the rows print; a blank cell counts as nothing.
-#}
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

cells as (

    select
        document_id,
        table_key,
        source_line,
        cell_index,
        row_level,
        class_code,
        kind_code,
        item_name_raw,
        -- a table printing 预算数 beside 决算数 (a 决算's 三公 table) is checked once per phase
        case when phase = 'budget' then measure else measure || '@' || phase end as measure,
        amount_yuan,
        {{ half_unit_yuan('amount_raw', 'source_unit', 'amount_yuan') }} as half_unit
    from line_items
    where
        table_kind not in ('narrative', 'other')
        and amount_yuan is not null
        -- a single-row 三公 table (its items are columns, row_label_raw empty) is checked by int_three_public_checked
        and not (table_kind = 'three_public' and coalesce(row_label_raw, '') = '')
        -- a 决算's summaries balance with carry-overs (int_document_tables_checked), and its economic table totals
        -- each half (人员经费合计, 公用经费合计) side by side: not a plain sum of rows
        and not (
            phase = 'final_account'
            and (
                table_kind in ('income_expenditure_summary', 'appropriation_summary')
                or (table_kind = 'basic_economic' and row_level = 'total')
            )
        )

),

table_rows as (

    select distinct
        document_id,
        table_key,
        source_line,
        row_level,
        class_code,
        kind_code,
        item_name_raw,
        case
            when row_level <> 'line' then row_level
            when item_name_raw like '%/小计' then 'line'
            when item_name_raw like '%/%' then 'part'
            when {{ regex_matches('item_name_raw', '^[0-9]+[.、．]') }} then 'sub'
            else 'line'
        end as row_role,
        {{ regex_extract('item_name_raw', '^(.*)/', 1) }} || '/小计' as subtotal_name
    from cells

),

candidate_parents as (

    select
        children.document_id,
        children.table_key,
        children.source_line,
        children.item_name_raw,
        parents.source_line as parent_line,
        parents.item_name_raw as parent_name,
        parents.row_level as parent_row_level,
        row_number() over (
            partition by children.document_id, children.table_key, children.source_line, children.item_name_raw
            order by parents.source_line desc
        ) as nearness
    from table_rows as children
    inner join table_rows as parents
        on
            children.document_id = parents.document_id
            and children.table_key = parents.table_key
            and (
                (children.row_role in ('class', 'line') and parents.row_level = 'total')
                or (
                    children.row_role = 'kind' and parents.row_level = 'class'
                    and children.class_code = parents.class_code
                )
                or (
                    children.row_role = 'item' and parents.row_level = 'kind'
                    and children.class_code = parents.class_code and children.kind_code = parents.kind_code
                )
                or (children.row_role = 'part' and children.subtotal_name = parents.item_name_raw)
                or (
                    children.row_role = 'sub' and parents.row_role = 'line'
                    and children.source_line > parents.source_line
                )
            )

),

row_parents as (

    select * from candidate_parents
    where nearness = 1

),

parent_rows as (

    select distinct
        document_id,
        table_key,
        parent_line,
        parent_name,
        parent_row_level
    from row_parents

),

parent_cells as (

    select
        case
            when parent_rows.parent_row_level = 'total' then 'total_equals_sum_of_rows'
            else 'parent_equals_children'
        end as check_name,
        cells.document_id,
        cells.table_key || ':L' || cast(cells.source_line as varchar) || ':' || cells.measure as place_key,
        cells.table_key || ' (' || cells.measure || '): ' || coalesce(cells.item_name_raw, '') || ' on line '
        || cast(cells.source_line as varchar) || ' equals the sum of the rows under it' as description,
        'expected' as term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        cells.source_line
    from cells
    inner join parent_rows
        on
            cells.document_id = parent_rows.document_id
            and cells.table_key = parent_rows.table_key
            and cells.source_line = parent_rows.parent_line
            and cells.item_name_raw is not distinct from parent_rows.parent_name

),

child_cells as (

    select
        case
            when row_parents.parent_row_level = 'total' then 'total_equals_sum_of_rows'
            else 'parent_equals_children'
        end as check_name,
        cells.document_id,
        cells.table_key || ':L' || cast(row_parents.parent_line as varchar) || ':' || cells.measure as place_key,
        cells.table_key || ' (' || cells.measure || '): ' || coalesce(row_parents.parent_name, '') || ' on line '
        || cast(row_parents.parent_line as varchar) || ' equals the sum of the rows under it' as description,
        'actual' as term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        cells.source_line
    from cells
    inner join row_parents
        on
            cells.document_id = row_parents.document_id
            and cells.table_key = row_parents.table_key
            and cells.source_line = row_parents.source_line
            and cells.item_name_raw is not distinct from row_parents.item_name_raw

),

-- tables whose rows print parts beside the 合计 column (not the 三公 table, whose columns are its rows)
itemised_tables as (

    select distinct
        document_id,
        table_key
    from cells
    where measure not like 'total%'

),

tables_with_basic as (

    select distinct
        document_id,
        table_key
    from cells
    where measure = 'basic'

),

row_cells as (

    select
        'row_total_equals_parts' as check_name,
        cells.document_id,
        cells.table_key || ':L' || cast(cells.source_line as varchar)
        || coalesce({{ regex_extract('cells.measure', '@.*$', 0) }}, '') as place_key,
        cells.table_key
        || ': on line '
        || cast(cells.source_line as varchar)
        || ' ('
        || coalesce(cells.item_name_raw, '')
        || ') the 合计 column equals the sum of the other columns' as description,
        case when cells.measure like 'total%' then 'expected' else 'actual' end as term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        cells.source_line
    from cells
    inner join itemised_tables
        on cells.document_id = itemised_tables.document_id and cells.table_key = itemised_tables.table_key
    left join tables_with_basic
        on cells.document_id = tables_with_basic.document_id and cells.table_key = tables_with_basic.table_key
    where
        not (tables_with_basic.table_key is not null and cells.measure in ('personnel', 'public'))

),

-- coded rows and whether they print a name; a table without missing names cites its first row
coded_rows as (

    select
        document_id,
        table_key,
        source_line,
        case when item_name_raw is null then source_line end as unnamed_line,
        case when item_name_raw is null then 0 else 1 end as is_named,
        min(source_line) over (partition by document_id, table_key) as first_line,
        count(case when item_name_raw is null then 1 end) over (partition by document_id, table_key) as unnamed_rows
    from table_rows
    where class_code is not null

),

name_terms as (

    select
        'row_names_printed' as check_name,
        document_id,
        table_key as place_key,
        table_key || ': every 类/款/项 row prints its name (expected: coded rows; actual: rows with a name)'
            as description,
        'count' as value_unit,
        'expected' as term_role,
        1 as amount,
        0 as half_unit,
        case when unnamed_rows = 0 then first_line else unnamed_line end as source_line
    from coded_rows

    union all

    select
        'row_names_printed' as check_name,
        document_id,
        table_key as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        is_named as amount,
        0 as half_unit,
        null as source_line
    from coded_rows

),

terms as (

    select
        *,
        'yuan' as value_unit,
        true as blank_is_zero,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from parent_cells

    union all

    select
        *,
        'yuan' as value_unit,
        true as blank_is_zero,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from child_cells

    union all

    -- a row whose own cells do not add up while its columns do: cells moved between columns or rows when the
    -- PDF table became text
    select
        *,
        'yuan' as value_unit,
        true as blank_is_zero,
        'extraction_artifact' as cause_if_below,
        'extraction_artifact' as cause_if_above
    from row_cells

    union all

    -- a name left blank: the cell was cut off when the PDF became text
    select
        check_name,
        document_id,
        place_key,
        description,
        term_role,
        amount,
        half_unit,
        source_line,
        value_unit,
        true as blank_is_zero,
        'extraction_artifact' as cause_if_below,
        'extraction_artifact' as cause_if_above
    from name_terms

),

{{ summarise_check_terms('terms') }}

select * from final
