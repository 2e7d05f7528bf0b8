"""A stated change printed as a sentence of its own after the figure it qualifies (…X万元，主要用于…。比Y年预算减少…),
and figures printed with a minus (-12.34万元 / －12.34万元 / −12.34万元 / 负12.34万元)."""

from __future__ import annotations

from decimal import Decimal

from narrative_docs import DOCUMENT_ID, text_rows

from budgetwh.ingest.layouts.budget.narrative import parse_budget_narrative
from budgetwh.ingest.layouts.final_accounts.narrative import parse_final_accounts_narrative

HEADER = "<!-- converted from PDF by budgetwh (pdf-text v1): sha256 00, 2 pages -->\n<!-- page 1 -->\n"
ITEM = "“一般公共服务支出（类）政府办公厅(室)及相关机构事务（款）行政运行（项）”"


def _budget(text: str):
    rows = text_rows(HEADER + text, pdf=True)
    return parse_budget_narrative(rows, document_id=DOCUMENT_ID, fiscal_year=2024, file_name="x.pdf")


def _final(text: str):
    rows = text_rows(HEADER + text, pdf=True)
    return parse_final_accounts_narrative(rows, document_id=DOCUMENT_ID, fiscal_year=2024, file_name="x.pdf")


def _change(record):
    return (
        record.stated_change_yuan,
        record.stated_change_pct,
        record.stated_direction,
        record.compare_basis,
        record.compare_fiscal_year,
    )


def test_change_in_the_sentence_after_the_item_is_the_items():
    records = _budget(
        f"1. {ITEM}2,363.51万元，主要用于行政运行。比2023年预算减少800.95万元，下降25.31%。"
        "主要原因是：压减一般性支出。\n"
    )
    # the 800.95万元 is the change, not a figure of its own
    assert [(r.source_line, r.cell_index, r.amount_raw, r.amount_yuan) for r in records] == [
        (3, 1, "2,363.51万元", Decimal("23635100.00"))
    ]
    (item,) = records
    assert _change(item) == (Decimal("-8009500.00"), Decimal("-25.31"), "decrease", "prior_budget", 2023)
    assert (item.stated_reason_raw, item.phase, item.fiscal_year) == ("压减一般性支出", "budget", 2024)
    assert item.item_name_raw == ITEM.strip("“”")


def test_increase_flat_and_execution_basis_in_the_next_sentence():
    records = _budget(
        "1. “教育支出-普通教育-小学教育”科目12.00万元，主要用于日常运行。比2023年预算执行数增加1.50万元，增长14.29%。"
        "主要原因是：工作任务增加。\n\n"
        "2. “教育支出-普通教育-初中教育”科目8.00万元，主要用于日常运行。比上年预算持平。主要原因是：项目调整。\n"
    )
    first, second = records
    assert _change(first) == (Decimal("15000.00"), Decimal("14.29"), "increase", "prior_execution", 2023)
    assert _change(second) == (None, None, "flat", "prior_budget", 2023)
    assert (first.stated_reason_raw, second.stated_reason_raw) == ("工作任务增加", "项目调整")


def test_final_accounts_change_after_the_rate_and_the_use():
    records = _final(
        "1、教育支出（类）普通教育（款）小学教育（项）。年初预算为10.00万元，支出决算为9.00万元，完成年初预算的90.00%，"
        "主要用于日常运行。与2023年度相比，减少1.00万元，下降10.00%。\n"
    )
    budget, final = records
    assert _change(budget) == (None, None, None, None, None)
    assert _change(final) == (Decimal("-10000.00"), Decimal("-10.00"), "decrease", "prior_execution", 2023)
    assert final.stated_rate_pct == Decimal("90.00")


def test_a_reason_or_a_second_sentence_between_keeps_the_change_off_the_figure():
    records = _budget(
        "机关运行经费预算30.00万元，主要原因是保障运转。比2023年预算减少2.00万元。\n\n"
        "公务接待费1.00万元。主要用于接待。按标准执行。比2023年预算持平。\n"
    )
    assert [(r.amount_raw, r.stated_direction, r.stated_change_yuan) for r in records] == [
        ("30.00万元", None, None),
        ("1.00万元", None, None),
    ]


def test_negative_figures_keep_their_sign():
    records = _budget(
        "年末结转和结余-12.34万元，其他收入－5.00万元，经营结余−0.50万元，上年结转负1,234.56万元，"
        "事业收入为负0.00万元。时间跨度10-20万元。\n"
    )
    assert [(r.cell_index, r.row_label_raw, r.amount_raw, r.amount_yuan) for r in records] == [
        (1, "年末结转和结余", "-12.34万元", Decimal("-123400.00")),
        (2, "其他收入", "－5.00万元", Decimal("-50000.00")),
        (3, "经营结余", "−0.50万元", Decimal("-5000.00")),
        (4, "上年结转", "负1,234.56万元", Decimal("-12345600.00")),
        (5, "事业收入为", "负0.00万元", Decimal("0.00")),
        (6, "时间跨度10-", "20万元", Decimal("200000.00")),  # a hyphen after a digit joins a range
    ]


def test_signed_changes():
    records = _budget(
        "经营收入预算-3.00万元，比2023年预算减少-1.00万元，增长-25.00%。\n\n"
        "事业收入预算5.00万元，比2023年预算增长－20.00%。\n"
    )
    negative, positive = records
    assert (negative.amount_yuan, negative.amount_raw) == (Decimal("-30000.00"), "-3.00万元")
    # 减少-1.00万元 is a rise of 1.00万元; 增长-25.00% a fall of 25 %: the printed signs multiply
    assert _change(negative) == (Decimal("10000.00"), Decimal("-25.00"), "increase", "prior_budget", 2023)
    assert _change(positive) == (None, Decimal("-20.00"), "decrease", "prior_budget", 2023)
