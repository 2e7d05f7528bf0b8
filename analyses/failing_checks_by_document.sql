-- What each document gets wrong: failing consistency checks per document and likely cause, with the lines to read.
with

checks as (

    select * from {{ ref('fct_consistency_checks') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

final as (

    select
        documents.district_id,
        documents.file_name,
        checks.check_name,
        checks.likely_cause,
        checks.source_lines,
        checks.expected_value,
        checks.actual_value,
        checks.difference,
        checks.tolerance,
        checks.value_unit,
        checks.description,
        checks.check_id
    from checks
    inner join documents
        on checks.document_id = documents.document_id
    where checks.status = 'fail'

)

select * from final
order by district_id, file_name, check_name, source_lines
