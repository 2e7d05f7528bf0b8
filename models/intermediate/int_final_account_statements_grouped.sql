-- The narrative's statements of each 决算 document about a line of its 一般公共预算财政拨款支出决算表, one row per
-- statement (a narrative line and the subject path it quotes): its 年初预算 / 全年预算 / 支出决算 figures, the printed
-- rate and the reason given for the difference (年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z %). The
-- narrative's total (一般公共预算财政拨款支出年初预算为…) is the statement with an empty statement_key; it is stated
-- once, so a second 一般公共预算财政拨款支出 sentence (e.g. the structure paragraph) is not kept.
-- int_final_account_statements_keyed finds each statement's table line.
with

narrative as (

    select * from {{ ref('int_narrative_items_matched') }}

),

documents as (

    select * from {{ ref('int_final_account_documents_selected') }}

),

-- one statement per narrative line and quoted path: its 年初预算 / 全年预算 / 支出决算 figures
statement_figures as (

    select
        narrative.*,
        case
            when narrative.quoted_subject_path is null then 'total'
            when narrative.class_code is not null then {{ functional_code_path('narrative') }}
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
        {{ final_account_phase_pivot('stated', half_unit='amount_half_unit_yuan') }},
        max(stated_rate_pct) as stated_rate_pct,
        max(stated_reason_raw) as stated_reason_raw,
        count(*) as figure_count
    from statement_figures
    group by document_id, source_line, coalesce(quoted_subject_path, '')

),

-- the total's statement is the one with the most figures (the first of those)
ranked_statements as (

    select
        *,
        row_number() over (partition by document_id, statement_key order by figure_count desc, source_line asc) as nth
    from statements

),

final as (

    select
        document_id,
        source_line,
        statement_key,
        named_line_key,
        quoted_subject_path,
        quoted_class_name,
        subject_match,
        {{ final_account_phase_columns('stated') }},
        stated_rate_pct,
        stated_reason_raw
    from ranked_statements
    where statement_key <> '' or nth = 1

)

select * from final
