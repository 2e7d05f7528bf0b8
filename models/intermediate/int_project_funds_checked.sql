{{ per_document_config() }}
{#-
    The funds of each project form add up (project_funds_add_up): 年度资金申请总额 = 当年财政拨款 + 上年结转 +
    其他资金, and 项目资金总额 = 财政资金 + 其他资金 where the form splits it.
-#}

with

projects as (

    select * from {{ ref('int_projects_attributed') }} {{ new_documents_only('document_id') }}

),

-- the funds of each form add up
funds_terms as (

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':annual' as place_key,
        project_name || ': 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他资金' as description,
        'yuan' as value_unit,
        'expected' as term_role,
        annual_funds_yuan as amount,
        source_line
    from projects
    where form_kind = 'target_form' and annual_funds_yuan is not null

    union all

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':annual' as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        coalesce(annual_fiscal_appropriation_yuan, 0) + coalesce(carryover_yuan, 0)
        + coalesce(annual_other_funds_yuan, 0) as amount,
        source_line
    from projects
    where form_kind = 'target_form' and annual_funds_yuan is not null

    union all

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':total' as place_key,
        project_name || ': 项目资金总额 = 财政资金 + 其他资金' as description,
        'yuan' as value_unit,
        'expected' as term_role,
        total_funds_yuan as amount,
        source_line
    from projects
    where form_kind = 'target_form' and total_funds_yuan is not null and fiscal_funds_yuan is not null

    union all

    select
        'project_funds_add_up' as check_name,
        document_id,
        'project:' || {{ regex_extract('project_id', '(L[0-9]+)$', 1) }} || ':total' as place_key,
        null as description,
        'yuan' as value_unit,
        'actual' as term_role,
        fiscal_funds_yuan + coalesce(other_funds_yuan, 0) as amount,
        source_line
    from projects
    where form_kind = 'target_form' and total_funds_yuan is not null and fiscal_funds_yuan is not null

),

terms as (

    {{ check_terms('funds_terms') }}

),

{{ summarise_check_terms('terms') }}

select * from final
