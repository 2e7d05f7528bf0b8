{#-
    What the pages print for the warehouse's codes (models/reporting): one label map per enumeration, Chinese then
    English, so a code never reaches text a person reads and every page that shows a code shows the same words.
    A code missing from its map falls to the `otherwise` expression the caller gives (usually null, or the code's
    words without underscores).
-#}
{% macro page_labels() -%}
    {{ return({
        'nature': {
            'recurring': '经常性 Recurring',
            'one_off': '一次性 One-off',
            'phased': '阶段性 Phased',
        },
        'doc_type': {
            'project_performance_targets': '项目绩效目标 Performance targets',
            'unit_budget': '单位预算 Unit budget',
            'department_budget': '部门预算 Department budget',
            'unit_final_accounts': '单位决算 Unit final accounts',
            'department_final_accounts': '部门决算 Department final accounts',
            'performance_evaluation_results': '绩效评价结果 Evaluation results',
        },
        'line_kind': {
            'functional_item': '功能分类科目 Functional subject',
            'project': '项目 Project',
            'unit_total': '合计 Total',
        },
        'budget_phase': {
            'adjusted_budget': '调整预算 Adjusted budget',
            'budget': '年初预算 Budget',
        },
        'execution_phase': {
            'final_account': '决算 Final accounts',
            'estimated_execution': '执行数（估计）Estimated',
        },
        'basis': {
            'prior_budget': '上年预算 Prior budget',
            'prior_execution': '上年执行数 Prior execution',
        },
        'stated_direction': {
            'increase': '增加 increase',
            'decrease': '减少 decrease',
            'flat': '持平 flat',
        },
        'score_kind': {
            'published_evaluation': '公布的绩效评价得分 Published evaluation',
            'target_quality': '目标质量分（本站计算）Target quality (computed here)',
        },
        'grade': {
            'strong': '较完整 strong',
            'adequate': '基本完整 adequate',
            'weak': '较弱 weak',
            'poor': '欠缺 poor',
        },
        'grade_scheme': {
            'published_unstated': '文件未说明分档 Bands not stated',
            'target_quality_v1': '目标质量评分规则第 1 版 Target-quality rubric v1',
        },
        'status': {
            'fail': '✗ 不一致 fail',
            'pass': '✓ 一致 pass',
            'not_applicable': '— 不适用 not applicable',
        },
        'likely_cause': {
            'publisher_error': '发布方错误 Publisher error',
            'extraction_artifact': '解析问题 Extraction artifact',
            'partial_disclosure': '部分公开 Partial disclosure',
            'rounding': '四舍五入 Rounding',
        },
        'value_unit': {
            'yuan': '万元',
            'count': '个 count',
            'percent': '%',
            'percentage_points': '百分点 percentage points',
        },
        'check_name': {
            'row_total_equals_parts': '行合计等于各列之和 Row total equals its parts',
            'total_equals_sum_of_rows': '合计等于各行之和 Total equals the sum of rows',
            'economic_total_equals_functional_basic':
                '经济分类合计等于功能分类基本支出 Economic total equals functional basic spending',
            'summary_matches_expenditure_table': '总表与支出表一致 Summary matches the expenditure table',
            'summary_matches_economic_table': '总表与经济分类表一致 Summary matches the economic table',
            'summary_matches_income_table': '总表与收入表一致 Summary matches the income table',
            'narrative_total_equals_parts': '文字说明的合计等于分项之和 Narrative total equals its parts',
            'same_amount_stated_twice': '同一金额两处印刷一致 Same amount printed twice agrees',
            'project_names_unique': '项目名称不重复 Project names are unique',
            'targets_not_blank': '绩效目标不为空 Targets are not blank',
            'level2_within_level1': '二级指标属于其一级指标 Level 2 belongs to its level 1',
            'project_funds_add_up': '项目资金各项相加一致 Project funds add up',
            'project_narrative_matches_form': '项目文字说明与申报表一致 Project narrative matches the form',
            'parent_equals_children': '上级科目等于下级之和 Parent subject equals its children',
            'row_names_printed': '行名称已印出 Row names are printed',
            'income_equals_expenditure': '收入等于支出 Income equals expenditure',
            'expenditure_equals_fund_tables': '支出等于各资金表之和 Expenditure equals the fund tables',
            'basic_equals_personnel_plus_public': '基本支出等于人员经费加公用经费 Basic = personnel + public',
            'narrative_matches_table': '文字说明与表格一致 Narrative matches the table',
            'narrative_items_sum_to_total': '文字说明分项之和等于合计 Narrative items sum to the total',
            'stated_change_agrees': '所述增减与数字一致 Stated change agrees with the numbers',
            'same_change_stated_twice': '同一增减两处说明一致 Same change stated twice agrees',
            'level1_slot_holds_level1_label': '一级指标栏是一级指标名称 Level-1 column holds a level-1 label',
            'indicator_labels_recognised': '指标名称可识别 Indicator labels are recognised',
            'target_project_funds_listed': '绩效目标列出项目资金 Targets list the project funds',
            'target_projects_listed': '绩效目标列出项目 Targets list the projects',
            'grades_ordered_by_score': '等次与得分顺序一致 Grades follow the scores',
            'appropriation_income_equals_expenditure':
                '财政拨款收支总表收支相等 Appropriation income equals expenditure',
            'appropriation_total_equals_fund_tables':
                '财政拨款合计等于各资金表之和 Appropriation total equals the fund tables',
            'stated_rate_agrees': '所述执行率与数字一致 Stated completion rate agrees with the numbers',
            'stated_share_agrees': '所述占比与数字一致 Stated share agrees with the numbers',
            'narrative_execution_equals_table': '文字说明的决算数与表格一致 Narrative execution matches the table',
            'narrative_item_names_table_subject': '文字说明的科目见于表格 Narrative item names a table subject',
            'table_has_amounts': '表格印有金额 Table prints amounts',
            'unknown_table_kept': '未识别的表格已保留 Unrecognised table kept',
            'summary_carryover_balances': '总表含结转结余收支平衡 Summary balances with carry-overs',
            'stated_change_agrees_with_prior_document':
                '所述增减与上年文件一致 Stated change agrees with the prior-year document',
            'final_account_budget_matches_budget_document':
                '决算所列预算数与预算文件一致 Budget in the final accounts matches the budget document',
            'three_public_total_equals_items': '“三公”经费合计等于各项之和 Three-public total equals its items',
            'three_public_vehicles_equal_parts': '公务用车费等于购置费加运行费 Vehicles = purchase + operation',
            'final_summary_matches_expenditure_table':
                '决算总表与支出决算表一致 Final-accounts summary matches the expenditure table',
            'final_appropriation_matches_functional_table':
                '财政拨款决算总表与功能分类决算表一致 Final appropriation summary matches the functional table',
            'personnel_plus_public_equals_functional_basic':
                '人员经费加公用经费等于功能分类基本支出 Personnel + public = functional basic spending',
            'summary_appropriations_match_appropriation_table':
                '收支总表与财政拨款收支总表的财政拨款一致 Summary appropriations match the appropriation table',
            'summary_lines_sum_to_year_total': '决算总表各行之和等于本年合计 Summary lines add up to the year total',
        },
        'target_kind': {
            'percent': '百分比 percent',
            'count': '数量 count',
            'amount': '金额 amount',
            'measure': '计量 measure',
            'score': '分值 score',
            'duration': '期限 duration',
            'date': '日期 date',
            'qualitative': '定性 qualitative',
            'blank': '空白 blank',
        },
        'check_result': {
            'disagrees': '✗ 不一致 disagrees',
            'agrees': '✓ 一致 agrees',
            'nothing_stated': '— 文件未说明 nothing stated',
            'not_checkable': '— 无法核对 not checkable (prior amount derived)',
        },
    }) }}
{%- endmacro %}

{#- label_case(expression, enumeration, otherwise): the label of the code `expression` holds, from the map
    `enumeration` of page_labels(); `otherwise` (an SQL expression) for a code the map lacks. -#}
{% macro label_case(expression, enumeration, otherwise='null') -%}
    case {{ expression }}
        {%- for code, text in page_labels()[enumeration].items() %}
            when '{{ code }}' then '{{ text }}'
        {%- endfor %}
        else {{ otherwise }}
    end
{%- endmacro %}

{#- words_of(expression): a code as words (underscores become spaces), for a code no map names yet. -#}
{% macro words_of(expression) -%}
    replace({{ expression }}, '_', ' ')
{%- endmacro %}

{#- document_line_url(document_id, line): the site's address of a document at one line (budgetwh pages writes
    /documents/<document_id>/ with an anchor per line); cite_label(line): how the pages name that line. -#}
{% macro document_line_url(document_id, line) -%}
    '/documents/' || {{ document_id }} || '/#L' || {{ line }}
{%- endmacro %}

{% macro cite_label(line) -%}
    '第 ' || {{ line }} || ' 行'
{%- endmacro %}

{#- hash_bucket(expression, buckets): a number in 0 .. buckets-1 fixed by the value (a stable choice from a short
    list, e.g. a colour for a district no map names). Each engine has its own hash (Spark: pmod(hash(x), n)); the
    choice is stable within an engine, which is what a reader of one site sees. -#}
{% macro hash_bucket(expression, buckets) -%}
    {{ return(adapter.dispatch('hash_bucket', 'budgetwh')(expression, buckets)) }}
{%- endmacro %}

{% macro default__hash_bucket(expression, buckets) -%}
    cast(hash({{ expression }}) % {{ buckets }} as bigint)
{%- endmacro %}

{#- is_pdf(documents): true for a document published as a PDF (its converted text is what the warehouse read), from
    a relation with dim_documents' source_format and file_name. -#}
{% macro is_pdf(documents) -%}
    (coalesce({{ documents }}.source_format, '') = 'pdf' or lower({{ documents }}.file_name) like '%.pdf')
{%- endmacro %}

{#- status_order(status): where a check's status sorts on the pages (failing first, not applicable last). -#}
{% macro status_order(status) -%}
    case {{ status }} when 'fail' then 0 when 'not_applicable' then 2 else 1 end
{%- endmacro %}

{#- shown_in_unit(value, value_unit): a check's figure as the pages print it (money in 万元, counts as they are). -#}
{% macro shown_in_unit(value, value_unit) -%}
    case when {{ value_unit }} = 'yuan' then {{ value }} / 10000 else {{ value }} end
{%- endmacro %}
