"""One build run: take the lock, see whether anything changed, build a candidate (a copy of the live file when
only documents changed, an empty one otherwise), run the stages on it in order, then publish it or put everything
back, and append one line to the run log. The `on_failure` hook runs after a failed run, for alerting."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from budgetwh.atomic import clone_file
from budgetwh.build import runlog
from budgetwh.build.fingerprint import BuildState, fingerprint_definitions, fingerprint_extracted, fingerprint_inputs
from budgetwh.build.layout import Candidate, Layout, new_run_id
from budgetwh.build.lock import BuildLock, Locked, describe_holder
from budgetwh.build.publish import (
    KEEP_FAILED_CANDIDATES,
    KEEP_PAGE_VERSIONS,
    finalize_candidate,
    keep_artefacts_of_live_build,
    mart_row_counts,
    prune_candidates,
    prune_page_versions,
    publish,
    restore_seeds,
    save_seeds,
)
from budgetwh.build.stages import TOOL_ENVIRONMENT, Stage, StageFailed, Stages
from budgetwh.exitcodes import ExitCode

ALERT_TIMEOUT_SECONDS = 120


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
        _run_stages(layout, options.stages, cand, timer, say)
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


def _run_stages(layout: Layout, stages: Stages, cand: Candidate, timer: runlog.RunTimer, say: Reporter) -> None:
    """The stages in order, except the pages. Their compile, which does not read the data, starts once ingest has
    passed and runs beside dbt, held before it needs the data (PagesStage.start); the rest of the pages (the data,
    prerendering) runs while the quality gate does: both only read the finished candidate. Nothing is published
    unless both pass; when the gate fails, the site built beside it is dropped with the candidate and the run log
    names the gate, as when the pages never ran. A compile still running when the run stops is ended."""
    start_pages = getattr(stages.pages, "start", None)
    try:
        for name, stage in stages.in_order():
            if name == "pages":
                continue  # started beside the checkpoint
            say.info(f"  {name} …")
            if name == "checkpoint":
                _checkpoint_beside_pages(layout, stages, cand, timer, say)
                continue
            with timer.stage(name) as entry:
                entry.detail = stage(layout, cand) or ""
            say.info(f"  {name} ok ({entry.seconds:.1f} s): {entry.detail}")
            if name == "ingest" and start_pages is not None:
                start_pages(layout, cand)
                say.info("  pages: compile started (it waits for the data before prerendering)")
            if name == "dbt":
                timer.record.mart_rows = mart_row_counts(cand.db)
    finally:
        _stop_pages(stages, cand)


def _stop_pages(stages: Stages, cand: Candidate) -> None:
    stop = getattr(stages.pages, "stop", None)
    if stop is not None:
        stop(cand)


def _checkpoint_beside_pages(
    layout: Layout, stages: Stages, cand: Candidate, timer: runlog.RunTimer, say: Reporter
) -> None:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pages") as pool:
        pages = pool.submit(_timed, stages.pages, layout, cand)
        try:
            with timer.stage("checkpoint") as entry:
                entry.detail = stages.checkpoint(layout, cand) or ""
        except BaseException:
            _stop_pages(stages, cand)  # the site will not be published: stop compiling it rather than wait
            raise
        finally:
            gate_closed = getattr(stages.pages, "gate_closed", None)
            if gate_closed is not None:  # the pages may now open the candidate themselves
                gate_closed(cand)
        say.info(f"  checkpoint ok ({entry.seconds:.1f} s): {entry.detail}")
        say.info("  pages (started beside the checkpoint) …")
        pages_entry, error = pages.result()
    timer.record.stages.append(pages_entry)
    if error is not None:
        raise error
    say.info(f"  pages ok ({pages_entry.seconds:.1f} s): {pages_entry.detail}")


def _timed(stage: Stage, layout: Layout, cand: Candidate) -> tuple[runlog.StageRecord, BaseException | None]:
    """Runs a stage in a worker thread; its record and its exception come back to be logged in stage order."""
    entry = runlog.StageRecord(name="pages", status="ok", seconds=0.0)
    started = time.monotonic()
    error = None
    try:
        entry.detail = stage(layout, cand) or ""
    except BaseException as exc:  # handed back to the build's thread, which fails the run with it
        entry.status, error = "failed", exc
    entry.seconds = round(time.monotonic() - started, 3)
    return entry, error


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
