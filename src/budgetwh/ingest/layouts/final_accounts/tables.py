"""The tables of a 部门决算 / 单位决算: the nine standard tables named by their titles; any other table is kept as
`other`. Amounts are in 万元 unless the table says otherwise; columns are 决算 figures unless their header says
otherwise (the 三公 table prints 预算数 beside 决算数)."""

from __future__ import annotations

from collections.abc import Sequence

from budgetwh.ingest.layouts.table_sections import Family
from budgetwh.ingest.layouts.tables import OTHER, THREE_PUBLIC, parse_tables
from budgetwh.ingest.text.cells import Row
from budgetwh.ingest.text.records import LineItemRecord

# words that make a 收入/支出决算表 a table of one part of them (其他收入决算表, 项目支出决算表, 财政拨款…)
_NARROWING = ("财政拨款", "项目", "基本", "其他", "经营", "事业", "上缴", "补助", "结转", "政府采购")


def classify(title: str) -> str:
    """table_kind of a folded final-accounts title."""
    if "三公" in title:
        return THREE_PUBLIC
    if "决算" not in title:
        return OTHER
    if "政府性基金" in title:
        return "gov_fund"
    if "国有资本经营" in title:
        return "state_capital"
    if "一般公共预算" in title:
        if "基本支出" in title:
            return "basic_economic"
        # (财政拨款 may be left out: 一般公共预算支出决算表)
        if title.endswith(("财政拨款支出决算表", "一般公共预算支出决算表")):
            return "general_public_functional"
        return OTHER
    # (收入支出 may be printed 收支: 部门收支决算总表, 财政拨款收支决算总表)
    if "财政拨款收入支出决算" in title or "财政拨款收支决算" in title:
        return "appropriation_summary"
    if ("收入支出决算" in title or "收支决算总表" in title) and "财政拨款" not in title:
        return "income_expenditure_summary"
    # the title may be numbered or name its agency before the table's own name (表2, 附表二：, 某局…): what
    # matters is how it ends, and that no word narrows it to a part of the income or spending
    if title.endswith(("收入决算表", "支出决算表")) and not any(word in title for word in _NARROWING):
        return "revenue" if title.endswith("收入决算表") else "expenditure"
    return OTHER


FINAL_ACCOUNTS = Family(classify=classify, default_unit="万元", default_phase="final_account")


def parse_final_accounts_tables(
    rows: Sequence[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """Every number printed in the document's tables, one line item each (negative 决算 figures included)."""
    return parse_tables(rows, FINAL_ACCOUNTS, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name)
