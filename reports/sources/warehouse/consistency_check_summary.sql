-- Checks counted per check, status and likely cause (a few hundred rows): the data-quality page's counts and
-- chart read this instead of counting 600,000 checks on each view. The check labels are the same map as in
-- consistency_checks.sql (keep the two in step).
with

checks as (
    select
        document_id,
        check_name,
        status,
        likely_cause,
    from marts.fct_consistency_checks
),

counted as (
    select
        check_name,
        status,
        case status when 'fail' then 0 when 'not_applicable' then 2 else 1 end as status_order,
        likely_cause,
        count(*) as check_count,
        count(distinct document_id) as document_count,
    from checks
    group by all
)

select
    counted.check_name,
    case counted.check_name
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
        else replace(counted.check_name, '_', ' ')
    end as check_label,
    status,
    case status
        when 'fail' then '✗ 不一致 fail'
        when 'pass' then '✓ 一致 pass'
        when 'not_applicable' then '— 不适用 not applicable'
    end as status_label,
    status_order,
    likely_cause,
    check_count,
    document_count,
from counted
order by status_order, check_name, likely_cause
