-- Checks counted per check, status and likely cause (a few hundred rows): the data-quality page's counts and
-- chart read this instead of counting 600,000 checks on each view.
with

checks as (
    select
        document_id,
        check_name,
        status,
        likely_cause,
    from marts.fct_consistency_checks
),

counted as (
    select
        check_name,
        status,
        case status when 'fail' then 0 when 'not_applicable' then 2 else 1 end as status_order,
        likely_cause,
        count(*) as check_count,
        count(distinct document_id) as document_count,
    from checks
    group by all
)

select
    check_name,
    status,
    status_order,
    likely_cause,
    check_count,
    document_count,
from counted
order by status_order, check_name, likely_cause
