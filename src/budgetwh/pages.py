"""`budgetwh pages [--db PATH] [--out DIR]`: build the Evidence site (reports/) from one warehouse file.

Evidence 37 reads its sources from `reports/sources/` and always writes `./build` inside the project it runs in. Both
would tie the site to one database and one output folder, and `reports/build` is the symlink that `budgetwh build`
flips to publish. So every build runs in a private work copy of the project (`reports/.pages-work/<id>/`, sharing
`reports/node_modules` through Node's upward module lookup) whose `connection.yaml` points at the given database, and
the finished site is moved to `out_dir`. Two builds never share a work copy, and the live site is only ever
replaced whole.

Evidence logs a failing source query and carries on, so after `npm run sources` every query of
`reports/sources/warehouse/` must have produced its parquet file; `build:strict` then fails on any failing page
query. Either failure raises PagesError (exit 7), with the tail of Evidence's log."""

from __future__ import annotations

import argparse
import fcntl
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from budgetwh import paths
from budgetwh.exitcodes import ExitCode
from budgetwh.site_documents import publish_documents

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
)
LOCK_STAMP = ".budgetwh-package-lock.sha256"  # in node_modules: the lock it was installed from
NPM_CI_TIMEOUT = 1800
STEP_TIMEOUT = 1800
LOG_TAIL_LINES = 40
KEEP_FAILED_LOGS = 5
DOWNLOAD_DIR = "fiscal-data-package"  # the marts as a download: <site>/fiscal-data-package/datapackage.json


class PagesError(Exception):
    """The site could not be built; str() says which step failed and why."""


def reports_dir() -> Path:
    return paths.project_root() / "reports"


def default_out_dir() -> Path:
    return reports_dir() / "build"


def source_queries(reports: Path) -> list[str]:
    return sorted(p.stem for p in (reports / "sources" / SOURCE_NAME).glob("*.sql"))


# ---------------------------------------------------------------------------------------------------------------
# node_modules: installed with `npm ci` only when missing or installed from another package-lock.json


def _lock_digest(reports: Path) -> str:
    return hashlib.sha256((reports / "package-lock.json").read_bytes()).hexdigest()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def node_modules_current(reports: Path) -> bool:
    stamp = reports / "node_modules" / LOCK_STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == _lock_digest(reports)


def ensure_node_modules(reports: Path, env: dict[str, str], log: Path) -> bool:
    """Run `npm ci` when node_modules is missing or stale; True when it ran."""
    with _file_lock(reports / ".pages-work" / "npm-ci.lock"):
        if node_modules_current(reports):
            return False
        _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], reports, env, log, "npm ci", NPM_CI_TIMEOUT)
        (reports / "node_modules" / LOCK_STAMP).write_text(_lock_digest(reports) + "\n", encoding="utf-8")
        return True


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
    write_build_stamp(work, db_path)


def _utc(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))


def write_build_stamp(work: Path, db_path: Path) -> None:
    """Bake the "data as of" line into every page: when the warehouse file was written and when the site is built.
    Written into the work copy only; the committed component says it is a development preview."""
    stamp = work / "components" / "BuildStamp.svelte"
    if not stamp.is_file():
        return
    warehouse = _utc(db_path.stat().st_mtime) if db_path.is_file() else "?"
    text = stamp.read_text(encoding="utf-8")
    start, end = text.index('<p class="stamp"'), text.index("</p>")
    line = (
        '<p class="stamp" data-testid="data-as-of">\n'
        f"\t数据截至 Data as of: {warehouse}（仓库生成 warehouse built）· 站点生成 site built {_utc(time.time())}\n"
    )
    stamp.write_text(text[:start] + line + text[end:], encoding="utf-8")


def write_download(db_path: Path, work: Path) -> None:
    """The marts as a Fiscal Data Package in the work copy's static/, which Evidence serves from the site root."""
    from budgetwh.export import ExportError, write_package

    try:
        write_package(db_path, work / "static" / DOWNLOAD_DIR)
    except ExportError as exc:
        raise PagesError(f"fiscal data package: {exc}") from exc


def build_env() -> dict[str, str]:
    # A stray EVIDENCE_SOURCE__* variable would override connection.yaml and point the site at another database.
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_") and not k.startswith("VITE_")}
    env.update(DO_NOT_TRACK="1", SEND_ANONYMOUS_USAGE_STATS="no", NO_COLOR="1", FORCE_COLOR="0")
    env.setdefault("NODE_OPTIONS", "--max-old-space-size=4096")
    return env


def _tail(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return "\n".join(lines[-LOG_TAIL_LINES:])


def _run(cmd: list[str], cwd: Path, env: dict[str, str], log: Path, step: str, timeout: float) -> None:
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}   (in {cwd})\n")
        out.flush()
        try:
            proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
        except FileNotFoundError as exc:
            raise PagesError(f"{step}: {exc.filename} not found (is Node.js installed?)") from exc
        except subprocess.TimeoutExpired as exc:
            raise PagesError(f"{step} did not finish in {timeout:.0f} s; log: {log}") from exc
    if proc.returncode != 0:
        raise PagesError(f"{step} failed (exit {proc.returncode}); log: {log}\n{_tail(log)}")


def check_sources_rendered(work: Path, expected: list[str], log: Path) -> None:
    manifest_path = work / ".evidence" / "template" / "static" / "data" / "manifest.json"
    try:
        rendered = json.loads(manifest_path.read_text(encoding="utf-8")).get("renderedFiles", {})
    except (OSError, ValueError) as exc:
        raise PagesError(f"npm run sources wrote no readable manifest ({exc}); log: {log}\n{_tail(log)}") from exc
    produced = {Path(p).stem for p in rendered.get(SOURCE_NAME, [])}
    missing = [q for q in expected if q not in produced]
    if missing:
        raise PagesError(
            f"source queries produced no data: {', '.join(missing)} (sources/{SOURCE_NAME}/<name>.sql); "
            f"log: {log}\n{_tail(log)}"
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


def build_site(db_path: Path, out_dir: Path) -> None:
    """Build the static site from the warehouse at `db_path` (opened read-only) into `out_dir`."""
    reports = reports_dir()
    if not (reports / "package.json").is_file():
        raise PagesError(f"no Evidence project at {reports}")
    db_path = Path(db_path).absolute()
    check_database(db_path)
    expected = source_queries(reports)
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
        write_download(db_path, work)
        _run(["npm", "run", "sources"], work, env, log, "npm run sources", STEP_TIMEOUT)
        check_sources_rendered(work, expected, log)
        write_telemetry_settings(work)
        _run(["npm", "run", "build:strict"], work, env, log, "npm run build:strict", STEP_TIMEOUT)
        built = work / "build"
        if not (built / "index.html").is_file():
            raise PagesError(f"build:strict finished without {built / 'index.html'}; log: {log}\n{_tail(log)}")
        publish_documents(db_path, built)
        compress_site(built)
        _replace_dir(built, Path(out_dir))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    os.replace(log, work_root / "last-success.log")  # a failed build's log stays under its own name
    for stale in sorted(work_root.glob("2*.log"))[:-KEEP_FAILED_LOGS]:
        stale.unlink(missing_ok=True)


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
