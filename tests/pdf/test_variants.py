"""Documents of the same families as another agency or year prints them (tests/pdf/variant_blocks.py), rendered as
PDF and ingested the way a held-out PDF is scored (alone in a raw folder, the project's reference seeds, no
registry row): ingest succeeds, and every printed amount is a line item at its page and at its codes, of the table
kind it belongs to; the coverage estimate finds nothing missing either. A document cut short is still refused with
one line naming the file and the line."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import variant_blocks as v
from pdf_support import ROOT

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pdf.coverage import TableItem, coverage, printed_amounts
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.synth.blocks import Table
from budgetwh.synth.pdf import render_pdf

sys.path.insert(0, str(ROOT / "scripts"))
import score_pdf_coverage  # noqa: E402


def _ingest(folder: Path, name: str, data: bytes) -> list[dict[str, str]]:
    raw = folder / "raw"
    raw.mkdir()
    (raw / name).write_bytes(data)
    out = folder / "extracted"
    run_ingest(raw, ROOT / "seeds" / "reference", out, converted_dir=folder / "converted")
    with (out / "line_items.csv").open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["table_kind"] != "narrative"]


VARIANTS = {
    "department_budget_2024": lambda: (v.budget("部门", 2024, 1), 2024),
    "unit_budget_2025": lambda: (v.budget("单位", 2025, 3), 2025),
    "unit_budget_2022_titles": lambda: (v.titled(v.budget("单位", 2022, 7), "预算单位", "单位"), 2022),
    "department_budget_2026": lambda: (v.budget("部门", 2026, 8), 2026),
    "no_fund_tables": lambda: (v.without_empty_tables(v.budget("单位", 2024, 4)), 2024),
    "empty_tables_as_notes": lambda: (v.empty_tables_as_notes(v.budget("部门", 2023, 5)), 2023),
    "budget_in_wan_yuan": lambda: (v.in_wan_yuan(v.budget("单位", 2024, 6)), 2024),
    "codes_in_one_column": lambda: (v.codes_in_one_column(v.budget("部门", 2025, 13)), 2025),
    "unknown_tables": lambda: (v.with_unknown_tables(v.budget("部门", 2024, 14), 2024), 2024),
    "tables_sharing_pages": lambda: (v.tables_sharing_pages(v.budget("部门", 2025, 15)), 2025),
    "unit_on_the_title": lambda: (v.unit_on_the_title(v.budget("单位", 2023, 16)), 2023),
    "department_final_accounts": lambda: (v.final_accounts("部门", 2024, 2), 2024),
    "unit_final_accounts": lambda: (v.final_accounts("单位", 2023, 9), 2023),
    "final_accounts_codes_in_one_column": lambda: (v.codes_in_one_column(v.final_accounts("单位", 2024, 10)), 2024),
    "final_accounts_row_numbers": lambda: (v.row_numbers(v.final_accounts("部门", 2022, 11)), 2022),
    "final_accounts_without_empty_tables": lambda: (v.without_empty_tables(v.final_accounts("部门", 2025, 12)), 2025),
    "final_accounts_ending_in_a_bare_empty_table": lambda: (
        v.ending_in_a_bare_empty_table(v.final_accounts("单位", 2024, 18)),
        2024,
    ),
    "budget_ending_in_a_bare_empty_table": lambda: (v.ending_in_a_bare_empty_table(v.budget("单位", 2025, 19)), 2025),
    "final_accounts_unit_on_the_title": lambda: (v.unit_on_the_title(v.final_accounts("单位", 2023, 17)), 2023),
    "unit_in_the_first_row": lambda: (v.unit_in_the_first_row(v.in_wan_yuan(v.budget("单位", 2024, 22))), 2024),
    "department_targets": lambda: (v.with_department_targets(v.budget("部门", 2025, 21), 2025, 21), 2025),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_printed_amount_of_a_variant_is_a_line_item_at_its_page_and_codes(variant: str, tmp_path: Path) -> None:
    blocks, year = VARIANTS[variant]()
    data, pages, places = render_pdf(blocks, title=variant, fiscal_year=year)
    expected = [row for _, row in places if row["kind"] == "line_items"]
    assert len(expected) > 50 and pages > 5
    got = _ingest(tmp_path, f"{variant}.pdf", data)
    at_page = Counter((page, Decimal(row["amount_yuan"])) for page, row in places if row["kind"] == "line_items")
    assert Counter((int(r["source_page"]), Decimal(r["amount_yuan"])) for r in got) == at_page
    at_codes = Counter(
        (row["table_kind"], row["class_code"], row["kind_code"], row["item_code"], Decimal(row["amount_yuan"]))
        for row in expected
    )
    found = Counter(
        (
            r["table_kind"],
            r["class_code"] or None,
            r["kind_code"] or None,
            r["item_code"] or None,
            Decimal(r["amount_yuan"]),
        )
        for r in got
    )
    assert found == at_codes
    items = [
        TableItem(
            int(r["source_page"]),
            Decimal(r["amount_raw"].replace(",", "")),
            r["source_unit"],
            r["class_code"] + r["kind_code"] + r["item_code"],
        )
        for r in got
    ]
    estimate = coverage(variant, printed_amounts(data, variant), items)
    assert (estimate.printed, estimate.matched, estimate.missing, estimate.unit_disagreements) == (
        len(expected),
        len(expected),
        [],
        [],
    )
    assert estimate.code_matched == estimate.coded and estimate.coded > len(expected) / 2


def test_unknown_tables_are_kept_as_other_with_their_titles(tmp_path: Path) -> None:
    blocks = v.with_unknown_tables(v.budget("部门", 2024, 14), 2024)
    data, _, _ = render_pdf(blocks, title="t", fiscal_year=2024)
    other = [r for r in _ingest(tmp_path, "unknown.pdf", data) if r["table_kind"] == "other"]
    assert Counter(r["table_name"] for r in other) == {"2024年部门政府采购预算表": 5, "2024年项目支出预算表": 5}
    assert sum(Decimal(r["amount_yuan"]) for r in other) == 2 * 2 * 10 * 123_456
    assert {r["row_label_raw"] for r in other} == {"项目1", "项目2", "项目3", "项目4", "合计"}


def test_the_2022_unit_budget_printed_as_pdf_gives_the_text_s_line_items(tmp_path: Path) -> None:
    """The real 2022 unit budget (2022 titles, its project forms at the end) typeset as a PDF: the same table cells
    as its text, each on a page."""
    text = (ROOT / "data" / "raw" / "putuo_2022_city_operations_center_unit_budget.txt").read_text(encoding="utf-8")
    data, _, _ = render_pdf(v.text_blocks(text), title="2022", fiscal_year=2022)
    got = _ingest(tmp_path, "unit_2022.pdf", data)
    with (ROOT / "seeds" / "extracted" / "line_items.csv").open(encoding="utf-8", newline="") as handle:
        from_text = [r for r in csv.DictReader(handle) if r["document_id"] == "doc_3b417c218811"]
    from_text = [r for r in from_text if r["table_kind"] != "narrative"]

    def cells(rows):
        return Counter(
            (r["table_kind"], r["column_path_raw"], r["class_code"], r["kind_code"], r["item_code"], r["amount_yuan"])
            for r in rows
        )

    assert len(from_text) == 200
    assert cells(got) == cells(from_text)
    assert all(r["source_page"] for r in got)
    # the estimate: every amount of its tables found (its project forms are typeset here with cells narrower than
    # their text, which overflows into the next cell: their funds are not compared)
    (estimate,) = score_pdf_coverage.score(tmp_path / "raw", tmp_path / "extracted")
    assert estimate.matched == 200 and {a.page for a in estimate.missing} <= {8, 9, 10, 11, 12}


def test_a_pdf_whose_last_table_is_cut_short_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    blocks = v.budget("单位", 2024, 4)
    last = max(i for i, b in enumerate(blocks) if isinstance(b, Table) and b.kind == "expenditure")
    cut: Table = blocks[last]
    cut.rows = cut.rows[: len(cut.rows) // 2]
    data, _, _ = render_pdf(blocks[: last + 1], title="cut", fiscal_year=2024)
    with pytest.raises(IngestError) as error:
        _ingest(tmp_path, "cut.pdf", data)
    message = str(error.value)
    assert message.startswith("cut.pdf:") and "\n" not in message
    assert "has no 合计 row" in message and "truncated" in message
    assert error.value.line is not None and error.value.line > 100


def test_the_scoring_script_ingests_the_pdfs_of_a_folder_alone(tmp_path: Path, capsys) -> None:
    data, _, places = render_pdf(v.budget("单位", 2024, 20), title="s", fiscal_year=2024)
    (tmp_path / "xuhui_2024_unit_budget.pdf").write_bytes(data)
    (tmp_path / "README.md").write_text("not a document\n", encoding="utf-8")
    assert score_pdf_coverage.main([str(tmp_path), "--ingest", "--min", "95"]) == 0
    cells = sum(1 for _, row in places if row["kind"] == "line_items")
    report = capsys.readouterr().out.splitlines()
    assert report[0].startswith(f"xuhui_2024_unit_budget.pdf: {cells} printed, {cells} matched, 0 missing, 100.00 %")
    assert report[-1] == f"all: {cells} printed, {cells} matched, 100.00 %"


BARE = {
    "budget": lambda: (v.budget("部门", 2024, 1), 2024),
    "unit_budget": lambda: (v.budget("单位", 2025, 3), 2025),
    "final_accounts": lambda: (v.final_accounts("单位", 2023, 9), 2023),
    "department_final_accounts": lambda: (v.final_accounts("部门", 2024, 2), 2024),
}


THREE_PUBLIC_CELLS = {"budget": 7, "unit_budget": 7, "final_accounts": 8, "department_final_accounts": 10}


@pytest.mark.parametrize("variant", BARE)
def test_a_document_printed_without_ruling_lines_still_gives_its_amounts_at_their_pages(
    variant: str, tmp_path: Path, monkeypatch
) -> None:
    """No rule drawn (the renderer's lines dropped): tables read by the converter's unruled reading, columns so close
    that figures run together with each other and with labels in one segment (cut again where each word is
    printed), a 款 and 项 code running into the name (03 02 一般行政管理事务), header rows of one cell (科目编码),
    rows of a label only between rows of figures (七、文化旅游体育与传媒支出 with no amount: the 决算's tables used
    to end there, 153 of 242 cells), a budget's one-row 三公 table under header cells typeset flush against each
    other (因公出国(境)费公务接待费…, cut where each column starts), read under the headers a ruled one gives, and
    the 决算's one-row 三公 table, whose blank columns no figure shows, read under the columns of its header's lowest
    cells (预算数 | 决算数 ×6; it was left unread before: 300 of the department 决算's 310 cells). Every amount is
    read, at page and codes, under its column's path."""
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(Canvas, "line", lambda self, *args: None)
    blocks, year = BARE[variant]()
    data, _, places = render_pdf(blocks, title="bare", fiscal_year=year)
    got = _ingest(tmp_path, "bare.pdf", data)
    cells = [row for _, row in places if row["kind"] == "line_items"]
    tables = [(page, row) for page, row in places if row in cells]
    expected = Counter((page, Decimal(row["amount_yuan"])) for page, row in tables)
    assert len(tables) > 200
    assert Counter((int(r["source_page"]), Decimal(r["amount_yuan"])) for r in got) == expected
    coded = Counter(
        (row["table_kind"], row["class_code"], row["kind_code"], row["item_code"], Decimal(row["amount_yuan"]))
        for _, row in tables
    )
    assert (
        Counter(
            (
                r["table_kind"],
                r["class_code"] or None,
                r["kind_code"] or None,
                r["item_code"] or None,
                Decimal(r["amount_yuan"]),
            )
            for r in got
        )
        == coded
    )
    three_public = Counter(
        (row["column_path_raw"], row["phase"], row["amount_yuan"])
        for _, row in tables
        if row["table_kind"] == "three_public"
    )
    assert (
        Counter((r["column_path_raw"], r["phase"], r["amount_yuan"]) for r in got if r["table_kind"] == "three_public")
        == three_public
    )
    assert len(three_public) == THREE_PUBLIC_CELLS[variant]


def _extracted(folder: Path, seed: str, document_id: str) -> list[dict[str, str]]:
    with (folder / f"{seed}.csv").open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["document_id"] == document_id]


def test_a_department_target_form_after_the_project_forms_gives_line_items_and_leaves_the_projects(
    tmp_path: Path,
) -> None:
    """The real 2022 unit budget with a 部门整体支出绩效目标表 printed after its project forms: its six amounts are
    line items of an `other` table (label: the cell left of each; path: the row label merged down over them; the
    form's 万元), its indicator rows are nobody's, and the projects and their indicators are those of the text
    without it."""
    text = (ROOT / "data" / "raw" / "putuo_2022_city_operations_center_unit_budget.txt").read_text(encoding="utf-8")
    form = [
        "",
        "## 2022年部门整体支出绩效目标表",
        "",
        "部门名称\t上海市普陀区城市运行管理中心\t\t\t",
        "年度预算资金（万元）\t资金总额\t1,250.50\t基本支出\t450.25",
        "\t其中：财政拨款\t1,200.00\t项目支出\t800.25",
        "\t其他资金\t50.50\t\t",
        "上年结转\t上年结转资金：12.00\t\t编制年度：2022\t",
        "年度总体目标\t保障机构正常运转。\t\t\t",
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值",
        "\t产出指标\t数量指标\t完成重点工作任务数\t12",
        "\t效益指标\t社会效益指标\t服务对象满意度\t≥90%",
    ]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "unit_2022.txt").write_text(text.rstrip("\n") + "\n" + "\n".join(form) + "\n", encoding="utf-8")
    out = tmp_path / "extracted"
    run_ingest(raw, ROOT / "seeds" / "reference", out, converted_dir=tmp_path / "converted")
    with (out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        (document,) = csv.DictReader(handle)
    new_id = document["document_id"]
    first = len(text.rstrip("\n").split("\n")) + 1
    items = [r for r in _extracted(out, "line_items", new_id) if r["table_name"] == "2022年部门整体支出绩效目标表"]
    assert [
        (int(r["source_line"]) - first, r["cell_index"], r["row_label_raw"], r["column_path_raw"], r["measure"])
        + (r["table_kind"], r["source_unit"], r["amount_yuan"])
        for r in items
    ] == [
        (4, "3", "资金总额", "年度预算资金（万元）", "total", "other", "万元", "12505000.00"),
        (4, "5", "基本支出", "年度预算资金（万元）", "basic", "other", "万元", "4502500.00"),
        (5, "3", "其中：财政拨款", "年度预算资金（万元）", "fiscal_appropriation", "other", "万元", "12000000.00"),
        (5, "5", "项目支出", "年度预算资金（万元）", "project", "other", "万元", "8002500.00"),
        (6, "3", "其他资金", "年度预算资金（万元）", "total", "other", "万元", "505000.00"),
        # a label and its amount in one cell (a year beside it is no amount)
        (7, "2", "上年结转资金", "上年结转", "opening_balance", "other", "万元", "120000.00"),
    ]

    def without_id(rows: list[dict[str, str]], document_id: str) -> list[dict[str, str]]:
        return [{k: value.replace(document_id, "") for k, value in row.items()} for row in rows]

    for seed in ("projects", "indicators"):
        got = without_id(_extracted(out, seed, new_id), new_id)
        before = without_id(_extracted(ROOT / "seeds" / "extracted", seed, "doc_3b417c218811"), "doc_3b417c218811")
        assert got == before and len(got) >= 3
    others = [r for r in _extracted(out, "line_items", new_id) if r["table_name"] != "2022年部门整体支出绩效目标表"]
    assert len(others) == len(_extracted(ROOT / "seeds" / "extracted", "line_items", "doc_3b417c218811"))


def _letter_spaced(draw_string):
    """Canvas.drawString drawing every figure letter-spaced by a quarter of its size, in the width it has unspaced
    (a justified cell, a tracked font): the same wide gap between every two glyphs of the figure."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(canvas, x, y, text, *args, **kwargs):
        if len(text) < 3 or not text.replace(",", "").replace(".", "").isdigit():
            return draw_string(canvas, x, y, text, *args, **kwargs)
        size = canvas._fontsize
        spacing = 0.25 * size
        width = stringWidth(text, canvas._fontname, size)
        line = canvas.beginText(x, y)
        line.setFont(canvas._fontname, size * (width - spacing * (len(text) - 1)) / width)
        line.setCharSpace(spacing)
        line.textOut(text)
        line.setCharSpace(0)
        canvas.drawText(line)

    return draw


@pytest.mark.parametrize("variant", ["department_budget_2024", "department_final_accounts"])
def test_figures_printed_letter_spaced_are_read_whole(variant: str, tmp_path: Path, monkeypatch) -> None:
    """2 6 , 3 4 1 . 8 4 to the eye of a reader measuring gaps: every figure was lost before (0 of 310 cells of the
    决算, and the ingest still exited 0)."""
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(Canvas, "drawString", _letter_spaced(Canvas.drawString))
    test_every_printed_amount_of_a_variant_is_a_line_item_at_its_page_and_codes(variant, tmp_path)


@pytest.mark.parametrize("turn", ["landscape", "rotated"])
def test_landscape_and_rotated_pages_read_as_upright_portrait_ones(turn: str, tmp_path: Path, monkeypatch) -> None:
    """Every page landscape (typeset wide), or every page turned a quarter by the page's /Rotate."""
    import io

    import pypdfium2 as pdfium

    import budgetwh.synth.pdf as typeset

    if turn == "landscape":
        monkeypatch.setattr(typeset, "PAGE_W", typeset.PAGE_H)
        monkeypatch.setattr(typeset, "PAGE_H", typeset.PAGE_W)
        defaults = typeset._Pages.__init__.__defaults__
        monkeypatch.setattr(typeset._Pages.__init__, "__defaults__", (1, typeset.PAGE_H - typeset.TOP, *defaults[2:]))
    else:

        def rotated(blocks, **kwargs):
            data, pages, places = typeset.render_pdf(blocks, **kwargs)
            document = pdfium.PdfDocument(data)
            for page in document:
                page.set_rotation(90)
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue(), pages, places

        monkeypatch.setattr(sys.modules[__name__], "render_pdf", rotated)
    test_every_printed_amount_of_a_variant_is_a_line_item_at_its_page_and_codes("department_final_accounts", tmp_path)


@pytest.mark.parametrize("layout", ["header_split", "continued_title"])
def test_tables_broken_across_pages_another_way_read_whole(layout: str, tmp_path: Path, monkeypatch) -> None:
    """header_split: every table with a header of two rows or more starts at the foot of a page, its title and
    first header row there, the rest of the header on the next page. continued_title: a table continued on the next
    page prints its title again with （续） and its 编制部门 and unit lines above the repeated header."""
    import budgetwh.synth.pdf as typeset

    table, draw_row = typeset._table, typeset._draw_row
    current: list[Table] = []

    def split_table(pages, block: Table, fiscal_year: int) -> None:
        if len(block.header) >= 2 and block.rows:
            if not pages.blank:
                pages.new_page()
            size, _ = typeset._table_font(block, typeset.PAGE_W - typeset.LEFT - typeset.RIGHT)
            lines = typeset.HEADING * 1.6 + typeset.NOTE * 1.6 * len(block.preamble)
            pages.y = typeset.BOTTOM + lines + size * 2 * 1.5  # room for the title, preamble and one header row
        table(pages, block, fiscal_year)

    def split_row(pages, cells, widths, size, height, x0) -> None:
        if pages.y - height < typeset.BOTTOM:
            pages.new_page()
        draw_row(pages, cells, widths, size, height, x0)

    def continued_table(pages, block: Table, fiscal_year: int) -> None:
        current.append(block)
        table(pages, block, fiscal_year)
        current.pop()

    def continued_row(pages, cells, widths, size, height, x0) -> None:
        if current and pages.blank and cells == current[-1].header[0]:
            pages.text(f"{current[-1].title}（续）", typeset.HEADING, centred=True)
            for line in current[-1].preamble:
                pages.text(line, typeset.NOTE)
        draw_row(pages, cells, widths, size, height, x0)

    if layout == "header_split":
        monkeypatch.setattr(typeset, "_table", split_table)
        monkeypatch.setattr(typeset, "_draw_row", split_row)
    else:
        monkeypatch.setattr(typeset, "_table", continued_table)
        monkeypatch.setattr(typeset, "_draw_row", continued_row)
    test_every_printed_amount_of_a_variant_is_a_line_item_at_its_page_and_codes("department_budget_2024", tmp_path)


@pytest.mark.parametrize("rules", ["ruled", "unruled"])
def test_a_table_continued_without_its_header_reads_whole(rules: str, tmp_path: Path, monkeypatch) -> None:
    """A table longer than its page continued on the next with no header rows repeated (nor title): the rows of
    the continuation are rows of the same table, ruled or not (every amount at its page and codes)."""
    from reportlab.pdfgen.canvas import Canvas

    import budgetwh.synth.pdf as typeset

    table, draw_row = typeset._table, typeset._draw_row
    current: list[Table] = []

    def no_repeat_table(pages, block: Table, fiscal_year: int) -> None:
        current.append(block)
        table(pages, block, fiscal_year)
        current.pop()

    def no_repeat_row(pages, cells, widths, size, height, x0) -> None:
        # a header row drawn on a page that holds rows of its table already: the repeat, left out
        if current and pages.blank and cells in current[-1].header:
            return
        draw_row(pages, cells, widths, size, height, x0)

    continued: list[int] = []
    new_page = typeset._Pages.new_page

    def counted(pages) -> None:
        if current:
            continued.append(pages.page + 1)
        new_page(pages)

    monkeypatch.setattr(typeset, "_table", no_repeat_table)
    monkeypatch.setattr(typeset, "_draw_row", no_repeat_row)
    monkeypatch.setattr(typeset._Pages, "new_page", counted)
    if rules == "unruled":
        monkeypatch.setattr(Canvas, "line", lambda self, *args: None)
    test_every_printed_amount_of_a_variant_is_a_line_item_at_its_page_and_codes("department_budget_2024", tmp_path)
    assert len(continued) >= 2  # (tables of the document do run over a page)
