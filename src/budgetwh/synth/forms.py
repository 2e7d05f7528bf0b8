"""Project performance-target forms (财政项目支出绩效目标申报表) in the three shapes the real documents print:

* the 2023 form of a district agency (many forms in one file, header fields in shifting columns, merged-down
  一级/二级 labels, rows pushed left by the PDF extraction),
* the 2020 form (one project, 项目总体情况 with an HTML funds cell, then a 一级/二级/三级目标 table with 备注), and
* the form printed at the end of a unit budget (项目类别 instead of 项目性质, multi-year totals).

Each renderer prints the form and records what ingest must extract, following the placement rules of
notes/seed_spec.md (labels recognised by meaning, carried down until another label is printed)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder, grouped, money

LEVEL1_OF = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "经济成本指标": "成本指标",
}
LEVEL1_ONLY = {"产出指标", "效益指标", "满意度指标", "产出目标", "效果目标", "影响力目标", "满意度"}


@dataclass
class Indicator:
    level1: str  # label as printed at level 1 (2023: 产出指标 …; 2020: 产出目标 …)
    level2: str | None  # label as printed at level 2 (None: the 2020 满意度 rows have none)
    name: str
    target: str | None  # None = blank cell
    remark: str | None = None


@dataclass
class Project:
    name: str
    start: str
    end: str
    total: int  # yuan
    annual: int
    carryover: int | None
    other: int | None
    annual_other: int | None
    nature: str | None
    category: str | None
    indicators: list[Indicator] = field(default_factory=list)
    goal: str = ""
    annual_goal: str = ""


def _target(rng: random.Random, level2: str) -> str | None:
    if rng.random() < 0.03:
        return None
    kind = rng.choice(vocab.TARGET_KINDS.get(level2, ("qualitative",)))
    if rng.random() < 0.25:
        return rng.choice(vocab.TARGET_LITERALS[kind])
    template = rng.choice(vocab.TARGET_TEMPLATES[kind])
    a = rng.randint(1, 11)
    return template.format(
        p=rng.choice((80, 85, 90, 95, 98, 100)),
        n=rng.choice((1, 2, 4, 12, 20, 40, 85, 120, 500, 1360, 6000)),
        d=rng.choice(("12.5", "78.85", "3.2", "508")),
        s=rng.choice((80, 85, 90)),
        h=rng.choice((1, 2, 24, 48)),
        a=a,
        b=a + 1,
        y=rng.randint(2018, 2025),
    )


def _indicator_name(rng: random.Random, level2: str, subject: str) -> str:
    pattern = rng.choice(vocab.INDICATOR_PATTERNS[level2])
    obj = subject if rng.random() < 0.4 else rng.choice(vocab.OBJECTS)
    return pattern.format(o=obj)


def make_indicators(rng: random.Random, count: int, subject: str) -> list[Indicator]:
    """`count` indicators grouped the way the national framework orders them (产出, 效益, 满意度)."""
    output_l2 = ["数量指标", "质量指标", "时效指标"] + (["成本指标"] if rng.random() < 0.5 else [])
    outcome_l2 = ["社会效益指标"] + rng.sample(["经济效益指标", "生态效益指标", "可持续影响指标"], rng.randint(0, 2))
    groups = [("产出指标", l2) for l2 in output_l2] + [("效益指标", l2) for l2 in outcome_l2]
    groups.append(("满意度指标", "服务对象满意度指标"))
    count = max(count, len(groups))
    sizes = [1] * len(groups)
    for _ in range(count - len(groups)):
        sizes[rng.randrange(len(groups))] += 1
    indicators = []
    for (level1, level2), size in zip(groups, sizes, strict=True):
        for _ in range(size):
            indicators.append(Indicator(level1, level2, _indicator_name(rng, level2, subject), _target(rng, level2)))
    return indicators


def prose(rng: random.Random, subject: str, fewest: int, most: int) -> str:
    """A few sentences of the kind that fill 项目概况 and 年度目标 cells (no figures: narratives are parsed)."""
    return "".join(rng.sample(vocab.GOALS, rng.randint(fewest, most))).format(o=subject)


def make_project(rng: random.Random, year: int, indicator_count: int, *, phased_share: float = 0.15) -> Project:
    obj = rng.choice(vocab.OBJECTS)
    name = rng.choice(vocab.PROJECT_PATTERNS).format(o=obj)
    if rng.random() < 0.3:
        name = f"{year}年{name}"
    annual = rng.choice((1, 2, 5, 10)) * rng.randint(3_000, 900_000) * rng.choice((1, 1, 1, 10))
    phased = rng.random() < phased_share
    first, last = (year - rng.randint(0, 2), year + rng.randint(0, 2)) if phased else (year, year)
    total = annual * (last - first + 1) if phased else annual
    return Project(
        name=name,
        start=f"{first}-{rng.choice(('01-01', '01-01', '03-01', '12-01'))}",
        end=f"{last}-12-31",
        total=total,
        annual=annual,
        carryover=0,
        other=0,
        annual_other=0,
        nature="阶段性项目" if phased else "经常性项目",
        category="特定目标类",
        indicators=make_indicators(rng, indicator_count, obj),
        goal=prose(rng, obj, 2, 4),
        annual_goal=prose(rng, obj, 1, 3),
    )


class _LabelState:
    """What ingest carries down: the last level-1 and level-2 labels printed."""

    def __init__(self) -> None:
        self.level1: str | None = None
        self.level2: str | None = None

    def printed(self, level1: str | None, level2: str | None) -> tuple[bool, bool]:
        if level1 is not None and level2 is not None:
            self.level1, self.level2 = level1, level2
            return True, True
        if level1 is not None:
            self.level1, self.level2 = level1, None
            return True, False
        if level2 is not None:
            self.level2 = level2
            return False, True
        return False, False


def _expect_indicator(
    doc: DocumentBuilder,
    line: int,
    project_line: int,
    position: int,
    state: _LabelState,
    printed: tuple,
    indicator: Indicator,
    target: str | None,
    remark: str | None,
) -> None:
    doc.expect(
        "indicators",
        source_line=line,
        project_line=project_line,
        level1_raw=state.level1,
        level2_raw=state.level2,
        indicator_name=indicator.name,
        target_raw=target,
        remark_raw=remark,
        row_position=position,
        level1_is_carried=not printed[0],
        level2_is_carried=not printed[1],
    )


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
    doc.expect(
        "projects",
        source_line=name_line,
        agency_name=agency_name,
        competent_dept_raw=dept_name,
        project_name=project.name,
        project_nature_raw=project.nature,
        project_category_raw=project.category,
        start_date=project.start,
        end_date=project.end,
        total_funds_yuan=_funds_yuan(total, unit),
        annual_funds_yuan=_funds_yuan(annual, unit),
        fiscal_funds_yuan=_funds_yuan(total, unit),
        annual_fiscal_appropriation_yuan=_funds_yuan(annual, unit),
        carryover_yuan=_funds_yuan(carry, unit),
        other_funds_yuan=_funds_yuan(other, unit),
        annual_other_funds_yuan=_funds_yuan(annual_other, unit),
        total_funds_raw=total,
        annual_funds_raw=annual,
        fiscal_funds_raw=total,
        annual_fiscal_appropriation_raw=annual,
        carryover_raw=carry or None,
        other_funds_raw=other or None,
        owner_masked=None,
        contact_masked=None,
        phone_masked=None,
        form_kind="target_form",
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
    state = _LabelState()
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
        _expect_indicator(doc, line, project_line, position, state, printed, indicator, target, None)
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
    doc.expect(
        "projects",
        source_line=name_line,
        agency_name=agency_name,
        competent_dept_raw=agency_name,
        project_name=project.name,
        project_nature_raw=None,
        project_category_raw=category,
        start_date=project.start,
        end_date=project.end,
        total_funds_yuan=money(project.total),
        annual_funds_yuan=money(project.annual),
        fiscal_funds_yuan=money(project.total),
        annual_fiscal_appropriation_yuan=money(project.annual),
        carryover_yuan=None,
        other_funds_yuan=None,
        annual_other_funds_yuan=None,
        total_funds_raw=total,
        annual_funds_raw=annual,
        fiscal_funds_raw=total,
        annual_fiscal_appropriation_raw=annual,
        carryover_raw=None,
        other_funds_raw=None,
        owner_masked=None,
        contact_masked=None,
        phone_masked=None,
        form_kind="target_form",
    )
    doc.row("绩效指标", "一级指标", "二级指标", "三级指标", "指标目标值")
    _render_indicator_rows(doc, rng, project, name_line, [], True, last_in_document)


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

    total, annual = amount(project.total), amount(project.annual)
    fiscal, other = annual, "0"
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
        funds = HTML_FUNDS.format(total=total, annual=annual, fiscal=fiscal, other=other)
        doc.row(
            "项目资金",
            funds,
            "",
            "",
            "二、当年预算：",
            annual,
            "（一）财政拨款：",
            fiscal,
            "1. 上级财政拨款：",
            "0",
            "2. 本级财政安排：",
            fiscal,
            "3. 下级财政配套：",
            "0",
            "（二）其他资金：",
            other,
        )
        for label, value in (
            ("二、当年预算：", annual),
            ("（一）财政拨款：", fiscal),
            ("1. 上级财政拨款：", "0"),
            ("2. 本级财政安排：", fiscal),
            ("3. 下级财政配套：", "0"),
            ("（二）其他资金：", other),
        ):
            doc.row(label, value, *pad[:14])
    else:
        doc.row("项目资金", f"一、项目总预算：{total}", "", "", "", "")
        for label, value in (
            ("二、当年预算：", annual),
            ("（一）财政拨款：", fiscal),
            ("1. 上级财政拨款：", "0"),
            ("2. 本级财政安排：", fiscal),
            ("3. 下级财政配套：", "0"),
            ("（二）其他资金：", other),
        ):
            doc.row("", label, "", value, "", "")
    doc.row("项目相关资源投入和制度建设情况", f"<p>{project.goal}</p>", *pad[:14])
    doc.row("项目总目标", f"<p>{project.goal}</p>", *pad[:14])
    doc.row("年度绩效目标", f"<p>{project.annual_goal}</p>", *pad[:14])
    doc.row("需要说明的其他问题", *pad)
    for line in ("", "填报单位负责人：", "", "填报人：", "", "填报日期：", ""):
        doc.add(line)
    doc.personal.update({owner, phone} | ({contact} if contact else set()))
    masked_phone = phone[:3] + "****" + phone[-4:]

    def yuan(text: str) -> str:
        return money(Decimal(text) * (10000 if unit == "万元" else 1))

    doc.expect(
        "projects",
        source_line=name_line,
        agency_name=doc.document["agency_name"],
        competent_dept_raw=None,
        project_name=project.name,
        project_nature_raw=None,
        project_category_raw=CHECKBOXES,
        start_date=project.start,
        end_date=project.end,
        total_funds_yuan=yuan(total),
        annual_funds_yuan=yuan(annual),
        fiscal_funds_yuan=None,
        annual_fiscal_appropriation_yuan=yuan(fiscal),
        carryover_yuan=None,
        other_funds_yuan=yuan(other),
        annual_other_funds_yuan=None,
        total_funds_raw=total,
        annual_funds_raw=annual,
        fiscal_funds_raw=None,
        annual_fiscal_appropriation_raw=fiscal,
        carryover_raw=None,
        other_funds_raw=other,
        owner_masked=owner[0] + "*",
        contact_masked=(contact[0] + "*") if contact else None,
        phone_masked=masked_phone,
        form_kind="target_form",
    )
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
    state = _LabelState()
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
        _expect_indicator(doc, line, name_line, position, state, printed, ind, target, remark)
        previous = ind
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
