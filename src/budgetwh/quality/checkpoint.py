"""Runs the quality gate: `run_checkpoint(db_path, raw_dir, data_docs_dir=None) -> CheckpointResult`.

1. Read the raw documents once (rawdocs.py): their fingerprints and the personal names to look for.
2. Compute the suite parameters (counts from raw.* in the same file, derived.py).
3. One mart at a time, and a large one chunk by chunk (whole documents, at most chunks.CHUNK_ROWS rows), read it
   into pandas through a read-only DuckDB connection (analysts and the build may hold the file) with repeated
   strings shared (snapshot.py), add its qa_* columns (derived.py), write it where GX reads it, and let it go
   (frames.py). The gate holds one chunk at a time, and so does GX: its pandas engines would keep every batch
   until the checkpoint ends, so each batch is dropped when the next one is loaded (batches.py). The peak is the
   largest chunk or unchunked mart with GX's work on it, whatever the size of the warehouse.
4. Run the committed checkpoint `marts` of gx/ on those frames. A GX checkpoint hands every validation the same
   batch parameters, so it cannot be given one in-memory frame per mart; the frames are therefore pickled into a
   scratch copy of the project whose `marts` datasource reads that folder. The copy also keeps GX's stores and
   Data Docs out of the repository and lets two checks run side by side. A chunked mart's further chunks are
   validated with the same suite, and the results combined into the checkpoint's (chunks.py).
5. Summarise each failed expectation with its mart, its check and the offending rows (key and values, read back
   from that mart's pickles), except for personal-data checks, which report counts per column only; render offline
   Data Docs if asked."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from budgetwh.paths import project_root
from budgetwh.quality import batches, chunks, datadocs, derived, metrics, personal, rawdocs
from budgetwh.quality.catalogue import MARTS, mart
from budgetwh.quality.frames import FrameReader, MartFrame, prepare_mart
from budgetwh.quality.project import CHECKPOINT, COMMITTED, FRAMES_PLACEHOLDER, SITE

RUN_NAME = "quality-gate"
DUCKDB_MEMORY_LIMIT = "512MB"  # the read-only connection's cache and working memory (it spills beyond)


class QualityError(RuntimeError):
    """The gate could not run (missing or locked warehouse, missing raw documents or Data Docs assets)."""


@dataclass(frozen=True)
class Failure:
    mart: str
    check: str  # meta.check of the expectation: a stable name
    expectation: str  # GX expectation type
    description: str
    detail: str  # offending values, or counts only for personal data
    personal_data: bool = False

    def __str__(self) -> str:
        return f"{self.mart}.{self.check}: {self.description} — {self.detail}"


@dataclass
class CheckpointResult:
    success: bool
    summary: str
    failures: list[Failure] = field(default_factory=list)
    expectations: int = 0
    mart_rows: dict[str, int] = field(default_factory=dict)
    data_docs_index: Path | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[str]:
        """One line per failed expectation, for the run log."""
        return [str(f) for f in self.failures]


# --- reading --------------------------------------------------------------------------------------------------------


def _connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.is_file():
        raise QualityError(f"{db_path}: no warehouse file (build it with `make run` or `budgetwh build`)")
    try:
        try:
            # DuckDB keeps the blocks it has read cached up to its limit (80 % of the machine by default), which
            # would grow the gate with the warehouse although it reads one chunk at a time: its cache gets a fixed
            # share.
            return duckdb.connect(str(db_path), read_only=True, config={"memory_limit": DUCKDB_MEMORY_LIMIT})
        except duckdb.ConnectionException as exc:
            if "different configuration" not in str(exc):
                raise
        # This process already holds the file open (a reader beside the gate, such as the pages' query of the same
        # candidate): DuckDB keeps one instance per file and process, and refuses a second connection with other
        # settings, so the gate joins that instance as it is.
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise QualityError(f"{db_path}: cannot open read-only: {exc}") from exc


def _present_marts(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0]
        for r in con.sql("select table_name from information_schema.tables where table_schema = 'marts'").fetchall()
    }


# --- running --------------------------------------------------------------------------------------------------------


def _scratch_project(scratch: Path, frames_dir: Path, data_docs: bool = True) -> Path:
    """Copies the committed project into scratch, its datasource reading frames_dir. Without data_docs the copy's
    checkpoint has no actions: its only action renders Data Docs (11 pages and the index, 3 s at ×1000), which a
    run that publishes none would throw away."""
    source = project_root() / "gx"
    gx_dir = scratch / "gx"
    for top in COMMITTED:
        src = source / top
        if src.is_dir():
            shutil.copytree(src, gx_dir / top)
        elif src.is_file():
            gx_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, gx_dir / top)
    config = gx_dir / "great_expectations.yml"
    text = config.read_text(encoding="utf-8")
    placeholder = f"base_directory: {FRAMES_PLACEHOLDER}"
    if text.count(placeholder) != 1:
        raise QualityError(f"{source}/great_expectations.yml: expected one '{placeholder}' (regenerate gx/)")
    config.write_text(text.replace(placeholder, f"base_directory: {frames_dir}"), encoding="utf-8")
    if not data_docs:
        checkpoint = gx_dir / "checkpoints" / f"{CHECKPOINT}.json"
        stored = json.loads(checkpoint.read_text(encoding="utf-8"))
        if [a.get("type") for a in stored.get("actions", [])] != ["update_data_docs"]:
            raise QualityError(f"{source}/checkpoints/{CHECKPOINT}.json: expected one update_data_docs action")
        stored["actions"] = []
        checkpoint.write_text(json.dumps(stored, indent=2), encoding="utf-8")
    return gx_dir


def _run_gx(scratch: Path, frames_dir: Path, params: dict[str, object], frames: dict[str, MartFrame], data_docs: bool):
    """The committed checkpoint on every mart's first chunk, each further chunk of a chunked mart validated with the
    same suite and result format, and the chunks' results combined into the checkpoint's. Data Docs are rendered
    from the combined results (by the checkpoint's own action when no mart is chunked)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    metrics.install()
    chunked = [f for f in frames.values() if f.chunks]
    _scratch_project(scratch, frames_dir, data_docs and not chunked)
    context = gx.get_context(mode="file", project_root_dir=scratch)
    from great_expectations.core.run_identifier import RunIdentifier

    run_id = RunIdentifier(run_name=RUN_NAME, run_time=datetime.now(UTC))
    checkpoint = context.checkpoints.get(CHECKPOINT)
    with batches.one_batch_at_a_time():
        later = {f.name: _later_chunks(context, f, params, checkpoint.result_format) for f in chunked}
        result = checkpoint.run(expectation_parameters=params, run_id=run_id)
    if not chunked:
        return result
    for identifier, suite_result in result.run_results.items():
        if suite_result.suite_name in later:
            chunks.combine_suite([suite_result, *later[suite_result.suite_name]], params, checkpoint.result_format)
            context.validation_results_store.set(identifier, suite_result)
    result.success = all(r.success for r in result.run_results.values())
    if data_docs:
        from great_expectations.checkpoint.actions import UpdateDataDocsAction

        UpdateDataDocsAction(name="update_data_docs", site_names=[SITE]).run(result)
    return result


def _later_chunks(context, mart_frame: MartFrame, params: dict[str, object], result_format) -> list:
    """The suite of a chunked mart on each of its chunks but the first (which the checkpoint validates), results not
    stored; the file GX reads points back at the first chunk afterwards."""
    from great_expectations.validator.v1_validator import Validator

    definition = context.validation_definitions.get(mart_frame.name)
    results = []
    for i in range(1, len(mart_frame.chunks)):
        mart_frame.point_at(i)
        validator = Validator(batch_definition=definition.batch_definition, result_format=result_format)
        results.append(validator.validate_expectation_suite(definition.suite, params))
    mart_frame.point_at(0)
    return results


# --- summarising ----------------------------------------------------------------------------------------------------


def _redactor(names: personal.PersonalNames):
    """Defence in depth for values quoted from non-personal-data checks: a phone shape or a name never leaves."""
    name_pattern = (
        re.compile("|".join(re.escape(n) for n in sorted(names.names, key=len, reverse=True))) if names.names else None
    )

    def redact(text: str) -> str:
        text = re.sub(personal.MOBILE_PATTERN, lambda m: m.group(0)[:3] + "****" + m.group(0)[-4:], text)
        if name_pattern is not None:
            text = name_pattern.sub(lambda m: m.group(0)[0] + "*" * (len(m.group(0)) - 1), text)
        return text

    return redact


def _fmt(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "null"
    if isinstance(value, float):
        return f"{value:.15g}"
    return repr(value) if isinstance(value, str) else str(value)


def _examples(quoted: pd.DataFrame, mart_name: str, columns: list[str]) -> str:
    """The quoted rows (FrameReader.quoted_rows) by their key and the values the expectation read."""
    key = [c for c in mart(mart_name).key if c in quoted.columns]
    shown = []
    for i in quoted.index:
        row = quoted.loc[i]
        ident = ", ".join(f"{k}={row[k]}" for k in key) or f"row {i}"
        values = ", ".join(f"{c}={_fmt(row[c])}" for c in columns if c in quoted.columns and c not in key)
        shown.append(f"{ident} ({values})" if values else ident)
    return "; ".join(shown)


def _columns_of(kwargs: dict) -> list[str]:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if isinstance(kwargs.get(k), str)]
    condition = kwargs.get("row_condition")
    if isinstance(condition, dict):
        name = (condition.get("column") or {}).get("name")
        if name:
            cols.append(name)
    return cols


def _exception_message(info: object) -> str | None:
    """GX reports an expectation that raised either flat or per metric; the first message, or None."""
    if not isinstance(info, dict):
        return None
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return (str(entry.get("exception_message") or "error").splitlines() or ["error"])[0][:200]
    return None


def _describe_failure(
    er, mart_frame: MartFrame, reader: FrameReader, params: dict, names: personal.PersonalNames
) -> Failure:
    mart_name = mart_frame.name
    config = er.expectation_config
    meta = config.meta or {}
    kwargs = config.kwargs
    check = meta.get("check", config.type)
    is_personal = bool(meta.get("personal_data"))
    result = er.result or {}
    raised = _exception_message(er.exception_info)
    if raised is not None:
        detail = f"could not be evaluated: {raised}"
    elif is_personal:
        by_column = mart_frame.personal_hits.get(check, {})
        where = ", ".join(f"{c} ({n})" for c, n in sorted(by_column.items()))
        detail = f"{result.get('unexpected_count', 0)} row(s) affected; cells by column: {where}; values withheld"
    elif config.type == "expect_table_columns_to_match_set":
        mismatched = (result.get("details") or {}).get("mismatched") or {}
        detail = f"missing columns: {', '.join(sorted(mismatched.get('missing', []))) or '?'}"
    elif "observed_value" in result and "unexpected_count" not in result:
        expected = {
            k: params.get(v["$PARAMETER"], v) if isinstance(v, dict) and "$PARAMETER" in v else v
            for k, v in kwargs.items()
            if k in ("value", "min_value", "max_value")
        }
        wanted = expected.get("value", expected.get("min_value"))
        detail = f"observed {_fmt(result['observed_value'])}, expected {_fmt(wanted)}"
    else:
        count, total = result.get("unexpected_count", 0), result.get("element_count", mart_frame.rows)
        indices = list(result.get("partial_unexpected_index_list") or [])
        quoted = reader.quoted_rows(mart_frame, indices) if indices else None
        examples = _examples(quoted, mart_name, _columns_of(kwargs)) if indices else ""
        detail = f"{count} of {total} rows" + (f": {examples}" if examples else "")
    redact = _redactor(names)
    return Failure(mart_name, check, config.type, redact(config.description or check), redact(detail), is_personal)


def _publish_docs(site: Path, data_docs_dir: Path, names: personal.PersonalNames) -> Path:
    datadocs.make_offline(site)
    datadocs.scrub_personal_data(site, _redactor(names))
    data_docs_dir = data_docs_dir.resolve()
    data_docs_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{data_docs_dir.name}.", dir=data_docs_dir.parent))
    shutil.copytree(site, staged, dirs_exist_ok=True)
    old = data_docs_dir.with_name(f".{data_docs_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if data_docs_dir.exists():
        os.replace(data_docs_dir, old)
    os.replace(staged, data_docs_dir)
    shutil.rmtree(old, ignore_errors=True)
    return data_docs_dir / "index.html"


def run_checkpoint(db_path: Path, raw_dir: Path, data_docs_dir: Path | None = None) -> CheckpointResult:
    started = time.monotonic()
    db_path, raw_dir = Path(db_path), Path(raw_dir)
    raw = rawdocs.scan(raw_dir)
    names = raw.names
    if names.documents_read == 0:
        raise QualityError(f"{raw_dir}: no raw documents to read personal names from")
    if data_docs_dir is not None:
        datadocs.check_assets_installed(datadocs.vendor_dir())

    with tempfile.TemporaryDirectory(prefix="budgetwh-check-") as tmp:
        scratch = Path(tmp)
        frames_dir = scratch / "frames"
        frames_dir.mkdir()
        con = _connect(db_path)
        try:
            present = _present_marts(con)
            try:
                params = derived.parameters(con)
                ctx = derived.Context(con, raw, derived.stated_grade_bands(project_root()))
                frames = {m.name: prepare_mart(ctx, m.name, m.name in present, frames_dir) for m in MARTS}
            except duckdb.CatalogException as exc:
                raise QualityError(f"{db_path}: {str(exc).splitlines()[0]}") from exc
            except (OSError, ValueError) as exc:
                raise QualityError(str(exc)) from exc
        finally:
            con.close()
        missing = [m.name for m in MARTS if not frames[m.name].present]

        gx_result = _run_gx(scratch, frames_dir, params, frames, data_docs=data_docs_dir is not None)
        failures, total = [], 0
        reader = FrameReader()
        for run_result in gx_result.run_results.values():
            mart_name = run_result.suite_name
            for er in run_result.results:
                total += 1
                if mart_name in missing:
                    continue  # reported once below rather than once per expectation
                if not er.success:
                    failures.append(_describe_failure(er, frames[mart_name], reader, params, names))
        del reader
        index = None
        if data_docs_dir is not None:
            index = _publish_docs(scratch / "gx" / "uncommitted" / "data_docs" / SITE, Path(data_docs_dir), names)

    failures += [
        Failure(name, "mart_exists", "table", f"marts.{name} exists", "the table is missing from the warehouse")
        for name in missing
    ]
    order = {m.name: i for i, m in enumerate(MARTS)}
    failures.sort(key=lambda f: (order.get(f.mart, 99), f.check))
    rows = {name: f.rows for name, f in frames.items()}
    head = f"{total} expectations on {len(MARTS)} marts ({sum(rows.values())} rows)"
    if failures:
        failed = len(failures) - len(missing)
        lines = [f"{failed} of {head} failed" + (f"; marts missing: {', '.join(missing)}" if missing else "")]
        lines += [f"  - {f}" for f in failures]
        summary = "\n".join(lines)
    else:
        summary = f"all {head} passed"
    return CheckpointResult(
        success=not failures and gx_result.success,
        summary=summary,
        failures=failures,
        expectations=total,
        mart_rows=rows,
        data_docs_index=index,
        seconds=round(time.monotonic() - started, 2),
    )
