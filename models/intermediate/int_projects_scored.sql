{#-
    The target-quality rubric (scheme target_quality_v1): how well a project's performance targets are written,
    scored 0–100 from its indicator rows. It is the warehouse's own measure, not an evaluation of the project's
    results, so it carries its own grade labels (strong / adequate / weak / poor), never 优/良/中/差.

    - completeness, 30 points × share of indicator rows whose target is not blank;
    - measurability, 40 points × share of indicator rows with an informative quantitative target (an operator and
      a number; a bound that excludes nothing, ">= 0", does not count);
    - coverage, 10 points for each of the three level-1 groups 产出 (output), 效益 (outcome), 满意度 (satisfaction)
      with at least one non-blank target.
    Every project with at least one indicator row is scored.
-#}
{%- set grades = var('target_quality_grades') %}

with

indicators as (

    select * from {{ ref('int_indicators_classified') }}

),

per_project as (

    select
        project_id,
        document_id,
        min(source_line) as first_indicator_line,
        count(*) as indicator_count,
        sum(case when not is_blank then 1 else 0 end) as non_blank_count,
        sum(
            case
                when is_quantitative and not (target_operator = '>=' and target_value = 0) then 1
                else 0
            end
        ) as informative_quantitative_count,
        max(case when level1_code = 'output' and not is_blank then 1 else 0 end) as covers_output,
        max(case when level1_code = 'outcome' and not is_blank then 1 else 0 end) as covers_outcome,
        max(case when level1_code = 'satisfaction' and not is_blank then 1 else 0 end) as covers_satisfaction
    from indicators
    group by project_id, document_id

),

points as (

    select
        *,
        30.0 * non_blank_count / indicator_count as completeness_points,
        40.0 * informative_quantitative_count / indicator_count as measurability_points,
        10.0 * (covers_output + covers_outcome + covers_satisfaction) as coverage_points
    from per_project

),

scored as (

    select
        *,
        cast(round(completeness_points + measurability_points + coverage_points, 2) as decimal(5, 2)) as score
    from points

),

final as (

    select
        project_id,
        document_id,
        first_indicator_line,
        indicator_count,
        non_blank_count,
        informative_quantitative_count,
        covers_output = 1 as covers_output,
        covers_outcome = 1 as covers_outcome,
        covers_satisfaction = 1 as covers_satisfaction,
        cast(round(completeness_points, 2) as decimal(5, 2)) as completeness_points,
        cast(round(measurability_points, 2) as decimal(5, 2)) as measurability_points,
        cast(coverage_points as decimal(5, 2)) as coverage_points,
        score,
        case
            {%- for floor, grade in grades %}
                when score >= {{ floor }} then '{{ grade }}'
            {%- endfor %}
        end as grade,
        'target_quality_v1' as grade_scheme
    from scored

)

select * from final
