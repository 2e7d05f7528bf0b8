"""Synthetic 部门预算 / 单位预算 of 2023–2026 in the layout the PDF converter gives the real ones: the title lines that
identify the document, the 编制说明 narrative (totals and every 项 with its change against last year's budget), the
nine standard tables in 元 (三公 in 万元), empty 政府性基金 / 国有资本经营 tables with their note."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from budgetwh.synth import subjects, vocab
from budgetwh.synth.blocks import Block, Column, Heading, Key, PageBreak, Para, Table, wan2
from budgetwh.synth.builder import money
from budgetwh.synth.finance import YearFinances

TOTAL = Key("合计", level="total")
REASONS_UP = ("工作任务增加", "项目调整", "人员经费标准调整", "新增专项工作")
REASONS_DOWN = ("项目调整", "压减一般性支出", "部分项目完成", "人员变动")


def _yuan(value: int) -> str:
    return f"{value:,}"


def _wan_short(value: int) -> str:
    """A 三公 figure as the table prints it: 万元, trailing zeros dropped (25, 1.35, 0)."""
    text = f"{wan2(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _change(current: int, prior: int, year: int, *, slip: bool = False) -> tuple[str, dict[str, Any]]:
    """`比2024年预算增加12.30万元，增长5.10%` and the figures it states: the change of the yuan figures in 万元 and as
    a percentage, both rounded half-up; `slip` prints the percentage one point off."""
    delta = wan2(current - prior)
    if delta == 0:
        return f"比{year - 1}年预算持平", {"stated_change_yuan": "0.00", "compare_fiscal_year": year - 1}
    verb, trend = ("增加", "增长") if delta > 0 else ("减少", "下降")
    text = f"比{year - 1}年预算{verb}{abs(delta):,.2f}万元"
    figures: dict[str, Any] = {"stated_change_yuan": money(abs(delta) * 10000), "compare_fiscal_year": year - 1}
    if prior:
        pct = (Decimal(abs(current - prior)) / prior * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        pct += 1 if slip else 0
        text += f"，{trend}{pct}%"
        figures["stated_change_pct"] = f"{pct}"
    return text, figures


def _item_phrase(path: tuple[str, ...], year: int) -> str:
    names = [subjects.name(path[:d]) for d in (1, 2, 3)]
    if year >= 2025:
        return f"“{'-'.join(names)}”科目"
    return f"“{names[0]}（类）{names[1]}（款）{names[2]}（项）”"


def narrative(
    fin: YearFinances, prior: YearFinances, *, scope: str, agency_name: str, rng: random.Random
) -> tuple[list[Block], list[dict[str, Any]]]:
    """The 编制说明 paragraphs, and the stated percentages printed wrong on purpose."""
    notes: list[dict[str, Any]] = []
    year = fin.year
    total, prior_total = wan2(fin.total), wan2(prior.total)
    change, change_figures = _change(fin.total, prior.total, year)
    blocks: list[Block] = [
        Heading(f"{year}年{scope}预算编制说明"),
        Para(
            f"{year}年，{agency_name}收入预算{total:,.2f}万元，其中：财政拨款收入{total:,.2f}万元，{change}；"
            "事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
            ({"amount_yuan": money(total * 10000), **change_figures},),
        ),
        Para(
            f"支出预算{total:,.2f}万元，其中：财政拨款支出预算{total:,.2f}万元，{change}。财政拨款支出预算中，"
            f"一般公共预算拨款支出预算{total:,.2f}万元，{change}；政府性基金拨款支出预算0万元，比{year - 1}年预算持平；"
            f"国有资本经营预算拨款支出预算0万元，比{year - 1}年预算持平。"
        ),
        Para(
            f"财政拨款收入支出{'增加' if total >= prior_total else '减少'}的主要原因是"
            f"{rng.choice(REASONS_UP if total >= prior_total else REASONS_DOWN)}。"
        ),
        Para("财政拨款支出主要内容如下："),
    ]
    for number, path in enumerate(fin.items, start=1):
        amount = wan2(fin.item_total(path))
        text = f"{number}. {_item_phrase(path, year)}{amount:,.2f}万元，主要用于{subjects.name(path)}。"
        figures: dict[str, Any] = {"amount_yuan": money(amount * 10000), "codes": list(path)}
        if path in prior.items:
            slip = rng.random() < 0.04
            stated, change_figures = _change(fin.item_total(path), prior.item_total(path), year, slip=slip)
            if slip and "stated_change_pct" in change_figures:
                notes.append(
                    {
                        "kind": "item_change_pct_disagrees",
                        "codes": list(path),
                        "stated": change_figures["stated_change_pct"],
                    }
                )
            reasons = REASONS_UP if amount >= wan2(prior.item_total(path)) else REASONS_DOWN
            text += f"{stated}。主要原因是：{rng.choice(reasons)}。"
            figures.update(change_figures)
        else:
            text += f"{year}年新增预算。"
        blocks.append(Para(text, (figures,)))
    return blocks, notes


def _code_table(title: str, kind: str, group: str, columns: tuple[str, ...], prep: list[str]) -> Table:
    width = 4 + len(columns)
    header = [
        ["项目", "", "", "", group, *[""] * (len(columns) - 1)],
        ["功能分类科目编码", "", "", "功能分类科目名称", *columns],
        ["类", "款", "项", *[""] * (width - 3)],
    ]
    return Table(
        title, kind, "元", prep, header, {4 + i: Column(f"{group}/{c}", "budget") for i, c in enumerate(columns)}
    )


def _fill_code_table(table: Table, fin: YearFinances, value) -> None:
    rows = subjects.hierarchy(fin.items, value)
    for path, values in rows:
        key = Key(subjects.name(path), subjects.codes(path), subjects.level(path))
        table.add([*subjects.code_cells(path), subjects.name(path), *(_yuan(v) for v in values)], key)
    totals = [sum(v[i] for p, v in rows if len(p) == 1) for i in range(len(rows[0][1]))]
    table.add(["合计", "", "", "", *(_yuan(v) for v in totals)], TOTAL)


def _empty_table(title: str, kind: str, group: str, prep: list[str], note: str) -> Table:
    table = _code_table(title, kind, group, ("合计", "基本支出", "项目支出"), prep)
    table.rows.clear()
    table.add(["合计", *[""] * (table.width - 1)], TOTAL)
    table.notes.append(note)
    return table


def _financial_summary(prefix: str, prep: list[str], classes: list[tuple[tuple[str, ...], int]], total: int) -> Table:
    """财务收支预算总表: sources of income on the left half, spending per 类 on the right."""
    summary = Table(
        f"{prefix}财务收支预算总表",
        "financial_summary",
        "元",
        prep,
        [["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"]],
        {1: Column("本年收入/预算数", "budget"), 3: Column("本年支出/预算数", "budget")},
    )
    income = [("一、财政拨款收入", total), ("1. 一般公共预算资金", total), ("2. 政府性基金", None)]
    income += [
        ("3. 国有资本经营预算", None),
        ("二、事业收入", None),
        ("三、事业单位经营收入", None),
        ("四、其他收入", None),
    ]
    for index in range(max(len(income), len(classes))):
        left = income[index] if index < len(income) else ("", None)
        right = classes[index] if index < len(classes) else None
        right_label = f"{subjects.numeral(index + 1)}、{subjects.name(right[0])}" if right else ""
        summary.add(
            [left[0], _yuan(left[1]) if left[1] is not None else "", right_label, _yuan(right[1]) if right else ""],
            {1: Key(left[0]), 3: Key(right_label)},
        )
    summary.add(
        ["收入总计", _yuan(total), "支出总计", _yuan(total)],
        {1: Key("收入总计", level="total"), 3: Key("支出总计", level="total")},
    )

    return summary


def _appropriation(prefix: str, prep: list[str], classes: list[tuple[tuple[str, ...], int]], total: int) -> Table:
    """财政拨款收支预算总表: the three kinds of appropriation on the left, spending per 类 by kind on the right."""
    appropriation = Table(
        f"{prefix}财政拨款收支预算总表",
        "appropriation_summary",
        "元",
        prep,
        [
            ["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
            ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        ],
        {
            1: Column("财政拨款收入/预算数", "budget"),
            3: Column("财政拨款支出/合计", "budget"),
            4: Column("财政拨款支出/一般公共预算", "budget"),
            5: Column("财政拨款支出/政府性基金预算", "budget"),
            6: Column("财政拨款支出/国有资本经营预算", "budget"),
        },
    )
    sources = [("一、一般公共预算资金", total), ("二、政府性基金", None), ("三、国有资本经营预算", None)]
    for index in range(max(len(sources), len(classes))):
        left = sources[index] if index < len(sources) else ("", None)
        right = classes[index] if index < len(classes) else None
        label = f"{subjects.numeral(index + 1)}、{subjects.name(right[0])}" if right else ""
        amounts = [_yuan(right[1]), _yuan(right[1]), "", ""] if right else ["", "", "", ""]
        appropriation.add(
            [left[0], _yuan(left[1]) if left[1] is not None else "", label, *amounts],
            {1: Key(left[0]), **dict.fromkeys((3, 4, 5, 6), Key(label))},
        )
    appropriation.add(
        ["收入总计", _yuan(total), "支出总计", _yuan(total), _yuan(total), "", ""],
        {1: Key("收入总计", level="total"), **dict.fromkeys((3, 4, 5, 6), Key("支出总计", level="total"))},
    )

    return appropriation


def tables(fin: YearFinances, *, scope: str, agency_name: str, rng: random.Random) -> list[Table]:
    year = fin.year
    prefix = f"{year}年{'部门' if scope == '部门' else '预算单位'}"
    prep = [f"编制{scope if scope == '部门' else '单位'}：{agency_name}", "单位：元"]
    classes = subjects.hierarchy(fin.items, lambda p: (fin.item_total(p),))
    classes = [(p, v[0]) for p, v in classes if len(p) == 1]
    total = fin.total

    summary = _financial_summary(prefix, prep, classes, total)
    revenue = _code_table(
        f"{prefix}收入预算总表",
        "revenue",
        "收入预算",
        ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"),
        prep,
    )
    _fill_code_table(revenue, fin, lambda p: (fin.item_total(p), fin.item_total(p), 0, 0, 0))
    expenditure = _code_table(
        f"{prefix}支出预算总表", "expenditure", "支出预算", ("合计", "基本支出", "项目支出"), prep
    )
    _fill_code_table(expenditure, fin, lambda p: (fin.item_total(p), *fin.items[p]))

    appropriation = _appropriation(prefix, prep, classes, total)
    general = _code_table(
        f"{prefix}一般公共预算支出功能分类预算表",
        "general_public_functional",
        "一般公共预算支出",
        ("合计", "基本支出", "项目支出"),
        prep,
    )
    _fill_code_table(general, fin, lambda p: (fin.item_total(p), *fin.items[p]))
    empty_note = "注:本{scope}{year}年无{what}财政拨款安排的预算，故本表为空表。"
    fund = _empty_table(
        f"{prefix}政府性基金预算支出功能分类预算表",
        "gov_fund_functional",
        "政府性基金预算支出",
        prep,
        empty_note.format(scope=scope, year=year, what="政府性基金预算"),
    )
    capital = _empty_table(
        f"{prefix}国有资本经营预算支出功能分类预算表",
        "state_capital_functional",
        "国有资本经营预算支出",
        prep,
        empty_note.format(scope=scope, year=year, what="国有资本经营预算"),
    )
    return [summary, revenue, expenditure, appropriation, general, fund, capital, _economic(fin, prefix, prep, rng)]


def _economic(fin: YearFinances, prefix: str, prep: list[str], rng: random.Random) -> Table:
    group = "一般公共预算基本支出"
    table = Table(
        f"{prefix}一般公共预算基本支出部门预算经济分类预算表",
        "basic_economic",
        "元",
        prep,
        [
            ["项目", "", "", group, "", ""],
            ["部门预算经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"],
            ["类", "款", "", "", "", ""],
        ],
        {
            3: Column(f"{group}/合计", "budget"),
            4: Column(f"{group}/人员经费", "budget"),
            5: Column(f"{group}/公用经费", "budget"),
        },
        heading=False,
    )
    names = {**vocab.ECONOMIC_PERSONNEL, **vocab.ECONOMIC_PUBLIC}
    sums: dict[tuple[str, ...], int] = {}
    for path, value in fin.economic.items():
        sums[path[:1]] = sums.get(path[:1], 0) + value
        sums[path] = value
    # some publishers print a 款 code without its leading zero (2 for 02)
    unpadded = rng.random() < 0.2
    personnel = public = 0
    for path in sorted(sums):
        value = sums[path]
        is_personnel = path[0] in ("301", "303")
        kind_cell = path[1] if len(path) > 1 else ""
        if unpadded and kind_cell.startswith("0"):
            kind_cell = kind_cell[1:]
        key = Key(
            names[path], (path[0], path[1] if len(path) > 1 else None, None), "kind" if len(path) > 1 else "class"
        )
        table.add(
            [
                path[0],
                kind_cell,
                names[path],
                _yuan(value),
                _yuan(value if is_personnel else 0),
                _yuan(0 if is_personnel else value),
            ],
            key,
        )
        if len(path) == 1:
            personnel += value if is_personnel else 0
            public += 0 if is_personnel else value
    table.add(["合计", "", "", _yuan(personnel + public), _yuan(personnel), _yuan(public)], TOTAL)
    return table


def three_public(fin: YearFinances, *, scope: str, agency_name: str) -> Table:
    year = fin.year
    outbound, reception, purchase, operation = fin.three_public
    group, office = f"{year}年“三公”经费预算数", f"{year}年机关运行经费预算数"
    table = Table(
        f"{year}年{'部门' if scope == '部门' else '单位'}“三公”经费和机关运行经费预算表",
        "three_public",
        "万元",
        [f"编制{'部门' if scope == '部门' else '单位'}：{agency_name}", "单位:万元"],
        [
            [group, "", "", "", "", "", office],
            ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
            ["", "", "", "小计", "购置费", "运行费", ""],
        ],
        {
            0: Column(f"{group}/合计", "budget"),
            1: Column(f"{group}/因公出国(境)费", "budget"),
            2: Column(f"{group}/公务接待费", "budget"),
            3: Column(f"{group}/公务用车购置及运行费/小计", "budget"),
            4: Column(f"{group}/公务用车购置及运行费/购置费", "budget"),
            5: Column(f"{group}/公务用车购置及运行费/运行费", "budget"),
            6: Column(office, "budget"),
        },
    )
    values = [
        outbound + reception + purchase + operation,
        outbound,
        reception,
        purchase + operation,
        purchase,
        operation,
    ]
    cells = [_wan_short(v) for v in values] + [_wan_short(fin.office_operation)]
    keys = {c: Key("", level="total" if c == 0 else "line") for c in range(7)}
    table.add(cells, keys)
    return table


def budget_blocks(
    fin: YearFinances, prior: YearFinances, *, scope: str, district_name: str, agency_name: str, rng: random.Random
) -> tuple[list[Block], list[dict[str, Any]]]:
    """The whole document (`scope` 部门, a department with its units, or 单位) and the slips it prints on purpose."""
    year = fin.year
    label = "预算主管部门" if scope == "部门" else "预算单位"
    blocks: list[Block] = [
        Heading(f"上海市{district_name}{year}年区级{scope}预算", title=True),
        Heading(f"{label}：{agency_name}", title=True),
        PageBreak(),
        Heading(f"{agency_name}主要职能"),
        Para(f"{agency_name}是{district_name}人民政府的工作部门，负责本领域的公共服务和管理工作。"),
        PageBreak(),
    ]
    text, notes = narrative(fin, prior, scope=scope, agency_name=agency_name, rng=rng)
    blocks += text
    for table in [
        *tables(fin, scope=scope, agency_name=agency_name, rng=rng),
        three_public(fin, scope=scope, agency_name=agency_name),
    ]:
        blocks += [PageBreak(), table]
    outbound, reception, purchase, operation = fin.three_public
    blocks += [
        PageBreak(),
        Heading("其他相关情况说明"),
        Para(f"{year}年“三公”经费预算数为{wan2(outbound + reception + purchase + operation)}万元。其中："),
        Para(f"（一）因公出国（境）费{wan2(outbound)}万元。"),
        Para(
            f"（二）公务用车购置及运行费{wan2(purchase + operation)}万元。其中：公务用车购置费{wan2(purchase)}万元；"
            f"公务用车运行费{wan2(operation)}万元。"
        ),
        Para(f"（三）公务接待费{wan2(reception)}万元。"),
        Para(f"{year}年{agency_name}机关运行经费预算为{wan2(fin.office_operation)}万元。"),
    ]
    return blocks, notes
