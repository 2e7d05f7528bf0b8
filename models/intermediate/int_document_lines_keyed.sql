-- The lines of each budget and final-accounts document that year-over-year comparison reads, keyed by code path
-- (`<类>-<款>-<项>`) or `total`: a budget document's 一般公共预算支出功能分类 table (basis prior_budget), a 决算's lines
-- with their 决算数 (basis prior_execution). One line per document and key: a table printed twice (over a page
-- break) counts once, by its first row.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

),

final_account_lines as (

    select * from {{ ref('int_final_account_lines_paired') }}

),

budget_table_lines as (

    select
        line_items.document_id,
        line_items.source_line,
        line_items.amount_yuan,
        line_items.amount_raw,
        line_items.class_code,
        line_items.kind_code,
        line_items.item_code,
        coalesce(line_items.item_name_raw, line_items.row_label_raw) as line_name,
        {{ functional_line_key('line_items') }} as line_key,
        'prior_budget' as basis
    from line_items
    inner join documents
        on line_items.document_id = documents.document_id
    where
        documents.doc_type in ('department_budget', 'unit_budget')
        and {{ is_functional_line('line_items') }}
        and line_items.phase = 'budget'
        and line_items.amount_yuan is not null

),

final_lines as (

    select
        document_id,
        execution_source_line as source_line,
        execution_yuan as amount_yuan,
        cast(null as {{ text_type() }}) as amount_raw,
        class_code,
        kind_code,
        item_code,
        line_name,
        case
            when line_kind = 'unit_total' then 'total'
            else {{ functional_code_path() }}
        end as line_key,
        'prior_execution' as basis
    from final_account_lines
    where execution_yuan is not null and (class_code is not null or line_kind = 'unit_total')

),

unioned as (

    select * from budget_table_lines

    union all

    select * from final_lines

),

lines as (

    select
        unioned.*,
        documents.agency_id,
        documents.district_id,
        documents.doc_type,
        documents.fiscal_year
    from unioned
    inner join documents
        on unioned.document_id = documents.document_id

),

numbered_lines as (

    select
        *,
        row_number() over (partition by document_id, line_key order by source_line) as nth
    from lines

),

-- one line per document and key (a table printed twice, e.g. over a page break, counts once: its first row)
distinct_lines as (

    select * from numbered_lines
    where nth = 1

),

final as (

    select
        document_id,
        line_key,
        basis,
        source_line,
        amount_yuan,
        amount_raw,
        class_code,
        kind_code,
        item_code,
        line_name,
        agency_id,
        district_id,
        doc_type,
        fiscal_year
    from distinct_lines

)

select * from final
