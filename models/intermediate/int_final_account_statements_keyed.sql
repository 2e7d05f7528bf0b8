-- Each statement of a 决算's narrative (int_final_account_statements_grouped) with the key of the table line it is
-- about (int_final_account_table_lines_pivoted's join_key): the total's; the code path its quoted path resolves to
-- (int_narrative_items_matched); else, within its 类 (found by the class name), the one 项 of the table with the same
-- 决算 figure (line_match amount_within_class); else a line of its own without codes (line_match unmatched). Both
-- are reported as checks. A line stated twice (one 项 quoted in two sentences) keeps its first statement.
with

statements as (

    select * from {{ ref('int_final_account_statements_grouped') }}

),

table_lines as (

    select * from {{ ref('int_final_account_table_lines_pivoted') }}

),

class_names as (

    select
        document_id,
        class_code,
        {{ regex_replace_all('line_name', '[[:space:]　]+', '') }} as class_name
    from table_lines
    where row_level = 'class'

),

-- a statement whose path names no code: the 项 of its 类 (by the class name) with the same 决算 figure
amount_candidates as (

    select
        statements.document_id,
        statements.source_line,
        statements.statement_key,
        min(table_lines.line_key) as line_key,
        count(*) as candidates
    from statements
    inner join class_names
        on
            statements.document_id = class_names.document_id
            and statements.quoted_class_name = class_names.class_name
    inner join table_lines
        on
            statements.document_id = table_lines.document_id
            and class_names.class_code = table_lines.class_code
            and table_lines.row_level = 'item'
            and abs(table_lines.table_execution_yuan - statements.stated_execution_yuan)
            <= statements.stated_execution_half_unit
    where statements.named_line_key is null and statements.statement_key <> ''
    group by statements.document_id, statements.source_line, statements.statement_key

),

keyed_statements as (

    select
        statements.*,
        case
            when statements.statement_key = '' then 'total'
            when statements.named_line_key is not null then statements.named_line_key
            when amount_candidates.candidates = 1 then amount_candidates.line_key
            -- a statement that finds no line keeps its own (a line of its own, reported as unmatched)
            else 'unmatched:' || cast(statements.source_line as {{ text_type() }})
        end as line_key,
        case
            when statements.statement_key = '' then 'total'
            when statements.named_line_key is not null then statements.subject_match
            when amount_candidates.candidates = 1 then 'amount_within_class'
            else 'unmatched'
        end as line_match
    from statements
    left join amount_candidates
        on
            statements.document_id = amount_candidates.document_id
            and statements.source_line = amount_candidates.source_line
            and statements.statement_key = amount_candidates.statement_key

),

first_statements as (

    select
        *,
        row_number() over (partition by document_id, line_key order by source_line) as nth_statement
    from keyed_statements

),

final as (

    select
        document_id,
        line_key,
        line_match,
        source_line,
        quoted_subject_path,
        {{ final_account_phase_columns('stated') }},
        stated_rate_pct,
        stated_reason_raw
    from first_statements
    where nth_statement = 1 and line_key is not null

)

select * from final
