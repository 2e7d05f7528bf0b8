-- The cells of budget tables that check against their own table (int_budget_tables_checked,
-- int_budget_table_rows_checked): every printed amount of a coded or lined table, with half a unit of its last
-- printed digit (0 for yuan). A table printing 预算数 beside 决算数 (a 决算's 三公 table) is checked once per phase,
-- so the phase joins the measure. A table printed in side-by-side halves (a 基本支出表: 人员经费 | 公用经费, each with
-- its own codes and amounts on one line) names each cell's half by the first header above it (table_half); '' in a
-- table of one row per line. A row printing a 小计 beside its 合计 (合计 | 上年结转 | 本年收入/小计 | …: the total of
-- one group of the parts) has that second total marked is_repeated_total, which no check counts again.
{{ config(materialized='view') }}

with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

listed as (

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
        {{ half_unit_yuan('amount_raw', 'source_unit', 'amount_yuan') }} as half_unit,
        column_path_raw,
        coalesce({{ regex_extract('column_path_raw', '^[^/]*', 0) }}, '') as half_header,
        coalesce(class_code, '') || '|' || coalesce(kind_code, '') || '|' || coalesce(item_name_raw, '') as row_identity
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

-- a line holding two rows (two names or codes) under two headers is a line of a table in halves (halves headed
-- alike, 决算数 | 决算数, cannot be told apart by their header and stay one)
lines_listed as (

    select
        *,
        min(row_identity) over (partition by document_id, table_key, source_line)
        <> max(row_identity) over (partition by document_id, table_key, source_line)
        and min(half_header) over (partition by document_id, table_key, source_line)
        <> max(half_header) over (partition by document_id, table_key, source_line) as line_has_halves
    from listed

),

tables_listed as (

    select
        *,
        max(case when line_has_halves then 1 else 0 end) over (partition by document_id, table_key) = 1
            as table_has_halves,
        -- of a row's totals in one phase, the 合计 is the one headed 合计/总计, else the first printed
        measure like 'total%' and row_number() over (
            partition by document_id, table_key, source_line, row_identity, measure
            order by
                case when column_path_raw like '%合计' or column_path_raw like '%总计' then 0 else 1 end,
                cell_index
        ) > 1 as is_repeated_total
    from lines_listed

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
        measure,
        amount_yuan,
        half_unit,
        column_path_raw,
        case
            when table_has_halves then half_header
            else ''
        end as table_half,
        is_repeated_total
    from tables_listed

)

select * from final
