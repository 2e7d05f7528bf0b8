-- The 一般公共预算财政拨款支出决算表 of each 决算 document, one row per 类/款/项 and per total, its printed phases
-- side by side: the 决算数 合计 column (phase final_account) and, where the template has them, the 年初预算 and
-- 全年预算 columns, each with its line. int_final_account_lines_paired pairs these lines with the narrative.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

documents as (

    select * from {{ ref('int_final_account_documents_selected') }}

),

table_cells as (

    select
        line_items.document_id,
        line_items.source_line,
        line_items.row_level,
        line_items.class_code,
        line_items.kind_code,
        line_items.item_code,
        coalesce(line_items.item_name_raw, line_items.row_label_raw) as line_name,
        line_items.phase,
        line_items.amount_yuan,
        {{ half_unit_yuan('line_items.amount_raw', 'line_items.source_unit', 'line_items.amount_yuan') }} as half_unit,
        line_items.line_item_id
    from line_items
    inner join documents
        on line_items.document_id = documents.document_id
    where
        {{ is_functional_line('line_items') }}
        and line_items.amount_yuan is not null

),

table_lines as (

    select
        document_id,
        {{ functional_code_path() }} as line_key,
        min(row_level) as row_level,
        min(class_code) as class_code,
        min(kind_code) as kind_code,
        min(item_code) as item_code,
        min(line_name) as line_name,
        {{ final_account_phase_pivot('table', half_unit='half_unit', line='source_line') }}
    from table_cells
    group by
        document_id,
        {{ functional_code_path() }}

),

final as (

    select
        *,
        -- the table's total row is keyed '--'; statements about the total, and other documents' lines, join it by
        -- 'total' (the codes are those of the group, so the code path is line_key)
        {{ functional_line_key() }} as join_key
    from table_lines

)

select * from final
