"""Wordings of the family that the five real documents do not all print (other departments and years do): 上年,
调整预算, 决算数大于预算数, a paragraph cut by a page break, prose the converter took for a heading. And, for every real
document, ids and pages that lead back to the printed figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from narrative_docs import CONVERTED, DOCUMENT_ID, only, read_converted, text_rows

from budgetwh.ingest.layouts.budget.narrative import parse_budget_narrative
from budgetwh.ingest.layouts.final_accounts.narrative import parse_final_accounts_narrative

HEADER = "<!-- converted from PDF by budgetwh (pdf-text v1): sha256 00, 3 pages -->\n<!-- page 1 -->\n"


def _final(text: str):
    rows = text_rows(HEADER + text, pdf=True)
    return parse_final_accounts_narrative(rows, document_id=DOCUMENT_ID, fiscal_year=2025, file_name="x.pdf")


def _budget(text: str):
    rows = text_rows(HEADER + text, pdf=True)
    return parse_budget_narrative(rows, document_id=DOCUMENT_ID, fiscal_year=2026, file_name="x.pdf")


def test_last_year_without_its_number():
    records = _budget("2026年“三公”经费预算数为12.30万元，比上年预算减少1.20万元，下降8.89%。主要原因是厉行节约。\n")
    figure = only(records, amount_raw="12.30万元")
    assert (figure.stated_change_yuan, figure.stated_change_pct, figure.compare_fiscal_year) == (
        Decimal("-12000.00"),
        Decimal("-8.89"),
        2025,
    )
    assert (figure.compare_basis, figure.stated_reason_raw, figure.source_page) == ("prior_budget", "厉行节约", 1)


def test_adjusted_budget_and_overspending():
    records = _final(
        "3、教育支出（类）普通教育（款）小学教育（项）。主要用于：日常运行。年初预算为10.00万元，调整预算为12.00万元，"
        "支出决算为12.50万元，完成调整预算的104.17%。决算数大于预算数的主要原因：追加项目。\n"
    )
    assert [(r.cell_index, r.phase, r.amount_yuan) for r in records] == [
        (1, "budget", Decimal("100000.00")),
        (2, "adjusted_budget", Decimal("120000.00")),
        (3, "final_account", Decimal("125000.00")),
    ]
    final = records[2]
    assert (final.stated_rate_pct, final.stated_reason_raw) == (Decimal("104.17"), "追加项目")
    assert {r.item_name_raw for r in records} == {"教育支出（类）普通教育（款）小学教育（项）"}


def test_paragraph_cut_by_a_page_and_a_false_heading():
    records = _final(
        "一、支出决算情况说明\n\n本年支出合计500.00万元，其中：基本支出300.00万元，占60.00%；项目支出\n\n"
        "<!-- page 2 -->\n\n## 200.00万元，占40.00%。\n\n二、其他\n\n"
        "机关运行经费支出20.00万元，比2024年度减少2.00万元，下降9.09%。主要原因是压减开支。\n"
    )
    project = only(records, amount_raw="200.00万元")
    assert (project.row_label_raw, project.measure, project.stated_share_pct, project.source_page) == (
        "项目支出",
        "project",
        Decimal("40.00"),
        2,
    )
    assert project.source_line == 9 and project.cell_index == 1
    total = only(records, amount_raw="500.00万元")
    assert total.item_name_raw == "本年支出合计"  # the numbered title before it is a paragraph of its own
    operations = only(records, amount_raw="20.00万元")
    assert (operations.phase, operations.compare_basis, operations.stated_change_pct) == (
        "final_account",
        "prior_execution",
        Decimal("-9.09"),
    )


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".txt") for p in CONVERTED.glob("*.pdf.txt")))
def test_ids_and_pages_lead_to_the_printed_figure(name):
    rows = read_converted(name)
    parse = parse_final_accounts_narrative if "final_accounts" in name else parse_budget_narrative
    records = parse(rows, document_id=DOCUMENT_ID, fiscal_year=2024, file_name=name)
    assert records
    seen: dict[int, int] = {}
    for record in records:
        row = rows[record.source_line - 1]
        assert record.line_item_id == f"{DOCUMENT_ID}:L{record.source_line}:C{record.cell_index}"
        assert record.cell_index == seen.get(record.source_line, 0) + 1  # 1..n among the line's figures
        seen[record.source_line] = record.cell_index
        assert record.source_page == row.page
        # a figure's line is where it starts; a figure is printed whole on it unless the line ends inside it
        text = row.raw
        assert record.amount_raw in text or any(text.endswith(record.amount_raw[:k]) for k in range(1, 6))
        assert (record.table_name, record.table_kind) == ("narrative", "narrative")


def test_class_level_item():
    records = _final("2、一般公共服务支出（类）。年初预算为30.00万元，支出决算为29.50万元，完成年初预算的98.33%。\n")
    assert [(r.item_name_raw, r.phase) for r in records] == [
        ("一般公共服务支出（类）", "budget"),
        ("一般公共服务支出（类）", "final_account"),
    ]
    assert records[1].stated_rate_pct == Decimal("98.33")


def test_rate_and_change_variants():
    records = _final(
        "“三公”经费财政拨款支出年初预算为8.00万元，支出决算为6.00万元，为年初预算的75.00%，比上年度减少1.00万元，"
        "降幅为14.29%。\n"
    )
    budget, final = records
    assert (budget.phase, final.phase, final.stated_rate_pct) == ("budget", "final_account", Decimal("75.00"))
    assert (final.stated_change_yuan, final.stated_change_pct, final.compare_fiscal_year) == (
        Decimal("-10000.00"),
        Decimal("-14.29"),
        2024,
    )
    assert final.item_name_raw == budget.item_name_raw == "“三公”经费财政拨款支出"


def test_page_number_between_the_halves_of_a_paragraph():
    records = _final(
        "本年收入合计80.00万元，其中：财政拨款收入70.00万元，占87.50%；其他\n\n- 7 -\n\n<!-- page 2 -->\n\n8\n\n"
        "收入10.00万元，占12.50%。\n"
    )
    other = only(records, amount_raw="10.00万元")
    assert (other.row_label_raw, other.stated_share_pct, other.source_page) == ("其他收入", Decimal("12.50"), 2)


@pytest.mark.parametrize(
    ("sentence", "change_yuan", "change_pct", "direction"),
    [
        ("2026年项目支出预算300万元，同比增加20万元，增长7.14%。", Decimal("200000.00"), Decimal("7.14"), "increase"),
        (
            "2026年项目支出预算300万元，比上年预算减少20万元（下降6.25%）。",
            Decimal("-200000.00"),
            Decimal("-6.25"),
            "decrease",
        ),
        ("2026年项目支出预算300万元，同比持平。", None, None, "flat"),
    ],
    ids=["同比", "percentage in brackets", "同比持平"],
)
def test_同比_and_a_percentage_in_brackets(sentence, change_yuan, change_pct, direction):
    figure = only(_budget(sentence + "\n"), amount_raw="300万元")
    assert (figure.stated_change_yuan, figure.stated_change_pct, figure.stated_direction) == (
        change_yuan,
        change_pct,
        direction,
    )
    assert (figure.compare_basis, figure.compare_fiscal_year) == ("prior_budget", 2025)


def test_a_reason_worded_原因主要是():
    records = _final(
        "行政运行（项）。年初预算为100.00万元，支出决算为95.00万元，完成年初预算的95.00%。决算数小于年初预算数的原因主要是厉行节约。\n"
    )
    figure = only(records, amount_raw="95.00万元")
    assert (figure.phase, figure.stated_rate_pct, figure.stated_reason_raw) == (
        "final_account",
        Decimal("95.00"),
        "厉行节约",
    )


def test_figures_printed_full_width():
    """１２．５万元 and ８．８６％ as some publishers print them: the same figures, the printed text kept raw."""
    records = _budget("2026年因公出国（境）费１２．５万元，占６６．６７％，比上年预算增加２万元，增长１９．０５％。\n")
    figure = only(records, amount_raw="１２．５万元")
    assert (figure.amount_yuan, figure.stated_share_pct, figure.stated_change_yuan, figure.stated_change_pct) == (
        Decimal("125000.00"),
        Decimal("66.67"),
        Decimal("20000.00"),
        Decimal("19.05"),
    )
    assert len(records) == 1  # ２万元 is the change, not a figure of its own
