"""The synthetic 2020 target form: one project per file, personal fields (stand-in names and numbers that must never
leave ingest), 项目总体情况 with its funds in an HTML cell or in rows, then a 一级/二级/三级目标 table with 备注 whose
rows the extraction may push left or right."""

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
from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder, money

HTML_FUNDS = (
    '<p>一、项目总预算：{total}</p> <table style="width: 100%; border-collapse: collapse;"> <tr> '
    '<td style="width: 30%;">二、当年预算：</td> <td style="text-align: right;">{annual}</td> </tr> <tr> '
    '<td>    （一）财政拨款：</td> <td style="text-align: right;">{fiscal}</td> </tr> <tr> '
    '<td>        1. 上级财政拨款：</td> <td style="text-align: right;">0</td> </tr> <tr> '
    '<td>        2. 本级财政安排：</td> <td style="text-align: right;">{fiscal}</td> </tr> <tr> '
    '<td>        3. 下级财政配套：</td> <td style="text-align: right;">0</td> </tr> <tr> '
    '<td>    （二）其他资金：</td> <td style="text-align: right;">{other}</td> </tr> </table>'
)
CHECKBOXES = (
    '<input type="checkbox"/> 一次性项目 <input type="checkbox"/> 经常性项目 <input type="checkbox"/> 中期预算试点项目'
)


def to_2020_labels(rng: random.Random, indicators: list[Indicator]) -> list[Indicator]:
    """Re-label a national-framework indicator list with the 2020 form's wording (产出目标/数量 …, 满意度 alone)."""
    back = {v: k for k, v in vocab.LEVEL2_2020.items()}
    relabelled = []
    for ind in indicators:
        if ind.level2 == "服务对象满意度指标":
            relabelled.append(Indicator("满意度", None, ind.name, ind.target))
            continue
        level2 = back.get(ind.level2 or "", "社会效益")
        level1 = next(l1 for l1, l2s in vocab.LEVEL1_2020.items() if level2 in l2s)
        relabelled.append(Indicator(level1, level2, ind.name, ind.target))
    remarks = ("工作计划", "计划目标", "管理要求", "项目实施方案", "年度工作要点")
    for ind in relabelled:
        ind.remark = rng.choice(remarks)
    return relabelled


FUND_ROWS = (
    ("二、当年预算：", "annual"),
    ("（一）财政拨款：", "fiscal"),
    ("1. 上级财政拨款：", "zero"),
    ("2. 本级财政安排：", "fiscal"),
    ("3. 下级财政配套：", "zero"),
    ("（二）其他资金：", "other"),
)


def render_2020_document(
    doc: DocumentBuilder,
    rng: random.Random,
    project: Project,
    *,
    year: int,
    owner: str,
    contact: str | None,
    phone: str,
) -> None:
    """A whole 2020-style file: one project, personal fields (stand-ins), HTML funds, 一级/二级/三级目标 table."""
    unit = "万元" if rng.random() < 0.15 else "元"

    def amount(value: int) -> str:
        return f"{Decimal(value) / 10000:.2f}" if unit == "万元" else str(value)

    funds = {"total": amount(project.total), "annual": amount(project.annual), "other": "0", "zero": "0"}
    funds["fiscal"] = funds["annual"]
    name_line = _overview(doc, rng, project, year=year, unit=unit, funds=funds, people=(owner, contact, phone))
    _expect_project(doc, project, name_line, unit, funds, (owner, contact, phone))
    _targets(doc, rng, project, name_line, year=year, unit=unit, annual=funds["annual"])


def _overview(
    doc: DocumentBuilder,
    rng: random.Random,
    project: Project,
    *,
    year: int,
    unit: str,
    funds: dict[str, str],
    people: tuple[str, str | None, str],
) -> int:
    """The 项目总体情况 page; returns the line of its 项目名称 row."""
    owner, contact, phone = people
    html = rng.random() < 0.5
    pad = [""] * 15
    doc.add("")
    doc.add("# 财政项目支出绩效目标申报表（项目总体情况）")
    doc.add("")
    doc.add(f"（ {year} 年）")
    doc.add("")
    doc.add("填报单位（盖章）")
    doc.add("")
    doc.add(f"金额单位：{unit}")
    doc.add("")
    name_line = doc.row("项目名称", project.name, *pad[:14])
    doc.row("项目类别", CHECKBOXES, *pad[:14])
    if contact is None:
        doc.row("项目负责人：", owner, "联系人：", f"联系电话：{phone}", *pad[:12])
    else:
        doc.row("项目负责人：", owner, "联系人：", contact, "联系电话：", phone)
    if rng.random() < 0.5:
        doc.row("起始日期：", project.start, "结束日期：", project.end, *pad[:12])
    else:
        doc.row("起始日期：", project.start, "", "结束日期：", project.end)
    doc.row("项目概况", f"<p>{project.goal}</p>", *pad[:14])
    doc.row("项目立项情况", f"<p>必要性：{project.annual_goal}</p>", *pad[:14])
    if html:
        cell = HTML_FUNDS.format(**funds)
        doc.row("项目资金", cell, "", "", *(text for label, key in FUND_ROWS for text in (label, funds[key])))
        for label, key in FUND_ROWS:
            doc.row(label, funds[key], *pad[:14])
    else:
        doc.row("项目资金", f"一、项目总预算：{funds['total']}", "", "", "", "")
        for label, key in FUND_ROWS:
            doc.row("", label, "", funds[key], "", "")
    doc.row("项目相关资源投入和制度建设情况", f"<p>{project.goal}</p>", *pad[:14])
    doc.row("项目总目标", f"<p>{project.goal}</p>", *pad[:14])
    doc.row("年度绩效目标", f"<p>{project.annual_goal}</p>", *pad[:14])
    doc.row("需要说明的其他问题", *pad)
    for line in ("", "填报单位负责人：", "", "填报人：", "", "填报日期：", ""):
        doc.add(line)
    doc.personal.update({owner, phone} | ({contact} if contact else set()))
    return name_line


def _expect_project(
    doc: DocumentBuilder,
    project: Project,
    name_line: int,
    unit: str,
    funds: dict[str, str],
    people: tuple[str, str | None, str],
) -> None:
    owner, contact, phone = people

    def yuan(text: str) -> str:
        return money(Decimal(text) * (10000 if unit == "万元" else 1))

    # what the 2020 form does not print (the total's 财政资金, a carry-over) stays None
    parts = {"total": "total", "annual": "annual", "annual_fiscal": "fiscal", "other": "other"}
    printed = {part: funds[key] for part, key in parts.items()}
    expect_form_project(
        doc,
        source_line=name_line,
        agency_name=doc.document["agency_name"],
        competent_dept_raw=None,
        project=project,
        nature_raw=None,
        category_raw=CHECKBOXES,
        yuan={part: yuan(text) for part, text in printed.items()},
        raw=printed,
        people=(owner[0] + "*", (contact[0] + "*") if contact else None, phone[:3] + "****" + phone[-4:]),
    )


def _targets(
    doc: DocumentBuilder, rng: random.Random, project: Project, name_line: int, *, year: int, unit: str, annual: str
) -> None:
    """The 绩效目标 page (indicator table, 项目构成分解) and the 制度保障 page."""
    doc.add(
        "# 财政项目支出绩效目标申报表（绩效目标）"
        if rng.random() < 0.5
        else "## 财政项目支出绩效目标申报表（绩效目标）"
    )
    doc.add("")
    doc.add(f"（{year} 年）")
    doc.add("")
    doc.add("附件1-2  ")
    doc.add(f"项目名称：{project.name}")
    doc.add("")
    doc.add(f"金额单位：{unit}")
    doc.add("")
    doc.row("项目构成", "主体活动（作业、任务）和对应的详细描述", project.annual_goal, *[""] * 6)
    doc.row("", "一级目标", "二级目标", "三级目标", "目标值", "备注", "", "", "")
    _indicator_rows(doc, rng, project, name_line)
    doc.row("", "项目名称", "项目内容", "项目明细", "明细金额", "单价", "依据", "数量", "依据", "备注")
    doc.row(
        "项目构成分解",
        project.name[:7],
        project.name,
        f"{project.name}_1",
        f"{annual}.00" if unit == "元" else annual,
        f"{annual}.00" if unit == "元" else annual,
        "",
        "1.00",
        "",
        "年度项目",
    )
    doc.row("<b>金额合计</b>", "", "", "", "", "----", "----", "----", "----", "----")
    doc.add("")
    doc.add("## 项目支出绩效目标申报表(制度保障)")
    doc.add("")
    doc.add(f"### ({year} 年)")
    doc.add("")
    doc.row(f"项目名称：{project.name}", "", "", "", "", "")
    doc.row("制度保障", "文件名称", "具体措施", "保障阶段", "", "")
    for system in ("项目管理制度", "预算管理制度", "财务管理制度"):
        doc.row(
            system, "单位内控指南", "严格按照相关管理规定执行", "立项和计划阶段 ✓", "实施阶段 ✓", "收尾和完成阶段 ✓"
        )


def _indicator_rows(doc: DocumentBuilder, rng: random.Random, project: Project, name_line: int) -> None:
    """一级/二级/三级目标 rows, aligned or pushed left or right as the extraction leaves them."""
    state = LabelState()
    previous: Indicator | None = None
    for position, ind in enumerate(project.indicators, start=1):
        new_level1 = previous is None or ind.level1 != previous.level1
        new_level2 = new_level1 or ind.level2 != previous.level2
        print1 = ind.level1 if new_level1 else None
        print2 = ind.level2 if new_level2 else None
        target, remark = ind.target, ind.remark
        shape = rng.random()
        if position == 1:
            cells = ["绩效目标", print1 or "", print2 or "", ind.name, target or "", remark or ""]
        elif target is None or shape < 0.6:
            # aligned: positions are trusted, so a blank target stays blank beside its remark
            cells = ["", print1 or "", print2 or "", ind.name, target or "", remark or ""]
        elif print1 == "满意度":
            cells = ["满意度", ind.name, "", target, "", remark or ""]
        elif print1 is None and print2 is None and shape < 0.8:
            cells = [ind.name, target, "", "", remark or ""]  # pushed left over the merged label cells
        else:
            # labels pushed one column right: the indicator then sits after the name column
            cells = ["", "", print1 or "", print2 or "", ind.name, target, "", remark or ""]
        line = doc.row(*cells)
        printed = state.printed(print1, print2)
        expect_indicator(doc, line, name_line, position, state, printed, ind, target, remark)
        previous = ind
