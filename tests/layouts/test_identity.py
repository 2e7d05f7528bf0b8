"""A budget or final account names itself however its cover prints it: the title on one, two or three lines, the
agency before the year, between the year and the kind or on a line of its own, the year after the kind; a district
named only in the text; a table header naming the agency in a shorter form. Each case edits the cover of a real
converted document and parses it with no registry row (as a document nobody has seen); a header naming another
agency and a table cut short at the end of the file stay refused."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from budgetwh.ingest.document import parse_document
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pdf import line_pages_of
from budgetwh.ingest.reference import load_reference
from budgetwh.ingest.text.reading import SourceText

ROOT = Path(__file__).resolve().parents[2]
CONVERTED = ROOT / "seeds" / "converted"
CZJ = "putuo_czj_2024_final_accounts.pdf.txt"
SHANGWU = "putuo_shangwu_2025_unit_budget.pdf.txt"
WANLI = "putuo_wanli_2024_dept_budget.pdf.txt"
CZJ_TITLE = "# 上海市普陀区财政局2024年度部门决算"
SHANGWU_TITLE = "# 上海市普陀区2025年区级单位预算\n\n## 预算单位：上海市普陀区商务委员会"
SHANGWU_AGENCY = "上海市普陀区商务委员会"


@pytest.fixture(scope="module")
def unregistered():
    reference = load_reference(ROOT / "seeds" / "reference")
    return replace(reference, registry={})


def parse(text: str, reference):
    digest = hashlib.sha256(text.encode()).hexdigest()
    pages = line_pages_of(text)
    source = SourceText("edited.pdf", text, digest, len(text), False, False, "pdf", max(pages), pages)
    return parse_document(source, reference)


def edited(name: str, old: str, new: str) -> str:
    text = (CONVERTED / name).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            CZJ,
            CZJ_TITLE,
            "# 上海市普陀区财政局\n\n## 2024年度部门决算",
            ("department_final_accounts", 2024, "上海市普陀区财政局"),
        ),
        (
            CZJ,
            CZJ_TITLE,
            "# 上海市普陀区财政局\n\n## 2023年度\n\n## 单位决算",
            ("unit_final_accounts", 2023, "上海市普陀区财政局"),
        ),
        (
            CZJ,
            CZJ_TITLE,
            "# 2024年度上海市普陀区财政局部门决算",
            ("department_final_accounts", 2024, "上海市普陀区财政局"),
        ),
        (
            CZJ,
            CZJ_TITLE,
            "# 上海市普陀区财政局部门决算\n\n## （2022年度）",
            ("department_final_accounts", 2022, "上海市普陀区财政局"),
        ),
        (
            CZJ,
            CZJ_TITLE,
            "# 上海市普陀区长征镇人民政府2024年度部门决算",
            ("department_final_accounts", 2024, "上海市普陀区长征镇人民政府"),
        ),
        (SHANGWU, SHANGWU_TITLE, f"# {SHANGWU_AGENCY}\n\n## 2025年单位预算", ("unit_budget", 2025, SHANGWU_AGENCY)),
        (SHANGWU, SHANGWU_TITLE, f"# 2026年{SHANGWU_AGENCY}单位预算", ("unit_budget", 2026, SHANGWU_AGENCY)),
        (
            SHANGWU,
            SHANGWU_TITLE,
            f"# 上海市普陀区区级单位预算（2025年）\n\n## 预算单位：{SHANGWU_AGENCY}",
            ("unit_budget", 2025, SHANGWU_AGENCY),
        ),
    ],
    ids=[
        "two lines",
        "three lines",
        "year first",
        "year after the kind",
        "a town",
        "agency above",
        "agency after the year",
        "unit budget, year after",
    ],
)
def test_a_title_however_printed_names_kind_year_and_agency(unregistered, name, old, new, expected) -> None:
    document = parse(edited(name, old, new), unregistered).document
    assert (document.doc_type, document.fiscal_year, document.agency_name) == expected
    assert document.district_id == "putuo"


def test_the_contents_never_stand_for_the_title(unregistered) -> None:
    """第二部分上海市普陀区财政局2024年度部门决算表 on the contents page names a part, not the document."""
    text = edited(CZJ, CZJ_TITLE, "# 上海市普陀区财政局\n\n## 2024年度部门决算")
    assert "第二部分上海市普陀区财政局2024年度部门决算表" in text
    assert parse(text, unregistered).document.agency_name == "上海市普陀区财政局"


def test_a_district_outside_the_first_three_and_a_title_without_district(unregistered) -> None:
    jingan = parse(edited(CZJ, CZJ_TITLE, CZJ_TITLE).replace("普陀", "静安"), unregistered).document
    assert (jingan.district_id, jingan.agency_name) == ("jingan", "上海市静安区财政局")
    # the title prints the bureau without its district: the district the document names (its contents, its prose)
    bare = parse(edited(CZJ, CZJ_TITLE, "# 财政局2024年度部门决算"), unregistered).document
    assert (bare.district_id, bare.fiscal_year) == ("putuo", 2024)


@pytest.mark.parametrize("printed", ["普陀区商务委员会", "商务委员会", "上海市普陀区商务委员会（汇总）"])
def test_a_table_header_naming_the_agency_in_another_form_is_the_same_agency(unregistered, printed) -> None:
    text = edited(SHANGWU, f"编制单位：{SHANGWU_AGENCY}", f"编制单位：{printed}")
    extract = parse(text, unregistered)
    assert extract.document.agency_name == SHANGWU_AGENCY
    assert len([i for i in extract.line_items if i.table_kind != "narrative"]) == 300  # every table cell


def test_a_table_header_naming_another_agency_is_refused(unregistered) -> None:
    text = edited(SHANGWU, f"编制单位：{SHANGWU_AGENCY}", "编制单位：上海市普陀区发展和改革委员会")
    with pytest.raises(IngestError, match="编制单位 names '上海市普陀区发展和改革委员会'"):
        parse(text, unregistered)


def test_only_a_table_that_ends_the_file_is_refused_for_a_missing_total(unregistered) -> None:
    printed = (
        "类\t款\t项\t\t\t\t\t\t\t\n合计\t\t\t\t\t\t\t\t\t\n\n"
        "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。"
    )
    text = (CONVERTED / CZJ).read_text(encoding="utf-8")
    assert printed in text
    # the last table of the 决算 without its 合计 row nor its note, the narrative after it: read as printed
    kept = parse(text.replace(printed, "类\t款\t项\t\t\t\t\t\t\t\n本部门无此项支出", 1), unregistered)
    assert kept.document.doc_type == "department_final_accounts"
    # the file cut inside a table: refused, naming the table
    cut = text[: text.index("301\t09\t职业年金缴费")]
    with pytest.raises(IngestError, match="has no 合计 row before line .*: the document looks truncated"):
        parse(cut, unregistered)


def test_a_budget_whose_tables_reached_the_text_as_plain_lines_is_still_a_budget(unregistered) -> None:
    """Tables printed without ruling lines that the converter could not set on a grid: the document is kept (its
    title and the header words of its tables say what it is), not refused as of no known layout."""
    text = (CONVERTED / SHANGWU).read_text(encoding="utf-8").replace("\t", "  ")
    document = parse(text, unregistered).document
    assert (document.doc_type, document.fiscal_year, document.agency_name) == ("unit_budget", 2025, SHANGWU_AGENCY)
