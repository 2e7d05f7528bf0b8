"""The converter on the five real PDFs (from ../shared/sources/pdf) and on synthetic ones: every number a viewer
shows is in the text once, on its page; table rows come out cell by cell on one column grid; the output is
deterministic and is what seeds/converted holds."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest
from glyph_numbers import NUMBER, numbers_by_page
from pdf_support import CONVERTED, FIXTURES, REAL_PDFS, real_pdf

from budgetwh.ingest.pdf import ConvertedPdf, convert_pdf, line_pages_of
from budgetwh.ingest.pdf.synthetic import Page, Text, table_page, write_pdf

WANLI = "putuo_wanli_2024_dept_budget.pdf"
CZJ = "putuo_czj_2024_final_accounts.pdf"
SHGZB = "putuo_shgzb_2024_final_accounts.pdf"
SHANGWU = "putuo_shangwu_2025_unit_budget.pdf"


@cache
def converted(name: str) -> ConvertedPdf:
    return convert_pdf(real_pdf(name), name)


def lines_on_page(result: ConvertedPdf, page: int) -> list[str]:
    return [line for line, p in zip(result.text.split("\n"), result.line_pages, strict=False) if p == page]


def text_numbers_by_page(result: ConvertedPdf) -> dict[int, Counter]:
    out: dict[int, Counter] = {}
    for line, page in zip(result.text.split("\n"), result.line_pages, strict=False):
        if not line.startswith("<!--"):
            out.setdefault(page, Counter()).update(NUMBER.findall(line))
    return out


def unwrap(glyph_only: Counter, text_only: Counter) -> tuple[Counter, Counter]:
    """A number wrapped at the end of a prose line is two words to the eye and one number once the paragraph is
    joined: pair such halves off against the joined number."""
    glyph_only, text_only = Counter(glyph_only), Counter(text_only)
    for joined in list(text_only.elements()):
        for head in list(glyph_only):
            tail = joined[len(head) :] if joined.startswith(head) else None
            if tail and glyph_only[head] and glyph_only[tail] and (tail != head or glyph_only[head] > 1):
                glyph_only -= Counter([head, tail])
                text_only -= Counter([joined])
                break
    return glyph_only, text_only


@pytest.mark.parametrize("name", REAL_PDFS)
def test_every_number_a_viewer_shows_is_in_the_text_once_on_its_page(name: str) -> None:
    result = converted(name)
    glyphs = numbers_by_page(real_pdf(name))
    text = text_numbers_by_page(result)
    assert result.page_count == len(glyphs)
    assert sum(sum(c.values()) for c in glyphs.values()) > 400
    for page, shown in glyphs.items():
        written = text.get(page, Counter())
        glyph_only, text_only = unwrap(shown - written, written - shown)
        assert not glyph_only and not text_only, (page, dict(glyph_only), dict(text_only))


@pytest.mark.parametrize("name", REAL_PDFS)
def test_conversion_is_deterministic_and_committed(name: str) -> None:
    result = converted(name)
    again = convert_pdf(real_pdf(name), name)
    assert again == result
    assert (CONVERTED / f"{name}.txt").read_text(encoding="utf-8") == result.text
    assert line_pages_of(result.text) == result.line_pages
    assert len(result.line_pages) == result.text.count("\n")


def test_a_coded_row_is_its_cells_in_column_order() -> None:
    page = lines_on_page(converted(WANLI), 11)
    assert "201\t05\t07\t专项普查活动\t257,700\t257,700\t0\t0\t0" in page


def test_a_code_printed_as_one_cell_stays_one_cell() -> None:
    rows = [line.split("\t") for line in lines_on_page(converted(SHGZB), 6)]
    assert ["2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", "", "", "", "", ""] in rows


def test_merged_header_cells_sit_at_their_first_column_and_row() -> None:
    page = lines_on_page(converted(WANLI), 10)
    header = page.index("本年收入\t\t本年支出\t")  # merged over two columns each
    assert page[header + 1] == "项目\t预算数\t项目\t预算数"
    page = lines_on_page(converted(WANLI), 11)
    header = page.index("项目\t\t\t\t收入预算\t\t\t\t")  # merged over the code and name columns, and two rows
    assert page[header + 1].startswith("功能分类科目编码\t\t\t功能分类科目名称\t合计\t财政拨款收入\t")
    assert page[header + 2] == "类\t款\t项\t\t\t\t\t\t"


def test_a_table_continued_over_pages_reads_its_header_once_with_the_page_marker_between_rows() -> None:
    lines = converted(WANLI).text.split("\n")
    header = "功能分类科目编码\t\t\t功能分类科目名称\t合计\t财政拨款收入\t事业收入\t事业单位经营收入\t其他收入"
    assert lines.count(header) == 1
    marker = lines.index("<!-- page 12 -->")
    assert lines[marker - 1] == "201\t38\t\t市场监督管理事务\t135,200\t135,200\t0\t0\t0"
    assert lines[marker + 1] == "201\t38\t02\t一般行政管理事务\t135,200\t135,200\t0\t0\t0"
    # its 合计 row, alone on page 15 and merged over the code and name columns, keeps the table's grid
    marker = lines.index("<!-- page 15 -->")
    assert lines[marker - 1].startswith("221\t03\t99\t其他城乡社区住宅支出\t")
    assert lines[marker + 1] == "合计\t\t\t\t156,211,123\t156,211,123\t0\t0\t0"


def test_side_by_side_tables_keep_both_halves_on_one_row() -> None:
    page = lines_on_page(converted(CZJ), 16)
    assert "301\t01\t基本工资\t262.33\t302\t01\t办公费\t21.21" in page


def test_text_clipped_away_on_a_page_is_not_read_there() -> None:
    # the 2025 unit budget's page 3 prints a paragraph whose end lies outside the page's clip; page 4 shows it
    result = converted(SHANGWU)
    assert not any("应急机制" in line for line in lines_on_page(result, 3))
    assert any(line.startswith("应急机制，协调重要商品储备") for line in lines_on_page(result, 4))


def test_headings_and_prose() -> None:
    result = converted(WANLI)
    lines = result.text.split("\n")
    assert lines[0].startswith("<!-- converted from PDF by budgetwh (pdf-text v1): sha256 9cf8afd0f960")
    assert lines[0].endswith(", 33 pages -->")
    assert lines[1:5] == ["", "<!-- page 1 -->", "", "# 上海市普陀区2024年区级部门预算"]
    assert "## 2024年部门收入预算总表" in lines_on_page(result, 11)
    # a paragraph wrapped over two printed lines is one line, CJK joined without a space
    assert (
        "九、承办区委、区政府交办的其他事项。" in lines_on_page(result, 3)
        and "二、统筹社区发展。统筹落实市、区两级涉及社区发展的重大决策和社区建设规划，参与辖区公共服务设施建设规划，"
        "推动辖区健、有序、可持续发展。"
        in lines_on_page(result, 3)
    )
    # segments far apart on one visual line are separate lines
    page = lines_on_page(result, 10)
    assert "编制部门：上海市普陀区人民政府万里街道办事处" in page and "单位：元" in page


def test_a_fake_bold_double_strike_text_outside_the_page_invisible_or_clipped_is_read_as_a_viewer_shows_it() -> None:
    table = table_page(
        [["Code", "Name", "Total"], ["2080501", "Pension", "2,940.05"], ["Total", "", "3,000.00"]],
        [80, 200, 100],
        title="Synthetic Table",
    )
    table.texts += [
        Text(500, 100, "777.01"),
        Text(500.3, 100.1, "777.01"),  # the same glyphs again, 0.3 pt to the right: a fake bold face
        Text(-300, 100, "999.99"),  # outside the page
        Text(500, 60, "555.55", render_mode=3),  # invisible
    ]
    clipped = Page(texts=[Text(100, 300, "123.45 kept"), Text(700, 300, "678.90 clipped")], clip=(0, 0, 400, 595))
    data = write_pdf([table, clipped])
    result = convert_pdf(data, "synthetic.pdf")
    page_1, page_2 = lines_on_page(result, 1)[2:], lines_on_page(result, 2)  # (after the header and a blank line)
    assert page_1 == [
        "<!-- page 1 -->",
        "",
        "# Synthetic Table",
        "",
        "Code\tName\tTotal",
        "2080501\tPension\t2,940.05",
        "Total\t\t3,000.00",
        "",
        "777.01",
        "",
    ]
    assert page_2 == ["<!-- page 2 -->", "", "123.45 kept"]
    assert numbers_by_page(data) == {
        1: Counter(["2080501", "2,940.05", "3,000.00", "777.01"]),
        2: Counter(["123.45"]),
    }


def test_the_committed_two_page_fixture_converts() -> None:
    result = convert_pdf((FIXTURES / "two_pages.pdf").read_bytes(), "two_pages.pdf")
    assert result.page_count == 2
    lines = result.text.split("\n")
    assert (
        "一、财政拨款收入\t371,514,655.00\t一、一般公共服务支出\t21,601,733.00\t10,823,891.00\t1,467,842.00\t9,310,000.00"
        in (lines)
    )
    assert result.line_pages[lines.index("201\t13\t01\t行政运行\t9,389,913.00\t9,389,913.00\t\t\t")] == 2


def test_a_header_repeated_on_the_continuation_page_is_read_once() -> None:
    header = [["Code", "Name", "Total"], ["", "", "yuan"]]
    first = table_page([*header, ["201", "General", "1,000.00"], ["205", "Education", "2,000.00"]], [80, 200, 100])
    second = table_page([*header, ["208", "Social", "3,000.00"], ["Total", "", "6,000.00"]], [80, 200, 100])
    result = convert_pdf(write_pdf([first, second]), "continued.pdf")
    lines = result.text.split("\n")
    marker = lines.index("<!-- page 2 -->")
    assert lines[marker - 4 : marker + 3] == [
        "Code\tName\tTotal",
        "\t\tyuan",
        "201\tGeneral\t1,000.00",
        "205\tEducation\t2,000.00",
        "<!-- page 2 -->",
        "208\tSocial\t3,000.00",
        "Total\t\t6,000.00",
    ]
    assert result.line_pages[marker + 1] == 2
    # a table that starts a page after other text is a new table, header and all
    prose = Page(texts=[Text(40, 560, "A new section")])
    prose.texts += second.texts
    prose.lines += second.lines
    again = convert_pdf(write_pdf([first, prose]), "new_table.pdf").text.split("\n")
    assert again.count("Code\tName\tTotal") == 2


def test_a_title_and_header_repeated_above_the_continued_table_are_read_once() -> None:
    header = [["Code", "Name", "Total"]]
    first = table_page([*header, ["201", "General", "1,000.00"]], [80, 200, 100], title="Expenditure Table")
    second = table_page([*header, ["Total", "", "1,000.00"]], [80, 200, 100], title="Expenditure Table")
    for page in (first, second):
        page.texts.append(Text(600, 545, "Unit: yuan"))
    lines = convert_pdf(write_pdf([first, second]), "continued.pdf").text.split("\n")
    assert lines.count("# Expenditure Table") == 1 and lines.count("Unit: yuan") == 1
    assert lines.count("Code\tName\tTotal") == 1
    marker = lines.index("<!-- page 2 -->")
    assert lines[marker - 1 : marker + 2] == ["201\tGeneral\t1,000.00", "<!-- page 2 -->", "Total\t\t1,000.00"]
