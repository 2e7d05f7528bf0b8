-- Every consistency check that did not pass (failing or not applicable) as the data-quality and agency pages print
-- it: its document's title, name, district and year, the labels of its check, status, cause and unit, its figures in
-- the unit the pages use (万元 for money), the address of its first cited line (and of the published PDF at that
-- line's page, for a document converted from one; `cite_html` is the cell the pages print: the document's name
-- beside both links), and `list_order`, the place the data-quality page lists it at (failing first, then by check,
-- document and id), so that the page reads the first matching rows by one integer instead of sorting on each view.
-- Passing checks are not listed, only counted (rpt_consistency_check_summary): they are 96 % of all checks (2.4
-- million at ×1000), which the site's sources could not ship, and a page lists what needs a reader's eye.
with

checks as (

    select * from {{ ref('fct_consistency_checks') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

line_pages as (

    select * from {{ ref('rpt_document_line_pages') }}

),

cited as (

    select
        *,
        -- the first cited line, where the links open
        cast(nullif(trim(split_part(source_lines, ',', 1)), '') as integer) as first_line
    from checks
    where status <> 'pass'

),

final as (

    select
        cited.check_id,
        cited.document_id,
        documents.title_raw as document_title,
        documents.district_id,
        districts.district_name_zh,
        cast(documents.fiscal_year as {{ text_type() }}) as fiscal_year,
        cited.check_name,
        {{ label_case('cited.check_name', 'check_name') }} as check_label,
        cited.description,
        -- the description as a person reads it: the marts' words for tables and columns without their underscores
        {{ words_of('cited.description') }} as description_text,
        cited.source_lines,
        cited.expected_value,
        cited.actual_value,
        cited.difference,
        cited.tolerance,
        cited.status,
        {{ label_case('cited.status', 'status') }} as status_label,
        {{ status_order('cited.status') }} as status_order,
        cited.likely_cause,
        {{ label_case('cited.likely_cause', 'likely_cause') }} as likely_cause_label,
        cited.value_unit,
        {{ shown_in_unit('cited.expected_value', 'cited.value_unit') }} as expected_shown,
        {{ shown_in_unit('cited.actual_value', 'cited.value_unit') }} as actual_shown,
        {{ shown_in_unit('cited.difference', 'cited.value_unit') }} as difference_shown,
        {{ shown_in_unit('cited.tolerance', 'cited.value_unit') }} as tolerance_shown,
        {{ label_case('cited.value_unit', 'value_unit', "coalesce(" ~ words_of('cited.value_unit') ~ ", '')") }}
            as unit_label,
        documents.document_name,
        {{ document_line_url(
            'cited.document_id', "coalesce(nullif(split_part(cited.source_lines, ',', 1), ''), '1')"
        ) }} as cite_url,
        case
            when cited.source_lines is null or cited.source_lines = '' then '文件 document'
            else {{ cite_label("replace(cited.source_lines, ',', '、')") }}
        end as cite_label,
        line_pages.source_page as first_line_page,
        line_pages.page_url,
        {{ cite_html(
            'documents.document_name',
            document_line_url('cited.document_id', "coalesce(cited.first_line, 1)"),
            "case when cited.first_line is null then '文件 document' else "
                ~ cite_label("replace(cited.source_lines, ',', '、')") ~ " end",
            'line_pages.page_url',
            'line_pages.page_label'
        ) }} as cite_html,
        row_number() over (
            order by {{ status_order('cited.status') }}, cited.check_name, cited.document_id, cited.check_id
        ) as list_order
    from cited
    left join documents on cited.document_id = documents.document_id
    left join districts on documents.district_id = districts.district_id
    left join line_pages
        on
            cited.document_id = line_pages.document_id
            and cited.first_line between line_pages.first_line and line_pages.last_line

)

select * from final
