-- Documents as the marts describe them, with the address each is published at on this site (budgetwh pages writes
-- /documents/<document_id>/: the masked text with one anchor per line, and a PDF beside it as published) and a
-- name a person reads. Columns are named one by one so that nothing a mart may gain later (and nothing personal)
-- reaches the published parquet files unreviewed; contract-v2 columns that an older warehouse lacks read as null
-- (union by name with an empty typed row), so the pages show them as soon as the warehouse has them.
with

documents as (
    select
        columns(
            c -> c in (
                'document_id', 'file_name', 'doc_type', 'title_raw', 'district_id', 'fiscal_year', 'agency_name',
                'agency_id', 'line_count', 'source_url', 'published_on', 'project_count', 'indicator_count',
                'line_item_count', 'source_format', 'page_count', 'document_name'
            )
        ),
    from marts.dim_documents
    union all by name
    select
        null::varchar as source_format,
        null::integer as page_count,
    where false
),

agencies as (
    select
        agency_id,
        agency_name,
    from marts.dim_agencies
),

districts as (
    select
        district_id,
        district_name_zh,
    from marts.dim_districts
)

select
    documents.document_id,
    documents.file_name,
    documents.doc_type,
    case documents.doc_type
        when 'project_performance_targets' then '项目绩效目标 Performance targets'
        when 'unit_budget' then '单位预算 Unit budget'
        when 'department_budget' then '部门预算 Department budget'
        when 'unit_final_accounts' then '单位决算 Unit final accounts'
        when 'department_final_accounts' then '部门决算 Department final accounts'
        when 'performance_evaluation_results' then '绩效评价结果 Evaluation results'
        else '其他文件 Other document'
    end as doc_type_label,
    documents.title_raw,
    documents.district_id,
    districts.district_name_zh,
    cast(documents.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    documents.agency_name,
    documents.agency_id,
    documents.document_name,
    '/documents/' || documents.document_id || '/' as document_url,
    case
        when coalesce(documents.source_format, '') = 'pdf' or lower(documents.file_name) like '%.pdf'
            then '/documents/' || documents.document_id || '/' || documents.file_name
    end as pdf_url,
    case
        when coalesce(documents.source_format, '') = 'pdf' or lower(documents.file_name) like '%.pdf' then 'PDF'
        else '文本 Text'
    end as source_format_label,
    documents.page_count,
    documents.line_count,
    documents.source_url,
    documents.published_on,
    documents.project_count,
    documents.indicator_count,
    documents.line_item_count,
from documents
left join districts on documents.district_id = districts.district_id
left join agencies on documents.agency_id = agencies.agency_id
order by documents.district_id, documents.fiscal_year, documents.agency_name, documents.document_id
