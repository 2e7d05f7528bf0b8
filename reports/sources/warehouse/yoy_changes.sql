select
    yoy_id,
    district_id,
    agency_id,
    line_name,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    amount_yuan,
    prior_amount_yuan,
    amount_yuan / 10000 as amount_wan,
    prior_amount_yuan / 10000 as prior_amount_wan,
    prior_amount_is_derived,
    basis,
    change_yuan,
    change_yuan / 10000 as change_wan,
    change_pct,
    stated_change_pct,
    stated_change_yuan,
    stated_change_yuan / 10000 as stated_change_wan,
    stated_direction,
    statement_agrees,
    document_id,
    source_line
from marts.fct_yoy_changes
