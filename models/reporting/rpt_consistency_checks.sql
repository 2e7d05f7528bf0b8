-- Every consistency check as the data-quality and agency pages print it: its document's title, name, district and
-- year, the labels of its check, status, cause and unit, its figures in the unit the pages use (万元 for money),
-- the address of its first cited line, and `list_order`, the place the data-quality page lists it at (failing
-- first, then by check, document and id), so that the page reads the first matching rows by one integer instead
-- of sorting 600,000 checks by their names on each view.
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

final as (

    select
        checks.check_id,
        checks.document_id,
        documents.title_raw as document_title,
        documents.district_id,
        districts.district_name_zh,
        cast(documents.fiscal_year as {{ text_type() }}) as fiscal_year,
        checks.check_name,
        {{ label_case('checks.check_name', 'check_name') }} as check_label,
        checks.description,
        -- the description as a person reads it: the marts' words for tables and columns without their underscores
        {{ words_of('checks.description') }} as description_text,
        checks.source_lines,
        checks.expected_value,
        checks.actual_value,
        checks.difference,
        checks.tolerance,
        checks.status,
        {{ label_case('checks.status', 'status') }} as status_label,
        {{ status_order('checks.status') }} as status_order,
        checks.likely_cause,
        {{ label_case('checks.likely_cause', 'likely_cause') }} as likely_cause_label,
        checks.value_unit,
        {{ shown_in_unit('checks.expected_value', 'checks.value_unit') }} as expected_shown,
        {{ shown_in_unit('checks.actual_value', 'checks.value_unit') }} as actual_shown,
        {{ shown_in_unit('checks.difference', 'checks.value_unit') }} as difference_shown,
        {{ shown_in_unit('checks.tolerance', 'checks.value_unit') }} as tolerance_shown,
        {{ label_case('checks.value_unit', 'value_unit', "coalesce(" ~ words_of('checks.value_unit') ~ ", '')") }}
            as unit_label,
        documents.document_name,
        {{ document_line_url(
            'checks.document_id', "coalesce(nullif(split_part(checks.source_lines, ',', 1), ''), '1')"
        ) }} as cite_url,
        case
            when checks.source_lines is null or checks.source_lines = '' then '文件 document'
            else {{ cite_label("replace(checks.source_lines, ',', '、')") }}
        end as cite_label,
        row_number() over (
            order by {{ status_order('checks.status') }}, checks.check_name, checks.document_id, checks.check_id
        ) as list_order
    from checks
    left join documents on checks.document_id = documents.document_id
    left join districts on documents.district_id = districts.district_id

)

select * from final
