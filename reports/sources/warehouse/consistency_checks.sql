-- Every consistency check with its document's title, district and year joined here once per build, numbered
-- (`list_order`) and written in the order the data-quality page lists them (failing first, then by check, document
-- and place): the page reads the first matching rows by one integer instead of joining and sorting 600,000 checks
-- by their names on each view.
with

checks as (
    select
        columns(
            c -> c in (
                'check_id', 'document_id', 'check_name', 'description', 'source_lines', 'expected_value',
                'actual_value', 'difference', 'tolerance', 'value_unit', 'status', 'likely_cause'
            )
        ),
    from marts.fct_consistency_checks
    -- value_unit (what expected/actual/difference count: yuan or a count) reads as null where a warehouse lacks it
    union all by name
    select null::varchar as value_unit where false
),

documents as (
    select
        document_id,
        title_raw,
        district_id,
        fiscal_year,
        d.document_name,
    from marts.dim_documents as d
),

districts as (
    select
        district_id,
        district_name_zh,
    from marts.dim_districts
),

joined as (
    select
        checks.check_id,
        checks.document_id,
        documents.title_raw as document_title,
        documents.district_id,
        districts.district_name_zh,
        cast(documents.fiscal_year as varchar) as fiscal_year,  -- a label on these pages (parquet would make it 2018.0)
        checks.check_name,
        case checks.check_name
            when 'row_total_equals_parts' then '行合计等于各列之和 Row total equals its parts'
            when 'total_equals_sum_of_rows' then '合计等于各行之和 Total equals the sum of rows'
            when 'economic_total_equals_functional_basic' then '经济分类合计等于功能分类基本支出 Economic total equals functional basic spending'
            when 'summary_matches_expenditure_table' then '总表与支出表一致 Summary matches the expenditure table'
            when 'summary_matches_economic_table' then '总表与经济分类表一致 Summary matches the economic table'
            when 'summary_matches_income_table' then '总表与收入表一致 Summary matches the income table'
            when 'narrative_total_equals_parts' then '文字说明的合计等于分项之和 Narrative total equals its parts'
            when 'same_amount_stated_twice' then '同一金额两处印刷一致 Same amount printed twice agrees'
            when 'project_names_unique' then '项目名称不重复 Project names are unique'
            when 'targets_not_blank' then '绩效目标不为空 Targets are not blank'
            when 'level2_within_level1' then '二级指标属于其一级指标 Level 2 belongs to its level 1'
            when 'project_funds_add_up' then '项目资金各项相加一致 Project funds add up'
            when 'project_narrative_matches_form' then '项目文字说明与申报表一致 Project narrative matches the form'
            when 'parent_equals_children' then '上级科目等于下级之和 Parent subject equals its children'
            when 'row_names_printed' then '行名称已印出 Row names are printed'
            when 'income_equals_expenditure' then '收入等于支出 Income equals expenditure'
            when 'expenditure_equals_fund_tables' then '支出等于各资金表之和 Expenditure equals the fund tables'
            when 'basic_equals_personnel_plus_public' then '基本支出等于人员经费加公用经费 Basic = personnel + public'
            when 'narrative_matches_table' then '文字说明与表格一致 Narrative matches the table'
            when 'narrative_items_sum_to_total' then '文字说明分项之和等于合计 Narrative items sum to the total'
            when 'stated_change_agrees' then '所述增减与数字一致 Stated change agrees with the numbers'
            when 'same_change_stated_twice' then '同一增减两处说明一致 Same change stated twice agrees'
            when 'level1_slot_holds_level1_label' then '一级指标栏是一级指标名称 Level-1 column holds a level-1 label'
            when 'indicator_labels_recognised' then '指标名称可识别 Indicator labels are recognised'
            when 'target_project_funds_listed' then '绩效目标列出项目资金 Targets list the project funds'
            when 'target_projects_listed' then '绩效目标列出项目 Targets list the projects'
            when 'grades_ordered_by_score' then '等次与得分顺序一致 Grades follow the scores'
            -- a check added later: its words without underscores, until it gets a label here
            else replace(checks.check_name, '_', ' ')
        end as check_label,
        checks.description,
        -- the description as a person reads it: the marts' words for tables and columns without their underscores
        replace(checks.description, '_', ' ') as description_text,
        checks.source_lines,
        checks.expected_value,
        checks.actual_value,
        checks.difference,
        checks.tolerance,
        checks.status,
        case checks.status
            when 'fail' then '✗ 不一致 fail'
            when 'pass' then '✓ 一致 pass'
            when 'not_applicable' then '— 不适用 not applicable'
        end as status_label,
        case checks.status when 'fail' then 0 when 'not_applicable' then 2 else 1 end as status_order,
        checks.likely_cause,
        case checks.likely_cause
            when 'publisher_error' then '发布方错误 Publisher error'
            when 'extraction_artifact' then '解析问题 Extraction artifact'
            when 'partial_disclosure' then '部分公开 Partial disclosure'
            when 'rounding' then '四舍五入 Rounding'
        end as likely_cause_label,
        checks.value_unit,
        case when checks.value_unit = 'yuan' then checks.expected_value / 10000 else checks.expected_value end
            as expected_shown,
        case when checks.value_unit = 'yuan' then checks.actual_value / 10000 else checks.actual_value end
            as actual_shown,
        case when checks.value_unit = 'yuan' then checks.difference / 10000 else checks.difference end
            as difference_shown,
        case when checks.value_unit = 'yuan' then checks.tolerance / 10000 else checks.tolerance end
            as tolerance_shown,
        case
            when checks.value_unit = 'yuan' then '万元'
            when checks.value_unit = 'count' then '个 count'
            when checks.value_unit = 'percent' then '%'
            when checks.value_unit = 'percentage_points' then '百分点 percentage points'
            else coalesce(replace(checks.value_unit, '_', ' '), '')
        end as unit_label,
        documents.document_name,
        '/documents/' || checks.document_id || '/#L'
            || coalesce(nullif(split_part(checks.source_lines, ',', 1), ''), '1') as cite_url,
        case
            when checks.source_lines is null or checks.source_lines = '' then '文件 document'
            else '第 ' || replace(checks.source_lines, ',', '、') || ' 行'
        end as cite_label,
        row_number() over (
            order by
                case checks.status when 'fail' then 0 when 'not_applicable' then 2 else 1 end,
                checks.check_name,
                checks.document_id,
                checks.check_id
        ) as list_order,
    from checks
    left join documents on checks.document_id = documents.document_id
    left join districts on documents.district_id = districts.district_id
)

select
    check_id,
    document_id,
    document_title,
    district_id,
    district_name_zh,
    fiscal_year,
    check_name,
    check_label,
    description,
    description_text,
    source_lines,
    expected_value,
    actual_value,
    difference,
    tolerance,
    status,
    status_label,
    status_order,
    likely_cause,
    likely_cause_label,
    value_unit,
    expected_shown,
    actual_shown,
    difference_shown,
    tolerance_shown,
    unit_label,
    document_name,
    cite_url,
    cite_label,
    list_order,
from joined
order by list_order
