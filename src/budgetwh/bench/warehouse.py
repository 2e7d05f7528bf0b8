"""Facts about built warehouses: whether two hold the same marts, which models grow by document, and what
publishing a candidate of this size costs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import duckdb


def measure_publish(db: Path, work: Path) -> dict[str, Any]:
    """What replacing the live warehouse with a candidate costs at this size: a full copy, a reflink copy (when the
    filesystem shares blocks), and a rename (the candidate is a second file that takes the live name)."""
    size = db.stat().st_size
    out: dict[str, Any] = {"bytes": size}
    copy = work / "publish-copy.duckdb"
    started = time.perf_counter()
    shutil.copyfile(db, copy)
    with open(copy, "rb+") as handle:
        os.fsync(handle.fileno())
    out["copy_s"] = round(time.perf_counter() - started, 3)
    out["copy_gb_s"] = round(size / 1e9 / max(out["copy_s"], 1e-9), 2)
    reflink = work / "publish-reflink.duckdb"
    started = time.perf_counter()
    done = subprocess.run(["cp", "--reflink=always", str(db), str(reflink)], capture_output=True, text=True)
    out["reflink_s"] = round(time.perf_counter() - started, 3) if done.returncode == 0 else None
    out["reflink_note"] = "" if done.returncode == 0 else done.stderr.strip()[:160]
    started = time.perf_counter()
    os.replace(copy, work / "publish-live.duckdb")
    fd = os.open(work, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    out["rename_s"] = round(time.perf_counter() - started, 6)
    for leftover in (work / "publish-live.duckdb", reflink):
        leftover.unlink(missing_ok=True)
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


def incremental_models(root: Path) -> list[str]:
    """The models that grow by document (materialized incremental in models/)."""
    found = []
    for path in sorted((root / "models").rglob("*.sql")):
        if re.search(r"materialized\s*=\s*'incremental'", path.read_text(encoding="utf-8")):
            found.append(path.stem)
    return found
