-- Same-year budget against execution from final accounts (决算): one row per 决算 document × 类/款/项 and per
-- total of the 一般公共预算财政拨款支出决算表. Figures come from the table where it prints them (its 决算数 合计
-- column, phase final_account; a 年初预算 / 全年预算 column where the template has one) and otherwise from the
-- narrative's statement for that 项 (年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z %), which also carries the
-- printed rate and the reason given for the difference. The narrative's total (一般公共预算财政拨款支出年初预算为…)
-- pairs with the table's 合计 row.
-- A narrative 项 whose path resolves to no code (int_narrative_items_matched) is matched within its 类 to the one
-- 项 of the table with the same 决算 figure (line_match amount_within_class); one that finds none stays a line of
-- its own without codes (line_match unmatched). Both are reported as checks.
-- budget_yuan: the 全年预算 (adjusted_budget) where the document prints one for the line, else the 年初预算.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

narrative as (

    select * from {{ ref('int_narrative_items_matched') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

    where doc_type in ('unit_final_accounts', 'department_final_accounts')

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
        line_items.table_kind = 'general_public_functional'
        and line_items.measure = 'total'
        and line_items.row_level in ('class', 'kind', 'item', 'total')
        and line_items.amount_yuan is not null

),

table_lines as (

    select
        document_id,
        coalesce(class_code, '') || '-' || coalesce(kind_code, '') || '-' || coalesce(item_code, '') as line_key,
        min(row_level) as row_level,
        min(class_code) as class_code,
        min(kind_code) as kind_code,
        min(item_code) as item_code,
        min(line_name) as line_name,
        min(case when phase = 'final_account' then source_line end) as table_line,
        sum(case when phase = 'final_account' then amount_yuan end) as table_execution_yuan,
        sum(case when phase = 'budget' then amount_yuan end) as table_budget_yuan,
        sum(case when phase = 'adjusted_budget' then amount_yuan end) as table_adjusted_budget_yuan,
        min(case when phase = 'budget' then source_line end) as table_budget_line,
        max(case when phase = 'budget' then half_unit end) as table_budget_half_unit,
        min(case when phase = 'adjusted_budget' then source_line end) as table_adjusted_budget_line
    from table_cells
    group by
        document_id,
        coalesce(class_code, '') || '-' || coalesce(kind_code, '') || '-' || coalesce(item_code, '')

),

-- one statement per narrative line and quoted path: its 年初预算 / 全年预算 / 支出决算 figures
statement_figures as (

    select
        narrative.*,
        case
            when narrative.quoted_subject_path is null then 'total'
            when narrative.class_code is not null
                then
                    narrative.class_code || '-' || coalesce(narrative.kind_code, '') || '-'
                    || coalesce(narrative.item_code, '')
        end as named_line_key,
        {{ regex_extract('narrative.quoted_subject_path', '^[^/]+', 0) }} as quoted_class_name
    from narrative
    inner join documents
        on narrative.document_id = documents.document_id
    where
        narrative.phase in ('budget', 'adjusted_budget', 'final_account')
        and narrative.amount_yuan is not null
        and narrative.measure = 'total'
        and (
            narrative.quoted_subject_path is not null
            -- the total: 一般公共预算财政拨款支出年初预算为…
            or (
                narrative.item_name_raw like '%一般公共预算财政拨款支出%'
                and (
                    narrative.stated_rate_pct is not null or narrative.phase <> 'final_account'
                    or narrative.stated_reason_raw is not null
                )
            )
        )

),

statements as (

    select
        document_id,
        source_line,
        coalesce(quoted_subject_path, '') as statement_key,
        min(named_line_key) as named_line_key,
        min(quoted_subject_path) as quoted_subject_path,
        min(quoted_class_name) as quoted_class_name,
        min(subject_match) as subject_match,
        sum(case when phase = 'budget' then amount_yuan end) as stated_budget_yuan,
        max(case when phase = 'budget' then amount_half_unit_yuan end) as stated_budget_half_unit,
        sum(case when phase = 'adjusted_budget' then amount_yuan end) as stated_adjusted_budget_yuan,
        sum(case when phase = 'final_account' then amount_yuan end) as stated_execution_yuan,
        min(case when phase = 'final_account' then amount_half_unit_yuan end) as stated_execution_half_unit,
        max(stated_rate_pct) as stated_rate_pct,
        max(stated_reason_raw) as stated_reason_raw,
        min(case when phase = 'final_account' then line_item_id end) as execution_line_item_id,
        count(*) as figure_count
    from statement_figures
    -- the total is stated once; a second 一般公共预算财政拨款支出 sentence (e.g. the structure paragraph) is not it
    group by document_id, source_line, coalesce(quoted_subject_path, '')

),

first_total_statements as (

    select
        *,
        row_number() over (partition by document_id, statement_key order by figure_count desc, source_line asc) as nth
    from statements

),

ranked_statements as (

    select * from first_total_statements
    where statement_key <> '' or nth = 1

),

-- a statement whose path names no code: the 项 of its 类 (by the class name) with the same 决算 figure
class_names as (

    select
        document_id,
        class_code,
        {{ regex_replace_all('line_name', '[[:space:]　]+', '') }} as class_name
    from table_lines
    where row_level = 'class'

),

amount_candidates as (

    select
        ranked_statements.document_id,
        ranked_statements.source_line,
        ranked_statements.statement_key,
        min(table_lines.line_key) as line_key,
        count(*) as candidates
    from ranked_statements
    inner join class_names
        on
            ranked_statements.document_id = class_names.document_id
            and ranked_statements.quoted_class_name = class_names.class_name
    inner join table_lines
        on
            ranked_statements.document_id = table_lines.document_id
            and class_names.class_code = table_lines.class_code
            and table_lines.row_level = 'item'
            and abs(table_lines.table_execution_yuan - ranked_statements.stated_execution_yuan)
            <= ranked_statements.stated_execution_half_unit
    where ranked_statements.named_line_key is null and ranked_statements.statement_key <> ''
    group by ranked_statements.document_id, ranked_statements.source_line, ranked_statements.statement_key

),

keyed_statements as (

    select
        ranked_statements.*,
        case
            when ranked_statements.statement_key = '' then 'total'
            when ranked_statements.named_line_key is not null then ranked_statements.named_line_key
            when amount_candidates.candidates = 1 then amount_candidates.line_key
            -- a statement that finds no line keeps its own (a line of its own, reported as unmatched)
            else 'unmatched:' || cast(ranked_statements.source_line as {{ text_type() }})
        end as line_key,
        case
            when ranked_statements.statement_key = '' then 'total'
            when ranked_statements.named_line_key is not null then ranked_statements.subject_match
            when amount_candidates.candidates = 1 then 'amount_within_class'
            else 'unmatched'
        end as line_match
    from ranked_statements
    left join amount_candidates
        on
            ranked_statements.document_id = amount_candidates.document_id
            and ranked_statements.source_line = amount_candidates.source_line
            and ranked_statements.statement_key = amount_candidates.statement_key

),

-- the table's total row is keyed '--'; statements about the total join it
table_lines_keyed as (

    select
        *,
        case when row_level = 'total' then 'total' else line_key end as join_key
    from table_lines

),

-- a line stated twice (one 项 quoted in two sentences) keeps its first statement
first_statements as (

    select
        *,
        row_number() over (partition by document_id, line_key order by source_line) as nth_statement
    from keyed_statements

),

kept_statements as (

    select * from first_statements
    where nth_statement = 1 and line_key is not null

),

joined as (

    select
        coalesce(table_lines_keyed.document_id, first_statements.document_id) as document_id,
        coalesce(table_lines_keyed.join_key, first_statements.line_key) as line_key,
        table_lines_keyed.row_level,
        table_lines_keyed.class_code,
        table_lines_keyed.kind_code,
        table_lines_keyed.item_code,
        table_lines_keyed.line_name,
        first_statements.quoted_subject_path,
        first_statements.line_match,
        first_statements.source_line as statement_line,
        table_lines_keyed.table_line,
        table_lines_keyed.table_budget_line,
        table_lines_keyed.table_budget_half_unit,
        first_statements.stated_budget_half_unit,
        first_statements.stated_execution_half_unit,
        table_lines_keyed.table_adjusted_budget_line,
        table_lines_keyed.table_execution_yuan,
        table_lines_keyed.table_budget_yuan,
        table_lines_keyed.table_adjusted_budget_yuan,
        first_statements.stated_budget_yuan,
        first_statements.stated_adjusted_budget_yuan,
        first_statements.stated_execution_yuan,
        first_statements.stated_rate_pct,
        first_statements.stated_reason_raw
    from table_lines_keyed
    full outer join kept_statements as first_statements
        on
            table_lines_keyed.document_id = first_statements.document_id
            and table_lines_keyed.join_key = first_statements.line_key

),

final as (

    select
        joined.document_id || ':L'
        || cast(coalesce(joined.table_line, joined.statement_line) as {{ text_type() }}) as line_id,
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
        coalesce(joined.table_line, joined.statement_line) as execution_source_line,
        joined.statement_line
    from joined
    inner join documents
        on joined.document_id = documents.document_id

)

select * from final
