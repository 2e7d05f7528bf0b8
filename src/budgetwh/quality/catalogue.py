"""The marts the gate validates: their contract columns (../shared/design/marts.md, contract version 1) and the
columns that name one row in a failure message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mart:
    name: str
    key: tuple[str, ...]  # the grain: names an offending row in the summary
    columns: tuple[str, ...]  # the public contract's columns (extra columns are allowed)


MARTS: tuple[Mart, ...] = (
    Mart("dim_districts", ("district_id",), ("district_id", "district_name_zh", "district_name_en")),
    Mart(
        "dim_documents",
        ("document_id",),
        (
            "document_id",
            "file_name",
            "sha256",
            "doc_type",
            "title_raw",
            "district_id",
            "fiscal_year",
            "agency_name",
            "line_count",
            "agency_id",
            "source_url",
            "published_on",
            "project_count",
            "indicator_count",
            "line_item_count",
        ),
    ),
    Mart("dim_agencies", ("agency_id",), ("agency_id", "agency_name", "district_id", "parent_agency_name")),
    Mart(
        "dim_projects",
        ("project_id",),
        (
            "project_id",
            "district_id",
            "fiscal_year",
            "agency_id",
            "project_name",
            "nature",
            "total_funds_yuan",
            "annual_funds_yuan",
            "fiscal_funds_yuan",
            "annual_fiscal_appropriation_yuan",
            "start_date",
            "end_date",
            "indicator_count",
            "document_id",
            "source_line",
        ),
    ),
    Mart(
        "fct_indicators",
        ("indicator_id",),
        (
            "indicator_id",
            "project_id",
            "district_id",
            "fiscal_year",
            "level1",
            "level1_code",
            "level1_raw",
            "level2",
            "level2_raw",
            "indicator_name",
            "target_raw",
            "target_operator",
            "target_value",
            "target_value_max",
            "target_unit",
            "target_kind",
            "target_is_approximate",
            "is_quantitative",
            "is_blank",
            "document_id",
            "source_line",
        ),
    ),
    Mart(
        "fct_budget_vs_execution",
        ("line_id",),
        (
            "line_id",
            "district_id",
            "agency_id",
            "fiscal_year",
            "line_kind",
            "class_code",
            "kind_code",
            "item_code",
            "line_name",
            "budget_yuan",
            "execution_yuan",
            "execution_phase",
            "prior_year_execution_yuan",
            "prior_year_execution_is_derived",
            "execution_rate",
            "change_vs_prior_execution_pct",
            "document_id",
            "budget_source_line",
            "execution_source_line",
        ),
    ),
    Mart(
        "fct_yoy_changes",
        ("yoy_id",),
        (
            "yoy_id",
            "district_id",
            "agency_id",
            "line_name",
            "fiscal_year",
            "amount_yuan",
            "prior_amount_yuan",
            "prior_amount_is_derived",
            "basis",
            "change_yuan",
            "change_pct",
            "stated_change_pct",
            "stated_change_yuan",
            "stated_direction",
            "statement_agrees",
            "document_id",
            "source_line",
        ),
    ),
    Mart(
        "fct_project_scores",
        ("project_id", "score_kind"),
        (
            "project_id",
            "district_id",
            "fiscal_year",
            "score_kind",
            "score",
            "grade",
            "grade_scheme",
            "document_id",
            "source_line",
        ),
    ),
    Mart(
        "fct_score_distribution",
        ("district_id", "fiscal_year", "score_kind", "band"),
        ("district_id", "fiscal_year", "score_kind", "band", "band_order", "project_count", "share"),
    ),
    Mart(
        "fct_score_summary",
        ("district_id", "fiscal_year", "score_kind"),
        (
            "district_id",
            "fiscal_year",
            "score_kind",
            "project_count",
            "mean_score",
            "min_score",
            "p25_score",
            "median_score",
            "p75_score",
            "max_score",
        ),
    ),
    Mart(
        "fct_consistency_checks",
        ("check_id",),
        (
            "check_id",
            "document_id",
            "check_name",
            "description",
            "source_lines",
            "expected_value",
            "actual_value",
            "difference",
            "tolerance",
            "status",
            "likely_cause",
        ),
    ),
)

MART_NAMES: tuple[str, ...] = tuple(m.name for m in MARTS)


def mart(name: str) -> Mart:
    for m in MARTS:
        if m.name == name:
            return m
    raise KeyError(name)
