-- Year-over-year lines with money in 万元, the district and agency names, and how the document's own statement of
-- the change checks out (`check_result`, `check_order`), joined and classified here once per build; written in the
-- order the page lists them (disagreements first).
with

changes as (
    select
        columns(
            c -> c in (
                'yoy_id', 'district_id', 'agency_id', 'line_name', 'fiscal_year', 'amount_yuan', 'prior_amount_yuan',
                'prior_amount_is_derived', 'basis', 'change_yuan', 'change_pct', 'stated_change_pct',
                'stated_change_yuan', 'stated_direction', 'statement_agrees', 'document_id', 'source_line',
                'prior_document_id'
            )
        ),
    from marts.fct_yoy_changes
    -- prior_document_id (contract v2) reads as null from an older warehouse
    union all by name
    select null::varchar as prior_document_id where false
),

documents as (
    select
        d.document_id,
        d.document_name,
    from marts.dim_documents as d
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
),

joined as (
    select
        changes.yoy_id,
        changes.district_id,
        districts.district_name_zh,
        changes.agency_id,
        coalesce(agencies.agency_name, changes.agency_id) as agency_name,
        '/agencies/' || changes.agency_id || '/' as agency_url,
        changes.line_name,
        cast(changes.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        changes.amount_yuan,
        changes.prior_amount_yuan,
        changes.amount_yuan / 10000 as amount_wan,
        changes.prior_amount_yuan / 10000 as prior_amount_wan,
        changes.prior_amount_is_derived,
        changes.basis,
        case changes.basis
            when 'prior_budget' then '上年预算 Prior budget'
            when 'prior_execution' then '上年执行数 Prior execution'
        end as basis_label,
        changes.change_yuan,
        changes.change_yuan / 10000 as change_wan,
        changes.change_pct,
        changes.stated_change_pct,
        changes.stated_change_yuan,
        changes.stated_change_yuan / 10000 as stated_change_wan,
        changes.stated_direction,
        case changes.stated_direction
            when 'increase' then '增加 increase'
            when 'decrease' then '减少 decrease'
            when 'flat' then '持平 flat'
        end as stated_direction_label,
        changes.statement_agrees,
        case
            when changes.statement_agrees = false then 'disagrees'
            when changes.statement_agrees = true then 'agrees'
            when
                changes.stated_change_pct is null
                and changes.stated_change_yuan is null
                and changes.stated_direction is null
                then 'nothing_stated'
            else 'not_checkable'
        end as check_result,
        case when changes.statement_agrees = false then 0 when changes.statement_agrees = true then 2 else 1 end
            as check_order,
        changes.document_id,
        documents.document_name,
        changes.source_line,
        '/documents/' || changes.document_id || '/#L' || changes.source_line as cite_url,
        '第 ' || changes.source_line || ' 行' as cite_label,
        changes.prior_document_id,
        prior_documents.document_name as prior_document_name,
        case when changes.prior_document_id is not null then '/documents/' || changes.prior_document_id || '/' end
            as prior_document_url,
    from changes
    left join agencies on changes.agency_id = agencies.agency_id
    left join districts on changes.district_id = districts.district_id
    left join documents on changes.document_id = documents.document_id
    left join documents as prior_documents on changes.prior_document_id = prior_documents.document_id
)

select
    yoy_id,
    district_id,
    district_name_zh,
    agency_id,
    agency_name,
    agency_url,
    line_name,
    fiscal_year,
    amount_yuan,
    prior_amount_yuan,
    amount_wan,
    prior_amount_wan,
    prior_amount_is_derived,
    basis,
    basis_label,
    change_yuan,
    change_wan,
    change_pct,
    stated_change_pct,
    stated_change_yuan,
    stated_change_wan,
    stated_direction,
    stated_direction_label,
    statement_agrees,
    check_result,
    check_order,
    document_id,
    document_name,
    source_line,
    cite_url,
    cite_label,
    prior_document_id,
    prior_document_name,
    prior_document_url,
from joined
order by check_order, district_name_zh, line_name, yoy_id
