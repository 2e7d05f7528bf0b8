"""Show that two builds give the same warehouse: every seed byte-identical, every mart row-identical.

    .venv/bin/python scripts/compare_builds.py                   # HEAD against the working tree
    .venv/bin/python scripts/compare_builds.py --base 08e897f    # a given commit against the working tree
    .venv/bin/python scripts/compare_builds.py --base A --head B # two commits

Each side is built from scratch in a folder of its own, with its own code, models and raw documents: a commit is
taken out with `git archive` (the repository is only read), the working tree is used where it stands. A build here
is ingest (into the side's folder, never into the tree's seeds/), the loader, then `dbt run` into a DuckDB file of
the side's own. Then:
- seeds: every file ingest wrote (seeds/extracted/*.csv, the converted texts) and every reference seed the build
  loaded, compared byte for byte; a file on one side only is a difference;
- relations: every table and view of the compared schemas (marts, and raw: the seeds as loaded), compared as
  multisets of rows (`except all` both ways) after their column names and types.
Exit 0 when all is identical, 1 with one line per difference otherwise, 2 when a side could not be built."""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
WORKING_TREE = "working-tree"
COMPARED_SCHEMAS = ("marts", "raw")
# What every tool must see, as the build sets it (budgetwh.build.stages.TOOL_ENVIRONMENT).
QUIET = {"DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


class BuildFailed(Exception):
    pass


@dataclass(frozen=True)
class Side:
    """One build: its source tree, and the folder its seeds, database and dbt files go to."""

    name: str
    tree: Path
    out: Path

    @property
    def seeds(self) -> Path:
        return self.out / "seeds"

    @property
    def db(self) -> Path:
        return self.out / "warehouse.duckdb"


def source_tree(repo: Path, rev: str, into: Path) -> Path:
    """The tree of `rev` (or the working tree itself) as a folder; the repository is only read."""
    if rev == WORKING_TREE:
        return repo
    into.mkdir(parents=True)
    archive = into.parent / f"{into.name}.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
    return into


def _run(side: Side, step: str, command: list[str], **env: str) -> None:
    log = side.out / f"{step}.log"
    environment = {**os.environ, **QUIET, "PYTHONPATH": str(side.tree / "src"), "BUDGETWH_ROOT": str(side.tree)}
    with log.open("wb") as out:
        code = subprocess.run(
            command, cwd=side.tree, env={**environment, **env}, stdout=out, stderr=subprocess.STDOUT
        ).returncode
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise BuildFailed(f"{side.name}: {step} exited {code}: {tail[0][:300]} (see {log})")


def build(side: Side) -> None:
    """Ingest, load and `dbt run` one side into its own folder, with its own code."""
    side.out.mkdir(parents=True, exist_ok=True)
    python = [sys.executable, "-m", "budgetwh.cli"]
    extracted = side.seeds / "extracted"
    _run(side, "ingest", [*python, "ingest", "--out", str(extracted), "--jobs", "2"])
    reference = side.tree / "seeds" / "reference"
    _run(
        side,
        "load",
        [*python, "load", "--db", str(side.db), "--extracted", str(extracted), "--reference", str(reference)],
    )
    dbt = str(Path(sys.executable).with_name("dbt"))
    _run(
        side,
        "dbt",
        [dbt, "run", "--project-dir", str(side.tree)],
        BUDGETWH_DB=str(side.db),
        DBT_TARGET_PATH=str(side.out / "target"),
        DBT_LOG_PATH=str(side.out / "logs"),
        DBT_PROFILES_DIR=str(side.tree),
    )


def seed_files(side: Side) -> dict[str, Path]:
    """Every seed file of a build by its name: what ingest wrote, and the reference seeds it read."""
    files = {f"seeds/{p.relative_to(side.seeds).as_posix()}": p for p in side.seeds.rglob("*") if p.is_file()}
    reference = side.tree / "seeds" / "reference"
    files.update({f"seeds/reference/{p.name}": p for p in sorted(reference.glob("*.csv"))})
    return files


def compare_files(base: dict[str, Path], head: dict[str, Path]) -> list[str]:
    """One line per file that differs in its bytes or stands on one side only."""
    problems = [f"{name}: only in base" for name in sorted(base.keys() - head.keys())]
    problems += [f"{name}: only in head" for name in sorted(head.keys() - base.keys())]
    problems += [
        f"{name}: bytes differ"
        for name in sorted(base.keys() & head.keys())
        if not filecmp.cmp(base[name], head[name], shallow=False)
    ]
    return problems


def _relations(con: duckdb.DuckDBPyConnection, catalog: str, schemas: tuple[str, ...]) -> dict[str, list[tuple]]:
    """schema.table → its (column, type) list, in column order."""
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema in (select unnest(?)) order by table_schema, table_name, "
        "ordinal_position",
        [catalog, list(schemas)],
    ).fetchall()
    found: dict[str, list[tuple]] = {}
    for schema, table, column, data_type in rows:
        found.setdefault(f"{schema}.{table}", []).append((column, data_type))
    return found


def compare_databases(
    base_db: Path, head_db: Path, schemas: tuple[str, ...] = COMPARED_SCHEMAS
) -> tuple[list[str], int]:
    """One line per relation that differs (only on one side, other columns, other rows) and how many relations
    were compared. Rows are compared as multisets: a duplicated row counts twice."""
    con = duckdb.connect()
    con.execute(f"attach '{base_db}' as base (read_only)")
    con.execute(f"attach '{head_db}' as head (read_only)")
    base, head = _relations(con, "base", schemas), _relations(con, "head", schemas)
    problems = [f"{name}: only in base" for name in sorted(base.keys() - head.keys())]
    problems += [f"{name}: only in head" for name in sorted(head.keys() - base.keys())]
    for name in sorted(base.keys() & head.keys()):
        if base[name] != head[name]:
            problems.append(f"{name}: columns differ: {base[name]} vs {head[name]}")
            continue
        only_base, only_head = (
            con.execute(
                f"select count(*) from (select * from {a}.{name} except all select * from {b}.{name})"
            ).fetchone()[0]
            for a, b in (("base", "head"), ("head", "base"))
        )
        if only_base or only_head:
            problems.append(f"{name}: {only_base} rows only in base, {only_head} rows only in head")
    con.close()
    return problems, len(base.keys() & head.keys())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="a commit (default HEAD)")
    parser.add_argument("--head", default=WORKING_TREE, help=f"a commit, or {WORKING_TREE} (the default)")
    parser.add_argument(
        "--schemas", default=",".join(COMPARED_SCHEMAS), help="schemas compared row for row (default: %(default)s)"
    )
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as temporary:
        work = args.keep or Path(temporary)
        sides = [
            Side(
                name=f"{label} ({rev})", tree=source_tree(ROOT, rev, work / label / "tree"), out=work / label / "build"
            )
            for label, rev in (("base", args.base), ("head", args.head))
        ]
        try:
            for side in sides:
                build(side)
        except (BuildFailed, subprocess.CalledProcessError) as exc:
            print(f"compare_builds: {exc}", file=sys.stderr)
            return 2
        base, head = sides
        files = seed_files(base)
        file_problems = compare_files(files, seed_files(head))
        schemas = tuple(args.schemas.split(","))
        db_problems, relations = compare_databases(base.db, head.db, schemas)
    for problem in file_problems + db_problems:
        print(problem)
    verdict = "identical" if not (file_problems or db_problems) else "DIFFERENT"
    print(
        f"{base.name} vs {head.name}: {verdict}: {len(files)} seed files byte for byte, {relations} relations of "
        f"{', '.join(schemas)} row for row"
    )
    return 0 if verdict == "identical" else 1


if __name__ == "__main__":
    sys.exit(main())
