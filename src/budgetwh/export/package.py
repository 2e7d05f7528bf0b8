"""Write the marts of a warehouse as a Fiscal Data Package: one CSV per mart under data/, and datapackage.json
(Tabular Data Package descriptor with a Table Schema, size and sha256 per resource, plus the fiscal `model`).

The descriptor's `profile` is `tabular-data-package`: frictionless resolves `fiscal-data-package` to a JSON Schema on
the web (and that schema itself requires the tabular profile), so the fiscal part is declared the FDP 0.3 way, by
the `model` section and `profiles: {fiscal, tabular}`, and the package validates offline."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from budgetwh import paths
from budgetwh.export.model import fiscal_model
from budgetwh.export.schema import Mart, add_keys, column_docs, quote_ident, read_marts, table_ref, table_schema

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
PACKAGE_NAME = "budgetwh-marts"
# The project's licence (LICENSE, pyproject.toml). The figures themselves are public disclosures of the agencies
# listed in `sources`.
LICENSES = [
    {"name": "Apache-2.0", "path": "https://www.apache.org/licenses/LICENSE-2.0", "title": "Apache License 2.0"}
]


class ExportError(Exception):
    """The export cannot start with these arguments (no warehouse, no marts, an output that is not ours)."""


@dataclass(frozen=True)
class ExportSummary:
    out_dir: Path
    resources: dict[str, int]  # mart -> rows written
    notes: list[str]  # keys left out because the data breaks them


def open_warehouse(db_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.is_file():
        raise ExportError(f"no warehouse at {db_path}")
    return duckdb.connect(str(db_path), read_only=True)


def write_csv(con: duckdb.DuckDBPyConnection, mart: Mart, path: Path) -> None:
    columns = ", ".join(c.select_expr() for c in mart.columns)
    order = ", ".join(quote_ident(c) for c in mart.primary_key) or "all"
    target = str(path).replace("'", "''")
    con.execute(
        f"copy (select {columns} from {table_ref(mart.name)} order by {order}) to '{target}'"
        " (format csv, header true, delimiter ',', quote '\"', dateformat '%Y-%m-%d')"
    )
    if mart.row_count == 0 and not path.exists():
        path.write_text(",".join(mart.column_names) + "\n", encoding="utf-8")


def file_facts(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return path.stat().st_size, digest.hexdigest()


def resource_descriptor(mart: Mart, folder: Path, docs: dict[str, str]) -> dict:
    relative = f"{DATA_DIR}/{mart.name}.csv"
    size, sha256 = file_facts(folder / relative)
    resource = {
        "name": mart.name,
        "path": relative,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
    }
    if docs.get(""):
        resource["description"] = docs[""]
    resource["schema"] = table_schema(mart, docs)
    return resource


def document_sources(con: duckdb.DuckDBPyConnection, marts: list[Mart]) -> list[dict]:
    """One source per document the warehouse read: agency, year and printed title, with the publisher's URL where
    the registry has one."""
    names = {m.name: m.column_names for m in marts}
    wanted = ("agency_name", "fiscal_year", "title_raw", "file_name", "source_url")
    if not set(wanted) <= set(names.get("dim_documents", [])):
        return []
    rows = con.execute(f"select {', '.join(wanted)} from {table_ref('dim_documents')} order by file_name").fetchall()
    sources = []
    for agency, year, title, file_name, url in rows:
        said = ": ".join(str(part) for part in (", ".join(str(p) for p in (agency, year) if p), title) if part)
        source = {"title": f"{said or file_name} ({file_name})"}
        if url:
            source["path"] = url
        sources.append(source)
    return sources


def fiscal_period(con: duckdb.DuckDBPyConnection, marts: list[Mart]) -> dict | None:
    years = [
        f"select min(fiscal_year) lo, max(fiscal_year) hi from {table_ref(m.name)}"
        for m in marts
        if "fiscal_year" in m.column_names
    ]
    if not years:
        return None
    lo, hi = con.execute(f"select min(lo), max(hi) from ({' union all '.join(years)})").fetchone()
    # A Chinese fiscal year is the calendar year.
    return {"start": f"{lo}-01-01", "end": f"{hi}-12-31"} if lo is not None else None


def package_descriptor(con, marts: list[Mart], folder: Path, created: datetime) -> dict:
    docs = column_docs(paths.project_root() / "models" / "marts" / "_marts__models.yml")
    descriptor = {
        "profile": "tabular-data-package",
        "profiles": {"fiscal": "*", "tabular": "*"},
        "name": PACKAGE_NAME,
        "title": "Chinese public budget disclosures: the budgetwh warehouse marts",
        "description": (
            "Budgets, final accounts, project performance targets and evaluation scores extracted from district "
            "agencies' published disclosures. Money is decimal yuan (万元 × 10000). Every fact row names its "
            "document (dim_documents) and source line."
        ),
        "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": LICENSES,
        "sources": document_sources(con, marts),
        "keywords": ["fiscal", "budget", "final accounts", "performance targets", "China"],
        "countryCode": "CN",
        "granularity": "aggregated",
    }
    period = fiscal_period(con, marts)
    if period:
        descriptor["fiscalPeriod"] = period
    descriptor["resources"] = [resource_descriptor(m, folder, docs.get(m.name, {})) for m in marts]
    descriptor["model"] = fiscal_model(con, marts)
    return descriptor


def check_out_dir(out_dir: Path) -> None:
    """Replace a previous package or fill an empty folder; never overwrite anything else."""
    if out_dir.is_symlink() or out_dir.is_file():
        raise ExportError(f"{out_dir} is a file, not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / DESCRIPTOR).is_file():
        raise ExportError(f"{out_dir} is not empty and holds no {DESCRIPTOR}: refusing to overwrite it")


def write_into(con: duckdb.DuckDBPyConnection, folder: Path, created: datetime) -> ExportSummary:
    marts = read_marts(con)
    if not marts:
        raise ExportError("the warehouse has no marts schema: build it first (budgetwh build or dbt build)")
    notes = add_keys(con, marts)
    (folder / DATA_DIR).mkdir(parents=True)
    for mart in marts:
        write_csv(con, mart, folder / DATA_DIR / f"{mart.name}.csv")
    descriptor = package_descriptor(con, marts, folder, created)
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (folder / DESCRIPTOR).write_text(text, encoding="utf-8")
    return ExportSummary(folder, {m.name: m.row_count for m in marts}, notes)


def write_package(db_path: Path, out_dir: Path, created: datetime | None = None) -> ExportSummary:
    """Export the marts of the warehouse at `db_path` (opened read-only) to `out_dir`, replacing a previous package
    there whole: the package is written beside it and renamed into place."""
    out_dir = Path(out_dir).absolute()
    check_out_dir(out_dir)
    con = open_warehouse(Path(db_path))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.new")
    shutil.rmtree(staged, ignore_errors=True)
    try:
        summary = write_into(con, staged, created or datetime.now(UTC))
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    finally:
        con.close()
    old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staged, out_dir)
    shutil.rmtree(old, ignore_errors=True)
    return ExportSummary(out_dir, summary.resources, summary.notes)
