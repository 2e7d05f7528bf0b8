-- Every consistency check's status follows from its own published numbers: pass iff |difference| <= tolerance,
-- not_applicable iff a side is unknown, and a failing check always names a likely cause.
with

checks as (

    select * from {{ ref('fct_consistency_checks') }}

),

final as (

    select * from checks
    where
        status <> {{ check_status('difference', 'tolerance') }}
        or (status = 'fail' and likely_cause is null)
        or (status <> 'fail' and likely_cause is not null)

)

select * from final
