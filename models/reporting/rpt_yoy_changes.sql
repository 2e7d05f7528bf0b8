-- Year-over-year lines as the year-over-year and agency pages print them: money in 万元, the district and agency
-- names, the labels of the enumerations, how the document's own statement of the change checks out
-- (`check_result`, `check_order`: disagreements first) and the address of the line that states it, with its page
-- in the published PDF for a document converted from one; `cite_html` is the cell the pages print.
with

yoy_changes as (

    select * from {{ ref('fct_yoy_changes') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

agencies as (

    select * from {{ ref('dim_agencies') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

line_pages as (

    select * from {{ ref('rpt_document_line_pages') }}

),

changes as (

    select
        *,
        case
            when not statement_agrees then 'disagrees'
            when statement_agrees then 'agrees'
            when
                stated_change_pct is null
                and stated_change_yuan is null
                and stated_direction is null
                then 'nothing_stated'
            else 'not_checkable'
        end as check_result
    from yoy_changes

),

final as (

    select
        changes.yoy_id,
        changes.district_id,
        districts.district_name_zh,
        changes.agency_id,
        coalesce(agencies.agency_name, changes.agency_id) as agency_name,
        '/agencies/' || changes.agency_id || '/' as agency_url,
        changes.line_name,
        cast(changes.fiscal_year as {{ text_type() }}) as fiscal_year,
        changes.amount_yuan,
        changes.prior_amount_yuan,
        changes.amount_yuan / 10000 as amount_wan,
        changes.prior_amount_yuan / 10000 as prior_amount_wan,
        changes.prior_amount_is_derived,
        changes.basis,
        {{ label_case('changes.basis', 'basis') }} as basis_label,
        changes.change_yuan,
        changes.change_yuan / 10000 as change_wan,
        changes.change_pct,
        changes.stated_change_pct,
        changes.stated_change_yuan,
        changes.stated_change_yuan / 10000 as stated_change_wan,
        changes.stated_direction,
        {{ label_case('changes.stated_direction', 'stated_direction') }} as stated_direction_label,
        changes.statement_agrees,
        changes.check_result,
        {{ label_case('changes.check_result', 'check_result') }} as check_result_label,
        case when not changes.statement_agrees then 0 when changes.statement_agrees then 2 else 1 end as check_order,
        changes.document_id,
        documents.document_name,
        changes.source_line,
        {{ document_line_url('changes.document_id', 'changes.source_line') }} as cite_url,
        {{ cite_label('changes.source_line') }} as cite_label,
        line_pages.source_page,
        line_pages.page_url,
        {{ cite_html(
            'documents.document_name',
            document_line_url('changes.document_id', 'changes.source_line'),
            cite_label('changes.source_line'),
            'line_pages.page_url',
            'line_pages.page_label'
        ) }} as cite_html,
        changes.prior_document_id,
        prior_documents.document_name as prior_document_name,
        '/documents/' || changes.prior_document_id || '/' as prior_document_url
    from changes
    left join agencies on changes.agency_id = agencies.agency_id
    left join districts on changes.district_id = districts.district_id
    left join documents on changes.document_id = documents.document_id
    left join documents as prior_documents on changes.prior_document_id = prior_documents.document_id
    left join line_pages
        on
            changes.document_id = line_pages.document_id
            and changes.source_line between line_pages.first_line and line_pages.last_line

)

select * from final
