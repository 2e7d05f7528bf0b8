select
    line_id,
    district_id,
    agency_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    line_kind,
    class_code,
    kind_code,
    item_code,
    line_name,
    budget_yuan,
    execution_yuan,
    budget_yuan / 10000 as budget_wan,
    execution_yuan / 10000 as execution_wan,
    execution_phase,
    prior_year_execution_yuan,
    prior_year_execution_yuan / 10000 as prior_year_execution_wan,
    prior_year_execution_is_derived,
    execution_rate,
    change_vs_prior_execution_pct,
    document_id,
    budget_source_line,
    execution_source_line
from marts.fct_budget_vs_execution
