"""The coded 功能分类 tables of a synthetic 2022 单位预算 (收入预算总表, 支出预算总表, 一般公共预算 功能分类 table,
the empty 政府性基金 / 国有资本经营 tables with their note): rows by 类/款/项 code, parents summing their children but
for the deliberate slips noted in the manifest (a 款 off by a little, a 类 printed without its name)."""

from __future__ import annotations

import random

from budgetwh.ingest.layouts.budget.synth_unit_budget import Budget, subject_name
from budgetwh.ingest.layouts.budget.synth_unit_tables import expect_cell, table_head
from budgetwh.synth.builder import DocumentBuilder, grouped


def _codes(path: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    padded = list(path) + [None] * (3 - len(path))
    return padded[0], padded[1], padded[2]


def _level(path: tuple[str, ...]) -> str:
    return ("class", "kind", "item")[len(path) - 1]


INCOME_COLUMNS = ((4, "total", "合计"), (5, "fiscal_appropriation", "财政拨款收入"))
SPENDING_COLUMNS = ((4, "total", "合计"), (5, "basic", "基本支出"), (6, "project", "项目支出"))
CODE_HEADER = ("功能分类科目编码", "", "", "功能分类科目名称")


def coded_tables(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    _income_table(doc, rng, budget, year, agency)
    _spending_tables(doc, rng, budget, year, agency)
    _empty_fund_tables(doc, rng, year, agency)


def _income_table(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    """收入预算总表: every amount is 财政拨款收入; one 款 may print a total off its 项 by a little."""
    tree = budget.tree()
    table_head(doc, rng, f"{year}年单位收入预算总表", agency)
    doc.row("项目", "", "", "收入预算", "", "", "", "", "")
    doc.row(*CODE_HEADER, "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")
    doc.row("类", "款", "项", "", "", "", "", "", "")
    kinds = [path for path, *_ in tree if len(path) == 2]
    off_by = rng.choice(kinds) if rng.random() < 0.2 else None
    for path, total, _basic, _project in tree:
        printed = total
        if path == off_by:
            printed = total + rng.choice((-100, -1, 1, 10, 100))
            doc.note(
                "parent_not_sum_of_children",
                doc.next_line,
                table="income_budget",
                code="".join(path),
                printed=str(printed),
                children_sum=str(total),
            )
        codes = _codes(path)
        text = grouped(printed)
        line = doc.row(*(c or "" for c in codes), subject_name(path), text, text, "", "", "")
        for column, measure, label in INCOME_COLUMNS:
            expect_cell(
                doc,
                line,
                column,
                "income_budget",
                measure,
                label,
                printed,
                text,
                item_name=subject_name(path),
                row_level=_level(path),
                codes=codes,
            )
    text = grouped(budget.total)
    line = doc.row("合计", "", "", "", text, text, "", "", "")
    for column, measure, label in INCOME_COLUMNS:
        expect_cell(
            doc, line, column, "income_budget", measure, label, budget.total, text, item_name="合计", row_level="total"
        )
    doc.add("")
    doc.add("")
    doc.add("")


def _spending_tables(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    """支出预算总表 and the 一般公共预算 功能分类 table; one 类 of the first may be printed without its name."""
    tree = budget.tree()
    unnamed = rng.choice([p for p, *_ in tree if len(p) == 1]) if rng.random() < 0.2 else None
    for title, table, head, zeros in (
        (f"{year}年单位支出预算总表", "expenditure_budget", "支出预算", "0"),
        (f"{year}年单位一般公共预算支出功能分类预算表", "general_budget_functional", "一般公共预算支出", ""),
    ):
        table_head(doc, rng, title, agency)
        doc.row("项目", "", "", head, "", "", "")
        doc.row(*CODE_HEADER, "合计", "基本支出", "项目支出")
        doc.row("类", "款", "项", "", "", "", "")
        for path, total, basic, project in tree:
            codes = _codes(path)
            name = subject_name(path)
            if table == "expenditure_budget" and path == unnamed:
                doc.note("name_not_printed", doc.next_line, table=table, code="".join(path))
                name = ""
            texts = [grouped(v) if v else zeros for v in (total, basic, project)]
            line = doc.row(*(c or "" for c in codes), name, *texts)
            for (column, measure, label), value, text in zip(
                SPENDING_COLUMNS, (total, basic, project), texts, strict=True
            ):
                if text:
                    expect_cell(
                        doc,
                        line,
                        column,
                        table,
                        measure,
                        label,
                        value,
                        text,
                        item_name=name or None,
                        row_level=_level(path),
                        codes=codes,
                    )
        values = [budget.total, budget.basic, budget.projects_total]
        texts = [grouped(v) if v else zeros for v in values]
        line = doc.row("合计", "", "", "", *texts)
        for (column, measure, label), value, text in zip(SPENDING_COLUMNS, values, texts, strict=True):
            if text:
                expect_cell(doc, line, column, table, measure, label, value, text, item_name="合计", row_level="total")
        doc.add("")


def _empty_fund_tables(doc: DocumentBuilder, rng: random.Random, year: int, agency: str) -> None:
    for title, head, label in (
        (f"{year}年单位政府性基金预算支出功能分类预算表", "政府性基金预算支出", "政府性基金预算财政拨款"),
        (f"{year}年单位国有资本经营预算支出功能分类预算表", "国有资本经营财政拨款预算支出", "国有资本经营预算财政拨款"),
    ):
        table_head(doc, rng, title, agency)
        doc.row("项目", "", "", head, "", "", "")
        doc.row(*CODE_HEADER, "合计", "基本支出", "项目支出")
        doc.row("类", "款", "项", "", "", "", "")
        doc.row("合计", "", "", "", "", "", "")
        doc.add("")
        doc.add(f"注：本单位{year}年无{label}安排的预算，故本表为空表。")
        doc.add("")
