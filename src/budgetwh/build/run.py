"""`budgetwh build`: the one command a person (`make run`) or a scheduler runs.

    ingest → dbt build (on a candidate file) → GX checkpoint → pages (fresh directory) → CHECKPOINT → publish

Analysts keep read-only connections to `data/warehouse.duckdb` open all day, so the build never writes to it: dbt
builds a candidate file beside it (`data/candidates/<run_id>/warehouse.duckdb`, same filesystem), and only a
candidate that passed every stage replaces the live file, by one atomic `rename`. A reader that opened the old file
keeps reading the old inode until it reconnects; a reader that connects after the rename sees the new one; nobody
sees a mix, and nobody is locked out (DuckDB's single-writer lock is per file, and the writer holds the candidate).
The pages are published the same way: built into `reports/builds/<run_id>/`, then the `reports/build` symlink is
replaced atomically.

On any failure nothing live changes (warehouse, pages, extracted seeds) and the candidate stays in
`data/candidates/` for diagnosis, the newest few only. An OS lock (flock, released by the kernel when the process
dies, so a crash leaves no stale lock) keeps two builds from overlapping. Exit codes: `budgetwh.exitcodes`.

Each stage is a small function of (Layout, Candidate), so tests can swap any of them for a fake."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from budgetwh.atomic import clone_file, flip_symlink, fsync, replace
from budgetwh.build import runlog
from budgetwh.build.fingerprint import BuildState, fingerprint_definitions, fingerprint_extracted, fingerprint_inputs
from budgetwh.build.layout import Candidate, Layout, new_run_id, wal_path
from budgetwh.build.lock import BuildLock, Locked, describe_holder
from budgetwh.exitcodes import ExitCode

KEEP_FAILED_CANDIDATES = 5
KEEP_PAGE_VERSIONS = 3  # the live one and the two before it (a reader may be mid-way through an older page)
ALERT_TIMEOUT_SECONDS = 120

# What every tool the build starts must see, whoever started the build (cron and systemd pass a bare environment).
TOOL_ENVIRONMENT = {
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
}


# ---------------------------------------------------------------------------------------------------------------
# Stages: each takes (Layout, Candidate), returns a one-line detail for the log, raises StageFailed


class StageFailed(Exception):
    def __init__(self, code: ExitCode, message: str, checks_failed: list[str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.checks_failed = checks_failed or []


Stage = Callable[[Layout, Candidate], str]


def tool_environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TOOL_ENVIRONMENT)
    env.update(extra)
    return env


def stage_ingest(layout: Layout, cand: Candidate) -> str:
    from budgetwh.ingest.errors import IngestError
    from budgetwh.ingest.pipeline import run_ingest

    try:
        summary = run_ingest(
            layout.raw, layout.reference, layout.extracted, jobs=os.cpu_count() or 1, cache_dir=layout.ingest_cache
        )
    except IngestError as exc:
        raise StageFailed(ExitCode.BAD_INPUT, str(exc)) from exc
    return _summary_text(summary)


def _summary_text(summary: object) -> str:
    documents = len(getattr(summary, "documents", []))
    rows = ", ".join(f"{n} {name}" for name, n in getattr(summary, "rows", {}).items())
    changed = "seeds changed" if getattr(summary, "changed", True) else "seeds unchanged"
    return f"{documents} documents → {rows} ({changed})"


def dbt_executable() -> str:
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def _run_dbt(layout: Layout, cand: Candidate, command: list[str], log: Path) -> int:
    env = tool_environment(
        BUDGETWH_DB=str(cand.db),
        DBT_TARGET_PATH=str(cand.dbt_target),
        DBT_LOG_PATH=str(cand.dbt_logs),
        DBT_PROFILES_DIR=str(layout.root),
        BUDGETWH_ROOT=str(layout.root),
    )
    with log.open("ab") as out:
        return subprocess.run(
            [dbt_executable(), *command, "--project-dir", str(layout.root)],
            cwd=layout.root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        ).returncode


def stage_dbt(layout: Layout, cand: Candidate) -> str:
    """Load the seeds into the candidate with DuckDB's CSV reader (`dbt seed` goes through Python row by row, which
    does not scale: see budgetwh.load), `dbt build` the rest, then the docs site from it: generating docs opens the
    database read-write, which must never happen to the live file while analysts hold it."""
    from budgetwh.load import DBT_ARGS_WITHOUT_SEEDS, LoadError, load_seeds

    log = cand.dir / "dbt.log"
    try:
        loaded = load_seeds(cand.db, layout.extracted, layout.reference, project_root=layout.root)
    except LoadError as exc:
        raise StageFailed(ExitCode.MODEL_FAILURE, f"loading the seeds failed: {exc}") from exc
    returncode = _run_dbt(layout, cand, ["build", *DBT_ARGS_WITHOUT_SEEDS], log)
    results = dbt_results(cand.dbt_target / "run_results.json")
    failed = [r for r in results if r["status"] in ("error", "fail", "runtime error")]
    if returncode != 0:
        if failed:
            names = ", ".join(r["unique_id"] for r in failed[:5]) + (" …" if len(failed) > 5 else "")
            message = (
                f"dbt build failed: {len(failed)} of {len(results)} nodes failed ({names}); see {layout.show(log)}"
            )
        else:
            message = f"dbt build exited {returncode} before running: {_last_error_line(log)}; see {layout.show(log)}"
        raise StageFailed(ExitCode.MODEL_FAILURE, message, [r["unique_id"] for r in failed])
    if _run_dbt(layout, cand, ["docs", "generate"], log) != 0:
        raise StageFailed(ExitCode.MODEL_FAILURE, f"dbt docs generate failed: {_last_error_line(log)}")
    kinds: dict[str, int] = {}
    for r in results:
        kind = r["unique_id"].split(".", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    return (
        f"{len(loaded.rows)} seeds loaded ({sum(loaded.rows.values())} rows, {loaded.seconds:.1f} s); dbt build ok: "
        + ", ".join(f"{n} {k}s" for k, n in sorted(kinds.items()))
        + "; docs generated"
    )


def dbt_results(path: Path) -> list[dict]:
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [{"unique_id": r["unique_id"], "status": r["status"]} for r in data.get("results", [])]


def _last_error_line(log: Path) -> str:
    lines = [ln.strip() for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error" in ln.lower()]
    return (errors or lines or ["no output"])[-1][:300]


def stage_checkpoint(layout: Layout, cand: Candidate) -> str:
    from budgetwh.quality.checkpoint import QualityError, run_checkpoint
    from budgetwh.quality.datadocs import DataDocsError

    try:
        result = run_checkpoint(cand.db, layout.raw, data_docs_dir=cand.gx_docs)
    except (QualityError, DataDocsError) as exc:  # the gate could not run, so it did not pass
        raise StageFailed(ExitCode.QUALITY_GATE, f"quality gate could not run: {exc}") from exc
    if not result.success:
        first_line = result.summary.splitlines()[0]  # the failures themselves go to checks_failed
        raise StageFailed(ExitCode.QUALITY_GATE, f"quality gate failed: {first_line}", result.failed)
    return result.summary


def stage_pages(layout: Layout, cand: Candidate) -> str:
    from budgetwh.pages import PagesError, build_site

    try:
        build_site(cand.db, cand.pages)
    except PagesError as exc:
        raise StageFailed(ExitCode.PAGES_FAILURE, f"pages failed: {exc}") from exc
    files = sum(1 for p in cand.pages.rglob("*") if p.is_file())
    return f"{files} files in {layout.show(cand.pages)}"


@dataclass
class Stages:
    ingest: Stage = stage_ingest
    dbt: Stage = stage_dbt
    checkpoint: Stage = stage_checkpoint
    pages: Stage = stage_pages

    def in_order(self) -> list[tuple[str, Stage]]:
        return [("ingest", self.ingest), ("dbt", self.dbt), ("checkpoint", self.checkpoint), ("pages", self.pages)]


# ---------------------------------------------------------------------------------------------------------------
# The candidate file and publishing


def finalize_candidate(db: Path) -> None:
    """Fold the WAL into the file: the live file must be complete on its own, since a reader opening it never
    replays anything, and a WAL left beside a renamed file would belong to the wrong database."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if wal_path(db).exists():
        raise RuntimeError(f"{db}: a WAL is still there after CHECKPOINT; is another process writing to it?")
    fsync(db)


def mart_row_counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
            ).fetchall()
        ]
        return {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def live_has_writer(db: Path) -> bool:
    """True while some process has the live file open read-write (DuckDB holds an fcntl write lock then). Its WAL
    would sit beside the file we rename in, so we refuse to publish rather than risk it."""
    if not db.exists():
        return False
    fd = os.open(db, os.O_RDONLY)
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops our shared lock


def publish(layout: Layout, cand: Candidate) -> None:
    if live_has_writer(layout.live_db):
        raise StageFailed(
            ExitCode.UNEXPECTED,
            f"{layout.show(layout.live_db)} is open read-write in another process; analysts must open it "
            "read-only (duckdb -readonly); nothing was published",
        )
    stale_wal = wal_path(layout.live_db)
    if stale_wal.exists():  # left by a writer that crashed; it describes the old file, never the new one
        os.replace(stale_wal, cand.dir / "stale-live.wal")
    layout.live_db.parent.mkdir(parents=True, exist_ok=True)
    replace(cand.db, layout.live_db)
    if cand.pages.is_dir():
        flip_symlink(layout.pages_link, cand.pages, layout.pages_versions / f"legacy-{cand.run_id}")


# ---------------------------------------------------------------------------------------------------------------
# Extracted seeds: regenerated in place (dbt reads them from seeds/), put back if the build fails


def _csvs(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.csv")) if directory.is_dir() else []


def save_seeds(layout: Layout, cand: Candidate) -> None:
    cand.seeds_before.mkdir(parents=True, exist_ok=True)
    for path in _csvs(layout.extracted):
        shutil.copy2(path, cand.seeds_before / path.name)


def restore_seeds(layout: Layout, cand: Candidate) -> bool:
    """Put back the seeds of the live warehouse; keep what this run extracted beside the candidate. Each file is
    replaced by a rename, so a reader of seeds/ never sees half a file. Returns whether anything changed."""
    before = {p.name: p for p in _csvs(cand.seeds_before)}
    now = {p.name: p for p in _csvs(layout.extracted)}
    if {n: p.read_bytes() for n, p in before.items()} == {n: p.read_bytes() for n, p in now.items()}:
        return False
    cand.seeds_extracted.mkdir(parents=True, exist_ok=True)
    for name, path in now.items():
        shutil.copy2(path, cand.seeds_extracted / name)
        if name not in before:
            path.unlink()
    for name, path in before.items():
        tmp = layout.extracted / f".{name}.restore"
        shutil.copy2(path, tmp)
        os.replace(tmp, layout.extracted / name)
    return True


# ---------------------------------------------------------------------------------------------------------------
# Retention


def prune_candidates(layout: Layout, keep: int) -> None:
    if not layout.candidates.is_dir():
        return
    dirs = sorted((d for d in layout.candidates.iterdir() if d.is_dir()), key=lambda d: d.name)
    for old in dirs[: max(0, len(dirs) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def prune_page_versions(layout: Layout, keep: int) -> None:
    if not layout.pages_versions.is_dir():
        return
    live = layout.pages_link.resolve() if layout.pages_link.is_symlink() else None
    dirs = sorted((d for d in layout.pages_versions.iterdir() if d.is_dir()), key=lambda d: d.name)
    others = [d for d in dirs if d.resolve() != live]
    for old in others[: max(0, len(others) - (keep - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def keep_artefacts_of_live_build(layout: Layout, cand: Candidate) -> None:
    """The dbt target/ (run_results, manifest, docs) and GX Data Docs of the build now live, for whoever asks
    what is published. Swapped in by renames; the previous build's copy is dropped."""
    dest = layout.last_build_artefacts
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(cand.seeds_before, ignore_errors=True)  # the seeds of a build no longer live
    old = dest.with_name(dest.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.replace(dest, old)
    os.replace(cand.dir, dest)
    shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# The run


@dataclass
class BuildOptions:
    force: bool = False
    quiet: bool = False
    on_failure: str | None = None
    keep_failed: int = KEEP_FAILED_CANDIDATES
    keep_pages: int = KEEP_PAGE_VERSIONS
    stages: Stages = field(default_factory=Stages)


class Reporter:
    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def info(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    def error(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)


def run_build(layout: Layout, options: BuildOptions | None = None) -> int:
    options = options or BuildOptions()
    for key, value in TOOL_ENVIRONMENT.items():  # the checkpoint and pages run in this process
        os.environ.setdefault(key, value)
    say = Reporter(options.quiet)
    run_id = new_run_id()
    timer = runlog.RunTimer(run_id)
    try:
        lock = BuildLock(layout.lock_file).acquire(run_id)
    except Locked as exc:
        message = (
            f"another build holds the lock {layout.show(layout.lock_file)} ({describe_holder(str(exc))}); "
            "this run did nothing"
        )
        say.error(f"budgetwh build: {message}")
        record = timer.finish("locked", ExitCode.LOCKED, ExitCode.LOCKED.name)
        record.message = message
        runlog.append(layout.logs, record)
        return int(ExitCode.LOCKED)
    with lock:
        runlog.rotate(layout.logs)
        record = _build_locked(layout, options, timer, say)
        if record.exit_code not in (ExitCode.OK, ExitCode.LOCKED) and options.on_failure:
            record.alert = run_alert(options.on_failure, record, layout)
        runlog.append(layout.logs, record)
    return record.exit_code


def _build_locked(layout: Layout, options: BuildOptions, timer: runlog.RunTimer, say: Reporter) -> runlog.RunRecord:
    record = timer.record
    inputs = fingerprint_inputs(layout.root)
    definitions = fingerprint_definitions(layout.root)
    last = BuildState.load(layout.last_success_file)
    if not options.force and last is not None and last.is_current(layout, inputs):
        record.fingerprint = inputs
        record.mart_rows = last.mart_rows
        record.message = (
            f"nothing changed since run {last.run_id} ({last.published_at}): the live warehouse and pages are "
            "current (use --force to rebuild anyway)"
        )
        say.info(f"budgetwh build: {record.message}\n{where_to_look(layout)}")
        return timer.finish("unchanged", ExitCode.OK, ExitCode.OK.name)

    cand = Candidate(
        run_id=record.run_id, dir=layout.candidates / record.run_id, pages=layout.pages_versions / record.run_id
    )
    cand.dir.mkdir(parents=True)
    record.fingerprint = inputs
    say.info(f"budgetwh build {record.run_id}: candidate {layout.show(cand.db)}")
    save_seeds(layout, cand)
    try:
        fresh_because = reason_to_start_fresh(layout, last, definitions, options)
        if fresh_because:
            say.info(f"  full build: {fresh_because}")
        else:
            with timer.stage("clone") as entry:
                entry.detail = f"{clone_file(layout.live_db, cand.db)} of {layout.show(layout.live_db)}"
            say.info(f"  incremental: {entry.detail}; per-document models add only new documents")
        for name, stage in options.stages.in_order():
            say.info(f"  {name} …")
            with timer.stage(name) as entry:
                entry.detail = stage(layout, cand) or ""
            say.info(f"  {name} ok ({entry.seconds:.1f} s): {entry.detail}")
            if name == "dbt":
                record.mart_rows = mart_row_counts(cand.db)
        with timer.stage("publish") as entry:
            finalize_candidate(cand.db)
            publish(layout, cand)
            entry.detail = f"{layout.show(layout.live_db)} and {layout.show(layout.pages_link)} → {cand.run_id}"
    except BaseException as exc:  # whatever stops the run, the live state stays and the seeds go back
        return _fail(layout, options, timer, say, cand, exc)

    BuildState(
        run_id=record.run_id,
        published_at=runlog.utc_now(),
        inputs=inputs,
        extracted=fingerprint_extracted(layout.extracted),
        live_db=layout.show(layout.live_db),
        live_stat=BuildState.stat_of(layout.live_db),
        pages=layout.show(cand.pages) if cand.pages.is_dir() else "",
        mart_rows=record.mart_rows,
        definitions=definitions,
    ).save(layout.last_success_file)
    keep_artefacts_of_live_build(layout, cand)
    prune_page_versions(layout, options.keep_pages)
    rows = sum(record.mart_rows.values())
    say.info(
        f"budgetwh build: published {layout.show(layout.live_db)} ({len(record.mart_rows)} marts, {rows} rows) "
        f"and {layout.show(layout.pages_link)} → {layout.show(cand.pages)}\n{where_to_look(layout)}"
    )
    return timer.finish("published", ExitCode.OK, ExitCode.OK.name)


def reason_to_start_fresh(layout: Layout, last: BuildState | None, definitions: str, options: BuildOptions) -> str:
    """Why the candidate must start as an empty file, or "" when it may start as a copy of the live one.

    A copy keeps the per-document rows of the incremental models (macros/incremental_by_document.sql), which is
    right only while everything that shapes those rows (models, macros, reference seeds, code, lock file) is what
    built the live file, and the live file is the one that build published."""
    if options.force:
        return "--force"
    if last is None:
        return "no earlier build on record"
    if not last.live_is_ours(layout):
        return f"{layout.show(layout.live_db)} is not the file the last build published"
    if last.definitions != definitions:
        return "models, reference seeds or code changed since the last build"
    return ""


def where_to_look(layout: Layout) -> str:
    artefacts = layout.last_build_artefacts
    return "\n".join(
        [
            f"  query it:  .venv/bin/duckdb -readonly {layout.show(layout.live_db)}",
            f"  pages:     {layout.show(layout.pages_link)}/index.html",
            f"  dbt docs:  {layout.show(artefacts / 'target' / 'index.html')}",
            f"  GX docs:   {layout.show(artefacts / 'gx-docs' / 'index.html')}",
            f"  run log:   {layout.show(layout.logs / runlog.RUNLOG_NAME)}",
        ]
    )


def _fail(
    layout: Layout,
    options: BuildOptions,
    timer: runlog.RunTimer,
    say: Reporter,
    cand: Candidate,
    exc: BaseException,
) -> runlog.RunRecord:
    record = timer.record
    failed_stage = next((s.name for s in reversed(record.stages) if s.status == "failed"), "")
    if isinstance(exc, StageFailed):
        code, message = exc.code, exc.message
        record.checks_failed = exc.checks_failed
    elif isinstance(exc, KeyboardInterrupt | SystemExit):
        code, message = ExitCode.UNEXPECTED, "interrupted (signal); nothing was published"
    else:
        code, message = ExitCode.UNEXPECTED, f"{type(exc).__name__}: {exc}"
        (cand.dir / "traceback.txt").write_text(traceback.format_exc(), encoding="utf-8")
    restored = restore_seeds(layout, cand)
    if cand.pages.exists():  # never published: keep it with the candidate, out of the versions the link may use
        shutil.move(str(cand.pages), str(cand.dir / "pages"))
    (cand.dir / "failure.json").write_text(
        json.dumps({"stage": failed_stage, "exit_code": int(code), "message": message}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    record.message = message
    record.candidate = layout.show(cand.dir)
    prune_candidates(layout, options.keep_failed)
    lines = [
        f"budgetwh build: {code.name} (exit {int(code)}) in stage {failed_stage or 'setup'}: {runlog.redact(message)}",
        f"  nothing was published: {layout.show(layout.live_db)} and {layout.show(layout.pages_link)} are as they were",
        f"  the failed candidate is kept in {layout.show(cand.dir)}/ (newest {options.keep_failed} kept)",
    ]
    if restored:
        lines.append(
            f"  seeds/extracted was put back; what this run extracted is in {layout.show(cand.seeds_extracted)}/"
        )
    lines.append(f"  run log: {layout.show(layout.logs / runlog.RUNLOG_NAME)}")
    say.error("\n".join(lines))
    return timer.finish("failed", int(code), code.name)


def run_alert(command: str, record: runlog.RunRecord, layout: Layout) -> dict[str, object]:
    """The on-failure hook, for alerting: a shell command with the run's outcome in its environment."""
    env = dict(os.environ)
    env.update(
        BUDGETWH_RUN_ID=record.run_id,
        BUDGETWH_EXIT_CODE=str(record.exit_code),
        BUDGETWH_EXIT_NAME=record.exit_name,
        BUDGETWH_MESSAGE=runlog.redact(record.message),
        BUDGETWH_CANDIDATE=record.candidate,
        BUDGETWH_RUNLOG=str(layout.logs / runlog.RUNLOG_NAME),
    )
    try:
        proc = subprocess.run(
            ["/bin/sh", "-c", command],
            cwd=layout.root,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=ALERT_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return {"command": command, "error": f"timed out after {ALERT_TIMEOUT_SECONDS} s"}
    return {"command": command, "exit_code": proc.returncode}
