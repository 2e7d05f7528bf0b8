-- Checks counted per check, status and likely cause (a few hundred rows): the data-quality page's counts and
-- chart read this instead of counting 600,000 checks on each view.
with

checks as (

    select * from {{ ref('fct_consistency_checks') }}

),

counted as (

    select
        check_name,
        status,
        likely_cause,
        count(*) as check_count,
        count(distinct document_id) as document_count
    from checks
    group by check_name, status, likely_cause

),

final as (

    select
        check_name,
        {{ label_case('check_name', 'check_name') }} as check_label,
        status,
        {{ label_case('status', 'status') }} as status_label,
        {{ status_order('status') }} as status_order,
        likely_cause,
        {{ label_case('likely_cause', 'likely_cause') }} as likely_cause_label,
        check_count,
        document_count
    from counted

)

select * from final
