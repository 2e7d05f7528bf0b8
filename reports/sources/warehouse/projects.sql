-- Projects with money in 万元 (yuan / 10000) and the URL-safe id of their page (':' becomes '-').
select
    project_id,
    replace(project_id, ':', '-') as project_slug,
    district_id,
    cast(fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
    agency_id,
    project_name,
    nature,
    total_funds_yuan,
    annual_funds_yuan,
    fiscal_funds_yuan,
    annual_fiscal_appropriation_yuan,
    total_funds_yuan / 10000 as total_funds_wan,
    annual_funds_yuan / 10000 as annual_funds_wan,
    fiscal_funds_yuan / 10000 as fiscal_funds_wan,
    annual_fiscal_appropriation_yuan / 10000 as annual_fiscal_appropriation_wan,
    start_date,
    end_date,
    indicator_count,
    document_id,
    source_line
from marts.dim_projects
