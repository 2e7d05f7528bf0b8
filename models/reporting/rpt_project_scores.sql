-- Project scores as the scores and project pages print them: the project's name, page and district, the labels of
-- the score's kind, grade and scheme, and the address of the line each score comes from (`cite_html`: the cell the
-- pages print, the document's name beside the line and, for a document converted from a PDF, its page).
with

scores as (

    select * from {{ ref('fct_project_scores') }}

),

projects as (

    select * from {{ ref('dim_projects') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

districts as (

    select * from {{ ref('dim_districts') }}

),

line_pages as (

    select * from {{ ref('rpt_document_line_pages') }}

),

final as (

    select
        scores.project_id,
        replace(scores.project_id, ':', '-') as project_slug,
        projects.project_name,
        '/projects/' || replace(scores.project_id, ':', '-') || '/' as project_url,
        scores.district_id,
        districts.district_name_zh,
        cast(scores.fiscal_year as {{ text_type() }}) as fiscal_year,
        scores.score_kind,
        {{ label_case('scores.score_kind', 'score_kind') }} as score_kind_label,
        scores.score,
        scores.grade,
        -- the computed score's own grades, never 优/良/中/差 (those are the publisher's, printed as they are)
        {{ label_case('scores.grade', 'grade', 'scores.grade') }} as grade_label,
        scores.grade_scheme,
        {{ label_case('scores.grade_scheme', 'grade_scheme', words_of('scores.grade_scheme')) }} as grade_scheme_label,
        scores.document_id,
        scores.source_line,
        documents.document_name,
        {{ document_line_url('scores.document_id', 'scores.source_line') }} as cite_url,
        {{ cite_label('scores.source_line') }} as cite_label,
        line_pages.source_page,
        line_pages.page_url,
        {{ cite_html(
            'documents.document_name',
            document_line_url('scores.document_id', 'scores.source_line'),
            cite_label('scores.source_line'),
            'line_pages.page_url',
            'line_pages.page_label'
        ) }} as cite_html
    from scores
    left join projects on scores.project_id = projects.project_id
    left join districts on scores.district_id = districts.district_id
    left join documents on scores.document_id = documents.document_id
    left join line_pages
        on
            scores.document_id = line_pages.document_id
            and scores.source_line between line_pages.first_line and line_pages.last_line

)

select * from final
