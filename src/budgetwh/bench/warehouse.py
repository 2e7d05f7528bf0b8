"""Facts about built warehouses: whether two hold the same marts, which models grow by document, and what
publishing a candidate of this size costs."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import duckdb

from budgetwh.atomic import clone_file, fsync, replace


def measure_publish(db: Path, work: Path) -> dict[str, Any]:
    """What the build's own file operations (budgetwh.atomic) cost at this size: the candidate of an incremental
    build (`clone_file`: a reflink where the filesystem shares blocks, else a copy) and its publication (`replace`:
    a rename over the live name, made durable)."""
    out: dict[str, Any] = {"bytes": db.stat().st_size}
    candidate, live = work / "publish-candidate.duckdb", work / "publish-live.duckdb"
    started = time.perf_counter()
    out["clone"] = clone_file(db, candidate)
    fsync(candidate)
    out["copy_s"] = round(time.perf_counter() - started, 3)
    out["copy_gb_s"] = round(out["bytes"] / 1e9 / max(out["copy_s"], 1e-9), 2)
    started = time.perf_counter()
    replace(candidate, live)
    out["rename_s"] = round(time.perf_counter() - started, 6)
    live.unlink(missing_ok=True)
    return out


def compare_marts(left: Path, right: Path) -> dict[str, int]:
    """Rows of each marts table present in one warehouse and not the other (0 everywhere = identical marts)."""
    differences = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as left_w (read_only)")
        con.execute(f"attach '{right}' as right_w (read_only)")
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = 'right_w' and schema_name = 'marts'"
            ).fetchall()
        ]
        for table in sorted(tables):
            count = 0
            for a, b in (("left_w", "right_w"), ("right_w", "left_w")):
                count += con.execute(
                    f"select count(*) from (select * from {a}.marts.{table} except all select * from {b}.marts.{table})"
                ).fetchone()[0]
            differences[table] = count
    return differences


GROWS_BY_DOCUMENT = r"materialized\s*=\s*(?:'incremental'|by_document_materialization\(\))|per_document_config\("


def incremental_models(root: Path) -> list[str]:
    """The models that grow by document: materialized incremental in models/, directly, through the macro that
    makes them incremental on DuckDB (by_document_materialization; a table on engines that cannot delete rows) or
    through the config every per-document model takes (per_document_config, which calls it)."""
    found = []
    for path in sorted((root / "models").rglob("*.sql")):
        text = path.read_text(encoding="utf-8")
        if re.search(GROWS_BY_DOCUMENT, text):
            found.append(path.stem)
    return found
