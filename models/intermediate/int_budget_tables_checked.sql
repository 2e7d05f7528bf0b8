{{ per_document_config() }}
{#-
    Each budget table checked against itself, down its tree of rows (yuan tables add exactly; the 三公 table in
    万元 gets half a unit per term):
    - parent_equals_children: a 类 row equals the sum of its 款 rows, a 款 row the sum of its 项 rows, a sub-line
      (1. 一般公共预算资金) its parent line (一、财政拨款收入), a subtotal (公务用车购置及运行费/小计) its parts;
    - total_equals_sum_of_rows: a table's 合计/总计 row equals the sum of its top rows (类 rows, or 一、二、… lines).
    Across each row (合计 = the other columns) and the rows' names: int_budget_table_rows_checked. Which cells are
    checked: int_budget_table_cells_listed. Each check is made for every column (measure) that the rows print; a
    blank cell counts as nothing. A table printed in side-by-side halves (人员经费 | 公用经费) is a tree per half: a
    row's parent is in its own half (人员经费合计 totals the 人员经费 rows, not the 公用经费 rows on the same lines).
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
        item_name_raw,
        table_half,
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

-- each role finds its parents by its own keys: one hash join per role (a test of every pair of rows in a table
-- against all five conditions took minutes at ×1000); a row has one role, so each pair comes once
parent_pairs as (

    {%- set roles = [
        ("children.row_role in ('class', 'line') and parents.row_level = 'total'", []),
        ("children.row_role = 'kind' and parents.row_level = 'class'", ['class_code']),
        ("children.row_role = 'item' and parents.row_level = 'kind'", ['class_code', 'kind_code']),
        ("children.row_role = 'part'", [('subtotal_name', 'item_name_raw')]),
        ("children.row_role = 'sub' and parents.row_role = 'line' and children.source_line > parents.source_line", []),
    ] %}
    {%- for condition, keys in roles %}
        {%- if not loop.first %}

            union all
        {% endif %}

        select
            children.document_id,
            children.table_key,
            children.source_line,
            children.item_name_raw,
            children.table_half,
            parents.source_line as parent_line,
            parents.item_name_raw as parent_name,
            parents.row_level as parent_row_level
        from table_rows as children
        inner join table_rows as parents
            on
                children.document_id = parents.document_id
                and children.table_key = parents.table_key
                and children.table_half = parents.table_half
                {%- for key in keys %}
                    {%- if key is string %}
                        and children.{{ key }} = parents.{{ key }}
                    {%- else %}
                        and children.{{ key[0] }} = parents.{{ key[1] }}
                    {%- endif %}
                {%- endfor %}
        where {{ condition }}
    {%- endfor %}

),

candidate_parents as (

    select
        *,
        row_number() over (
            partition by document_id, table_key, table_half, source_line, item_name_raw
            order by parent_line desc
        ) as nearness
    from parent_pairs

),

row_parents as (

    select * from candidate_parents
    where nearness = 1

),

parent_rows as (

    select distinct
        document_id,
        table_key,
        table_half,
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
        cells.table_key || ':L' || cast(cells.source_line as {{ text_type() }})
        || case when cells.table_half = '' then '' else ':' || cells.table_half end
        || ':' || cells.measure as place_key,
        cells.table_key || ' (' || cells.measure || '): ' || coalesce(cells.item_name_raw, '') || ' on line '
        || cast(cells.source_line as {{ text_type() }}) || ' equals the sum of the rows under it' as description,
        'expected' as term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        cells.source_line
    from cells
    inner join parent_rows
        on
            cells.document_id = parent_rows.document_id
            and cells.table_key = parent_rows.table_key
            and cells.table_half = parent_rows.table_half
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
        cells.table_key || ':L' || cast(row_parents.parent_line as {{ text_type() }})
        || case when cells.table_half = '' then '' else ':' || cells.table_half end
        || ':' || cells.measure as place_key,
        cells.table_key || ' (' || cells.measure || '): ' || coalesce(row_parents.parent_name, '') || ' on line '
        || cast(row_parents.parent_line as {{ text_type() }}) || ' equals the sum of the rows under it' as description,
        'actual' as term_role,
        cells.amount_yuan as amount,
        cells.half_unit,
        cells.source_line
    from cells
    inner join row_parents
        on
            cells.document_id = row_parents.document_id
            and cells.table_key = row_parents.table_key
            and cells.table_half = row_parents.table_half
            and cells.source_line = row_parents.source_line
            and cells.item_name_raw is not distinct from row_parents.item_name_raw

),


terms as (

    {{ check_terms('parent_cells', half_unit='half_unit', value_unit="'yuan'") }}

    union all

    {{ check_terms('child_cells', half_unit='half_unit', value_unit="'yuan'") }}

),

{{ summarise_check_terms('terms') }}

select * from final
