-- Budget lines with money in 万元, the names the pages print (district, agency, 类/款/项 code, labels of the
-- enumerations) and, for each cited line, the document's name and the address that opens it at that line, joined
-- here once per build; written in the order the page lists them (district, agency, subject, line). Contract-v2
-- columns that an older warehouse lacks read as null (union by name with an empty typed row), so the pages show
-- same-year 决算 rows, printed rates and reasons as soon as the warehouse holds them.
with

lines as (
    select
        columns(
            c -> c in (
                'line_id', 'district_id', 'agency_id', 'fiscal_year', 'line_kind', 'class_code', 'kind_code',
                'item_code', 'line_name', 'budget_yuan', 'budget_phase', 'execution_yuan', 'execution_phase',
                'prior_year_execution_yuan', 'prior_year_execution_is_derived', 'execution_rate',
                'change_vs_prior_execution_pct', 'stated_rate_pct', 'rate_statement_agrees', 'stated_reason_raw',
                'document_id', 'budget_source_line', 'execution_source_line', 'execution_document_id'
            )
        ),
    from marts.fct_budget_vs_execution
    union all by name
    select
        null::varchar as budget_phase,
        null::decimal(9, 2) as stated_rate_pct,
        null::boolean as rate_statement_agrees,
        null::varchar as stated_reason_raw,
        null::varchar as execution_document_id,
    where false
),

agencies as (
    select
        agency_id,
        agency_name,
    from marts.dim_agencies
),

districts as (
    select
        district_id,
        district_name_zh,
    from marts.dim_districts
),

documents as (
    select
        d.document_id,
        d.document_name,
    from marts.dim_documents as d
),

joined as (
    select
        lines.line_id,
        lines.district_id,
        districts.district_name_zh,
        lines.agency_id,
        coalesce(agencies.agency_name, lines.agency_id) as agency_name,
        '/agencies/' || lines.agency_id || '/' as agency_url,
        cast(lines.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        lines.line_kind,
        case lines.line_kind
            when 'functional_item' then '功能分类科目 Functional subject'
            when 'project' then '项目 Project'
            when 'unit_total' then '合计 Total'
            else '其他 Other'
        end as line_kind_label,
        lines.class_code,
        lines.kind_code,
        lines.item_code,
        case
            when lines.line_kind <> 'functional_item' then null
            when lines.item_code is not null then 'item'
            when lines.kind_code is not null then 'kind'
            else 'class'
        end as subject_level,
        concat_ws(' ', lines.class_code, lines.kind_code, lines.item_code) as subject_code,
        lines.line_name,
        lines.budget_yuan,
        lines.execution_yuan,
        lines.budget_yuan / 10000 as budget_wan,
        lines.execution_yuan / 10000 as execution_wan,
        lines.budget_phase,
        case lines.budget_phase
            when 'adjusted_budget' then '调整预算 Adjusted budget'
            when 'budget' then '年初预算 Budget'
        end as budget_phase_label,
        lines.execution_phase,
        case lines.execution_phase
            when 'final_account' then '决算 Final accounts'
            when 'estimated_execution' then '执行数（估计）Estimated'
        end as execution_phase_label,
        lines.prior_year_execution_yuan,
        lines.prior_year_execution_yuan / 10000 as prior_year_execution_wan,
        lines.prior_year_execution_is_derived,
        lines.execution_rate,
        lines.change_vs_prior_execution_pct,
        lines.stated_rate_pct,
        lines.rate_statement_agrees,
        case lines.rate_statement_agrees
            when true then '✓ 一致 agrees'
            when false then '✗ 不一致 disagrees'
        end as rate_check_label,
        lines.stated_reason_raw,
        lines.document_id,
        budget_documents.document_name as budget_document_name,
        lines.budget_source_line,
        case
            when lines.budget_source_line is not null
                then '/documents/' || lines.document_id || '/#L' || lines.budget_source_line
        end as budget_cite_url,
        '第 ' || lines.budget_source_line || ' 行' as budget_cite_label,
        coalesce(lines.execution_document_id, lines.document_id) as execution_document_id,
        execution_documents.document_name as execution_document_name,
        lines.execution_source_line,
        case
            when lines.execution_source_line is not null
                then '/documents/' || coalesce(lines.execution_document_id, lines.document_id)
                || '/#L' || lines.execution_source_line
        end as execution_cite_url,
        '第 ' || lines.execution_source_line || ' 行' as execution_cite_label,
    from lines
    left join agencies on lines.agency_id = agencies.agency_id
    left join districts on lines.district_id = districts.district_id
    left join documents as budget_documents on lines.document_id = budget_documents.document_id
    left join documents as execution_documents
        on coalesce(lines.execution_document_id, lines.document_id) = execution_documents.document_id
)

select
    line_id,
    district_id,
    district_name_zh,
    agency_id,
    agency_name,
    agency_url,
    fiscal_year,
    line_kind,
    line_kind_label,
    class_code,
    kind_code,
    item_code,
    subject_level,
    subject_code,
    line_name,
    budget_yuan,
    execution_yuan,
    budget_wan,
    execution_wan,
    budget_phase,
    budget_phase_label,
    execution_phase,
    execution_phase_label,
    prior_year_execution_yuan,
    prior_year_execution_wan,
    prior_year_execution_is_derived,
    execution_rate,
    change_vs_prior_execution_pct,
    stated_rate_pct,
    rate_statement_agrees,
    rate_check_label,
    stated_reason_raw,
    document_id,
    budget_document_name,
    budget_source_line,
    budget_cite_url,
    budget_cite_label,
    execution_document_id,
    execution_document_name,
    execution_source_line,
    execution_cite_url,
    execution_cite_label,
from joined
order by district_name_zh, agency_name, subject_code, line_name, line_id
