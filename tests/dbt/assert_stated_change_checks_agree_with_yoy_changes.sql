-- fct_yoy_changes.statement_agrees and the consistency checks tell the same story for every statement: null ↔
-- not_applicable, true ↔ pass, false ↔ fail (stated_change_agrees within a document; against the prior document,
-- stated_change_agrees_with_prior_document).
with

changes as (

    select * from {{ ref('fct_yoy_changes') }}

    where stated_direction is not null

),

checks as (

    select * from {{ ref('fct_consistency_checks') }}

    where check_name in ('stated_change_agrees', 'stated_change_agrees_with_prior_document')

),

final as (

    select
        changes.yoy_id,
        changes.statement_agrees,
        checks.status
    from changes
    left join checks
        on
            checks.check_id = case
                when changes.prior_document_id is null then 'stated_change_agrees:'
                else 'stated_change_agrees_with_prior_document:'
            end || changes.document_id || ':L'
            || cast(changes.source_line as {{ text_type() }}) || ':'
            || {{ regex_extract('changes.yoy_id', ':(C[0-9]+)$', 1) }}
    where
        checks.check_id is null
        or (changes.statement_agrees is null and checks.status <> 'not_applicable')
        or (changes.statement_agrees and checks.status <> 'pass')
        or (not changes.statement_agrees and checks.status <> 'fail')

)

select * from final
