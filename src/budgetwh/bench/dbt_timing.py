"""What dbt's artefacts say about a build: busy time of models and of tests (run_results.json), and the compiled
model SQL replayed as one plain DuckDB script (what the models cost without dbt)."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb


def union_seconds(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def split_dbt_timing(run_results: Path) -> dict[str, Any]:
    """Busy wall time of models and of tests (union of their execution intervals) from run_results.json."""
    data = json.loads(run_results.read_text(encoding="utf-8"))
    spans: dict[str, list[tuple[float, float]]] = {"model": [], "test": []}
    statuses: dict[str, int] = {}
    for result in data["results"]:
        kind = "test" if result["unique_id"].startswith(("test.", "unit_test.")) else "model"
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
        for step in result.get("timing", []):
            if step.get("name") == "execute" and step.get("started_at") and step.get("completed_at"):
                spans[kind].append(
                    (
                        datetime.fromisoformat(step["started_at"].replace("Z", "+00:00")).timestamp(),
                        datetime.fromisoformat(step["completed_at"].replace("Z", "+00:00")).timestamp(),
                    )
                )
    return {
        "models_s": union_seconds(spans["model"]),
        "tests_s": union_seconds(spans["test"]),
        "busy_s": union_seconds(spans["model"] + spans["test"]),
        "nodes": len(data["results"]),
        "statuses": statuses,
        "elapsed_s": data.get("elapsed_time"),
    }


def plain_sql_script(manifest_path: Path) -> list[tuple[str, str]]:
    """The compiled model SQL of the last dbt run as (name, statement) in dependency order: what the build does
    without dbt (no tests, no contracts, ephemeral models already inlined by the compiler)."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    models = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node.get("compiled_code")
    }
    order: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen or uid not in models:
            return
        seen.add(uid)
        for parent in models[uid]["depends_on"]["nodes"]:
            visit(parent)
        order.append(uid)

    for uid in sorted(models):
        visit(uid)
    statements = []
    for uid in order:
        node = models[uid]
        materialized = node["config"].get("materialized", "view")
        if materialized == "ephemeral":
            continue
        kind = "view" if materialized == "view" else "table"
        relation = f"{node['schema']}.{node.get('alias') or node['name']}"
        statements.append(
            (
                node["name"],
                f"create schema if not exists {node['schema']};\n"
                f"create or replace {kind} {relation} as (\n{node['compiled_code']}\n)",
            )
        )
    return statements


def run_plain_sql(db: Path, statements: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    with duckdb.connect(str(db)) as connection:
        for _, sql in statements:
            connection.execute(sql)
    return time.perf_counter() - started
