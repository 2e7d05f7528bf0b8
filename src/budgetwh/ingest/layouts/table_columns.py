"""What the columns of a table say: each column's header path (a merged header cell spreads over the blank cells to
its right under the same upper cells) and, read from it, whether the column holds labels or amounts, which measure,
phase and year its amounts are, and the halves a table printed side by side falls into (each repeats its label
columns). What each row says is table_rows.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budgetwh.ingest.text.cells import Row, squash

# header words naming a label column (compared folded); 编码/名称 may be part of a longer header
_LABEL_EXACT = frozenset({"项目", "类", "款", "项", "序号", "行次", "栏次", "科目", "单位名称"})
_LABEL_PARTS = ("科目", "编码", "代码", "名称")
CODE_LEVEL = {"类": 0, "款": 1, "项": 2}

# measure from a header word, matched by substring, the most specific first
_MEASURES = (
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("上缴上级", "remittance_to_higher"),
    ("对附属单位补助", "subsidy_to_affiliates"),
    ("附属单位上缴", "affiliated_remittance"),
    ("上级补助", "higher_subsidy"),
    ("事业单位经营", "operating_income"),
    ("经营收入", "operating_income"),
    ("经营支出", "operating_expenditure"),
    ("事业收入", "business_income"),
    ("其他收入", "other_income"),
    ("年初结转", "opening_balance"),
    ("上年结转", "opening_balance"),  # a budget's carry-over from the year before (上年结转 / 上年结转结余)
    ("结转下年", "closing_balance"),
    ("年末结转", "closing_balance"),
    ("结余分配", "surplus_distribution"),
    ("非财政拨款结余", "non_appropriation_surplus"),
    ("因公出国", "outbound_travel"),
    ("公务用车购置及运行", "official_vehicles"),
    ("购置费", "vehicle_purchase"),
    ("运行费", "vehicle_operation"),
    ("运行维护", "vehicle_operation"),
    ("公务接待", "official_reception"),
    ("机关运行经费", "office_operation"),
    ("一般公共预算", "general_public"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("财政拨款", "fiscal_appropriation"),
    ("本年收入", "revenue"),
    ("本年支出", "expenditure"),
)
# header words that say the phase (and not the measure): the measure is then read from the level above
_PHASE_WORDS = (
    ("决算", "final_account"),
    ("调整预算", "adjusted_budget"),
    ("全年预算", "adjusted_budget"),
    ("执行", "execution"),
    ("年初预算", "budget"),
    ("预算数", "budget"),
)


def column_paths(header_rows: Sequence[Row], width: int) -> list[list[str]]:
    """Each column's header path, upper levels first. A header cell covers the blank cells to its right in its row
    that lie under the same upper cells (a merged header is printed at its first column)."""
    paths: list[list[str]] = [[] for _ in range(width)]
    owners: list[tuple[int, ...]] = [() for _ in range(width)]  # the upper cells covering each column
    for level, row in enumerate(header_rows):
        cells = [row.cell(i) for i in range(width)]
        covered: list[int] = [-1] * width
        for column in range(width):
            if cells[column]:
                covered[column] = column
            elif column > 0 and covered[column - 1] >= 0 and owners[column] == owners[column - 1]:
                covered[column] = covered[column - 1]
        for column in range(width):
            if covered[column] >= 0:
                paths[column].append(cells[covered[column]])
        owners = [owner + ((level, covered[column]),) for column, owner in enumerate(owners)]
    return paths


def is_label_path(path: Sequence[str]) -> bool:
    for part in path:
        folded = squash(part)
        if folded in _LABEL_EXACT or folded.endswith("项目") or any(p in folded for p in _LABEL_PARTS):
            return True
    return False


# groups whose 小计 is a table's total (本年支出: 小计 | 基本支出 | 项目支出), not the total of one part of it
_WHOLE_GROUPS = frozenset({"revenue", "expenditure"})


def measure_of(path: tuple[str, ...]) -> str:
    """The measure a column holds, read from its deepest header word that names one; phase words (预算数, 决算数)
    and 小计 defer to the level above (公务用车购置及运行费/小计), except under 本年收入 / 本年支出 where 小计 is the
    total; 合计/总计 say total."""
    if len(path) > 1 and squash(path[-1]) == "小计" and measure_of(path[:-1]) in _WHOLE_GROUPS:
        return "total"
    for part in reversed(path):
        folded = squash(part)
        if folded.endswith(("合计", "总计")):
            return "total"
        for word, measure in _MEASURES:
            if word in folded:
                return measure
    return "total"


# what the header of a table's half may measure: a 基本支出表 printed as a 人员经费 half beside a 公用经费 half
_HALF_MEASURES = frozenset({"personnel", "public", "basic", "project"})


def column_measure(path: tuple[str, ...], halves: bool) -> str:
    """The measure of a column. In a table printed in halves the half's own header (本年收入, 财政拨款支出) says
    which side, not what the column measures, unless it names a part of the spending (人员经费 | 公用经费 halves,
    each column only 金额 under it)."""
    if not halves or len(path) < 2:
        return measure_of(path)
    own = measure_of(path[1:])
    if own == "total" and not any(squash(part).endswith(("合计", "总计")) for part in path[1:]):
        side = measure_of(path[:1])
        if side in _HALF_MEASURES:
            return side
    return own


_YEAR = re.compile(r"(\d{4})\s*年")
# a header naming last year's figure (上年预算数, 上年执行数); 上年结转 is this year's money carried over
_LAST_YEAR = re.compile(r"上一?年度?(?:预算|执行|决算)")


def year_of(texts: Sequence[str], default: int) -> int:
    """The year a column (or a 三公 table's row) names for its figures (2024年预算数 beside 2025年预算数, 上年预算数),
    else the document's."""
    for text in reversed(texts):
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
        if _LAST_YEAR.search(squash(text)):
            return default - 1
    return default


def phase_of(path: tuple[str, ...], default: str) -> str:
    for part in reversed(path):
        folded = squash(part)
        for word, phase in _PHASE_WORDS:
            if word in folded:
                return phase
    return default


@dataclass
class Segment:
    """A half of a table: its label columns and the amount columns that take their labels from them."""

    label_columns: list[int]
    amount_columns: list[int]


def segments_of(label_flags: Sequence[bool]) -> list[Segment]:
    segments: list[Segment] = []
    for column, is_label in enumerate(label_flags):
        if is_label:
            if not segments or segments[-1].amount_columns:
                segments.append(Segment([], []))
            segments[-1].label_columns.append(column)
        else:
            if not segments:
                segments.append(Segment([], []))
            segments[-1].amount_columns.append(column)
    return segments
