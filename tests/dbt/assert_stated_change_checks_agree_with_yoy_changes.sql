-- fct_yoy_changes.statement_agrees and the stated_change_agrees consistency check tell the same story for every
-- statement: null ↔ not_applicable, true ↔ pass, false ↔ fail.
with

changes as (

    select * from {{ ref('fct_yoy_changes') }}

),

checks as (

    select * from {{ ref('fct_consistency_checks') }}

    where check_name = 'stated_change_agrees'

),

final as (

    select
        changes.yoy_id,
        changes.statement_agrees,
        checks.status
    from changes
    left join checks
        on
            checks.check_id = 'stated_change_agrees:' || changes.document_id || ':L'
            || cast(changes.source_line as varchar) || ':'
            || {{ regex_extract('changes.yoy_id', ':(C[0-9]+)$', 1) }}
    where
        checks.check_id is null
        or (changes.statement_agrees is null and checks.status <> 'not_applicable')
        or (changes.statement_agrees and checks.status <> 'pass')
        or (not changes.statement_agrees and checks.status <> 'fail')

)

select * from final
