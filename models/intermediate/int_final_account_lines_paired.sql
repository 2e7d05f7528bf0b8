-- Same-year budget against execution from final accounts (决算): one row per 决算 document × 类/款/项 and per
-- total of the 一般公共预算财政拨款支出决算表. Figures come from the table where it prints them (its 决算数 合计
-- column, phase final_account; a 年初预算 / 全年预算 column where the template has one:
-- int_final_account_table_lines_pivoted) and otherwise from the narrative's statement for that line
-- (int_final_account_statements_keyed), which also carries the printed rate and the reason given for the
-- difference. The narrative's total (一般公共预算财政拨款支出年初预算为…) pairs with the table's 合计 row; a
-- statement that finds no line of the table stays a line of its own without codes.
-- budget_yuan: the 全年预算 (adjusted_budget) where the document prints one for the line, else the 年初预算.
with

table_lines as (

    select * from {{ ref('int_final_account_table_lines_pivoted') }}

),

statements as (

    select * from {{ ref('int_final_account_statements_keyed') }}

),

documents as (

    select * from {{ ref('int_final_account_documents_selected') }}

),

joined as (

    select
        coalesce(table_lines.document_id, statements.document_id) as document_id,
        coalesce(table_lines.join_key, statements.line_key) as line_key,
        table_lines.row_level,
        table_lines.class_code,
        table_lines.kind_code,
        table_lines.item_code,
        table_lines.line_name,
        statements.quoted_subject_path,
        statements.line_match,
        statements.source_line as statement_line,
        {{ final_account_phase_columns('table', relation='table_lines', lines=true) }},
        {{ final_account_phase_columns('stated', relation='statements') }},
        statements.stated_rate_pct,
        statements.stated_reason_raw
    from table_lines
    full outer join statements
        on
            table_lines.document_id = statements.document_id
            and table_lines.join_key = statements.line_key

),

final as (

    select
        joined.document_id || ':L'
        || cast(coalesce(joined.table_execution_line, joined.statement_line) as {{ text_type() }}) as line_id,
        joined.document_id,
        documents.district_id,
        documents.agency_id,
        documents.fiscal_year,
        case when joined.line_key = 'total' then 'unit_total' else 'functional_item' end as line_kind,
        case when joined.line_key <> 'total' then coalesce(joined.row_level, 'item') end as subject_level,
        joined.class_code,
        joined.kind_code,
        joined.item_code,
        case
            when joined.line_key = 'total' then '一般公共预算财政拨款支出合计'
            else coalesce(joined.line_name, joined.quoted_subject_path)
        end as line_name,
        joined.quoted_subject_path,
        joined.line_match,
        case
            when coalesce(joined.table_adjusted_budget_yuan, joined.stated_adjusted_budget_yuan) is not null
                then 'adjusted_budget'
            when coalesce(joined.table_budget_yuan, joined.stated_budget_yuan) is not null then 'budget'
        end as budget_phase,
        cast(coalesce(
            joined.table_adjusted_budget_yuan,
            joined.stated_adjusted_budget_yuan,
            joined.table_budget_yuan,
            joined.stated_budget_yuan
        ) as decimal(18, 2)) as budget_yuan,
        cast(coalesce(joined.table_budget_yuan, joined.stated_budget_yuan) as decimal(18, 2)) as initial_budget_yuan,
        case
            when joined.table_budget_yuan is not null then joined.table_budget_half_unit
            else joined.stated_budget_half_unit
        end as initial_budget_half_unit,
        case
            when joined.table_budget_yuan is not null then joined.table_budget_line
            else joined.statement_line
        end as initial_budget_source_line,
        cast(coalesce(joined.table_execution_yuan, joined.stated_execution_yuan) as decimal(18, 2)) as execution_yuan,
        cast(joined.stated_execution_yuan as decimal(18, 2)) as stated_execution_yuan,
        joined.stated_execution_half_unit,
        cast(joined.table_execution_yuan as decimal(18, 2)) as table_execution_yuan,
        joined.stated_rate_pct,
        joined.stated_reason_raw,
        case
            when joined.table_adjusted_budget_yuan is not null then joined.table_adjusted_budget_line
            when joined.stated_adjusted_budget_yuan is not null then joined.statement_line
            when joined.table_budget_yuan is not null then joined.table_budget_line
            else joined.statement_line
        end as budget_source_line,
        coalesce(joined.table_execution_line, joined.statement_line) as execution_source_line,
        joined.statement_line
    from joined
    inner join documents
        on joined.document_id = documents.document_id

)

select * from final
