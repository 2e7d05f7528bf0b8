{{ per_document_config() }}
{#-
    Each row of a budget table checked (the cells of int_budget_table_cells_listed):
    - row_total_equals_parts: on every row, the 合计 column equals the sum of the other columns (total = basic +
      project, total = personnel + public [+ project], total = the income sources);
    - row_names_printed: every coded row (类/款/项) prints its name (a name cut off in extraction leaves it blank).
    Each check is made for every column (measure) that the rows print; a blank cell counts as nothing. A row is a
    line of one half of its table (a 基本支出表 printed as 人员经费 | 公用经费 halves holds two rows on a line), checked
    where its table (half) prints a 合计 column beside parts; a 小计 printed beside the 合计 (本年收入/小计, the total of
    one group of the parts) is not one more 合计.
-#}
with

listed_cells as (

    select * from {{ ref('int_budget_table_cells_listed') }} {{ new_documents_only('document_id') }}

),

-- a 小计 beside its row's 合计 is not one more total (int_budget_table_cells_listed)
cells as (

    select * from listed_cells
    where not is_repeated_total

),

table_rows as (

    select distinct
        document_id,
        table_key,
        source_line,
        row_level,
        class_code,
        kind_code,
        item_name_raw
    from cells

),

-- tables (halves) whose rows print parts beside a 合计 column (not the 三公 table, whose columns are its rows)
itemised_tables as (

    select
        document_id,
        table_key,
        table_half
    from cells
    group by document_id, table_key, table_half
    having
        count(case when measure like 'total%' then 1 end) > 0
        and count(case when measure not like 'total%' then 1 end) > 0

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
        cells.table_key || ':L' || cast(cells.source_line as {{ text_type() }})
        || case when cells.table_half = '' then '' else ':' || cells.table_half end
        || coalesce({{ regex_extract('cells.measure', '@.*$', 0) }}, '') as place_key,
        cells.table_key
        || ': on line '
        || cast(cells.source_line as {{ text_type() }})
        || case when cells.table_half = '' then '' else ' (' || cells.table_half || ')' end
        || ' ('
        || coalesce(cells.item_name_raw, '')
        || ') the 合计 column equals the sum of the other columns' as description,
        case when cells.measure like 'total%' then 'expected' else 'actual' end as term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        cells.source_line
    from cells
    inner join itemised_tables
        on
            cells.document_id = itemised_tables.document_id
            and cells.table_key = itemised_tables.table_key
            and cells.table_half = itemised_tables.table_half
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

    -- a row whose own cells do not add up while its columns do: cells moved between columns or rows when the
    -- PDF table became text
    {{ check_terms('row_cells', half_unit='half_unit', value_unit="'yuan'", cause_if_below='extraction_artifact',
        cause_if_above='extraction_artifact') }}

    union all

    -- a name left blank: the cell was cut off when the PDF became text
    {{ check_terms('name_terms', half_unit='half_unit', cause_if_below='extraction_artifact',
        cause_if_above='extraction_artifact') }}

),

{{ summarise_check_terms('terms') }}

select * from final
