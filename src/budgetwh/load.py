"""Load the seed CSVs into `raw.<seed>` tables with DuckDB's CSV reader: the scalable alternative to `dbt seed`.

`dbt seed` reads every CSV through agate in Python before dbt-duckdb copies it in, which grows with the rows (the
extracted seeds of a ×1000 corpus hold over a million). This loader creates each table exactly as `dbt seed` would
(schema `raw`, the seed's name, the CSV's column order, the types of the seed properties' `column_types` in
seeds/*.yml) and fills it with the same `COPY … (FORMAT CSV, HEADER TRUE)` statement dbt-duckdb's fast seed path
runs, all in one transaction. The results are ordinary tables, so they survive the atomic swap of the warehouse file
(no views over file paths), and every staging model still reads its seed through `ref()`.

After loading, build without seeds:  dbt build --exclude-resource-type seed  (DBT_ARGS_WITHOUT_SEEDS below).
The seed properties belong to the dbt project (seeds/_extracted__seeds.yml, seeds/_reference__seeds.yml); a seed
column without an explicit type is refused, because letting DuckDB infer it would drop leading zeros from codes."""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

from budgetwh import paths
from budgetwh.exitcodes import ExitCode

SCHEMA = "raw"
DBT_ARGS_WITHOUT_SEEDS = ("--exclude-resource-type", "seed")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_TYPE = re.compile(r"^[a-z]+(?:\(\d+(?:,\s*\d+)?\))?$")


class LoadError(Exception):
    """A seed that cannot be loaded as its properties describe it (the message names the file)."""


@dataclass(frozen=True)
class SeedSpec:
    name: str
    column_types: dict[str, str]


@dataclass
class LoadSummary:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def seed_specs(project_root: Path) -> dict[str, SeedSpec]:
    """Every seed the project's seed properties (seeds/**/*.yml) describe, with its column types."""
    specs: dict[str, SeedSpec] = {}
    for path in sorted((project_root / "seeds").rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for seed in document.get("seeds") or []:
            name = seed["name"]
            config = seed.get("config") or {}
            types = {str(k): str(v).strip().lower() for k, v in (config.get("column_types") or {}).items()}
            if name in specs:
                raise LoadError(f"{path}: seed '{name}' is described twice")
            specs[name] = SeedSpec(name, types)
    if not specs:
        raise LoadError(f"{project_root / 'seeds'}: no seed properties (*.yml with a `seeds:` list) found")
    return specs


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        try:
            return next(csv.reader(handle))
        except StopIteration:
            raise LoadError(f"{path}: empty file, no header row") from None


def _create_sql(spec: SeedSpec, path: Path) -> str:
    columns = _header(path)
    missing = [c for c in columns if c not in spec.column_types]
    if missing:
        raise LoadError(
            f"{path}: column(s) {', '.join(missing)} have no type in the seed properties of '{spec.name}' "
            f"(add them to column_types: an inferred type can drop leading zeros)"
        )
    for column in columns:
        if not _IDENTIFIER.match(column):
            raise LoadError(f"{path}: column name '{column}' is not a plain lower-case identifier")
        if not _TYPE.match(spec.column_types[column]):
            raise LoadError(f"{path}: column '{column}' has an unexpected type '{spec.column_types[column]}'")
    body = ", ".join(f"{column} {spec.column_types[column]}" for column in columns)
    return f"create table {SCHEMA}.{spec.name} ({body})"


def find_seed_files(specs: dict[str, SeedSpec], folders: list[Path]) -> dict[str, Path]:
    """Each described seed's CSV: exactly one of the folders must hold <seed>.csv."""
    found: dict[str, Path] = {}
    for name in specs:
        candidates = [folder / f"{name}.csv" for folder in folders if (folder / f"{name}.csv").is_file()]
        if not candidates:
            raise LoadError(f"seed '{name}': no {name}.csv in {', '.join(str(f) for f in folders)}")
        if len(candidates) > 1:
            raise LoadError(f"seed '{name}': {name}.csv is in more than one folder ({', '.join(map(str, candidates))})")
        found[name] = candidates[0]
    return found


def _drop_existing(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop raw.<name> whatever it is now (dbt seed makes tables; an older build may have left a view)."""
    kinds = connection.execute(
        "select 'table' from duckdb_tables() where database_name = current_database() and schema_name = ? "
        "and table_name = ? union all "
        "select 'view' from duckdb_views() where database_name = current_database() and schema_name = ? "
        "and view_name = ?",
        [SCHEMA, name, SCHEMA, name],
    ).fetchall()
    for (kind,) in kinds:
        connection.execute(f"drop {kind} {SCHEMA}.{name}")


def load_seeds(
    db_path: Path, extracted_dir: Path, reference_dir: Path, *, project_root: Path | None = None
) -> LoadSummary:
    """Replace every raw.<seed> table of db_path with its CSV, in one transaction (all seeds or none)."""
    started = time.perf_counter()
    root = project_root or paths.project_root()
    specs = seed_specs(root)
    files = find_seed_files(specs, [extracted_dir, reference_dir])
    statements = {name: _create_sql(specs[name], path) for name, path in files.items()}
    summary = LoadSummary()
    connection = duckdb.connect(str(db_path))
    try:
        connection.execute("begin transaction")
        connection.execute(f"create schema if not exists {SCHEMA}")
        for name, path in files.items():
            _drop_existing(connection, name)
            connection.execute(statements[name])
            literal = str(path.resolve()).replace("'", "''")
            try:
                connection.execute(f"copy {SCHEMA}.{name} from '{literal}' (format csv, header true, delimiter ',')")
            except duckdb.Error as exc:
                raise LoadError(f"{path}: {str(exc).splitlines()[0]}") from None
            summary.rows[name] = connection.execute(f"select count(*) from {SCHEMA}.{name}").fetchone()[0]
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise
    finally:
        connection.close()
    summary.seconds = time.perf_counter() - started
    return summary


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load",
        help="load the seed CSVs into raw.* with DuckDB's CSV reader (then: dbt build --exclude-resource-type seed)",
    )
    parser.add_argument("--db", type=Path, help="warehouse file (default BUDGETWH_DB or data/warehouse.duckdb)")
    parser.add_argument("--extracted", type=Path, help="extracted seeds folder (default seeds/extracted)")
    parser.add_argument("--reference", type=Path, help="reference seeds folder (default seeds/reference)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = paths.project_root()
    try:
        summary = load_seeds(
            args.db or paths.warehouse_path(root),
            args.extracted or paths.extracted_seeds_dir(root),
            args.reference or paths.reference_seeds_dir(root),
            project_root=root,
        )
    except (LoadError, OSError) as exc:
        print(f"budgetwh load: error: {exc}", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    except duckdb.IOException as exc:
        print(f"budgetwh load: error: {exc}", file=sys.stderr)
        return int(ExitCode.LOCKED)
    rows = ", ".join(f"{n} {name}" for name, n in summary.rows.items())
    print(f"budgetwh load: {rows} ({summary.seconds:.2f}s); now: dbt build {' '.join(DBT_ARGS_WITHOUT_SEEDS)}")
    return int(ExitCode.OK)
