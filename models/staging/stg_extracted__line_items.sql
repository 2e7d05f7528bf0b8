-- One row per amount: a budget-table cell or a narrative figure.
with

source as (

    select * from {{ ref('line_items') }}

),

renamed as (

    select
        cast(line_item_id as varchar) as line_item_id,
        cast(document_id as varchar) as document_id,
        cast(source_line as integer) as source_line,
        cast(cell_index as integer) as cell_index,
        cast(table_name as varchar) as table_name,
        cast(row_level as varchar) as row_level,
        cast(class_code as varchar) as class_code,
        cast(kind_code as varchar) as kind_code,
        cast(item_code as varchar) as item_code,
        cast(item_name_raw as varchar) as item_name_raw,
        cast(label_raw as varchar) as label_raw,
        cast(measure as varchar) as measure,
        cast(phase as varchar) as phase,
        cast(fiscal_year as integer) as fiscal_year,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(source_unit as varchar) as source_unit,
        cast(amount_raw as varchar) as amount_raw,
        cast(quantity as decimal(18, 2)) as quantity,
        cast(quantity_unit as varchar) as quantity_unit,
        cast(stated_change_pct as decimal(9, 2)) as stated_change_pct,
        cast(stated_change_yuan as decimal(18, 2)) as stated_change_yuan,
        cast(stated_direction as varchar) as stated_direction,
        cast(compare_basis as varchar) as compare_basis,
        cast(compare_fiscal_year as integer) as compare_fiscal_year

    from source

)

select * from renamed
