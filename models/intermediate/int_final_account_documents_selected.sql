-- The final accounts (单位决算 and 部门决算): the documents whose 一般公共预算财政拨款支出决算表 and narrative
-- int_final_account_table_lines_pivoted, int_final_account_statements_grouped and int_final_account_lines_paired read.
with

documents as (

    select * from {{ ref('int_documents_registered') }}

),

final as (

    select
        document_id,
        doc_type,
        district_id,
        agency_id,
        fiscal_year
    from documents
    where doc_type in ('unit_final_accounts', 'department_final_accounts')

)

select * from final
