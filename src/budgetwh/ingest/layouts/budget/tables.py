"""The tables of a 部门预算 / 单位预算: the nine standard tables named by their titles, whatever the year and whether
the title says 部门, 单位 or 预算单位; any other table is kept as `other`. Amounts are in 元 unless the table says
otherwise (三公 prints 万元); columns are budget figures unless their header says otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from budgetwh.ingest.layouts.table_sections import Family, Section, find_sections
from budgetwh.ingest.layouts.tables import OTHER, THREE_PUBLIC, parse_tables
from budgetwh.ingest.text.cells import Row
from budgetwh.ingest.text.records import LineItemRecord

# words that make a 收入/支出 总表 a table of one part of them (项目支出总表, 一般公共预算支出总表 …)
_NARROWING = ("财政拨款", "项目", "基本", "一般公共预算", "政府性基金", "国有资本经营", "采购")


def _summary_kind(title: str) -> str | None:
    """The four summaries, as Shanghai names them (财务收支预算总表, 收入预算总表 …) and as the national template
    since 2024 does, without 预算 (部门收支总表, 部门收入总表, 部门支出总表, 财政拨款收支总表)."""
    name = title.replace("预算", "")
    if name.endswith("收支总表"):
        return "appropriation_summary" if "财政拨款" in name else "financial_summary"
    if name.endswith(("收入总表", "支出总表")) and not any(word in title for word in _NARROWING):
        return "revenue" if name.endswith("收入总表") else "expenditure"
    return None


def classify(title: str) -> str:
    """table_kind of a folded budget table title (without a bracketed tail)."""
    if "三公" in title:
        return THREE_PUBLIC
    summary = _summary_kind(title)
    if summary is not None:
        return summary
    if "预算" not in title:
        return OTHER
    if "基本支出" in title and ("经济分类" in title or "一般公共预算" in title):
        return "basic_economic"
    # 功能分类 may be left out of the title (…政府性基金预算支出预算表, 一般公共预算支出表 of other years); a title
    # naming 项目 or 采购 is another table
    if "功能分类" in title or ("支出" in title and not any(word in title for word in ("项目", "采购", "收入"))):
        if "政府性基金" in title:
            return "gov_fund_functional"
        if "国有资本经营" in title:
            return "state_capital_functional"
        if "一般公共预算" in title:
            return "general_public_functional"
    return OTHER


BUDGET = Family(classify=classify, default_unit="元", default_phase="budget")


def budget_sections(rows: Sequence[Row]) -> list[Section]:
    return find_sections(rows, BUDGET)


def parse_budget_tables(
    rows: Sequence[Row],
    *,
    document_id: str,
    fiscal_year: int,
    file_name: str,
    sections: list[Section] | None = None,
) -> list[LineItemRecord]:
    """Every number printed in the document's tables, one line item each (`sections`: budget_sections(rows), when
    the caller has them)."""
    return parse_tables(
        rows, BUDGET, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name, sections=sections
    )
