"""The building blocks of the expectation suites (suites.py): tolerances, the `$PARAMETER` and `meta` every
expectation carries, and the expectations several marts share (contract columns, personal data, row counts against
the raw seeds, non-negative amounts, ordered pairs, recomputed errors, cited lines within their document)."""

from __future__ import annotations

import great_expectations.expectations as gxe

from budgetwh.quality.catalogue import mart

# Money amounts are decimal(18,2) yuan; recomputed ratios are compared after the mart's own rounding.
# Tolerances are half a unit of the mart's last decimal place (plus float noise): the mart may round, not drift.
_NOISE = 1e-9
AMOUNT_TOLERANCE = 0.005 + _NOISE  # decimal(18,2) yuan
RATE_TOLERANCE = 0.0000005 + _NOISE  # execution_rate decimal(12,6)
PCT_TOLERANCE = 0.005 + _NOISE  # percentage points, decimal(9,2)
SHARE_TOLERANCE = 0.0000005 + _NOISE  # share decimal(9,6)
SHARE_SUM_TOLERANCE = 0.00001  # up to 20 bands of rounded shares
# Statistics of scores that are themselves rounded to 0.01: half a unit for the scores' rounding plus half a unit for
# the statistic's own rounding (the contract's rule for sums of rounded terms).
SCORE_STAT_TOLERANCE = 0.005 + 0.005 + _NOISE


def param_ref(name: str) -> dict[str, str]:
    """A value the runner computes from the warehouse at run time (derived.parameters)."""
    return {"$PARAMETER": name}


def check_meta(check: str, personal_data: bool = False) -> dict:
    meta: dict = {"check": check}
    if personal_data:
        meta["personal_data"] = True
    return meta


def contract_columns(name: str) -> gxe.Expectation:
    cols = list(mart(name).columns)
    return gxe.ExpectTableColumnsToMatchSet(
        column_set=cols,
        exact_match=False,
        description=f"carries every column of the public contract for {name} ({len(cols)} columns)",
        meta=check_meta("contract_columns"),
    )


def personal_data() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeBetween(
            column="qa_phone_shaped_cells",
            min_value=0,
            max_value=0,
            description="no text cell holds a mobile-phone-shaped number (1[3-9] and 9 more digits); counts only",
            meta=check_meta("no_phone_numbers", personal_data=True),
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="qa_personal_name_cells",
            min_value=0,
            max_value=0,
            description="no text cell contains a person's name that the raw forms print after 项目负责人/联系人 "
            "(names read from data/raw at run time); counts only",
            meta=check_meta("no_personal_names", personal_data=True),
        ),
    ]


def rows_equal(parameter: str, what: str, **kwargs) -> gxe.Expectation:
    return gxe.ExpectTableRowCountToEqual(
        value=param_ref(parameter),
        description=f"has one row per {what}",
        meta=check_meta(f"rows_match_{parameter}"),
        **kwargs,
    )


def column_sum_equals(column: str, parameter: str, what: str) -> gxe.Expectation:
    return gxe.ExpectColumnSumToBeBetween(
        column=column,
        min_value=param_ref(parameter),
        max_value=param_ref(parameter),
        description=f"{column} adds up to the number of {what}",
        meta=check_meta(f"sum_{column}_matches_{parameter}"),
    )


def non_negative(column: str) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column=column, min_value=0, description=f"{column} is never negative", meta=check_meta(f"{column}_non_negative")
    )


def at_most(smaller: str, larger: str, why: str) -> gxe.Expectation:
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=larger,
        column_B=smaller,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        description=f"{smaller} ≤ {larger} where both are known ({why})",
        meta=check_meta(f"{smaller}_le_{larger}"),
    )


def pair_equal(
    column: str, recomputed: str, check: str, description: str, either_missing: bool = False
) -> gxe.Expectation:
    """column equals recomputed, row by row. A row where both are missing is not judged, nor, with either_missing, a
    row where either is (a value that cannot be recomputed)."""
    return gxe.ExpectColumnPairValuesToBeEqual(
        column_A=column,
        column_B=recomputed,
        ignore_row_if="either_value_is_missing" if either_missing else "both_values_are_missing",
        description=description,
        meta=check_meta(check),
    )


def small_error(column: str, tolerance: float, what: str) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column=column, min_value=0, max_value=tolerance, description=what, meta=check_meta(column)
    )


def cites_lines_of_its_document(column: str = "source_line", nullable: bool = False) -> gxe.Expectation:
    """A row's cited line exists in its document. A row whose document_id is not in raw.documents has no
    qa_document_line_count and fails, unless the line itself may be null (a budget line without execution)."""
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="qa_document_line_count",
        column_B=column,
        or_equal=True,
        ignore_row_if="either_value_is_missing" if nullable else "both_values_are_missing",
        description=f"{column} is a line of the document the row cites (≤ its line_count in raw.documents)",
        meta=check_meta(f"{column}_within_document"),
    )
