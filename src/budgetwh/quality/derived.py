"""The runtime facts the expectations compare the marts against.

Nothing here is a hard-coded total. Counts come from the seed tables (`raw.*`) of the same warehouse file, so a new
document moves the expectation with it; per-row facts (a recomputed rate, the group a share belongs to, the number
of lines of the document a row cites, personal-data hits) are added to the mart's frame as `qa_*` columns, which
the suites in gx/ test with GX's ordinary column and column-pair expectations. A `qa_*` column that cannot be
computed is left out, so its expectation fails loudly instead of passing on nulls."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import yaml

from budgetwh.quality import personal

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
    con: duckdb.DuckDBPyConnection
    frames: dict[str, pd.DataFrame]
    names: personal.PersonalNames
    raw_dir: Path
    grade_bands: dict[str, list[tuple[float, str]]]


def stated_grade_bands(project_dir: Path) -> dict[str, list[tuple[float, str]]]:
    """{scheme: [(floor, grade), …] best first} for the schemes whose bands the project states."""
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    bands = (config.get("vars") or {}).get(TARGET_QUALITY_VAR)
    if not bands:
        raise ValueError(f"{project_dir / 'dbt_project.yml'}: vars.{TARGET_QUALITY_VAR} is missing")
    return {TARGET_QUALITY_SCHEME: sorted(((float(f), str(g)) for f, g in bands), reverse=True)}


def raw_table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    return con.sql(f"select * from raw.{name}").df()


def parameters(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Expectation parameters ($PARAMETER in the suites), computed from this warehouse's own tables."""
    params: dict[str, object] = {}
    for table in SEED_TABLES:
        params[f"rows_raw_{table}"] = int(con.sql(f"select count(*) from raw.{table}").fetchone()[0])
    # fct_budget_vs_execution: one line per total-column cell of the 一般公共预算支出功能分类 table (the canonical
    # budget line, contract rule) besides one per project.
    params["functional_budget_cells"] = int(
        con.sql(
            "select count(*) from raw.line_items where table_name = 'general_budget_functional' and measure = 'total'"
        ).fetchone()[0]
    )
    # fct_yoy_changes: one row per narrative figure that states a change.
    params["stated_changes"] = int(
        con.sql(
            "select count(*) from raw.line_items where table_name = 'narrative' and stated_direction is not null"
        ).fetchone()[0]
    )
    # The target-quality rubric scores every project that has at least one indicator row.
    params["projects_with_indicators"] = int(
        con.sql("select count(distinct project_id) from raw.indicators").fetchone()[0]
    )
    scores = frames.get("fct_project_scores")
    if scores is not None:
        params["rows_fct_project_scores"] = len(scores)
        group = [c for c in ("district_id", "fiscal_year", "score_kind") if c in scores.columns]
        params["groups_fct_project_scores"] = int(len(scores.drop_duplicates(group))) if len(group) == 3 else -1
    return params


# --- helpers -------------------------------------------------------------------------------------------------------


def _has(frame: pd.DataFrame, *columns: str) -> bool:
    return all(c in frame.columns for c in columns)


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def _document_lines(ctx: Context) -> pd.Series:
    docs = raw_table(ctx.con, "documents")
    return docs.set_index("document_id")["line_count"].astype(float)


def _with_document_lines(ctx: Context, frame: pd.DataFrame) -> None:
    if _has(frame, "document_id"):
        frame["qa_document_line_count"] = frame["document_id"].map(_document_lines(ctx))


def _abs_error(actual: pd.Series, expected: pd.Series) -> pd.Series:
    """|actual − expected| where both are known; null elsewhere (GX skips nulls in column-value expectations)."""
    return (_num(actual) - _num(expected)).abs()


def text_of_document(path: Path) -> str:
    """A document's identity text: UTF-8 without BOM, LF line ends (the contract's sha256 is taken over it)."""
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_count(text: str) -> int:
    return text.count("\n") + (0 if text == "" or text.endswith("\n") else 1)


# --- personal data, every mart -------------------------------------------------------------------------------------


def add_personal_data_columns(ctx: Context, frame: pd.DataFrame) -> None:
    columns = personal.text_columns(frame)
    frame["qa_phone_shaped_cells"] = personal.phone_shaped_cells(frame, columns).sum(axis=1).astype("int64")
    frame["qa_personal_name_cells"] = personal.name_cells(frame, ctx.names, columns).sum(axis=1).astype("int64")


# --- per mart --------------------------------------------------------------------------------------------------------


def _dim_documents(ctx: Context, frame: pd.DataFrame) -> None:
    sha, lines = {}, {}
    for name in frame.get("file_name", pd.Series(dtype=str)).dropna().unique():
        path = ctx.raw_dir / name
        if path.is_file():
            text = text_of_document(path)
            sha[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            lines[name] = line_count(text)
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
        direction = np.select([change > 0, change < 0, change == 0], ["increase", "decrease", "flat"], default="")
        frame["qa_computed_direction"] = pd.Series(direction, index=frame.index).replace("", None)


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
    sign = (
        {"increase": 1, "decrease": -1, "flat": 0}.get(stated_direction) if isinstance(stated_direction, str) else None
    )
    if sign is None:
        sign = (s > 0) - (s < 0)
    direction_ok = (pct > 0) - (pct < 0) == sign or (sign == 0 and rounded == 0)
    return bool(direction_ok and rounded == abs(s))


def _grade_from_bands(bands_by_scheme: dict, scheme: object, score: object) -> object:
    bands = bands_by_scheme.get(scheme) if isinstance(scheme, str) else None
    if bands is None or score is None or pd.isna(score):
        return None
    return next((grade for floor, grade in bands if float(score) >= floor), "(below every band)")


def _grade_order_violations(frame: pd.DataFrame) -> pd.Series:
    """For grades printed without bands: how many projects of the same document and scheme have a worse grade but a
    higher score (a better grade must not come with a lower score)."""
    out = pd.Series(np.nan, index=frame.index)
    rank = frame["grade"].map({g: i for i, g in enumerate(GRADE_ORDER)})
    score = _num(frame["score"])
    scope = frame["grade_scheme"].eq("published_unstated") & rank.notna() & score.notna()
    for _, idx in frame[scope].groupby(["document_id", "grade_scheme"]).groups.items():
        for i in idx:
            worse_but_higher = (rank[idx] > rank[i]) & (score[idx] > score[i])
            out[i] = float(worse_but_higher.sum())
    return out


def _fct_project_scores(ctx: Context, frame: pd.DataFrame) -> None:
    _with_document_lines(ctx, frame)
    if _has(frame, "grade", "grade_scheme", "score"):
        frame["qa_expected_grade"] = [
            _grade_from_bands(ctx.grade_bands, s, v) for s, v in zip(frame["grade_scheme"], frame["score"], strict=True)
        ]
        if _has(frame, "document_id"):
            frame["qa_grade_order_violations"] = _grade_order_violations(frame)


_GROUP = ["district_id", "fiscal_year", "score_kind"]


def _scored_projects(ctx: Context) -> pd.DataFrame | None:
    scores = ctx.frames.get("fct_project_scores")
    if scores is None or not _has(scores, *_GROUP, "score"):
        return None
    return scores


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

        frame["qa_last_source_line"] = frame["source_lines"].map(last_line)
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


def add_derived_columns(ctx: Context) -> None:
    """Adds the qa_* columns to every frame in place. Personal-data columns are computed on the mart's own columns
    first, so no derived column is ever scanned."""
    for frame in ctx.frames.values():
        add_personal_data_columns(ctx, frame)
    for name, frame in ctx.frames.items():
        step = PER_MART.get(name)
        if step is not None:
            step(ctx, frame)
