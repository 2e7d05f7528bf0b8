-- One row per project form or evaluated project. Personal data arrives masked from ingest; only the masked owner
-- is carried on (contacts and phones stop here).
with

source as (

    select * from {{ ref('projects') }}

),

renamed as (

    select
        cast(project_id as {{ text_type() }}) as project_id,
        cast(document_id as {{ text_type() }}) as document_id,
        cast(source_line as integer) as source_line,
        cast(form_kind as {{ text_type() }}) as form_kind,
        cast(agency_name as {{ text_type() }}) as agency_name,
        cast(competent_dept_raw as {{ text_type() }}) as competent_dept_raw,
        cast(project_name as {{ text_type() }}) as project_name,
        cast(project_nature_raw as {{ text_type() }}) as project_nature_raw,
        cast(project_category_raw as {{ text_type() }}) as project_category_raw,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(total_funds_yuan as decimal(18, 2)) as total_funds_yuan,
        cast(annual_funds_yuan as decimal(18, 2)) as annual_funds_yuan,
        cast(fiscal_funds_yuan as decimal(18, 2)) as fiscal_funds_yuan,
        cast(annual_fiscal_appropriation_yuan as decimal(18, 2)) as annual_fiscal_appropriation_yuan,
        cast(carryover_yuan as decimal(18, 2)) as carryover_yuan,
        cast(other_funds_yuan as decimal(18, 2)) as other_funds_yuan,
        cast(annual_other_funds_yuan as decimal(18, 2)) as annual_other_funds_yuan,
        cast(total_funds_raw as {{ text_type() }}) as total_funds_raw,
        cast(annual_funds_raw as {{ text_type() }}) as annual_funds_raw,
        cast(fiscal_funds_raw as {{ text_type() }}) as fiscal_funds_raw,
        cast(annual_fiscal_appropriation_raw as {{ text_type() }}) as annual_fiscal_appropriation_raw,
        cast(carryover_raw as {{ text_type() }}) as carryover_raw,
        cast(other_funds_raw as {{ text_type() }}) as other_funds_raw,
        cast(owner_masked as {{ text_type() }}) as owner_masked

    from source

)

select * from renamed
