"""The bench's printed report: one table of figures by scale (each stage of `budgetwh build` with its seconds and
peak memory, then what the products cost), the growth between scales, and the goals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from budgetwh.bench import registry
from budgetwh.bench.targets import compare, render_goals

STAGES = ("clone", "ingest", "dbt", "checkpoint", "pages", "publish")
Getter = Callable[[dict[str, Any]], Any]


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _dig(result: dict[str, Any], *path: str) -> Any:
    node: Any = result
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
    return node


def _stage_rows(prefix: str, path: tuple[str, ...]) -> list[tuple[str, Getter]]:
    rows: list[tuple[str, Getter]] = [(f"{prefix} s (runs.jsonl seconds)", lambda r: fmt(_dig(r, *path, "seconds")))]
    for stage in STAGES:
        rows.append(
            (
                f"  {stage} s / peak MB",
                lambda r, s=stage: (
                    f"{fmt(_dig(r, *path, 'stage_seconds', s))} / {fmt(_dig(r, *path, 'stage_peak_mb', s), 0)}"
                ),
            )
        )
    rows.append(
        (
            "  dbt stage peak MB: build / dbt / site",
            lambda r: " / ".join(
                fmt(_dig(r, *path, "stage_part_peak_mb", "dbt", part), 0) for part in ("self", "dbt", "site")
            ),
        )
    )
    rows.append((f"{prefix} peak MB (whole build)", lambda r: fmt(_dig(r, *path, "peak_mb"), 0)))
    return rows


def table_rows() -> list[tuple[str, Getter]]:
    return [
        ("documents / MB", lambda r: f"{r['corpus']['documents']} / {r['corpus']['bytes'] / 1e6:.1f}"),
        (
            "projects / indicators / line items",
            lambda r: "{projects} / {indicators} / {line_items}".format(**r["corpus"]),
        ),
        *_stage_rows("full build", ("build",)),
        (
            "ingest MB/s / = manifest",
            lambda r: f"{fmt(_dig(r, 'ingest', 'mb_s'))} / {fmt(_dig(r, 'ingest', 'matches_manifest'))}",
        ),
        (
            "dbt models s / tests s (busy)",
            lambda r: f"{fmt(_dig(r, 'dbt', 'models_s'))} / {fmt(_dig(r, 'dbt', 'tests_s'))}",
        ),
        ("plain SQL s (same models, no dbt)", lambda r: fmt(_dig(r, "plain_sql", "seconds"))),
        ("warehouse MB", lambda r: fmt(r.get("warehouse_mb"), 1)),
        ("slowest dashboard query ms", lambda r: fmt(_dig(r, "dashboard", "slowest_ms"), 1)),
        (
            "dashboard queries over goal / failing",
            lambda r: f"{_dig(r, 'dashboard', 'over_goal')} / {_dig(r, 'dashboard', 'errors')}",
        ),
        (
            "site MB on disk / files",
            lambda r: f"{fmt(_dig(r, 'site', 'output_mb'), 1)} / {fmt(_dig(r, 'site', 'files'))}",
        ),
        ("heaviest cold page MB moved", lambda r: fmt(_dig(r, "site", "page_mb"))),
        ("slowest first content s", lambda r: fmt(_dig(r, "site", "first_content_s"))),
        (
            "quality gate alone s / peak MB",
            lambda r: f"{fmt(_dig(r, 'gate_alone', 'seconds'))} / {fmt(_dig(r, 'gate_alone', 'peak_mb'), 0)}",
        ),
        *_stage_rows("one document added", ("one_document", "add")),
        ("  marts = full build", lambda r: fmt(_dig(r, "one_document", "equal_to_full_build"))),
        ("one document removed s", lambda r: fmt(_dig(r, "one_document", "remove", "seconds"))),
    ]


def render_table(results: list[dict[str, Any]], rows: list[tuple[str, Getter]] | None = None) -> str:
    """Rows of figures, one column per scale; a figure the run did not measure is a dash. A row with no figure at
    any scale is left out."""
    header = ["measure"] + [f"×{r['scale']}" for r in results]
    body = []
    for label, getter in rows or table_rows():
        cells = []
        for r in results:
            try:
                cells.append(getter(r))
            except (KeyError, TypeError, ValueError):
                cells.append("—")
        if any(c.replace("/", "").replace("—", "").replace("None", "").strip() for c in cells):
            body.append([label, *cells])
    widths = [max(len(str(row[i])) for row in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        for row in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


GROWTH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("build", ("build", "seconds")),
    ("ingest", ("build", "stage_seconds", "ingest")),
    ("dbt", ("build", "stage_seconds", "dbt")),
    ("gate", ("build", "stage_seconds", "checkpoint")),
    ("pages", ("build", "stage_seconds", "pages")),
    ("peak memory", ("build", "peak_mb")),
    ("warehouse", ("warehouse_mb",)),
)


def ratios(results: list[dict[str, Any]]) -> list[str]:
    """Growth between consecutive scales, measured in this run (cost ratio next to the data's: equal = linear)."""
    lines = []
    for small, large in zip(results, results[1:], strict=False):
        parts = []
        for label, path in GROWTH:
            a, b = _dig(small, *path), _dig(large, *path)
            parts.append(
                f"{label} ×{b / a:.1f}"
                if isinstance(a, int | float) and a and isinstance(b, int | float)
                else f"{label} —"
            )
        factor = large["scale"] / small["scale"]
        lines.append(f"×{small['scale']} → ×{large['scale']} (data ×{factor:g}): " + ", ".join(parts))
    return lines


def _fresh_line(fresh: dict[str, Any]) -> str:
    peaks = fresh.get("stage_peak_mb", {})
    stages = ", ".join(
        f"{k} {v:.1f} s" + (f" / {peaks[k]:.0f} MB" if k in peaks else "") for k, v in fresh["stage_seconds"].items()
    )
    failed = f"; FAILED: {fresh['error'][:300]}" if "error" in fresh else ""
    return (
        f"first build of a fresh clone ({fresh.get('documents')} documents): {fresh['seconds']} s ({stages}), "
        f"peak {fresh['peak_mb']:.0f} MB{failed}"
    )


def _side_lines(report: dict[str, Any]) -> list[str]:
    """Growth between scales, the extensions' figures, publishing and the suite."""
    results = report["results"]
    lines = list(report["ratios"])
    for result in results:
        lines.extend(f"×{result['scale']} {line}" for line in registry.describe(result.get("extensions", {})))
    lines.extend(registry.describe(report.get("extensions", {})))
    publish = results[-1].get("publish") if results else None
    if publish:
        lines.append(
            f"publish at ×{results[-1]['scale']} ({publish['bytes'] / 1e6:.0f} MB): candidate by {publish['clone']} "
            f"{publish['copy_s']} s, rename {publish['rename_s'] * 1000:.2f} ms"
        )
    suite = report["suite"]
    lines.append(
        f"suite: {suite['seconds']} s, {suite['tests']} tests ({suite['file']}, {suite['finished_at']})"
        if "seconds" in suite
        else f"suite: not measured ({suite['not_measured']})"
    )
    return lines


def render_report(report: dict[str, Any]) -> str:
    """The whole printed report: the fresh clone's build, the table by scale, the side figures, the goals."""
    results = report["results"]
    lines = [_fresh_line(report["fresh_build"]), ""] if report.get("fresh_build") else []
    lines.append(render_table(results) if results else "no scale measured")
    lines.extend(
        f"×{r['scale']} build FAILED: {r['build']['error'][:400]}" for r in results if "error" in r.get("build", {})
    )
    lines += ["", *_side_lines(report), "", render_goals(compare(report))]
    machine = report["machine"]
    lines.append(
        f"\n{machine['cpus']} cpus; load average {machine['load_average_at_start'][0]:.1f} at start, "
        f"{machine['load_average_at_end'][0]:.1f} at end (a shared machine makes every figure noisy)"
    )
    return "\n".join(lines)
