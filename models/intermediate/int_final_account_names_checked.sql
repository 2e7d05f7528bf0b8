{{ per_document_config() }}
{#-
    What a 决算's narrative names, checked against its own tables (narrative_item_names_table_subject): a
    statement's 类/款/项 path names a subject of the document's table (int_final_account_lines_paired); one matched
    only by its 决算 figure within its 类 (an old subject name, the publisher's own wording) or not at all fails.
-#}
with

final_account_lines as (

    select * from {{ ref('int_final_account_lines_paired') }} {{ new_documents_only('document_id') }}

),

naming_terms as (

    select
        'narrative_item_names_table_subject' as check_name,
        document_id,
        line_id as place_key,
        {{ text_literal("the narrative's path ") }} || quoted_subject_path || ' names a subject of the table'
        || case
            when line_match = 'amount_within_class'
                then
                    ': it names none; matched within its 类 by its 决算 figure to ' || coalesce(class_code, '')
                    || coalesce(kind_code, '') || coalesce(item_code, '') || ' ' || coalesce(line_name, '')
            when line_match = 'unmatched' then ': it names none, and no 项 of its 类 has its 决算 figure'
            else ''
        end as description,
        'count' as value_unit,
        'expected' as term_role,
        1 as amount,
        0 as half_unit,
        false as blank_is_zero,
        statement_line as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from final_account_lines
    where line_match in ('amount_within_class', 'unmatched', 'ingest', 'budget_subjects', 'document_table')

    union all

    -- 1 where the path names a subject of the table, 0 where it was matched by its figure or not at all
    select
        'narrative_item_names_table_subject' as check_name,
        document_id,
        line_id as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        case when line_match in ('amount_within_class', 'unmatched') then 0 else 1 end as amount,
        0 as half_unit,
        false as blank_is_zero,
        null as source_line,
        'publisher_error' as cause_if_below,
        'publisher_error' as cause_if_above
    from final_account_lines
    where line_match in ('amount_within_class', 'unmatched', 'ingest', 'budget_subjects', 'document_table')

),

terms as (

    select * from naming_terms

),

{{ summarise_check_terms('terms') }}

select * from final
