-- Budget lines with money in 万元 and the names the pages print (district, agency, 类/款/项 code) joined here once
-- per build; written in the order the page lists them (district, agency, subject, line).
with

lines as (
    select
        line_id,
        district_id,
        agency_id,
        fiscal_year,
        line_kind,
        class_code,
        kind_code,
        item_code,
        line_name,
        budget_yuan,
        execution_yuan,
        execution_phase,
        prior_year_execution_yuan,
        prior_year_execution_is_derived,
        execution_rate,
        change_vs_prior_execution_pct,
        document_id,
        budget_source_line,
        execution_source_line,
    from marts.fct_budget_vs_execution
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
        lines.line_id,
        lines.district_id,
        districts.district_name_zh,
        lines.agency_id,
        coalesce(agencies.agency_name, lines.agency_id) as agency_name,
        cast(lines.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        lines.line_kind,
        lines.class_code,
        lines.kind_code,
        lines.item_code,
        concat_ws(' ', lines.class_code, lines.kind_code, lines.item_code) as subject_code,
        lines.line_name,
        lines.budget_yuan,
        lines.execution_yuan,
        lines.budget_yuan / 10000 as budget_wan,
        lines.execution_yuan / 10000 as execution_wan,
        lines.execution_phase,
        lines.prior_year_execution_yuan,
        lines.prior_year_execution_yuan / 10000 as prior_year_execution_wan,
        lines.prior_year_execution_is_derived,
        lines.execution_rate,
        lines.change_vs_prior_execution_pct,
        lines.document_id,
        lines.budget_source_line,
        lines.execution_source_line,
    from lines
    left join agencies on lines.agency_id = agencies.agency_id
    left join districts on lines.district_id = districts.district_id
)

select
    line_id,
    district_id,
    district_name_zh,
    agency_id,
    agency_name,
    fiscal_year,
    line_kind,
    class_code,
    kind_code,
    item_code,
    subject_code,
    line_name,
    budget_yuan,
    execution_yuan,
    budget_wan,
    execution_wan,
    execution_phase,
    prior_year_execution_yuan,
    prior_year_execution_wan,
    prior_year_execution_is_derived,
    execution_rate,
    change_vs_prior_execution_pct,
    document_id,
    budget_source_line,
    execution_source_line,
from joined
order by district_name_zh, agency_name, subject_code, line_name, line_id
