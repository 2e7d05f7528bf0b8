-- Budget lines as the budget-vs-execution and agency pages print them: money in 万元, the district and agency
-- names, the 类/款/项 code, the labels of the enumerations and, for the budget and the execution figure each, the
-- document's name and the address that opens it at the cited line, with, for a document converted from a PDF, the
-- page the line is printed on and the published PDF's address at that page; `*_cite_html` is the cell the pages
-- print (the document's name, the line link and the page link).
with

budget_lines as (

    select * from {{ ref('fct_budget_vs_execution') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

line_pages as (

    select * from {{ ref('rpt_document_line_pages') }}

),

lines as (

    select
        *,
        coalesce(execution_document_id, document_id) as execution_document
    from budget_lines

),

final as (

    select
        lines.line_id,
        lines.district_id,
        districts.district_name_zh,
        lines.agency_id,
        coalesce(agencies.agency_name, lines.agency_id) as agency_name,
        '/agencies/' || lines.agency_id || '/' as agency_url,
        cast(lines.fiscal_year as {{ text_type() }}) as fiscal_year,
        lines.line_kind,
        {{ label_case('lines.line_kind', 'line_kind', "'其他 Other'") }} as line_kind_label,
        lines.class_code,
        lines.kind_code,
        lines.item_code,
        case
            when lines.line_kind <> 'functional_item' then null
            when lines.item_code is not null then 'item'
            when lines.kind_code is not null then 'kind'
            else 'class'
        end as subject_level,
        concat_ws(' ', lines.class_code, lines.kind_code, lines.item_code) as subject_code,
        lines.line_name,
        lines.budget_yuan,
        lines.execution_yuan,
        lines.budget_yuan / 10000 as budget_wan,
        lines.execution_yuan / 10000 as execution_wan,
        lines.budget_phase,
        {{ label_case('lines.budget_phase', 'budget_phase') }} as budget_phase_label,
        lines.execution_phase,
        {{ label_case('lines.execution_phase', 'execution_phase') }} as execution_phase_label,
        lines.prior_year_execution_yuan,
        lines.prior_year_execution_yuan / 10000 as prior_year_execution_wan,
        lines.prior_year_execution_is_derived,
        lines.execution_rate,
        lines.change_vs_prior_execution_pct,
        lines.stated_rate_pct,
        lines.rate_statement_agrees,
        case
            when lines.rate_statement_agrees then '✓ 一致 agrees'
            when not lines.rate_statement_agrees then '✗ 不一致 disagrees'
        end as rate_check_label,
        lines.stated_reason_raw,
        lines.document_id,
        budget_documents.document_name as budget_document_name,
        lines.budget_source_line,
        {{ document_line_url('lines.document_id', 'lines.budget_source_line') }} as budget_cite_url,
        {{ cite_label('lines.budget_source_line') }} as budget_cite_label,
        budget_pages.source_page as budget_source_page,
        budget_pages.page_url as budget_page_url,
        {{ cite_html(
            'budget_documents.document_name',
            document_line_url('lines.document_id', 'lines.budget_source_line'),
            cite_label('lines.budget_source_line'),
            'budget_pages.page_url',
            'budget_pages.page_label'
        ) }} as budget_cite_html,
        lines.execution_document as execution_document_id,
        execution_documents.document_name as execution_document_name,
        lines.execution_source_line,
        {{ document_line_url('lines.execution_document', 'lines.execution_source_line') }} as execution_cite_url,
        {{ cite_label('lines.execution_source_line') }} as execution_cite_label,
        execution_pages.source_page as execution_source_page,
        execution_pages.page_url as execution_page_url,
        {{ cite_html(
            'execution_documents.document_name',
            document_line_url('lines.execution_document', 'lines.execution_source_line'),
            cite_label('lines.execution_source_line'),
            'execution_pages.page_url',
            'execution_pages.page_label'
        ) }} as execution_cite_html
    from lines
    left join agencies on lines.agency_id = agencies.agency_id
    left join districts on lines.district_id = districts.district_id
    left join documents as budget_documents on lines.document_id = budget_documents.document_id
    left join documents as execution_documents on lines.execution_document = execution_documents.document_id
    left join line_pages as budget_pages
        on
            lines.document_id = budget_pages.document_id
            and lines.budget_source_line between budget_pages.first_line and budget_pages.last_line
    left join line_pages as execution_pages
        on
            lines.execution_document = execution_pages.document_id
            and lines.execution_source_line between execution_pages.first_line and execution_pages.last_line

)

select * from final
