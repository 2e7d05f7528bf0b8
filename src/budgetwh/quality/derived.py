"""The runtime facts the expectations compare the marts against.

Nothing here is a hard-coded total. Counts come from the seed tables (`raw.*`) of the same warehouse file, so a new
document moves the expectation with it; per-row facts (a recomputed rate, the group a share belongs to, the number
of lines of the document a row cites, personal-data hits) are added to the mart's frame as `qa_*` columns, which
the suites in gx/ test with GX's ordinary column and column-pair expectations. A `qa_*` column that cannot be
computed is left out, so its expectation fails loudly instead of passing on nulls."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import yaml

from budgetwh.quality import personal, snapshot
from budgetwh.quality.rawdocs import RawDocuments

SEED_TABLES = ("documents", "projects", "indicators", "line_items", "evaluations", "districts", "agencies")

# Schemes whose bands are stated, and where: the warehouse's own rubric (target_quality_v1) takes its bands from
# dbt_project.yml's `target_quality_grades`, the same statement the model grades with. Published schemes are kept
# as printed; `published_unstated` (grades without bands) is checked for order only.
TARGET_QUALITY_SCHEME = "target_quality_v1"
TARGET_QUALITY_VAR = "target_quality_grades"
# Best first: used to check that a better published grade never comes with a lower score in one document.
GRADE_ORDER = ["优", "良", "中", "合格", "差", "不合格"]


@dataclass
class Context:
    """What the qa_* columns of one mart may need besides the mart itself. Marts are prepared one at a time, so
    facts shared by several (document line counts, the scores behind the score marts) are read once, lazily."""

    con: duckdb.DuckDBPyConnection
    raw: RawDocuments
    grade_bands: dict[str, list[tuple[float, str]]]
    _cache: dict[str, object] = field(default_factory=dict)

    def document_lines(self) -> pd.Series:
        if "document_lines" not in self._cache:
            docs = snapshot.read_table(self.con, "raw", "documents", ["document_id", "line_count"])
            self._cache["document_lines"] = docs.set_index("document_id")["line_count"].astype(float)
        return self._cache["document_lines"]

    def scores(self) -> pd.DataFrame | None:
        """fct_project_scores' groups and scores, or None when the mart or one of those columns is missing."""
        if "scores" not in self._cache:
            present = dict(snapshot.columns_of(self.con, "marts", "fct_project_scores"))
            wanted = [*_GROUP, "score"]
            self._cache["scores"] = (
                snapshot.read_table(self.con, "marts", "fct_project_scores", wanted)
                if all(c in present for c in wanted)
                else None
            )
        return self._cache["scores"]

    def documents_failing(self, check_name: str) -> set[str]:
        """Documents whose own consistency check of this name failed in fct_consistency_checks: a document that
        disagrees with itself is reported there, not refused by the gate."""
        key = f"failing:{check_name}"
        if key not in self._cache:
            present = dict(snapshot.columns_of(self.con, "marts", "fct_consistency_checks"))
            self._cache[key] = (
                {
                    row[0]
                    for row in self.con.execute(
                        "select distinct document_id from marts.fct_consistency_checks"
                        " where check_name = ? and status = 'fail'",
                        [check_name],
                    ).fetchall()
                }
                if all(c in present for c in ("document_id", "check_name", "status"))
                else set()
            )
        return self._cache[key]


def stated_grade_bands(project_dir: Path) -> dict[str, list[tuple[float, str]]]:
    """{scheme: [(floor, grade), …] best first} for the schemes whose bands the project states."""
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    bands = (config.get("vars") or {}).get(TARGET_QUALITY_VAR)
    if not bands:
        raise ValueError(f"{project_dir / 'dbt_project.yml'}: vars.{TARGET_QUALITY_VAR} is missing")
    return {TARGET_QUALITY_SCHEME: sorted(((float(f), str(g)) for f, g in bands), reverse=True)}


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(con.sql(sql).fetchone()[0])


def parameters(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Expectation parameters ($PARAMETER in the suites), computed from this warehouse's own tables."""
    params: dict[str, object] = {}
    for table in SEED_TABLES:
        params[f"rows_raw_{table}"] = _scalar(con, f"select count(*) from raw.{table}")
    # fct_yoy_changes: one row per narrative figure that states a change.
    params["stated_changes"] = _scalar(
        con, "select count(*) from raw.line_items where table_name = 'narrative' and stated_direction is not null"
    )
    # The target-quality rubric scores every project that has at least one indicator row.
    params["projects_with_indicators"] = _scalar(con, "select count(distinct project_id) from raw.indicators")
    # The score marts against fct_project_scores: its rows, and its district × year × score kind groups (-1 when a
    # group column is missing; 0 rows when the mart is, which its own expectations report).
    columns = dict(snapshot.columns_of(con, "marts", "fct_project_scores"))
    params["rows_fct_project_scores"] = _scalar(con, "select count(*) from marts.fct_project_scores") if columns else 0
    params["groups_fct_project_scores"] = (
        _scalar(con, f"select count(*) from (select distinct {', '.join(_GROUP)} from marts.fct_project_scores)")
        if all(c in columns for c in _GROUP)
        else -1
    )
    return params


# --- helpers -------------------------------------------------------------------------------------------------------


def _has(frame: pd.DataFrame, *columns: str) -> bool:
    return all(c in frame.columns for c in columns)


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def _with_document_lines(ctx: Context, frame: pd.DataFrame) -> None:
    if _has(frame, "document_id"):
        frame["qa_document_line_count"] = frame["document_id"].map(ctx.document_lines())


def _map_distinct(series: pd.Series, fn) -> pd.Series:
    """series.map(fn), calling fn once per distinct value (text columns repeat a few thousand values)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    mapped = np.array([fn(u) for u in uniques], dtype=object)
    return pd.Series(mapped[codes], index=series.index)


def _abs_error(actual: pd.Series, expected: pd.Series) -> pd.Series:
    """|actual − expected| where both are known; null elsewhere (GX skips nulls in column-value expectations)."""
    return (_num(actual) - _num(expected)).abs()


# --- personal data, every mart -------------------------------------------------------------------------------------


def add_personal_data_columns(
    frame: pd.DataFrame, names: personal.PersonalNames, distinct_values: dict[str, np.ndarray] | None = None
) -> dict[str, dict[str, int]]:
    """Adds the per-row hit counts the personal-data expectations test, computed over the mart's own text columns
    (before any qa_* column exists). Returns the cells hit per column for each check, for a summary that gives
    counts only."""
    phones, names_hit = personal.personal_data_cells(frame, names, distinct_values=distinct_values)
    frame["qa_phone_shaped_cells"] = phones.sum(axis=1).astype("int64")
    frame["qa_personal_name_cells"] = names_hit.sum(axis=1).astype("int64")
    return {
        "no_phone_numbers": personal.hits_by_column(phones),
        "no_personal_names": personal.hits_by_column(names_hit),
    }


# --- per mart --------------------------------------------------------------------------------------------------------


def _dim_documents(ctx: Context, frame: pd.DataFrame) -> None:
    sha, lines = {}, {}
    for name in frame.get("file_name", pd.Series(dtype=str)).dropna().unique():
        found = ctx.raw.fingerprint(name)
        if found is not None:
            sha[name] = found.sha256
            lines[name] = found.line_count
    if _has(frame, "file_name"):
        frame["qa_raw_sha256"] = frame["file_name"].map(sha)
        frame["qa_raw_line_count"] = frame["file_name"].map(lines).astype(float)


def _dim_projects(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)


def _fct_indicators(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)


def _fct_budget_vs_execution(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)
    if _has(frame, "execution_rate", "execution_yuan", "budget_yuan"):
        budget = _num(frame["budget_yuan"]).where(lambda b: b != 0)
        frame["qa_execution_rate_error"] = _abs_error(frame["execution_rate"], _num(frame["execution_yuan"]) / budget)
    if _has(frame, "change_vs_prior_execution_pct", "prior_year_execution_yuan", "budget_yuan"):
        prior = _num(frame["prior_year_execution_yuan"]).where(lambda p: p != 0)
        computed = (_num(frame["budget_yuan"]) - prior) / prior * 100
        frame["qa_change_pct_error"] = _abs_error(frame["change_vs_prior_execution_pct"], computed)


def _fct_yoy_changes(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)
    if _has(frame, "amount_yuan", "prior_amount_yuan", "change_yuan"):
        change = _num(frame["amount_yuan"]) - _num(frame["prior_amount_yuan"])
        frame["qa_change_yuan_error"] = _abs_error(frame["change_yuan"], change)
        prior = _num(frame["prior_amount_yuan"]).where(lambda p: p != 0)
        if _has(frame, "change_pct"):
            frame["qa_change_pct_error"] = _abs_error(frame["change_pct"], change / prior * 100)
        if _has(frame, "stated_change_pct", "stated_direction"):
            columns = ("amount_yuan", "prior_amount_yuan", "stated_change_pct", "stated_direction")
            frame["qa_statement_agrees"] = [statement_agrees(*row) for row in frame[list(columns)].itertuples(False)]
        if _has(frame, "stated_direction"):
            columns = ("amount_yuan", "prior_amount_yuan", "stated_direction")
            frame["qa_direction_agrees"] = [direction_agrees(*row) for row in frame[list(columns)].itertuples(False)]


def _decimal(value: object) -> Decimal | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return Decimal(str(value))


def statement_agrees(amount: object, prior: object, stated_pct: object, stated_direction: object) -> bool | None:
    """The contract's rule, recomputed independently: a stated change agrees when its direction matches the sign of
    the change and the computed percentage, rounded half-up on its absolute value to the stated precision, equals
    the stated one (22 % stated for 90.67 → 111.16, i.e. 22.60 %, does not agree; 减少94% for 4.12 → 0.26 does).
    None where there is nothing to judge (no stated percentage, no prior amount, a zero prior)."""
    a, p, s = _decimal(amount), _decimal(prior), _decimal(stated_pct)
    if a is None or p is None or s is None or p == 0:
        return None
    pct = (a - p) / p * 100
    places = max(0, -s.normalize().as_tuple().exponent)
    rounded = abs(pct).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not isinstance(stated_direction, str):
        stated_direction = {1: "increase", -1: "decrease", 0: "flat"}[(s > 0) - (s < 0)]
    return bool(direction_agrees(a, p, stated_direction) and rounded == abs(s))


def direction_agrees(amount: object, prior: object, stated_direction: object) -> bool | None:
    """The direction half of the rule: 增加 needs a rise, 减少 a fall, and 持平 (flat) is a change of 0 % at
    whole-percent precision (a change that rounds to 0 %, or none at all from a zero prior). None when either amount
    is unknown or no direction is stated."""
    a, p = _decimal(amount), _decimal(prior)
    if a is None or p is None or not isinstance(stated_direction, str):
        return None
    if stated_direction == "flat":
        if p == 0:
            return a == 0
        return abs((a - p) / p * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) == 0
    return {"increase": a > p, "decrease": a < p}.get(stated_direction)


def _grade_from_bands(bands_by_scheme: dict, scheme: object, score: object) -> object:
    bands = bands_by_scheme.get(scheme) if isinstance(scheme, str) else None
    if bands is None or score is None or pd.isna(score):
        return None
    return next((grade for floor, grade in bands if float(score) >= floor), "(below every band)")


def _grade_order_violations(frame: pd.DataFrame) -> pd.Series:
    """For grades printed without bands: how many projects of the same document and scheme have a worse grade but a
    higher score (a better grade must not come with a lower score)."""
    out = np.full(len(frame), np.nan)
    rank = frame["grade"].map({g: i for i, g in enumerate(GRADE_ORDER)}).to_numpy(dtype=float, na_value=np.nan)
    score = _num(frame["score"]).to_numpy()
    published = frame["grade_scheme"].eq("published_unstated").to_numpy(dtype=bool, na_value=False)
    scope = published & ~np.isnan(rank) & ~np.isnan(score)
    in_scope = np.flatnonzero(scope)
    groups = frame.iloc[in_scope].groupby(["document_id", "grade_scheme"]).indices
    for members in groups.values():
        rows = in_scope[members]
        r, s = rank[rows], score[rows]
        # Every pair of one document at once, in slices so that a document of many projects stays small in memory.
        for start in range(0, len(rows), 1024):
            ri, si = r[start : start + 1024, None], s[start : start + 1024, None]
            out[rows[start : start + 1024]] = ((r > ri) & (s > si)).sum(axis=1)
    return pd.Series(out, index=frame.index)


def _fct_project_scores(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)
    if _has(frame, "grade", "grade_scheme", "score"):
        frame["qa_expected_grade"] = [
            _grade_from_bands(ctx.grade_bands, s, v) for s, v in zip(frame["grade_scheme"], frame["score"], strict=True)
        ]
        if _has(frame, "document_id"):
            violations = _grade_order_violations(frame)
            reported = frame["document_id"].isin(ctx.documents_failing("grades_ordered_by_score"))
            frame["qa_unreported_grade_order_violations"] = violations.where(~reported, 0.0).where(violations.notna())


_GROUP = ["district_id", "fiscal_year", "score_kind"]


def _scored_projects(ctx: Context) -> pd.DataFrame | None:
    return ctx.scores()


def _fct_score_distribution(ctx: Context, frame: pd.DataFrame) -> None:
    if not _has(frame, *_GROUP, "share", "project_count"):
        return
    grouped = frame.groupby(_GROUP, dropna=False)
    frame["qa_group_share_sum"] = grouped["share"].transform(lambda s: _num(s).sum())
    group_count = grouped["project_count"].transform(lambda s: _num(s).sum())
    frame["qa_group_project_count"] = group_count
    frame["qa_share_error"] = _abs_error(
        frame["share"], _num(frame["project_count"]) / group_count.where(group_count > 0)
    )
    scores = _scored_projects(ctx)
    if scores is not None:
        counts = scores.groupby(_GROUP, dropna=False).size().rename("qa_scored_projects").reset_index()
        merged = frame[_GROUP].merge(counts, on=_GROUP, how="left")
        frame["qa_scored_projects"] = merged["qa_scored_projects"].astype(float).to_numpy()


def _fct_score_summary(ctx: Context, frame: pd.DataFrame) -> None:
    scores = _scored_projects(ctx)
    if scores is None or not _has(frame, *_GROUP):
        return
    s = scores.assign(score=_num(scores["score"]))
    stats = (
        s.groupby(_GROUP, dropna=False)["score"]
        .agg(
            qa_scored_projects="size",
            mean_score="mean",
            min_score="min",
            # quantile_cont is linear interpolation between order statistics, as pandas' default
            p25_score=lambda x: x.quantile(0.25),
            median_score="median",
            p75_score=lambda x: x.quantile(0.75),
            max_score="max",
        )
        .reset_index()
    )
    merged = frame[_GROUP].merge(stats, on=_GROUP, how="left", suffixes=("", "_recomputed"))
    frame["qa_scored_projects"] = merged["qa_scored_projects"].astype(float).to_numpy()
    errors = [
        _abs_error(frame[col], pd.Series(merged[col].to_numpy(), index=frame.index))
        for col in ("mean_score", "min_score", "p25_score", "median_score", "p75_score", "max_score")
        if col in frame.columns
    ]
    if len(errors) == 6:
        frame["qa_stat_error"] = pd.concat(errors, axis=1).max(axis=1, skipna=False)


def _fct_consistency_checks(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)
    if _has(frame, "source_lines"):

        def last_line(value: object) -> float:
            if not isinstance(value, str) or not value.strip():
                return np.nan
            parts = [p.strip() for p in value.split(",")]
            return float(max(int(p) for p in parts)) if all(p.isdigit() for p in parts) else np.nan

        frame["qa_last_source_line"] = _map_distinct(frame["source_lines"], last_line).astype(float)
    if _has(frame, "difference", "tolerance", "status"):
        diff, tol = _num(frame["difference"]), _num(frame["tolerance"])
        computed = np.where(diff.abs() <= tol + 1e-9, "pass", "fail")
        frame["qa_status_from_difference"] = pd.Series(computed, index=frame.index).where(diff.notna() & tol.notna())
    if _has(frame, "difference", "actual_value", "expected_value"):
        frame["qa_difference_error"] = _abs_error(
            frame["difference"], _num(frame["actual_value"]) - _num(frame["expected_value"])
        )


PER_MART = {
    "dim_documents": _dim_documents,
    "dim_projects": _dim_projects,
    "fct_indicators": _fct_indicators,
    "fct_budget_vs_execution": _fct_budget_vs_execution,
    "fct_yoy_changes": _fct_yoy_changes,
    "fct_project_scores": _fct_project_scores,
    "fct_score_distribution": _fct_score_distribution,
    "fct_score_summary": _fct_score_summary,
    "fct_consistency_checks": _fct_consistency_checks,
}


def add_derived_columns(
    ctx: Context, name: str, frame: pd.DataFrame, distinct_values: dict[str, np.ndarray] | None = None
) -> dict[str, dict[str, int]]:
    """Adds the qa_* columns to one mart's frame in place and returns the personal-data hits per column. The
    personal-data columns are computed on the mart's own columns first, so no derived column is ever scanned."""
    hits = add_personal_data_columns(frame, ctx.raw.names, distinct_values)
    step = PER_MART.get(name)
    if step is not None:
        step(ctx, frame)
    return hits
