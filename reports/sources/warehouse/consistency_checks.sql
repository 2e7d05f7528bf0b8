-- Every consistency check with its document's title, district and year joined here once per build, numbered
-- (`list_order`) and written in the order the data-quality page lists them (failing first, then by check, document
-- and place): the page reads the first matching rows by one integer instead of joining and sorting 600,000 checks
-- by their names on each view.
with

checks as (
    select
        check_id,
        document_id,
        check_name,
        description,
        source_lines,
        expected_value,
        actual_value,
        difference,
        tolerance,
        status,
        likely_cause,
    from marts.fct_consistency_checks
),

documents as (
    select
        document_id,
        title_raw,
        district_id,
        fiscal_year,
    from marts.dim_documents
),

districts as (
    select
        district_id,
        district_name_zh,
    from marts.dim_districts
),

joined as (
    select
        checks.check_id,
        checks.document_id,
        documents.title_raw as document_title,
        documents.district_id,
        districts.district_name_zh,
        cast(documents.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        checks.check_name,
        checks.description,
        checks.source_lines,
        checks.expected_value,
        checks.actual_value,
        checks.difference,
        checks.tolerance,
        checks.status,
        case checks.status when 'fail' then 0 when 'not_applicable' then 2 else 1 end as status_order,
        checks.likely_cause,
        row_number() over (
            order by
                case checks.status when 'fail' then 0 when 'not_applicable' then 2 else 1 end,
                checks.check_name,
                checks.document_id,
                checks.check_id
        ) as list_order,
    from checks
    left join documents on checks.document_id = documents.document_id
    left join districts on documents.district_id = districts.district_id
)

select
    check_id,
    document_id,
    document_title,
    district_id,
    district_name_zh,
    fiscal_year,
    check_name,
    description,
    source_lines,
    expected_value,
    actual_value,
    difference,
    tolerance,
    status,
    status_order,
    likely_cause,
    list_order,
from joined
order by list_order
