"""`budgetwh pages [--db PATH] [--out DIR]`: build the Evidence site (reports/) from one warehouse file.

Evidence 37 reads its sources from `reports/sources/` and always writes `./build` inside the project it runs in. Both
would tie the site to one database and one output folder, and `reports/build` is the symlink that `budgetwh build`
flips to publish. So every build runs in a private work copy of the project (`reports/.pages-work/<id>/`, sharing
`reports/node_modules` through Node's upward module lookup) whose `connection.yaml` points at the given database, and
the finished site is moved to `out_dir`. Two builds never share a work copy, and the live site is only ever
replaced whole.

The site's compile (`build:strict`, most of the time) does not read the data, so it starts before the data is
there, and holds until it is (budgetwh.pages_process): `start_site` makes the work copy and starts the compile,
`finish_site` writes the data with `npm run sources` in a second work copy, moves it into the first and releases the
compile; `budgetwh build` starts the site before dbt and finishes it once the warehouse is built. The "data as of"
stamp, which names the warehouse's time, is compiled as a placeholder and written into the finished site.

Evidence logs a failing source query and carries on, so after `npm run sources` every query of
`reports/sources/warehouse/` must have produced its parquet file; `build:strict` then fails on any failing page
query. Either failure raises PagesError (exit 7), with the tail of Evidence's log."""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from budgetwh import paths
from budgetwh.exitcodes import ExitCode
from budgetwh.pages_process import (
    VITE_CONFIG,
    PagesError,
    SiteCompile,
    build_env,
    ensure_node_modules,
    run_step,
    tail,
)
from budgetwh.pages_stamp import stamp_site, write_build_stamp
from budgetwh.site_documents import publish_documents

__all__ = ["PagesError", "SiteBuild", "build_env", "build_site", "finish_site", "start_site", "stop_site"]

SOURCE_NAME = "warehouse"
TELEMETRY_OFF = {"send_anonymous_usage_stats": "no"}
# What a work copy needs; everything else in reports/ is installed (node_modules) or generated.
PROJECT_ENTRIES = (
    "package.json",
    "package-lock.json",
    "evidence.plugins.yaml",
    "svelte.config.js",
    "pages",
    "sources",
    "components",
    "partials",
    "static",
    ".evidence/customization",
    VITE_CONFIG,
)
STEP_TIMEOUT = 1800
KEEP_FAILED_LOGS = 5
DOWNLOAD_DIR = "fiscal-data-package"  # the marts as a download: <site>/fiscal-data-package/datapackage.json
TEMPLATE = Path(".evidence") / "template"  # where Evidence builds, inside a work copy


def reports_dir() -> Path:
    return paths.project_root() / "reports"


def default_out_dir() -> Path:
    return reports_dir() / "build"


def source_queries(reports: Path) -> list[str]:
    return sorted(p.stem for p in (reports / "sources" / SOURCE_NAME).glob("*.sql"))


# ---------------------------------------------------------------------------------------------------------------
# The work copy


def connection_yaml(db_path: Path, source_dir: Path) -> str:
    # @evidence-dev/duckdb joins the source folder and `filename`, so an absolute path must be made relative to it.
    relative = os.path.relpath(db_path.resolve(), source_dir.resolve())
    return (
        "# Written by budgetwh pages for this build only.\n"
        f"name: {SOURCE_NAME}\n"
        "type: duckdb\n"
        "options:\n"
        f"  filename: {json.dumps(relative)}\n"
    )


def write_telemetry_settings(project: Path) -> None:
    """Evidence reads evidence.settings.json from the directory it runs in: the project root for `build`,
    .evidence/template for `sources` and the page build. .evidence/template is emptied and refilled by every build
    (the settings file is one of the few it keeps), so write both before each run rather than trust they survived."""
    for folder in (project, project / ".evidence" / "template"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "evidence.settings.json").write_text(
            json.dumps(TELEMETRY_OFF, separators=(",", ":")) + "\n", encoding="utf-8"
        )


def make_work_copy(reports: Path, work: Path, db_path: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    # Node finds reports/node_modules by walking up anyway, but Tailwind's content globs name ../../node_modules
    # from .evidence/template: without this link the site ships without most of its CSS.
    (work / "node_modules").symlink_to(os.path.relpath(reports / "node_modules", work))
    for entry in PROJECT_ENTRIES:
        source = reports / entry
        if source.is_dir():
            shutil.copytree(source, work / entry, ignore=shutil.ignore_patterns("*.parquet"))
        elif source.is_file():
            (work / entry).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / entry)
    source_dir = work / "sources" / SOURCE_NAME
    (source_dir / "connection.yaml").write_text(connection_yaml(db_path, source_dir), encoding="utf-8")
    write_telemetry_settings(work)
    write_build_stamp(work)


def write_download(db_path: Path, work: Path) -> None:
    """The marts as a Fiscal Data Package in the work copy's static/, which Evidence serves from the site root."""
    from budgetwh.export import ExportError, write_package

    try:
        write_package(db_path, work / "static" / DOWNLOAD_DIR)
    except ExportError as exc:
        raise PagesError(f"fiscal data package: {exc}") from exc


def check_sources_rendered(work: Path, expected: list[str], log: Path) -> None:
    manifest_path = work / ".evidence" / "template" / "static" / "data" / "manifest.json"
    try:
        rendered = json.loads(manifest_path.read_text(encoding="utf-8")).get("renderedFiles", {})
    except (OSError, ValueError) as exc:
        raise PagesError(f"npm run sources wrote no readable manifest ({exc}); log: {log}\n{tail(log)}") from exc
    produced = {Path(p).stem for p in rendered.get(SOURCE_NAME, [])}
    missing = [q for q in expected if q not in produced]
    if missing:
        raise PagesError(
            f"source queries produced no data: {', '.join(missing)} (sources/{SOURCE_NAME}/<name>.sql); "
            f"log: {log}\n{tail(log)}"
        )


def check_database(db_path: Path) -> None:
    if not db_path.is_file():
        raise PagesError(f"no warehouse at {db_path}")
    import duckdb

    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise PagesError(f"cannot open {db_path} read-only: {exc}") from exc
    try:
        query = "select schema_name, table_name from duckdb_tables() where schema_name in ('marts', 'reporting')"
        schemas = {row[0] for row in con.execute(query).fetchall()}
    finally:
        con.close()
    if "marts" not in schemas:
        raise PagesError(f"{db_path} has no marts schema: build the warehouse first (dbt build)")
    if "reporting" not in schemas:  # what reports/sources/ selects from (models/reporting/)
        raise PagesError(f"{db_path} has no reporting schema: rebuild the warehouse (dbt build)")


def _replace_dir(built: Path, out_dir: Path) -> None:
    """Put `built` at `out_dir`, replacing a previous site (a folder, or a symlink such as reports/build) whole."""
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.new")
    if staged.exists():
        shutil.rmtree(staged)
    shutil.move(str(built), str(staged))  # a rename when on the same filesystem
    old = None
    if out_dir.is_symlink() or out_dir.is_file():
        out_dir.unlink()
    elif out_dir.is_dir():
        old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
        os.replace(out_dir, old)
    os.replace(staged, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class SiteBuild:
    """One site build under way: its work copy, its log and its compile (started, maybe held for the data)."""

    db_path: Path
    reports: Path
    work: Path
    log: Path
    compile: SiteCompile

    @property
    def data_work(self) -> Path:
        """Where `npm run sources` runs: a second work copy, so the compile's copy only ever gets the finished data."""
        return self.work.with_name(self.work.name + "-data")


def start_site(db_path: Path, reports: Path | None = None) -> SiteBuild:
    """Make a work copy of `reports` (default: the project's) whose connection points at `db_path` (which need not
    exist yet) and start the site's compile in it; the compile holds before it needs the data, until finish_site.
    stop_site ends it either way."""
    reports = reports or reports_dir()
    if not (reports / "package.json").is_file():
        raise PagesError(f"no Evidence project at {reports}")
    db_path = Path(db_path).absolute()
    env = build_env()
    write_telemetry_settings(reports)  # for `npm run dev` in reports/, in case .evidence/template was wiped
    work_root = reports / ".pages-work"
    work_root.mkdir(parents=True, exist_ok=True)
    # A fresh, unique folder per build; its path must not contain ".evidence" (Evidence splits paths on it)
    work = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"), dir=work_root))
    log = work_root / f"{work.name}.log"
    try:
        ensure_node_modules(reports, env, log)
        make_work_copy(reports, work, db_path)
        compile_ = SiteCompile.start(work, env, log)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return SiteBuild(db_path=db_path, reports=reports, work=work, log=log, compile=compile_)


def finish_site(site: SiteBuild, out_dir: Path, readers_may_open: Callable[[], object] = lambda: None) -> None:
    """Once the warehouse at site.db_path is built: its data into the work copy (`npm run sources`, another
    process), the compile released and waited for, then what this process reads from the warehouse itself (the
    download, the documents) and the stamp and the gzip copies, and the site put at `out_dir` whole.

    `readers_may_open` returns when this process may open the warehouse: `budgetwh build` finishes the site while
    its quality gate holds the file open with a configuration of its own, and DuckDB refuses a second connection
    to a file with another one."""
    reports, log, template = site.reports, site.log, site.work / TEMPLATE
    make_work_copy(reports, site.data_work, site.db_path)
    run_step(["npm", "run", "sources"], site.data_work, build_env(), log, "npm run sources", STEP_TIMEOUT)
    check_sources_rendered(site.data_work, source_queries(reports), log)
    (template / "static").mkdir(parents=True, exist_ok=True)
    # static/ and .evidence-queries/ are kept when Evidence refills .evidence/template, so this holds whenever the
    # compile got to that point
    for entry in ("static/data", ".evidence-queries"):
        if (site.data_work / TEMPLATE / entry).exists():
            shutil.rmtree(template / entry, ignore_errors=True)
            os.replace(site.data_work / TEMPLATE / entry, template / entry)
    site.compile.release()
    site.compile.wait(STEP_TIMEOUT)
    built = site.work / "build"
    if not (built / "index.html").is_file():
        raise PagesError(f"build:strict finished without {built / 'index.html'}; log: {log}\n{tail(log)}")
    readers_may_open()
    # no page links to the download, so it goes beside the built site where Evidence would have copied it
    write_download(site.db_path, site.work)
    os.replace(site.work / "static" / DOWNLOAD_DIR, built / DOWNLOAD_DIR)
    stamp_site(built, site.db_path)
    publish_documents(site.db_path, built)
    compress_site(built)
    _replace_dir(built, Path(out_dir))
    os.replace(log, log.with_name("last-success.log"))  # a failed build's log stays under its own name
    for stale in sorted(log.parent.glob("2*.log"))[:-KEEP_FAILED_LOGS]:
        stale.unlink(missing_ok=True)


def stop_site(site: SiteBuild) -> None:
    """End the compile if it still runs and remove the work copies (after finish_site, or instead of it)."""
    site.compile.stop()
    shutil.rmtree(site.work, ignore_errors=True)
    shutil.rmtree(site.data_work, ignore_errors=True)


def build_site(db_path: Path, out_dir: Path) -> None:
    """Build the static site from the warehouse at `db_path` (opened read-only) into `out_dir`: the compile runs
    while `npm run sources` reads the warehouse."""
    check_database(Path(db_path).absolute())
    site = start_site(db_path)
    try:
        finish_site(site, out_dir)
    finally:
        stop_site(site)


# ---------------------------------------------------------------------------------------------------------------
# The site's files written after the SvelteKit build: the documents the pages cite (budgetwh.site_documents), and a
# gzip copy beside each compressible file.

# Compressed beside the original for servers that send `Content-Encoding: gzip` (budgetwh.serve does); parquet is
# compressed already and is read with range requests, which a gzip body cannot answer.
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".arrow", ".txt", ".webmanifest", ".map")
COMPRESS_MIN_BYTES = 1024


def compress_site(site: Path) -> tuple[int, int]:
    """Write `<file>.gz` beside every compressible file; returns (bytes before, bytes after) of those files."""
    before = after = 0
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < COMPRESS_MIN_BYTES:
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9 if len(data) < 4_000_000 else 6, mtime=0)
        if len(packed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)
            before += len(data)
            after += len(packed)
    return before, after


# ---------------------------------------------------------------------------------------------------------------
# CLI


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pages",
        help="build the Evidence site from a warehouse file (exit 7 on failure)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file, opened read-only (default: $BUDGETWH_DB or data/warehouse.duckdb)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to put the site (default: a new version in reports/builds/, then reports/build points at it)",
    )
    parser.set_defaults(func=run)


def publish_site(db_path: Path) -> Path:
    """Build into a new version folder beside the ones `budgetwh build` publishes, then point reports/build at it in
    one rename, so a reader of the site never sees it half-replaced. Returns the version folder."""
    from budgetwh.atomic import flip_symlink

    reports = reports_dir()
    version = reports / "builds" / f"pages-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    build_site(db_path, version)
    flip_symlink(default_out_dir(), version, reports / "builds" / f"legacy-{version.name}")
    return version


def run(args: argparse.Namespace) -> int:
    db = args.db or paths.warehouse_path()
    started = time.monotonic()
    try:
        if args.out:
            build_site(db, args.out)
            out = args.out
        else:
            out = publish_site(db)
    except PagesError as exc:
        print(f"budgetwh pages: {exc}", file=sys.stderr)
        return int(ExitCode.PAGES_FAILURE)
    files = sum(1 for p in Path(out).rglob("*") if p.is_file())
    where = args.out or f"{default_out_dir()} → {out.name}"
    print(f"pages: {where}/index.html ({files} files, {time.monotonic() - started:.0f} s); preview with `make serve`")
    return int(ExitCode.OK)
