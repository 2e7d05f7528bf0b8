"""The expectation suites, one per mart: the source of gx/expectations/*.json (`python -m budgetwh.quality.project`
writes them; a test fails when the two differ).

Each expectation carries a `description` (what Data Docs and the gate's summary print) and `meta.check` (a stable
name). Personal-data expectations have `meta.personal_data: true`: they test per-row hit counts (`qa_*_cells`), so
their results, Data Docs included, hold counts and never the matched text. Counts to compare with come from
`$PARAMETER`s that the runner computes from the same warehouse (see derived.py); no total is written here."""

from __future__ import annotations

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from budgetwh.quality.catalogue import MARTS
from budgetwh.quality.expectations import (
    AMOUNT_TOLERANCE,
    PCT_TOLERANCE,
    RATE_TOLERANCE,
    SCORE_STAT_TOLERANCE,
    SHARE_SUM_TOLERANCE,
    SHARE_TOLERANCE,
    at_most,
    check_meta,
    cites_lines_of_its_document,
    column_sum_equals,
    contract_columns,
    non_negative,
    pair_equal,
    param_ref,
    personal_data,
    rows_equal,
    small_error,
)

OFFICIAL_GRADES = ["优", "良", "中", "差", "合格", "不合格"]


def _dim_districts() -> list[gxe.Expectation]:
    return [rows_equal("rows_raw_districts", "district in the reference seed")]


def _dim_agencies() -> list[gxe.Expectation]:
    # besides the reviewed agencies, one row per agency known only from the name a document prints (generated id)
    return [
        rows_equal("rows_raw_agencies", "agency in the reference seed", row_condition=Column("is_reviewed") == True)  # noqa: E712
    ]


def _dim_documents() -> list[gxe.Expectation]:
    return [
        rows_equal("rows_raw_documents", "document ingested (raw.documents)"),
        column_sum_equals("project_count", "rows_raw_projects", "projects ingested"),
        column_sum_equals("indicator_count", "rows_raw_indicators", "indicator rows ingested"),
        column_sum_equals("line_item_count", "rows_raw_line_items", "line items ingested"),
        pair_equal(
            "sha256",
            "qa_raw_sha256",
            "sha256_matches_raw_document",
            "sha256 is the hash of the document's text as it is now in data/raw (seeds are not stale)",
        ),
        pair_equal(
            "line_count",
            "qa_raw_line_count",
            "line_count_matches_raw_document",
            "line_count is the number of lines of the document in data/raw",
        ),
    ]


def _dim_projects() -> list[gxe.Expectation]:
    funds = ["total_funds_yuan", "annual_funds_yuan", "fiscal_funds_yuan", "annual_fiscal_appropriation_yuan"]
    return [
        rows_equal("rows_raw_projects", "project ingested (raw.projects)"),
        *(non_negative(c) for c in funds),
        at_most("annual_funds_yuan", "total_funds_yuan", "a year's funds are part of the project total"),
        at_most("fiscal_funds_yuan", "total_funds_yuan", "其中：财政资金 is part of the total"),
        at_most(
            "annual_fiscal_appropriation_yuan", "annual_funds_yuan", "其中：当年财政拨款 is part of the year's funds"
        ),
        at_most("start_date", "end_date", "a project ends after it starts"),
        column_sum_equals("indicator_count", "rows_raw_indicators", "indicator rows ingested"),
        cites_lines_of_its_document(),
    ]


def _fct_indicators() -> list[gxe.Expectation]:
    return [
        rows_equal("rows_raw_indicators", "indicator row ingested (raw.indicators)"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="target_value",
            row_condition=Column("target_operator").is_not_null(),
            description="every target_operator comes with a target_value",
            meta=check_meta("operator_has_value"),
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="target_operator",
            row_condition=Column("target_value").is_not_null(),
            description="every target_value says how it is compared (has a target_operator)",
            meta=check_meta("value_has_operator"),
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="target_value_max",
            row_condition=Column("target_operator") == "range",
            description="a range target has an upper bound (target_value_max)",
            meta=check_meta("range_has_max"),
        ),
        at_most("target_value", "target_value_max", "a range's lower bound does not exceed its upper bound"),
        gxe.ExpectColumnPairValuesToBeInSet(
            column_A="level1",
            column_B="level1_code",
            value_pairs_set=[
                ("产出指标", "output"),
                ("效益指标", "outcome"),
                ("满意度指标", "satisfaction"),
                ("成本指标", "cost"),
            ],
            ignore_row_if="both_values_are_missing",
            description="level1 and level1_code agree (产出→output, 效益→outcome, 满意度→satisfaction, 成本→cost)",
            meta=check_meta("level1_code_matches_label"),
        ),
        gxe.ExpectColumnValuesToBeNull(
            column="target_raw",
            row_condition=Column("is_blank") == True,  # noqa: E712 (a GX condition, not a Python comparison)
            description="a row marked is_blank prints no target",
            meta=check_meta("blank_means_no_target"),
        ),
        cites_lines_of_its_document(),
    ]


def _fct_budget_vs_execution() -> list[gxe.Expectation]:
    return [
        # one line per agency, year and code path: the budget document's and the 决算's figures of a line share it
        # (contract v2: money is never counted twice)
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["agency_id", "fiscal_year", "line_kind", "class_code", "kind_code", "item_code"],
            row_condition=Column("line_kind").is_in(["functional_item", "unit_total"]),
            description="one functional line per agency, fiscal year and 类/款/项 (and one total)",
            meta=check_meta("one_line_per_agency_year_code"),
        ),
        rows_equal("rows_raw_projects", "project (raw.projects)", row_condition=Column("line_kind") == "project"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="execution_yuan",
            row_condition=Column("execution_phase") == "final_account",
            description="a line marked final_account has its 决算 amount",
            meta=check_meta("final_account_has_execution"),
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="prior_year_execution_yuan",
            row_condition=Column("execution_phase") == "estimated_execution",
            description="a line marked estimated_execution has last year's 执行数",
            meta=check_meta("estimated_execution_has_prior"),
        ),
        *(non_negative(c) for c in ("budget_yuan", "execution_yuan", "prior_year_execution_yuan")),
        small_error("qa_execution_rate_error", RATE_TOLERANCE, "execution_rate = execution_yuan ÷ budget_yuan"),
        small_error(
            "qa_change_pct_error",
            PCT_TOLERANCE,
            "change_vs_prior_execution_pct = (budget − prior-year execution) ÷ prior-year execution × 100",
        ),
        cites_lines_of_its_document("budget_source_line", nullable=True),
        cites_lines_of_its_document("execution_source_line", nullable=True),
    ]


def _fct_yoy_changes() -> list[gxe.Expectation]:
    return [
        rows_equal(
            "stated_changes",
            "narrative figure stating a change (raw.line_items)",
            row_condition=Column("stated_direction").is_not_null(),
        ),
        pair_equal(
            "statement_agrees",
            "qa_statement_agrees",
            "statement_agreement_recomputed",
            "statement_agrees follows the contract's rule (direction, and the computed percentage rounded "
            "half-up to the stated precision equals the stated one), recomputed from the amounts",
            either_missing=True,
        ),
        non_negative("amount_yuan"),
        non_negative("prior_amount_yuan"),
        small_error("qa_change_yuan_error", AMOUNT_TOLERANCE, "change_yuan = amount_yuan − prior_amount_yuan"),
        small_error("qa_change_pct_error", PCT_TOLERANCE, "change_pct = change_yuan ÷ prior_amount_yuan × 100"),
        gxe.ExpectColumnValuesToBeNull(
            column="statement_agrees",
            row_condition=Column("prior_amount_is_derived") == True,  # noqa: E712
            description="a statement whose prior amount the document does not print is not judged",
            meta=check_meta("derived_prior_not_judged"),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="qa_direction_agrees",
            value_set=[True],
            row_condition=Column("statement_agrees") == True,  # noqa: E712
            description="a statement judged to agree states the direction of the computed change (持平: a change "
            "that rounds to 0 %)",
            meta=check_meta("agreeing_statement_has_right_direction"),
        ),
        cites_lines_of_its_document(),
    ]


def _fct_project_scores() -> list[gxe.Expectation]:
    published = Column("score_kind") == "published_evaluation"
    computed = Column("score_kind") == "target_quality"
    return [
        rows_equal("rows_raw_evaluations", "published evaluation (raw.evaluations)", row_condition=published),
        rows_equal(
            "projects_with_indicators",
            "project with indicator rows (the target-quality rubric scores each)",
            row_condition=computed,
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="score",
            min_value=0,
            max_value=100,
            description="scores are on the 0–100 scale",
            meta=check_meta("score_0_100"),
        ),
        pair_equal(
            "grade",
            "qa_expected_grade",
            "grade_matches_scheme_bands",
            "the grade is the one the scheme's stated bands give for the score",
            either_missing=True,
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="qa_unreported_grade_order_violations",
            min_value=0,
            max_value=0,
            description="where a document prints grades without bands, a better grade with a lower score is reported "
            "by the document's grades_ordered_by_score check in fct_consistency_checks",
            meta=check_meta("grades_ordered_by_score"),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="grade_scheme",
            value_set=["target_quality_v1"],
            row_condition=computed,
            description="computed target-quality scores use their own scheme (target_quality_v1)",
            meta=check_meta("computed_scores_own_scheme"),
        ),
        gxe.ExpectColumnValuesToNotBeInSet(
            column="grade",
            value_set=OFFICIAL_GRADES,
            row_condition=computed,
            description="computed scores never carry an official grade label (优/良/中/差/合格/不合格)",
            meta=check_meta("computed_scores_no_official_grades"),
        ),
        gxe.ExpectColumnValuesToNotBeInSet(
            column="grade_scheme",
            value_set=["target_quality_v1"],
            row_condition=published,
            description="published scores keep the document's scheme, never the computed one",
            meta=check_meta("published_scores_document_scheme"),
        ),
        cites_lines_of_its_document(),
    ]


def _fct_score_distribution() -> list[gxe.Expectation]:
    return [
        column_sum_equals("project_count", "rows_fct_project_scores", "scores in fct_project_scores"),
        gxe.ExpectColumnValuesToBeBetween(
            column="qa_group_share_sum",
            min_value=1 - SHARE_SUM_TOLERANCE,
            max_value=1 + SHARE_SUM_TOLERANCE,
            description="the shares of each district × year × score kind add up to 1",
            meta=check_meta("shares_sum_to_one"),
        ),
        small_error("qa_share_error", SHARE_TOLERANCE, "share = project_count ÷ the group's projects"),
        pair_equal(
            "qa_group_project_count",
            "qa_scored_projects",
            "bands_count_scored_projects",
            "each group's bands count exactly the projects fct_project_scores scores in that group",
        ),
    ]


def _fct_score_summary() -> list[gxe.Expectation]:
    order = ["min_score", "p25_score", "median_score", "p75_score", "max_score"]
    return [
        rows_equal("groups_fct_project_scores", "district × year × score kind in fct_project_scores"),
        pair_equal(
            "project_count",
            "qa_scored_projects",
            "count_matches_scores",
            "project_count is the number of scores fct_project_scores has for the group",
        ),
        *(at_most(a, b, "quantiles are ordered") for a, b in zip(order, order[1:], strict=False)),
        at_most("min_score", "mean_score", "the mean lies between min and max"),
        at_most("mean_score", "max_score", "the mean lies between min and max"),
        gxe.ExpectColumnValuesToBeBetween(
            column="min_score",
            min_value=0,
            max_value=100,
            description="scores are on the 0–100 scale",
            meta=check_meta("min_score_0_100"),
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="max_score",
            min_value=0,
            max_value=100,
            description="scores are on the 0–100 scale",
            meta=check_meta("max_score_0_100"),
        ),
        small_error(
            "qa_stat_error",
            SCORE_STAT_TOLERANCE,
            "mean, min, quartiles (quantile_cont) and max equal those recomputed from fct_project_scores",
        ),
    ]


def _fct_consistency_checks() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnUniqueValueCountToBeBetween(
            column="document_id",
            min_value=param_ref("rows_raw_documents"),
            max_value=param_ref("rows_raw_documents"),
            description="every ingested document is checked against itself",
            meta=check_meta("every_document_checked"),
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="source_lines",
            regex=r"^[1-9][0-9]*(?:,[1-9][0-9]*)*$",
            description="source_lines is a comma-separated list of line numbers",
            meta=check_meta("source_lines_format"),
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="qa_document_line_count",
            column_B="qa_last_source_line",
            or_equal=True,
            ignore_row_if="both_values_are_missing",
            description="every line a check cites is a line of its document",
            meta=check_meta("source_lines_within_document"),
        ),
        pair_equal(
            "status",
            "qa_status_from_difference",
            "status_matches_tolerance",
            "status is pass exactly when |difference| ≤ tolerance",
            either_missing=True,
        ),
        small_error("qa_difference_error", AMOUNT_TOLERANCE, "difference = actual_value − expected_value"),
        gxe.ExpectColumnValuesToBeNull(
            column="likely_cause",
            row_condition=Column("status") == "pass",
            description="a passing check names no likely cause",
            meta=check_meta("pass_has_no_cause"),
        ),
    ]


_SPECIFIC = {
    "dim_districts": _dim_districts,
    "dim_documents": _dim_documents,
    "dim_agencies": _dim_agencies,
    "dim_projects": _dim_projects,
    "fct_indicators": _fct_indicators,
    "fct_budget_vs_execution": _fct_budget_vs_execution,
    "fct_yoy_changes": _fct_yoy_changes,
    "fct_project_scores": _fct_project_scores,
    "fct_score_distribution": _fct_score_distribution,
    "fct_score_summary": _fct_score_summary,
    "fct_consistency_checks": _fct_consistency_checks,
}


def suite_expectations(name: str) -> list[gxe.Expectation]:
    return [contract_columns(name), *_SPECIFIC[name](), *personal_data()]


def all_suites() -> dict[str, list[gxe.Expectation]]:
    return {m.name: suite_expectations(m.name) for m in MARTS}
