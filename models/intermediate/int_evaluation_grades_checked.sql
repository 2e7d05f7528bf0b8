{{ per_document_config() }}
{#-
    Evaluation results, checked (grades_ordered_by_score): in an evaluation-results document, no project has a
    better published grade than another with a higher score (var grade_order; it holds whatever bands the document
    uses or leaves unstated).
-#}
{%- set grade_order = var('grade_order') %}

with

evaluations as (

    select * from {{ ref('stg_extracted__evaluations') }} {{ new_documents_only('document_id') }}

),

-- published grades against the scores they come with
ranked_evaluations as (

    select
        document_id,
        source_line,
        score,
        case grade_raw
            {%- for grade in grade_order %}
                when '{{ grade }}' then {{ loop.index }}
            {%- endfor %}
        end as grade_rank
    from evaluations
    where score is not null

),

inverted_pairs as (

    select
        better.document_id,
        better.source_line as better_line,
        worse.source_line as worse_line
    from ranked_evaluations as better
    inner join ranked_evaluations as worse
        on
            better.document_id = worse.document_id
            and better.grade_rank < worse.grade_rank
            and better.score < worse.score

),

grade_terms as (

    select
        'grades_ordered_by_score' as check_name,
        document_id,
        'document' as place_key,
        'no project has a better published grade than another with a higher score (expected: 0; actual: pairs '
        || 'graded against their scores)' as description,
        'count' as value_unit,
        'expected' as term_role,
        0 as amount,
        min(source_line) as source_line
    from evaluations
    group by document_id

    union all

    select
        'grades_ordered_by_score' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        1 as amount,
        better_line as source_line
    from inverted_pairs

    union all

    select
        'grades_ordered_by_score' as check_name,
        document_id,
        'document' as place_key,
        null as description,
        'count' as value_unit,
        'actual' as term_role,
        0 as amount,
        worse_line as source_line
    from inverted_pairs

),

terms as (

    {{ check_terms('grade_terms') }}

),

{{ summarise_check_terms('terms') }}

select * from final
