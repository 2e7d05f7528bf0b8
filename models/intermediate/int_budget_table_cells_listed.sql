-- The cells of budget tables that check against their own table (int_budget_tables_checked,
-- int_budget_table_rows_checked): every printed amount of a coded or lined table, with half a unit of its last
-- printed digit (0 for yuan). A table printing 预算数 beside 决算数 (a 决算's 三公 table) is checked once per phase,
-- so the phase joins the measure.
{{ config(materialized='view') }}

with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

final as (

    select
        line_item_id,
        document_id,
        table_key,
        source_line,
        cell_index,
        row_level,
        class_code,
        kind_code,
        item_name_raw,
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

)

select * from final
