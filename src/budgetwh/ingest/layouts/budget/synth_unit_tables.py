"""The tables of a synthetic 2022 单位预算 in 元 (三公 in 万元) and the line items the tables reader must extract from
each printed cell: the 财务收支预算总表 (income beside expenditure), the 经济分类 table and the 三公 table. The
coded 功能分类 tables are in synth_unit_coded.py."""

from __future__ import annotations

import random
from decimal import Decimal

from budgetwh.ingest.layouts.budget.synth_unit_budget import Budget, round_half_up, subject_name
from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder, grouped, money, wan

CHINESE_ORDINALS = "一二三四五六七八九十"


def table_head(doc: DocumentBuilder, rng: random.Random, title: str, agency: str, unit: str = "元") -> None:
    doc.add(f"## {title}")
    doc.add("")
    doc.add(f"{rng.choice(('编制单位', '编制单位', '编制部门'))}：{agency}")
    doc.add("")
    doc.add(f"单位：{unit}")
    doc.add("")


# internal table id → (printed title, contract table_kind): what the tables reader writes
TABLES = {
    "financial_summary_income": ("{year}年单位财务收支预算总表", "financial_summary"),
    "financial_summary_expenditure": ("{year}年单位财务收支预算总表", "financial_summary"),
    "income_budget": ("{year}年单位收入预算总表", "revenue"),
    "expenditure_budget": ("{year}年单位支出预算总表", "expenditure"),
    "general_budget_functional": ("{year}年单位一般公共预算支出功能分类预算表", "general_public_functional"),
    "general_budget_economic": ("{year}年单位一般公共预算基本支出部门预算经济分类预算表", "basic_economic"),
    "three_public_budget": ("{year}年单位“三公”经费和机关运行经费预算表", "three_public"),
}
# the measure of each 三公 column, from its header
THREE_PUBLIC_MEASURES = {
    "合计": "total",
    "因公出国(境)费": "outbound_travel",
    "公务接待费": "official_reception",
    "公务用车购置及运行费/小计": "official_vehicles",
    "公务用车购置及运行费/购置费": "vehicle_purchase",
    "公务用车购置及运行费/运行费": "vehicle_operation",
}


def expect_cell(
    doc: DocumentBuilder,
    line: int,
    column: int,
    table: str,
    measure: str,
    label: str,
    amount: int,
    text: str,
    *,
    item_name: str | None,
    row_level: str,
    codes: tuple = (None, None, None),
    unit: str = "元",
    amount_yuan: Decimal | None = None,
) -> None:
    title, kind = TABLES[table]
    doc.expect(
        "line_items",
        source_line=line,
        cell_index=column + 1,
        table_name=title.format(year=doc.fiscal_year),
        table_kind=kind,
        class_code=codes[0],
        kind_code=codes[1],
        item_code=codes[2],
        item_name_raw=item_name,
        label_raw=label,
        measure=measure,
        phase="budget",
        fiscal_year=doc.fiscal_year,
        amount_yuan=money(amount_yuan if amount_yuan is not None else amount),
        source_unit=unit,
        amount_raw=text,
        row_level=row_level,
        quantity=None,
        quantity_unit=None,
        stated_change_pct=None,
        stated_change_yuan=None,
        stated_direction=None,
        compare_basis=None,
        compare_fiscal_year=None,
    )


# the expenditure columns of the 财务收支预算总表: column → (measure, header label)
SUMMARY_MEASURES = {
    3: ("total", "合计"),
    4: ("personnel", "人员经费"),
    5: ("public", "公用经费"),
    6: ("project", "项目支出"),
}


def _summary_income(total: int) -> list[tuple[str, int | None]]:
    return [
        ("一、财政拨款收入", total),
        ("1. 一般公共预算资金", total),
        ("2. 政府性基金", None),
        ("3. 国有资本经营预算", None),
        ("二、事业收入", None),
        ("三、事业单位经营收入", None),
        ("四、其他收入", None),
    ]


def _summary_expenditure(budget: Budget) -> list[tuple]:
    """One row per 类: (printed name, total, personnel, public, project)."""
    fixed_paths = set(vocab.PERSONNEL_ITEMS) | set(vocab.RETIREMENT_ITEMS)
    main_items = [i for i in budget.items if i.path not in fixed_paths]
    main_basic = sum(i.basic for i in main_items)
    main_personnel = budget.personnel - sum(i.basic for i in budget.items if i.path in fixed_paths)
    # the personnel part of the main items' basic spending, shared in proportion to their basic amounts
    personnel_of: dict[tuple[str, ...], int] = {}
    remaining = main_personnel
    for index, item in enumerate(main_items):
        share = remaining if index == len(main_items) - 1 else round_half_up(main_personnel * item.basic / main_basic)
        personnel_of[item.path] = min(share, item.basic)
        remaining -= personnel_of[item.path]
    right: list[tuple] = []
    for path, class_total, _basic, project in (row for row in budget.tree() if len(row[0]) == 1):
        members = [i for i in budget.items if i.path[:1] == path]
        personnel = sum(personnel_of.get(i.path, i.basic) for i in members)
        public = sum(i.basic - personnel_of[i.path] for i in members if i.path in personnel_of)
        right.append((f"{CHINESE_ORDINALS[len(right)]}、{subject_name(path)}", class_total, personnel, public, project))
    return right


def _expect_summary_row(
    doc: DocumentBuilder, line: int, cells: list[str], income: tuple, expenditure: tuple | None, row_level: str
) -> None:
    """The cells of one printed row: the income amount (column 1) and the four expenditure amounts (columns 3-6)."""
    name, amount = income
    if amount:
        expect_cell(
            doc,
            line,
            1,
            "financial_summary_income",
            "total",
            "预算数",
            amount,
            cells[1],
            item_name=name,
            row_level=row_level,
        )
    if expenditure:
        for column, value in zip((3, 4, 5, 6), expenditure[1:], strict=True):
            if value:
                measure, label = SUMMARY_MEASURES[column]
                expect_cell(
                    doc,
                    line,
                    column,
                    "financial_summary_expenditure",
                    measure,
                    label,
                    value,
                    cells[column],
                    item_name=expenditure[0],
                    row_level=row_level,
                )


def financial_summary(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    table_head(doc, rng, f"{year}年单位财务收支预算总表", agency)
    doc.row("本年收入", "", "本年支出", "", "", "", "")
    doc.row("项目", "预算数", "项目", "预算数", "", "", "")
    doc.row("", "", "", "合计", "基本支出", "", "项目支出")
    doc.row("", "", "", "", "人员经费", "公用经费", "")
    total = budget.total
    left, right = _summary_income(total), _summary_expenditure(budget)
    for index in range(max(len(left), len(right))):
        left_name, left_amount = left[index] if index < len(left) else ("", None)
        right_row = right[index] if index < len(right) else None
        cells = [left_name, grouped(left_amount) if left_amount else ""]
        if right_row:
            cells += [right_row[0]] + [grouped(v) if v else "" for v in right_row[1:]]
        else:
            cells += [""] * 5
        line = doc.row(*cells)
        _expect_summary_row(doc, line, cells, (left_name, left_amount), right_row, "line")
    totals = [total, budget.personnel, budget.public, budget.projects_total]
    cells = ["收入总计", grouped(total), "支出总计"] + [grouped(v) if v else "" for v in totals]
    line = doc.row(*cells)
    _expect_summary_row(doc, line, cells, ("收入总计", total), ("支出总计", *totals), "total")
    doc.add("")


def economic_table(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    table_head(doc, rng, f"{year}年单位一般公共预算基本支出部门预算经济分类预算表", agency)
    doc.row("项目", "", "一般公共预算基本支出", "", "", "")
    doc.row("经济分类科目编码", "", "部门经济分类科目名称", "合计", "人员经费", "公用经费")
    doc.row("类", "款", "", "", "", "")
    kinds = {
        **{k: ("personnel", v) for k, v in budget.economic_personnel.items()},
        **{k: ("public", v) for k, v in budget.economic_public.items()},
    }
    names = {**vocab.ECONOMIC_PERSONNEL, **vocab.ECONOMIC_PUBLIC}
    for cls in sorted({k[0] for k in kinds}):
        members = sorted(k for k in kinds if k[0] == cls)
        side = kinds[members[0]][0]
        rows = [((cls,), sum(kinds[k][1] for k in members))] + [(k, kinds[k][1]) for k in members]
        for path, amount in rows:
            text = grouped(amount)
            personnel, public = (text, "") if side == "personnel" else ("", text)
            if rng.random() < 0.03:
                doc.add("")  # a page break inside the table
            line = doc.row(path[0], path[1] if len(path) > 1 else "", names[path], text, personnel, public)
            codes = (path[0], path[1] if len(path) > 1 else None, None)
            level = "kind" if len(path) > 1 else "class"
            expect_cell(
                doc,
                line,
                3,
                "general_budget_economic",
                "total",
                "合计",
                amount,
                text,
                item_name=names[path],
                row_level=level,
                codes=codes,
            )
            column, label = (4, "人员经费") if side == "personnel" else (5, "公用经费")
            expect_cell(
                doc,
                line,
                column,
                "general_budget_economic",
                side,
                label,
                amount,
                text,
                item_name=names[path],
                row_level=level,
                codes=codes,
            )
    values = [budget.basic, budget.personnel, budget.public]
    texts = [grouped(v) for v in values]
    line = doc.row("合计", "", "", *texts)
    for column, value, text, (measure, label) in zip(
        (3, 4, 5), values, texts, (("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")), strict=True
    ):
        expect_cell(
            doc,
            line,
            column,
            "general_budget_economic",
            measure,
            label,
            value,
            text,
            item_name="合计",
            row_level="total",
        )
    doc.add("")


def _wan_cell(value: Decimal) -> str:
    return "0" if value == 0 else f"{value:.2f}"


def three_public_table(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> dict:
    table_head(doc, rng, f"{year}年单位“三公”经费和机关运行经费预算表", agency, unit="万元")
    reception = wan(budget.economic_public.get(("302", "17"), 0))
    running = wan(budget.economic_public.get(("302", "31"), 0))
    purchase = Decimal(0) if rng.random() < 0.8 else Decimal(rng.randint(10, 30))
    abroad = Decimal(0) if rng.random() < 0.85 else wan(rng.randint(1, 20) * 10_000)
    car = purchase + running
    total = abroad + reception + car
    doc.row(f"{year}年“三公”经费预算数", "", "", "", "", "", f"{year}年机关运行经费预算数")
    doc.row("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", "")
    doc.row("", "", "", "小计", "购置费", "运行费", "")
    values = [total, abroad, reception, car, purchase, running]
    texts = [_wan_cell(v) for v in values]
    line = doc.row(*texts, "")
    names = [
        "合计",
        "因公出国(境)费",
        "公务接待费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/购置费",
        "公务用车购置及运行费/运行费",
    ]
    for column, (value, text, name) in enumerate(zip(values, texts, names, strict=True)):
        expect_cell(
            doc,
            line,
            column,
            "three_public_budget",
            THREE_PUBLIC_MEASURES[name],
            name.split("/")[-1],
            0,
            text,
            item_name=name,
            row_level="total" if name == "合计" else "line",
            unit="万元",
            amount_yuan=value * 10000,
        )
    doc.add("")
    doc.add("")
    doc.add("")
    return {
        "total": total,
        "abroad": abroad,
        "reception": reception,
        "car": car,
        "purchase": purchase,
        "running": running,
    }
