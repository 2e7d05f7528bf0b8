"""Synthetic performance-target forms in the shapes the real documents print, each rendered with what ingest must
extract from it, following the placement rules of notes/seed_spec.md (labels recognised by meaning, carried down
until another label is printed):

* the 2023 form of a district agency (many forms in one file, header fields in shifting columns, merged-down
  一级/二级 labels, rows pushed left by the PDF extraction),
* the form printed at the end of a unit budget (项目类别 instead of 项目性质, multi-year totals).

The 2020 single-project form is in synth_2020.py."""

from __future__ import annotations

import random
from decimal import Decimal

from budgetwh.ingest.layouts.target_forms.synth_project import (
    Indicator,
    LabelState,
    Project,
    expect_form_project,
    expect_indicator,
)
from budgetwh.synth.builder import DocumentBuilder, grouped, money


def _funds_text(value: int | None, unit: str, style: str) -> str:
    if value is None:
        return ""
    if unit == "万元":
        return f"{Decimal(value) / 10000:,.2f}"
    return grouped(value, 2) if style == "decimals" else grouped(value)


def _funds_yuan(text: str, unit: str) -> str | None:
    if text == "":
        return None
    value = Decimal(text.replace(",", ""))
    return money(value * 10000 if unit == "万元" else value)


def render_2023_form(
    doc: DocumentBuilder,
    rng: random.Random,
    project: Project,
    *,
    year: int,
    agency_name: str,
    dept_name: str,
    unit: str,
    last_in_document: bool,
) -> None:
    """One 2023-style form (闵行 agency layout)."""
    wide = rng.random() < 0.4  # an extra empty column after labels, as some pages print
    gap = [""] if wide else []
    if rng.random() < 0.3:
        doc.add("")
        doc.row("财政项目支出绩效目标申报表")
        doc.add("")
        doc.add(f"({year}年度)")
        doc.add("")
    else:
        doc.row("财政项目支出绩效目标申报表", *[""] * 5)
        doc.row(f"({year}年度)", *[""] * 5)
    name_line = doc.row(
        "项目名称", project.name, *gap, "项目性质", project.nature or "", "项目类别", project.category or ""
    )
    doc.row("主管部门", dept_name, *gap, "实施单位", agency_name, "")
    doc.row("计划开始日期", project.start, *gap, "计划完成日期", project.end, "")
    style = "decimals"
    colon = rng.choice(("：", ":", ": "))
    head = "项目资金(万元)" if unit == "万元" else rng.choice(("项目资金(元)", "项目资金 (元)"))
    total, annual = _funds_text(project.total, unit, style), _funds_text(project.annual, unit, style)
    carry = _funds_text(project.carryover, unit, style)
    other_blank = rng.random() < 0.05
    other = "" if other_blank else _funds_text(project.other, unit, style)
    annual_other = rng.choice(("0", _funds_text(project.annual_other, unit, style)))
    doc.row(head, "项目资金总额", *gap, total, "年度资金申请总额", *gap, annual)
    doc.row("", f"其中{colon}财政资金", total, f"其中{colon}当年财政拨款", *gap, annual, "")
    doc.row("", "", "", "上年结转资金", *gap, carry, "")
    doc.row("", "其他资金", *gap, other, "其他资金", *gap, annual_other)
    doc.row("项目绩效目标", f"项目总目标 ({year}年 -{year}年)", *gap, "", "年度总体目标", "")
    doc.row("", project.goal, *gap, "", project.annual_goal, "")
    printed = {"total": total, "annual": annual, "fiscal": total, "annual_fiscal": annual, "carryover": carry}
    printed |= {"other": other, "annual_other": annual_other}
    expect_form_project(
        doc,
        source_line=name_line,
        agency_name=agency_name,
        competent_dept_raw=dept_name,
        project=project,
        nature_raw=project.nature,
        category_raw=project.category,
        yuan={part: _funds_yuan(text, unit) for part, text in printed.items()},
        raw={**printed, "carryover": carry or None, "other": other or None},
    )
    marker_on_header = rng.random() < 0.6
    target_head = rng.choice(("年度(/项目)指标值", "年度指标值", "指标目标值"))
    doc.row("绩效指标" if marker_on_header else "", "一级指标", "二级指标", "三级指标", *gap, target_head)
    _render_indicator_rows(doc, rng, project, name_line, gap, marker_on_header, last_in_document)


def _render_indicator_rows(
    doc: DocumentBuilder,
    rng: random.Random,
    project: Project,
    project_line: int,
    gap: list[str],
    marker_on_header: bool,
    last_in_document: bool,
) -> None:
    state = LabelState()
    previous: Indicator | None = None
    count = len(project.indicators)
    for position, indicator in enumerate(project.indicators, start=1):
        target = indicator.target
        if last_in_document and position == count and target is None:
            target = "及时"  # a blank last row would read as a truncated file
        new_level1 = previous is None or indicator.level1 != previous.level1
        new_level2 = new_level1 or indicator.level2 != previous.level2
        print1 = indicator.level1 if new_level1 else None
        print2 = indicator.level2 if new_level2 else None
        if print1 is not None and previous is not None and rng.random() < 0.04:
            # the publisher left the level-1 cell empty at a group change: ingest carries the old one down
            doc.note("level1_not_printed", doc.next_line, level2=print2, carried_level1=state.level1)
            print1 = None
        cells = ["", print1 or "", print2 or "", indicator.name, *gap, target or ""]
        if position == 1 and not marker_on_header:
            cells[0] = rng.choice(("绩效指标", "绩效 指标"))
        elif rng.random() < 0.12:
            # merged cells lost in extraction: the row is pushed left over its empty label columns
            lead = 0
            while lead < 3 and cells[lead] == "":
                lead += 1
            cells = cells[lead:]
        while len(cells) > 2 and cells[-1] == "":
            cells.pop()  # a table row keeps at least one tab, or the extraction would have ended the table
        line = doc.row(*cells)
        printed = state.printed(print1, print2)
        expect_indicator(doc, line, project_line, position, state, printed, indicator, target, None)
        previous = indicator


def render_unit_budget_form(
    doc: DocumentBuilder,
    rng: random.Random,
    project: Project,
    *,
    year: int,
    agency_name: str,
    last_in_document: bool,
) -> None:
    """The form as a unit budget prints it (普陀 layout): 项目类别 carries 经常性项目/一次性项目."""
    doc.add(rng.choice(("# 财政项目支出绩效目标申报表", "## 财政项目支出绩效目标申报表")))
    doc.add("")
    doc.add(f"({year}年度)" + rng.choice(("", "\t\t\t\t")))
    category = "一次性项目" if project.total != project.annual else "经常性项目"
    name_line = doc.row("项目名称", project.name, "项目类别", category, "")
    doc.row("主管部门", agency_name, "实施单位", agency_name, "")
    doc.row("计划开始日期", project.start, "计划完成日期", project.end, "")
    total, annual = grouped(project.total), grouped(project.annual)
    doc.row("项目资金 (元)", "项目资金总额", total, "年度资金申请总额", annual)
    doc.row("", "其中：财政资金", total, "其中：当年财政拨款", annual)
    if category == "一次性项目":
        doc.row("", "其他资金", "", "上年结转资金", "")
    else:
        doc.row("", "", "", "上年结转资金", "")
        doc.row("", "其他资金", "", "其他资金", "")
    doc.row("项目绩效目标", "项目总目标", "", "年度总目标", "")
    doc.row("", f"({project.start[:4]}年 - {project.end[:4]}年)", "", "", "")
    doc.row("", project.goal, "", project.annual_goal, "")
    expect_form_project(
        doc,
        source_line=name_line,
        agency_name=agency_name,
        competent_dept_raw=agency_name,
        project=project,
        nature_raw=None,
        category_raw=category,
        yuan={"total": money(project.total), "annual": money(project.annual)}
        | {"fiscal": money(project.total), "annual_fiscal": money(project.annual)},
        raw={"total": total, "annual": annual, "fiscal": total, "annual_fiscal": annual},
    )
    doc.row("绩效指标", "一级指标", "二级指标", "三级指标", "指标目标值")
    _render_indicator_rows(doc, rng, project, name_line, [], True, last_in_document)
