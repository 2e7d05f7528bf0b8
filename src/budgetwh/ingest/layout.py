"""Which kind of document is this? Decided from content only (never the file name): each layout has markers that
its documents print and the others do not."""

from __future__ import annotations

from budgetwh.ingest.cells import LabelSet, Row, squash
from budgetwh.ingest.errors import IngestError

UNIT_BUDGET = "unit_budget"
TARGET_FORMS = "project_performance_targets"
EVALUATION_RESULTS = "performance_evaluation_results"


MARKERS = LabelSet.of(
    "一级指标", "一级目标", "三级指标", "三级目标", "功能分类科目编码", "经济分类科目编码", "评价分值"
)


def detect_layout(rows: list[Row], file_name: str) -> str:
    # the marker cells of the tabular rows (only rows that may hold a marker are squashed)
    cells = set().union(*(r.squashed for r in rows if r.is_tabular and MARKERS.finder.search(r.raw))) - {squash("")}
    text = "\n".join(r.raw for r in rows)
    has_indicator_table = bool(cells & {"一级指标", "一级目标"}) and bool(cells & {"三级指标", "三级目标"})
    if "单位预算" in text and ("功能分类科目编码" in cells or "经济分类科目编码" in cells):
        return UNIT_BUDGET
    if "绩效评价结果" in text and "评价分值" in cells:
        return EVALUATION_RESULTS
    if "绩效目标申报表" in text and has_indicator_table:
        return TARGET_FORMS
    raise IngestError(
        file_name,
        "unknown layout: not a unit budget (单位预算 with 功能分类科目编码 tables), not performance-target forms "
        "(绩效目标申报表 with a 一级/二级/三级指标 table) and not evaluation results (绩效评价结果 with 评价分值)",
    )
