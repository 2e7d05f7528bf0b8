"""Which kind of document is this? Decided from content only (never the file name): each layout has markers that
its documents print and the others do not."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from budgetwh.ingest.cells import LabelSet, Row
from budgetwh.ingest.errors import IngestError

UNIT_BUDGET = "unit_budget"
DEPARTMENT_BUDGET = "department_budget"
UNIT_FINAL_ACCOUNTS = "unit_final_accounts"
DEPARTMENT_FINAL_ACCOUNTS = "department_final_accounts"
BUDGETS = (DEPARTMENT_BUDGET, UNIT_BUDGET)
FINAL_ACCOUNTS = (DEPARTMENT_FINAL_ACCOUNTS, UNIT_FINAL_ACCOUNTS)
TARGET_FORMS = "project_performance_targets"
EVALUATION_RESULTS = "performance_evaluation_results"


MARKERS = LabelSet.of(
    "一级指标", "一级目标", "三级指标", "三级目标", "功能分类科目编码", "经济分类科目编码", "评价分值"
)


# A disclosure's own title names its year, scope and kind: 上海市普陀区2025年区级部门预算, 2024年度部门决算.
TITLE_KIND = re.compile(
    r"(?P<year>\d{4})\s*年\s*度?\s*(?:区级|市级|镇级|街道)?\s*(?P<scope>部门|单位)\s*(?P<kind>预算|决算)"
)
_KINDS = {
    ("部门", "预算"): DEPARTMENT_BUDGET,
    ("单位", "预算"): UNIT_BUDGET,
    ("部门", "决算"): DEPARTMENT_FINAL_ACCOUNTS,
    ("单位", "决算"): UNIT_FINAL_ACCOUNTS,
}
TITLE_ROWS = 15  # a title and its header lines sit among the first non-blank lines
# A budget or final-accounts table prints one of these in its header (科目编码 of the classifications, or the
# 预算数 / 决算数 column of the summary tables).
_TABLE_HEADER = re.compile(r"科目编码|预算数|决算数")


def header_rows(rows: list[Row]) -> list[Row]:
    """The first non-blank lines, markers of a converted PDF (<!-- … -->) left out."""
    found = (r for r in rows if not r.is_blank and not r.raw.lstrip().startswith("<!--"))
    return list(islice(found, TITLE_ROWS))


def title_kind(rows: list[Row]) -> tuple[str, re.Match[str], Row] | None:
    """The document kind its title states, with the match and the title row."""
    for row in header_rows(rows):
        match = TITLE_KIND.search(row.raw)
        if match:
            return _KINDS[match["scope"], match["kind"]], match, row
    return None


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

    stated = title_kind(rows)
    if stated is not None and any(r.is_tabular and _TABLE_HEADER.search(r.raw) for r in rows):
        return stated[0]
    if "单位预算" in text and holds_any("功能分类科目编码", "经济分类科目编码"):
        return UNIT_BUDGET
    if "绩效评价结果" in text and holds_any("评价分值"):
        return EVALUATION_RESULTS
    if "绩效目标申报表" in text and holds_any("一级指标", "一级目标") and holds_any("三级指标", "三级目标"):
        return TARGET_FORMS
    raise IngestError(
        file_name,
        "unknown layout: not a budget or final accounts (a title such as 2025年区级部门预算 / 2024年度部门决算 with "
        "科目编码 tables), not performance-target forms "
        "(绩效目标申报表 with a 一级/二级/三级指标 table) and not evaluation results (绩效评价结果 with 评价分值)",
    )
