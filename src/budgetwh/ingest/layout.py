"""Which kind of document is this? Decided from content only (never the file name): each layout has markers that
its documents print and the others do not."""

from __future__ import annotations

from collections.abc import Iterator

from budgetwh.ingest.cells import LabelSet, Row
from budgetwh.ingest.errors import IngestError

UNIT_BUDGET = "unit_budget"
TARGET_FORMS = "project_performance_targets"
EVALUATION_RESULTS = "performance_evaluation_results"


MARKERS = LabelSet.of(
    "一级指标", "一级目标", "三级指标", "三级目标", "功能分类科目编码", "经济分类科目编码", "评价分值"
)


def _marker_cells(rows: list[Row]) -> Iterator[frozenset[str]]:
    """The squashed cells of the tabular rows that may hold a marker (only those rows are squashed)."""
    for row in rows:
        if row.is_tabular and MARKERS.finder.search(row.raw):
            yield row.squashed


def detect_layout(rows: list[Row], file_name: str, text: str | None = None) -> str:
    """`text` is the rows' lines joined (given when the caller has it). Marker cells are collected only until the
    layout is decided: the first indicator table settles a document of target forms."""
    if text is None:
        text = "\n".join(r.raw for r in rows)
    cells: set[str] = set()
    unseen = _marker_cells(rows)

    def holds_any(*labels: str) -> bool:
        while cells.isdisjoint(labels):
            found = next(unseen, None)
            if found is None:
                return False
            cells.update(found)
        return True

    if "单位预算" in text and holds_any("功能分类科目编码", "经济分类科目编码"):
        return UNIT_BUDGET
    if "绩效评价结果" in text and holds_any("评价分值"):
        return EVALUATION_RESULTS
    if "绩效目标申报表" in text and holds_any("一级指标", "一级目标") and holds_any("三级指标", "三级目标"):
        return TARGET_FORMS
    raise IngestError(
        file_name,
        "unknown layout: not a unit budget (单位预算 with 功能分类科目编码 tables), not performance-target forms "
        "(绩效目标申报表 with a 一级/二级/三级指标 table) and not evaluation results (绩效评价结果 with 评价分值)",
    )
