"""Narrative figures of the real 部门决算 PDFs (converted text, 万元): per 项 the 年初预算 or 全年预算 and the 决算数,
the printed completion rate on the 决算 figure, the reason for the difference; totals against last year;
shares; 三公."""

from __future__ import annotations

from decimal import Decimal

from narrative_docs import final_accounts, only

CZJ = "putuo_czj_2024_final_accounts.pdf"
SHGZB = "putuo_shgzb_2024_final_accounts.pdf"


def test_counts_per_document():
    assert len(final_accounts(CZJ, 2024)) == 60
    assert len(final_accounts(SHGZB, 2024)) == 51


def test_items_budget_against_final_account():
    records = final_accounts(CZJ, 2024)
    items = [r for r in records if (r.item_name_raw or "").endswith("（项）")]
    assert len(items) == 22  # 11 项, each with its 年初预算 and its 决算数
    assert [r.phase for r in items] == ["budget", "final_account"] * 11
    budget, final = (r for r in items if r.item_name_raw == "一般公共服务支出（类）财政事务（款）行政运行（项）")
    assert (budget.amount_yuan, budget.amount_raw, budget.phase) == (Decimal("15600500.00"), "1560.05 万元", "budget")
    assert (final.amount_yuan, final.phase, final.fiscal_year) == (Decimal("15118900.00"), "final_account", 2024)
    assert final.stated_reason_raw == "人员进出及退休变化，减少人员经费开支"
    assert budget.stated_reason_raw is None
    assert (budget.source_page, final.source_page) == (22, 22)
    # "决算数与预算数基本持平。" gives no reason
    assert only(records, item="购房补贴（项）", phase="final_account").stated_reason_raw is None
    assert sum(1 for r in items if r.stated_reason_raw) == 8  # three print 决算数与预算数基本持平


def test_total_rate_reason_and_change():
    records = final_accounts(CZJ, 2024)
    total = only(
        records, item_name_raw="一般公共预算财政拨款支出", phase="final_account", stated_rate_pct=Decimal("98.20")
    )
    assert total.amount_yuan == Decimal("29400500.00")
    assert total.stated_reason_raw == "因年度工作计划安排，个别信息化项目和中介机构服务调减"
    assert only(records, item_name_raw="一般公共预算财政拨款支出", phase="budget").amount_yuan == Decimal("29939200.00")

    overall = only(records, amount_raw="2995.39万元")
    assert (overall.phase, overall.stated_change_yuan, overall.stated_change_pct) == (
        "final_account",
        Decimal("-569500.00"),
        Decimal("-1.87"),
    )
    assert (overall.compare_basis, overall.compare_fiscal_year, overall.source_page) == ("prior_execution", 2023, 21)
    assert overall.stated_reason_raw.startswith("基本支出中人员进出及退休变化")

    spending = only(records, stated_change_yuan=Decimal("-631400.00"))
    assert (spending.amount_raw, spending.stated_change_pct, spending.stated_share_pct) == (
        "2940.05万元",
        Decimal("-2.10"),
        Decimal("100.00"),
    )
    operations = only(records, item_name_raw="机关运行经费支出")
    assert (operations.amount_yuan, operations.stated_change_yuan, operations.stated_change_pct) == (
        Decimal("1846500.00"),
        Decimal("25500.00"),
        Decimal("1.40"),
    )
    assert operations.source_page == 24


def test_shares_and_measures():
    records = final_accounts(CZJ, 2024)
    shares = {r.row_label_raw: r.stated_share_pct for r in records if r.stated_share_pct is not None}
    assert shares["财政拨款收入"] == Decimal("99.79")
    assert shares["其他收入"] == Decimal("0.21")
    assert shares["住房保障支出（类）"] == Decimal("15.16")
    assert len(shares) == 9
    measures = {r.measure for r in records if r.row_label_raw in {"基本支出", "项目支出", "人员经费", "公用经费"}}
    assert measures == {"basic", "project", "personnel", "public"}


def test_three_public_budget_against_actual():
    records = final_accounts(CZJ, 2024)
    budget = only(records, item_name_raw="“三公”经费财政拨款支出", phase="budget")
    final = only(records, item_name_raw="“三公”经费财政拨款支出", phase="final_account")
    assert (budget.amount_yuan, final.amount_yuan, final.stated_rate_pct) == (
        Decimal("9500.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    # "“三公”经费支出决算数小于预算数的主要原因" explains the pair, not the last sub-item printed before it
    assert final.stated_reason_raw == "当年度无“三公”经费支出"
    assert only(records, item_name_raw="公务接待费").stated_reason_raw is None
    assert sum(1 for r in records if r.stated_rate_pct is not None) == 5


def test_adjusted_budget_wording():
    records = final_accounts(SHGZB, 2024)
    rated = only(records, item_name_raw="一般公共预算财政拨款支出", stated_rate_pct=Decimal("95.89"))
    total = [r for r in records if r.source_line == rated.source_line]
    assert rated.source_page == 18
    assert [(r.phase, r.amount_yuan, r.stated_rate_pct) for r in total] == [
        ("budget", Decimal("0.00"), None),
        ("adjusted_budget", Decimal("3210200.00"), None),
        ("final_account", Decimal("3078200.00"), Decimal("95.89")),
    ]
    items = [r for r in records if (r.item_name_raw or "").endswith("（项）")]
    assert [r.phase for r in items] == ["adjusted_budget", "final_account"] * 9
    rates = {r.item_name_raw.split("（款）")[1]: r.stated_rate_pct for r in items if r.stated_rate_pct is not None}
    assert rates == {
        "行政运行（项）": Decimal("98.69"),
        "行政单位医疗（项）": Decimal("99.55"),
        "住房公积金（项）": Decimal("97.68"),
    }
    # the subject "…（款）其他社会工作" | page 19 | "事务支出（项）。…全年预算为202.24万元": one paragraph
    split = only(records, item="其他社会工作事务支出（项）", phase="final_account")
    assert (split.amount_yuan, split.source_page) == (Decimal("2022400.00"), 19)
    # "…主要原因：单位2024" | page 20 | "年新成立，人员变动，按实际支出。"
    assert only(records, item="事业单位医疗（项）", phase="final_account").stated_reason_raw == (
        "单位2024年新成立，人员变动，按实际支出"
    )
    new = only(records, amount_raw="307.82万元")  # a new department: every change against 2023 is +100 %
    assert (new.stated_change_yuan, new.stated_change_pct, new.source_page) == (
        Decimal("3078200.00"),
        Decimal("100.00"),
        17,
    )
    assert new.stated_reason_raw == "单位于 2024 年成立"  # as printed, spaces kept
    assert sum(1 for r in records if r.stated_change_pct == Decimal("100.00")) == 4
