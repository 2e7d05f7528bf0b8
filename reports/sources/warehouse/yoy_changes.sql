-- Year-over-year lines with money in 万元, the district and agency names, and how the document's own statement of
-- the change checks out (`check_result`, `check_order`), joined and classified here once per build; written in the
-- order the page lists them (disagreements first).
with

changes as (
    select
        yoy_id,
        district_id,
        agency_id,
        line_name,
        fiscal_year,
        amount_yuan,
        prior_amount_yuan,
        prior_amount_is_derived,
        basis,
        change_yuan,
        change_pct,
        stated_change_pct,
        stated_change_yuan,
        stated_direction,
        statement_agrees,
        document_id,
        source_line,
    from marts.fct_yoy_changes
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
        changes.line_name,
        cast(changes.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        changes.amount_yuan,
        changes.prior_amount_yuan,
        changes.amount_yuan / 10000 as amount_wan,
        changes.prior_amount_yuan / 10000 as prior_amount_wan,
        changes.prior_amount_is_derived,
        changes.basis,
        changes.change_yuan,
        changes.change_yuan / 10000 as change_wan,
        changes.change_pct,
        changes.stated_change_pct,
        changes.stated_change_yuan,
        changes.stated_change_yuan / 10000 as stated_change_wan,
        changes.stated_direction,
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
        changes.source_line,
    from changes
    left join agencies on changes.agency_id = agencies.agency_id
    left join districts on changes.district_id = districts.district_id
)

select
    yoy_id,
    district_id,
    district_name_zh,
    agency_id,
    agency_name,
    line_name,
    fiscal_year,
    amount_yuan,
    prior_amount_yuan,
    amount_wan,
    prior_amount_wan,
    prior_amount_is_derived,
    basis,
    change_yuan,
    change_wan,
    change_pct,
    stated_change_pct,
    stated_change_yuan,
    stated_change_wan,
    stated_direction,
    statement_agrees,
    check_result,
    check_order,
    document_id,
    source_line,
from joined
order by check_order, district_name_zh, line_name, yoy_id
