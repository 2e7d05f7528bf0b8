"""The stages of a build: each takes (Layout, Candidate), works on the candidate only, returns a one-line detail
for the run log and raises StageFailed with the exit code that names what went wrong. Tests swap any of them for a
fake through `Stages`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from budgetwh.build.dbt_once import DOCS_FAILED
from budgetwh.build.layout import Candidate, Layout
from budgetwh.exitcodes import ExitCode

# What every tool the build starts must see, whoever started the build (cron and systemd pass a bare environment).
TOOL_ENVIRONMENT = {
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
}


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


PARTIAL_PARSE = "partial_parse.msgpack"
PARSED_ROOT = "budgetwh-parsed-root.txt"  # beside it: the project folder the saved parse was made in


def reuse_parse(layout: Layout, cand: Candidate) -> bool:
    """Start the candidate's dbt target/ with the parse of the live build, so dbt re-parses only the files that
    changed since (dbt checks each file's checksum, its version, the variables and the connection, and parses
    everything again when any differs). Only a parse made in this project folder is reused: dbt does not compare
    the folder, and the nodes it does not re-parse keep the folder they were read from (a copied project would
    point back at the original). Returns whether a parse was reused."""
    saved = layout.last_build_artefacts / "target"
    cand.dbt_target.mkdir(parents=True, exist_ok=True)
    (cand.dbt_target / PARSED_ROOT).write_text(str(layout.root.resolve()), encoding="utf-8")
    if not (saved / PARTIAL_PARSE).is_file() or not (saved / PARSED_ROOT).is_file():
        return False
    if (saved / PARSED_ROOT).read_text(encoding="utf-8") != str(layout.root.resolve()):
        return False
    shutil.copy2(saved / PARTIAL_PARSE, cand.dbt_target / PARTIAL_PARSE)
    return True


def dbt_environment(layout: Layout, cand: Candidate) -> dict[str, str]:
    """What dbt runs with for a candidate (from the candidate's folder, see _run_dbt). The database is named
    relative to that folder: the connection's settings are part of what dbt compares before it reuses a saved
    parse, so an absolute path, new for every candidate, made every build parse the whole project again (`dbt
    parse` took 10.9 CPU-seconds, 4.0 with the saved parse, dbt's start-up included; measured under load)."""
    return tool_environment(
        BUDGETWH_DB=cand.db.name,
        DBT_TARGET_PATH=str(cand.dbt_target),
        DBT_LOG_PATH=str(cand.dbt_logs),
        DBT_PROFILES_DIR=str(layout.root),
        BUDGETWH_ROOT=str(layout.root),
    )


def _run_dbt(layout: Layout, cand: Candidate, arguments: list[str], log: Path) -> int:
    """`dbt build <arguments>` and then `dbt docs generate`, in one dbt process (budgetwh.build.dbt_once), in the
    candidate's folder, starting from the live build's parse when there is one."""
    reuse_parse(layout, cand)
    with log.open("ab") as out:
        return subprocess.run(
            [sys.executable, "-m", "budgetwh.build.dbt_once", *arguments, "--project-dir", str(layout.root)],
            cwd=cand.dir,
            env=dbt_environment(layout, cand),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        ).returncode


def stage_dbt(layout: Layout, cand: Candidate) -> str:
    """Load the seeds into the candidate with DuckDB's CSV reader (`dbt seed` goes through Python row by row, which
    does not scale: see budgetwh.load), `dbt build` the rest, then the docs site from it, in the same dbt process:
    generating docs opens the database read-write, which must never happen to the live file while analysts hold
    it."""
    from budgetwh.load import DBT_ARGS_WITHOUT_SEEDS, LoadError, load_seeds

    log = cand.dir / "dbt.log"
    try:
        loaded = load_seeds(cand.db, layout.extracted, layout.reference, project_root=layout.root)
    except LoadError as exc:
        raise StageFailed(ExitCode.MODEL_FAILURE, f"loading the seeds failed: {exc}") from exc
    returncode = _run_dbt(layout, cand, list(DBT_ARGS_WITHOUT_SEEDS), log)
    results = dbt_results(cand.dbt_target / "run_results.json")
    failed = [r for r in results if r["status"] in ("error", "fail", "runtime error")]
    if returncode == DOCS_FAILED:
        raise StageFailed(ExitCode.MODEL_FAILURE, f"dbt docs generate failed: {_last_error_line(log)}")
    if returncode != 0:
        if failed:
            names = ", ".join(r["unique_id"] for r in failed[:5]) + (" …" if len(failed) > 5 else "")
            message = (
                f"dbt build failed: {len(failed)} of {len(results)} nodes failed ({names}); see {layout.show(log)}"
            )
        else:
            message = f"dbt build exited {returncode} before running: {_last_error_line(log)}; see {layout.show(log)}"
        raise StageFailed(ExitCode.MODEL_FAILURE, message, [r["unique_id"] for r in failed])
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


class PagesStage:
    """The site. Its compile (most of its time) does not read the data, so `start` runs it beside dbt and the
    quality gate, held before it needs the data (budgetwh.pages.start_site); the stage itself then writes the data
    and lets the compile finish. Called without `start`, it builds the whole site as before. `stop` ends a compile
    that a failed run leaves behind; nothing it built is published unless every stage passed."""

    def __init__(self) -> None:
        self._started: dict[str, object] = {}  # run id → budgetwh.pages.SiteBuild, or the error that stopped it
        self._gate_closed: dict[str, threading.Event] = {}  # run id → set once the gate no longer holds the file

    def start(self, layout: Layout, cand: Candidate) -> None:
        from budgetwh.pages import PagesError, start_site

        try:
            self._started[cand.run_id] = start_site(cand.db, layout.root / "reports")
            self._gate_closed[cand.run_id] = threading.Event()
        except PagesError as exc:  # reported by the stage, after dbt and the gate have had their say
            self._started[cand.run_id] = exc

    def __call__(self, layout: Layout, cand: Candidate) -> str:
        from budgetwh.pages import PagesError, SiteBuild, build_site, finish_site

        site = self._started.get(cand.run_id)
        try:
            if isinstance(site, PagesError):
                raise site
            if isinstance(site, SiteBuild):
                finish_site(site, cand.pages, self._gate_closed[cand.run_id].wait)
            else:
                build_site(cand.db, cand.pages)
        except PagesError as exc:
            raise StageFailed(ExitCode.PAGES_FAILURE, f"pages failed: {exc}") from exc
        files = sum(1 for p in cand.pages.rglob("*") if p.is_file())
        detail = f"{files} files in {layout.show(cand.pages)}"
        if isinstance(site, SiteBuild):  # this stage's seconds count from the gate's start; the compile's from dbt's
            detail += f" (compiled beside dbt and the gate: {time.monotonic() - site.compile.started:.1f} s in all)"
        return detail

    def gate_closed(self, cand: Candidate) -> None:
        """The quality gate has closed its connection to the candidate (passed or not)."""
        if cand.run_id in self._gate_closed:
            self._gate_closed[cand.run_id].set()

    def stop(self, cand: Candidate) -> None:
        from budgetwh.pages import SiteBuild, stop_site

        site = self._started.pop(cand.run_id, None)
        self.gate_closed(cand)  # nobody waits for it any more
        self._gate_closed.pop(cand.run_id, None)
        if isinstance(site, SiteBuild):
            stop_site(site)


@dataclass
class Stages:
    ingest: Stage = stage_ingest
    dbt: Stage = stage_dbt
    checkpoint: Stage = stage_checkpoint
    pages: Stage = field(default_factory=PagesStage)

    def in_order(self) -> list[tuple[str, Stage]]:
        return [("ingest", self.ingest), ("dbt", self.dbt), ("checkpoint", self.checkpoint), ("pages", self.pages)]
