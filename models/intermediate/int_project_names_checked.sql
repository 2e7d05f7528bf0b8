{{ per_document_config() }}
{#-
    Project forms, checked (project_names_unique): no two forms of a document carry the same project name.
-#}

with

projects as (

    select * from {{ ref('int_projects_attributed') }} {{ new_documents_only('document_id') }}

),

-- project names
name_counts as (

    select
        document_id,
        project_name,
        count(*) as form_count
    from projects
    group by document_id, project_name

),

name_terms as (

    select
        'project_names_unique' as check_name,
        projects.document_id,
        'document' as place_key,
        'each project form of the document has its own name (expected: the number of forms; actual: the number '
        || 'of distinct names)' as description,
        'count' as value_unit,
        'expected' as term_role,
        1 as amount,
        case when name_counts.form_count > 1 then projects.source_line end as source_line
    from projects
    inner join name_counts
        on projects.document_id = name_counts.document_id and projects.project_name = name_counts.project_name

    union all

    select
        'project_names_unique' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        1 as amount,
        null as source_line
    from name_counts

    union all

    -- a document whose names are all distinct cites its first form
    select
        'project_names_unique' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        0 as amount,
        min(source_line) as source_line
    from projects
    group by document_id
    having count(*) = count(distinct project_name)

),

terms as (

    {{ check_terms('name_terms') }}

),

{{ summarise_check_terms('terms') }}

select * from final
