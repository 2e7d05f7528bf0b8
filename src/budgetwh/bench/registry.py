"""Figures other parts of the project add to `make bench`, without the bench importing them: no import cycle, and
a part that is absent or fails costs one line of the report, not the run.

An extension is a function `fn(context: BenchContext) -> dict` in any module, named here as "module:function". It
returns a JSON-serialisable dict, saved under the extension's name (per scale in that scale's results, else at the
top of build/bench/latest.json). Two optional keys are read by the bench:
  "lines": list[str]  printed under the extension's title;
  "seconds", "peak_mb": float  shown in the scale table beside the build's stages.
A per-scale extension runs after `budgetwh build` has built that scale's corpus, and may read `context.warehouse`
(the published warehouse) and `context.corpus` (raw/, reference/); it writes only under `context.scratch`.
BENCH_SKIP=name,name skips extensions by name."""

from __future__ import annotations

import importlib
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BenchContext:
    root: Path  # this project (the definitions)
    scratch: Path  # a folder of the extension's own, empty at the start
    jobs: int  # the cores the bench is for
    scale: int | None = None  # per-scale extensions: the scale, its corpus and the warehouse built from it
    corpus: Path | None = None
    warehouse: Path | None = None
    project: Path | None = None  # the bench project `budgetwh build` ran on (data/raw, seeds/extracted, logs)
    results: dict[str, Any] = field(default_factory=dict)  # the figures measured so far (this scale's, or all)


@dataclass(frozen=True)
class Extension:
    name: str
    target: str  # "module:function"
    title: str
    per_scale: bool = True
    max_scale: int | None = None  # per-scale extensions: skip larger scales


EXTENSIONS: list[Extension] = [
    Extension("pdf", "budgetwh.bench.pdf:pdf_figures", "PDF → text", per_scale=False),
    Extension("spark_ingest", "budgetwh.bench.engines:bench_ingest", "Spark ingest"),
    Extension("engines_dbt", "budgetwh.bench.engines_dbt:bench_dbt", "dbt on DuckDB and Spark", per_scale=False),
]


def skipped_names() -> set[str]:
    return {name.strip() for name in os.environ.get("BENCH_SKIP", "").split(",") if name.strip()}


def load(target: str) -> Callable[[BenchContext], dict[str, Any]] | str:
    """The function named by "module:function", or why it cannot be had (a sentence)."""
    module_name, _, function_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return f"not measured: {module_name} is not in this project"
        raise
    function = getattr(module, function_name, None)
    return function if callable(function) else f"not measured: {target} is not a function"


def run_extension(extension: Extension, context: BenchContext) -> dict[str, Any]:
    """The extension's figures; an absent one says so, a failing one gives its error (the bench carries on)."""
    if extension.name in skipped_names():
        return {"lines": ["skipped (BENCH_SKIP)"], "skipped": True}
    if extension.per_scale and extension.max_scale is not None and (context.scale or 0) > extension.max_scale:
        return {"lines": [f"not measured above ×{extension.max_scale}"], "skipped": True}
    function = load(extension.target)
    if isinstance(function, str):
        return {"lines": [function], "skipped": True}
    context.scratch.mkdir(parents=True, exist_ok=True)
    try:
        figures = function(context)
    except Exception as exc:  # one extension's failure is a line of the report, not the end of the run
        last = traceback.format_exc().strip().splitlines()[-1]
        return {"error": f"{type(exc).__name__}: {exc}"[:400], "lines": [f"failed: {last[:300]}"]}
    return figures if isinstance(figures, dict) else {"error": f"{extension.target} returned {type(figures).__name__}"}


def run_all(per_scale: bool, context: BenchContext) -> dict[str, dict[str, Any]]:
    found = {}
    for extension in EXTENSIONS:
        if extension.per_scale == per_scale:
            scratch = context.scratch / extension.name
            found[extension.name] = run_extension(extension, replace(context, scratch=scratch))
    return found


def describe(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for extension in EXTENSIONS:
        figures = results.get(extension.name)
        if figures is None:
            continue
        printed = figures.get("lines") or [
            ", ".join(f"{k} {v}" for k, v in figures.items() if not isinstance(v, dict | list))
        ]
        lines.append(f"{extension.title}: {printed[0]}")
        lines.extend(f"  {line}" for line in printed[1:])
    return lines
