"""What another agency or year prints differently, as edits of the synthetic generators' blocks (budget_blocks,
final_accounts_blocks): each edit keeps the expected line item of every printed cell beside it, so a variant rendered
as PDF says where ingest must find each amount."""

from __future__ import annotations

import copy
import random
from decimal import Decimal

from budgetwh.ingest.layouts.budget.synth import budget_blocks
from budgetwh.ingest.layouts.final_accounts.synth import final_accounts_blocks
from budgetwh.synth import finance
from budgetwh.synth.blocks import WAN, Block, Column, Heading, Key, PageBreak, Para, Table

EMPTY_KINDS = frozenset({"gov_fund_functional", "state_capital_functional", "gov_fund", "state_capital"})


# districts other than the one of the real documents (the held-out documents are other districts' agencies)
DISTRICTS = ("徐汇区", "浦东新区", "静安区", "杨浦区", "松江区", "崇明区")


def budget(scope: str, year: int, seed: int) -> list[Block]:
    rng = random.Random(seed)
    years = finance.series(rng, year, year, department=scope == "部门")
    district = DISTRICTS[seed % len(DISTRICTS)]
    agency = f"上海市{district}人民政府长风街道办事处" if scope == "部门" else f"上海市{district}城市建设服务中心"
    blocks, _ = budget_blocks(
        years[year], years[year - 1], scope=scope, district_name=district, agency_name=agency, rng=rng
    )
    return blocks


def final_accounts(scope: str, year: int, seed: int) -> list[Block]:
    rng = random.Random(seed)
    years = finance.series(rng, year, year, department=scope == "部门")
    accounts = finance.final_accounts(rng, years[year])
    district = DISTRICTS[seed % len(DISTRICTS)]
    agency = f"上海市{district}商务委员会" if scope == "部门" else f"上海市{district}市场监督管理所"
    blocks, _ = final_accounts_blocks(accounts, scope=scope, agency_name=agency, rng=rng)
    return blocks


def _tables(blocks: list[Block], edit, when=lambda table: True) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and when(block):
            block = copy.deepcopy(block)
            edit(block)
        out.append(block)
    return out


def without_empty_tables(blocks: list[Block]) -> list[Block]:
    """An agency that prints no 政府性基金 / 国有资本经营 table at all."""
    return [b for b in blocks if not (isinstance(b, Table) and b.kind in EMPTY_KINDS)]


def empty_tables_as_notes(blocks: list[Block]) -> list[Block]:
    """The empty tables print their header and a note only (no 合计 row): 本单位无…, 故本表无数据。"""

    def edit(table: Table) -> None:
        table.rows = []
        table.notes = ["本单位无政府性基金预算财政拨款安排的支出，故本表无数据。"]

    return _tables(blocks, edit, lambda t: t.kind in EMPTY_KINDS)


def ending_in_a_bare_empty_table(blocks: list[Block]) -> list[Block]:
    """The document ends with its tables (the narrative printed before them, here left out), the last one empty
    and printing its header only: no 合计 row, no note."""
    last = max(i for i, b in enumerate(blocks) if isinstance(b, Table))
    out = [b for b in blocks[: last + 1] if not (isinstance(b, Table) and b.kind in EMPTY_KINDS)]
    bare = copy.deepcopy(next(b for b in blocks if isinstance(b, Table) and b.kind in EMPTY_KINDS))
    bare.rows, bare.notes = [], []
    return [*out, PageBreak(), bare]


def in_wan_yuan(blocks: list[Block]) -> list[Block]:
    """Every table in 万元 with two decimals (a budget printed like a 决算)."""

    def edit(table: Table) -> None:
        table.unit = "万元"
        table.preamble = [p.replace("单位：元", "单位：万元") for p in table.preamble]
        for row in table.rows:
            for column in table.columns:
                if row.cells[column]:
                    value = Decimal(row.cells[column].replace(",", "")) / WAN
                    row.cells[column] = f"{value.quantize(Decimal('0.01')):,.2f}"

    return _tables(blocks, edit, lambda t: t.unit == "元")


def codes_in_one_column(blocks: list[Block]) -> list[Block]:
    """类/款/项 printed as one code (2080501, 30101) in one column instead of a column each."""

    def edit(table: Table) -> None:
        levels = 3 if table.header[-1][:3] == ["类", "款", "项"] else 2
        table.header = [[h[0], *h[levels:]] for h in table.header[:-1]]
        table.columns = {c - levels + 1: spec for c, spec in table.columns.items()}
        for row in table.rows:
            parts = row.cells[:levels]
            code = parts[0] + "".join(p.zfill(2) for p in parts[1:] if p)
            row.cells = [code, *row.cells[levels:]]
            row.keys = {c - levels + 1: key for c, key in row.keys.items()}

    return _tables(blocks, edit, lambda t: len(t.header) >= 3 and t.header[-1][:2] == ["类", "款"])


def row_numbers(blocks: list[Block]) -> list[Block]:
    """A 行次 column before the amounts of every table with row labels (the national 决算 template)."""

    def edit(table: Table) -> None:
        at = min(table.columns)
        table.header = [h[:at] + (["行次"] if i == 0 else [""]) + h[at:] for i, h in enumerate(table.header)]
        table.columns = {(c + 1 if c >= at else c): spec for c, spec in table.columns.items()}
        for number, row in enumerate(table.rows, start=1):
            row.cells = [*row.cells[:at], str(number), *row.cells[at:]]
            row.keys = {(c + 1 if c >= at else c): key for c, key in row.keys.items()}

    return _tables(
        blocks, edit, lambda t: bool(t.rows and t.columns) and min(t.columns) > 0 and t.kind != "three_public"
    )


def unit_on_the_title(blocks: list[Block]) -> list[Block]:
    """The unit printed on the title's line (…预算总表（单位：元）) instead of a line of its own."""

    def edit(table: Table) -> None:
        table.title = f"{table.title}（单位：{table.unit}）"
        table.preamble = [p for p in table.preamble if not p.startswith("单位")]

    return _tables(blocks, edit)


def titled(blocks: list[Block], old: str, new: str) -> list[Block]:
    """Another year's wording of the titles (2022: 2022年单位…; 2025: 2025年预算单位…)."""

    def edit(table: Table) -> None:
        table.title = table.title.replace(old, new)

    return _tables(blocks, edit)


def tables_sharing_pages(blocks: list[Block]) -> list[Block]:
    """The short tables printed one below the other on a page (no page break before them)."""
    short = EMPTY_KINDS | {"three_public", "appropriation_summary"}
    following = [*blocks[1:], None]
    return [
        b
        for b, after in zip(blocks, following, strict=True)
        if not (isinstance(b, PageBreak) and isinstance(after, Table) and after.kind in short)
    ]


def with_unknown_tables(blocks: list[Block], year: int) -> list[Block]:
    """Tables of titles no family knows between the standard ones, kept as `other`: a 政府采购预算表 numbered by
    序号, and a 项目支出预算表 whose header starts 项目名称 | 金额 as a project form's first row does."""
    purchases = Table(
        f"{year}年部门政府采购预算表",
        "other",
        "元",
        ["单位：元"],
        [["序号", "项目名称", "采购品目", "金额"]],
        {3: Column("金额", "budget")},
    )
    projects = Table(
        f"{year}年项目支出预算表", "other", "元", ["单位：元"], [["项目名称", "金额"]], {1: Column("金额", "budget")}
    )
    for number in range(1, 5):
        amount = f"{number * 123_456:,}"
        purchases.add([str(number), f"项目{number}", "服务", amount], Key(f"项目{number}"))
        projects.add([f"项目{number}", amount], Key(f"项目{number}"))
    purchases.add(["合计", "", "", f"{10 * 123_456:,}"], Key("合计", level="total"))
    projects.add(["合计", f"{10 * 123_456:,}"], Key("合计", level="total"))
    at = max(i for i, b in enumerate(blocks) if isinstance(b, Table))
    return [*blocks[:at], PageBreak(), purchases, PageBreak(), projects, PageBreak(), *blocks[at:]]


def text_blocks(text: str) -> list[Block]:
    """A text document in the converted layout as blocks: headings, paragraphs, each run of tab-separated rows a
    ruled table (with no expected rows: the text's own line items are the expectation)."""
    blocks: list[Block] = []
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            width = max(len(r) for r in run)
            rows = [r + [""] * (width - len(r)) for r in run]
            table = Table("", "other", "元", [], [rows[0]], {})
            for cells in rows[1:]:
                table.add(cells, {})
            blocks.append(table)
            run.clear()

    first = True
    for line in text.split("\n"):
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        flush()
        if not line.strip():
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Heading(line.lstrip("#").strip(), title=first and level == 1))
            first = False
        else:
            blocks.append(Para(line.strip()))
    flush()
    return blocks


def with_department_targets(blocks: list[Block], year: int, seed: int) -> list[Block]:
    """A 部门整体支出绩效目标表 after the standard tables: the department's budget money (资金总额, 其中：财政拨款,
    其他资金 beside 基本支出, 项目支出) under a row label merged down (年度预算资金（万元）), then its indicator table
    (targets, no money). Its amounts are line items of an unknown table (`other`), labelled by the cell left of
    each."""
    rng = random.Random(seed)
    basic, project = Decimal(rng.randint(100_000, 900_000)) / 100, Decimal(rng.randint(100_000, 900_000)) / 100
    other = Decimal(rng.randint(1_000, 90_000)) / 100
    total = basic + project
    agency = next(p for b in blocks if isinstance(b, Table) for p in b.preamble if p.startswith("编制")).split("：")[1]
    group = "年度预算资金（万元）"
    form = Table(
        f"{year}年部门整体支出绩效目标表",
        "other",
        "万元",
        [],
        [["部门名称", agency, "", "", ""]],
        {2: Column(group, "budget"), 4: Column(group, "budget")},
    )
    form.add(
        [group, "资金总额", f"{total:,.2f}", "基本支出", f"{basic:,.2f}"], {2: Key("资金总额"), 4: Key("基本支出")}
    )
    form.add(
        ["", "其中：财政拨款", f"{total - other:,.2f}", "项目支出", f"{project:,.2f}"],
        {
            2: Key("其中：财政拨款"),
            4: Key("项目支出"),
        },
    )
    form.add(["", "其他资金", f"{other:,.2f}", "", ""], {2: Key("其他资金")})
    form.add(["年度总体目标", "完成年度重点工作，保障机构正常运转。", "", "", ""], {})
    # the indicator table (targets only) continues the form on its own grid
    targets = Table("", "other", "万元", [], [["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]], {})
    for level1, level2, name, target in (
        ("产出指标", "数量指标", "完成重点工作任务数", "12项"),
        ("产出指标", "质量指标", "工作任务按期完成率", "≥95%"),
        ("效益指标", "社会效益指标", "服务对象满意度", "≥90%"),
    ):
        targets.add(["", level1, level2, name, target], {})
    return [*blocks, PageBreak(), form, targets]


def unit_in_the_first_row(blocks: list[Block]) -> list[Block]:
    """The unit printed inside the table, in its first ruled row (its last cell), instead of a line above it."""

    def edit(table: Table) -> None:
        table.preamble = [p for p in table.preamble if not p.startswith("单位")]
        table.header = [[""] * (table.width - 1) + [f"单位：{table.unit}"], *table.header]

    return _tables(blocks, edit, lambda t: bool(t.header))
