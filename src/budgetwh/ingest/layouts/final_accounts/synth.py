"""Synthetic 部门决算 / 单位决算 in the layout the PDF converter gives the real ones: the title line naming agency and
year, the nine standard tables in 万元 (blank where nothing was spent, the 收入支出 summaries balancing 年初结转 +
收入 = 支出 + 年末结转), and the narrative: totals against last year, the 年初预算 / 支出决算 / 完成年初预算的 % of the
一般公共预算 total and of every 项 with the reason, 三公 budget against actual."""

from __future__ import annotations

import random

from budgetwh.ingest.layouts.final_accounts.synth_narrative import narrative
from budgetwh.synth import subjects, vocab
from budgetwh.synth.blocks import Block, Column, Heading, Key, PageBreak, Para, Table, wan2
from budgetwh.synth.finance import FinalAccounts

TOTAL = Key("合计", level="total")


def _w(value: int) -> str:
    """A 万元 cell: two decimals, grouped; blank for nothing."""
    return f"{wan2(value):,.2f}" if value else ""


def _halves_summary(fa: FinalAccounts, class_sums: dict[str, int]) -> Table:
    table = Table(
        "收入支出决算总表",
        "income_expenditure_summary",
        "万元",
        ["单位：万元"],
        [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]],
        {1: Column("收入/决算数", "final_account"), 3: Column("支出/决算数", "final_account")},
    )
    income = [
        ("一、一般公共预算财政拨款收入", fa.total),
        ("二、政府性基金预算财政拨款收入", 0),
        ("三、国有资本经营预算财政拨款收入", 0),
        ("四、上级补助收入", 0),
        ("五、事业收入", 0),
        ("六、经营收入", 0),
        ("七、附属单位上缴收入", 0),
        ("八、其他收入", fa.other_income),
    ]
    for index, (code, class_name) in enumerate(subjects.CLASSES):
        left = income[index] if index < len(income) else ("", 0)
        right = f"{subjects.numeral(index + 1)}、{class_name}"
        table.add([left[0], _w(left[1]), right, _w(class_sums.get(code, 0))], {1: Key(left[0]), 3: Key(right)})
    revenue = fa.total + fa.other_income
    rows = [
        ("本年收入合计", revenue, "本年支出合计", fa.total),
        ("使用非财政拨款结余（含专用结余）", 0, "结余分配", 0),
        ("年初结转和结余", fa.opening_balance, "年末结转和结余", fa.closing_balance),
        # both 总计 print the income side: a slip in 年末结转 leaves the summary unbalanced, as printed
        ("总计", revenue + fa.opening_balance, "总计", revenue + fa.opening_balance),
    ]
    for left, left_value, right, right_value in rows:
        level = "total" if left.endswith(("合计", "总计")) else "line"
        table.add(
            [left, _w(left_value), right, _w(right_value)], {1: Key(left, level=level), 3: Key(right, level=level)}
        )
    return table


def _code_table(title: str, kind: str, columns: tuple[str, ...], total_first: bool) -> Table:
    width = 4 + len(columns)
    header = [
        ["项目", "", "", "", *columns],
        ["支出功能分类", "", "", "科目名称", *[""] * len(columns)],
        ["科目编码", *[""] * (width - 1)],
    ]
    if not total_first:
        header.append(["类", "款", "项", *[""] * (width - 3)])
    return Table(
        title, kind, "万元", ["单位：万元"], header, {4 + i: Column(c, "final_account") for i, c in enumerate(columns)}
    )


def _fill(table: Table, fa: FinalAccounts, value, *, total_first: bool) -> None:
    rows = subjects.hierarchy(fa.items, value)
    totals = [sum(v[i] for p, v in rows if len(p) == 1) for i in range(len(rows[0][1]))]
    if total_first:  # the 类/款/项 header words printed on the 合计 row's line
        table.add(["类", "款", "项", "合计", *(_w(v) for v in totals)], TOTAL)
    for path, values in rows:
        key = Key(subjects.name(path), subjects.codes(path), subjects.level(path))
        table.add([*subjects.code_cells(path), subjects.name(path), *(_w(v) for v in values)], key)
    if not total_first:
        table.add(["合计", "", "", "", *(_w(v) for v in totals)], TOTAL)


def _appropriation(fa: FinalAccounts, class_sums: dict[str, int]) -> Table:
    columns = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    table = Table(
        "财政拨款收入支出决算总表",
        "appropriation_summary",
        "万元",
        ["单位：万元"],
        [["收入", "", "支出", "", "", "", ""], ["项目", "决算数", "项目", *columns]],
        {
            1: Column("收入/决算数", "final_account"),
            **{3 + i: Column(f"支出/{c}", "final_account") for i, c in enumerate(columns)},
        },
        heading=False,
    )
    sources = ("一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款")
    for index, (code, class_name) in enumerate(subjects.CLASSES):
        left = sources[index] if index < len(sources) else ""
        right = f"{subjects.numeral(index + 1)}、{class_name}"
        value = class_sums.get(code, 0)
        table.add(
            [left, _w(fa.total) if index == 0 else "", right, _w(value), _w(value), "", ""],
            {1: Key(left), **dict.fromkeys(range(3, 7), Key(right))},
        )
    balance, total = fa.appropriation_balance, fa.total
    rows = [
        ("本年收入合计", total, "本年支出合计", total),
        ("年初财政拨款结转和结余", balance, "年末财政拨款结转和结余", balance),
        ("一、一般公共预算财政拨款", balance, "", 0),
        ("二、政府性基金预算财政拨款", 0, "", 0),
        ("三、国有资本经营预算财政拨款", 0, "", 0),
        ("总计", total + balance, "总计", total + balance),
    ]
    for left, left_value, right, right_value in rows:
        level = "total" if left.endswith(("合计", "总计")) else "line"
        cells = [left, _w(left_value), right, _w(right_value), _w(right_value), "", ""]
        table.add(cells, {1: Key(left, level=level), **dict.fromkeys(range(3, 7), Key(right, level=level))})
    return table


def _economic(fa: FinalAccounts) -> Table:
    table = Table(
        "一般公共预算财政拨款基本支出决算表",
        "basic_economic",
        "万元",
        ["单位：万元"],
        [
            ["经济分类", "", "科目名称", "决算数", "经济分类", "", "科目名称", "决算数"],
            ["科目编码", "", "", "", "科目编码", "", "", ""],
            ["类", "款", "", "", "类", "款", "", ""],
        ],
        {3: Column("决算数", "final_account"), 7: Column("决算数", "final_account")},
        heading=False,
    )
    names = {**vocab.ECONOMIC_PERSONNEL, **vocab.ECONOMIC_PUBLIC}

    def side(classes: tuple[str, ...]) -> list[tuple[tuple[str, ...], int]]:
        rows = []
        for path in sorted(p for p in names if p[0] in classes):
            if len(path) == 1:
                rows.append((path, sum(v for p, v in fa.economic.items() if p[0] == path[0])))
            else:
                rows.append((path, fa.economic.get(path, 0)))
        return rows

    left, right = side(("301", "303")), side(("302", "310"))
    blank = ["", "", "", ""]
    for index in range(max(len(left), len(right))):
        cells: list[str] = []
        keys: dict[int, Key] = {}
        for offset, half in ((0, left), (4, right)):
            if index >= len(half):
                cells += blank
                continue
            path, value = half[index]
            keys[offset + 3] = Key(
                names[path], (path[0], path[1] if len(path) > 1 else None, None), "kind" if len(path) > 1 else "class"
            )
            cells += [path[0], path[1] if len(path) > 1 else "", names[path], _w(value)]
        table.add(cells, keys)
    personnel = sum(v for p, v in fa.economic.items() if p[0] in ("301", "303"))
    public = sum(v for p, v in fa.economic.items() if p[0] in ("302", "310"))
    table.add(
        ["人员经费合计", "", "", _w(personnel), "公用经费合计", "", "", _w(public)],
        {3: Key("人员经费合计", level="total"), 7: Key("公用经费合计", level="total")},
    )
    return table


def _three_public(fa: FinalAccounts) -> Table:
    group = "财政拨款“三公”经费"
    parts = (
        ("合计", ""),
        ("因公出国（境）费", ""),
        ("公务用车购置及运行费", "小计"),
        ("公务用车购置及运行费", "公务用车购置费"),
        ("公务用车购置及运行费", "公务用车运行费"),
        ("公务接待费", ""),
    )
    columns: dict[int, Column] = {}
    for index, (upper, lower) in enumerate(parts):
        path = "/".join(p for p in (group, upper, lower) if p)
        columns[2 * index] = Column(f"{path}/预算数", "budget")
        columns[2 * index + 1] = Column(f"{path}/决算数", "final_account")
    table = Table(
        "财政拨款“三公”经费支出决算表",
        "three_public",
        "万元",
        ["单位：万元"],
        [
            [group, *[""] * 11],
            ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
            ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
            ["预算数", "决算数"] * 6,
        ],
        columns,
    )

    def values(three: tuple[int, int, int, int]) -> list[int]:
        outbound, reception, purchase, operation = three
        return [sum(three), outbound, purchase + operation, purchase, operation, reception]

    cells = []
    for budget, final in zip(values(fa.budget.three_public), values(fa.three_public), strict=True):
        cells += [_w(budget), _w(final)]
    table.add(cells, {c: Key("", level="total" if c < 2 else "line") for c in range(12)})
    return table


def _empty(title: str, kind: str, note: str) -> Table:
    table = Table(
        title,
        kind,
        "万元",
        ["单位：万元"],
        [
            ["项目", "", "", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["支出功能分类科目编码", "", "", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
            ["类", "款", "项", "", "", "", "", "", "", ""],
        ],
        {},
    )
    table.add(["合计", *[""] * 9], {})
    table.notes.append(note)
    return table


def tables(fa: FinalAccounts, *, agency_name: str) -> list[Table]:
    class_sums: dict[str, int] = {}
    for path, (basic, project) in fa.items.items():
        class_sums[path[0]] = class_sums.get(path[0], 0) + basic + project
    # non-appropriation income is booked on the first 项 that has project spending (or the first 项)
    income_path = next((p for p, (_, project) in fa.items.items() if project), next(iter(fa.items)))
    revenue = _code_table(
        "收入决算表",
        "revenue",
        ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
        True,
    )

    def revenue_values(path):
        spent = sum(fa.items[path])
        other = fa.other_income if path == income_path else 0
        return (spent + other, spent, 0, 0, 0, 0, other)

    _fill(revenue, fa, revenue_values, total_first=True)
    expenditure = _code_table(
        "支出决算表",
        "expenditure",
        ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
        True,
    )
    _fill(expenditure, fa, lambda p: (sum(fa.items[p]), *fa.items[p], 0, 0, 0), total_first=True)
    general = _code_table(
        "一般公共预算财政拨款支出决算表", "general_public_functional", ("合计", "基本支出", "项目支出"), False
    )
    general.heading = False
    _fill(general, fa, lambda p: (sum(fa.items[p]), *fa.items[p]), total_first=False)
    note = "注：{agency}无{what}财政拨款支出，故本表无数据。"
    return [
        _halves_summary(fa, class_sums),
        revenue,
        expenditure,
        _appropriation(fa, class_sums),
        general,
        _economic(fa),
        _three_public(fa),
        _empty(
            "政府性基金预算财政拨款收入支出决算表", "gov_fund", note.format(agency=agency_name, what="政府性基金预算")
        ),
        _empty(
            "国有资本经营预算财政拨款收入支出决算表",
            "state_capital",
            note.format(agency=agency_name, what="国有资本经营预算"),
        ),
    ]


def final_accounts_blocks(
    fa: FinalAccounts, *, scope: str, agency_name: str, rng: random.Random
) -> tuple[list[Block], list[dict]]:
    """The whole document (`scope` 部门 or 单位) and the inconsistencies it prints on purpose."""
    year = fa.year
    # the agency on a line of its own above the year, or both on one line
    if rng.random() < 0.5:
        title: list[Block] = [Heading(agency_name, title=True, marked=False)]
        title.append(Heading(f"{year}年度{scope}决算", title=True, marked=False))
    else:  # the converter marks a centred title line as a heading, or leaves it plain
        title = [Heading(f"{agency_name}{year}年度{scope}决算", title=True, marked=rng.random() < 0.5)]
    blocks: list[Block] = [
        *title,
        PageBreak(),
        Heading(f"第一部分 {agency_name}概况"),
        Para("一、主要职能"),
        Para(f"{agency_name}负责本领域的公共服务和管理工作。"),
        PageBreak(),
        Heading(f"第二部分{agency_name}{year}年度{scope}决算表"),
    ]
    for index, table in enumerate(tables(fa, agency_name=agency_name)):
        if index:
            blocks.append(PageBreak())
        blocks.append(table)
    text, notes = narrative(fa, scope=scope, agency_name=agency_name, rng=rng)
    return [*blocks, PageBreak(), *text], notes
