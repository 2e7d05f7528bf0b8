"""The goals `make bench` compares its figures with: one place (issues 15 and 16 and the ingest goal), each with
the scale it applies at and where its figure is read in a bench report. A goal whose figure the run did not
measure says so ("not measured"), it is never guessed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Goal:
    label: str
    limit: float
    unit: str
    path: tuple[str, ...]  # where the figure sits in the report, scale results under ("scale:<n>", ...)
    higher_is_better: bool = False


TARGETS: dict[str, Goal] = {
    "build_x1_s": Goal("first build of a fresh clone (real documents, pages)", 60, "s", ("fresh_build", "seconds")),
    "full_build_x1000_s": Goal("full build ×1000", 60, "s", ("scale:1000", "build", "seconds")),
    "one_document_x1000_s": Goal("one new document ×1000", 15, "s", ("scale:1000", "one_document", "add", "seconds")),
    "peak_x1000_mb": Goal("peak memory of any stage ×1000", 4096, "MB", ("scale:1000", "build", "peak_mb")),
    "gate_x3000_mb": Goal(
        "quality gate memory ×3000", 2048, "MB", ("scale:3000", "build", "stage_peak_mb", "checkpoint")
    ),
    "suite_s": Goal("make test (whole suite)", 360, "s", ("suite", "seconds")),
    "ingest_x1000_mb_s": Goal("ingest ×1000", 20, "MB/s", ("scale:1000", "ingest", "mb_s"), higher_is_better=True),
    "site_build_x1000_s": Goal("site build ×1000", 600, "s", ("scale:1000", "build", "stage_seconds", "pages")),
    "site_x1000_mb": Goal("site output ×1000", 1024, "MB", ("scale:1000", "site", "output_mb")),
    "first_content_s": Goal(
        "cold page to first content (slowest page, ×1)", 1.5, "s", ("scale:1", "site", "first_content_s")
    ),
    "page_weight_mb": Goal("cold page transferred (heaviest page, ×1)", 8, "MB", ("scale:1", "site", "page_mb")),
    "dashboard_query_ms": Goal(
        "slowest dashboard query (largest scale)", 200, "ms", ("largest", "dashboard", "slowest_ms")
    ),
}


@dataclass(frozen=True)
class Comparison:
    key: str
    goal: Goal
    measured: float | None

    @property
    def ratio(self) -> float | None:
        """Measured ÷ goal (goal ÷ measured when higher is better): at most 1.0 meets the goal."""
        if self.measured is None:
            return None
        if self.goal.higher_is_better:
            return self.goal.limit / self.measured if self.measured else float("inf")
        return self.measured / self.goal.limit

    @property
    def verdict(self) -> str:
        if self.ratio is None:
            return "not measured"
        return "meets" if self.ratio <= 1.0 else "misses"


def figure(report: dict[str, Any], path: tuple[str, ...]) -> float | None:
    """The number at `path` in a bench report, or None when that run did not measure it. "scale:<n>" picks the
    results of scale n, "largest" those of the largest scale measured."""
    node: Any = report
    for step in path:
        if step.startswith("scale:") or step == "largest":
            scales = {r["scale"]: r for r in report.get("results", [])}
            wanted = max(scales, default=None) if step == "largest" else int(step.split(":", 1)[1])
            node = scales.get(wanted)
        elif isinstance(node, dict):
            node = node.get(step)
        else:
            return None
        if node is None:
            return None
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


def compare(report: dict[str, Any], targets: dict[str, Goal] = TARGETS) -> list[Comparison]:
    return [Comparison(key, goal, figure(report, goal.path)) for key, goal in targets.items()]


def render_goals(comparisons: list[Comparison]) -> str:
    rows = [("goal", "measured", "goal", "ratio", "")]
    for c in comparisons:
        sign = "≥" if c.goal.higher_is_better else "≤"
        measured = "—" if c.measured is None else f"{c.measured:,.2f} {c.goal.unit}"
        ratio = "—" if c.ratio is None else f"{c.ratio:.2f}"
        rows.append((c.goal.label, measured, f"{sign} {c.goal.limit:g} {c.goal.unit}", ratio, c.verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i in (0, 4) else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
