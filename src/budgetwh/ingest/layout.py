"""Which kind of document is this? Decided from content only (never the file name): each layout has markers that
its documents print and the others do not."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.text.cells import LabelSet, Row, squash

UNIT_BUDGET = "unit_budget"
DEPARTMENT_BUDGET = "department_budget"
UNIT_FINAL_ACCOUNTS = "unit_final_accounts"
DEPARTMENT_FINAL_ACCOUNTS = "department_final_accounts"
BUDGETS = (DEPARTMENT_BUDGET, UNIT_BUDGET)
FINAL_ACCOUNTS = (DEPARTMENT_FINAL_ACCOUNTS, UNIT_FINAL_ACCOUNTS)
TARGET_FORMS = "project_performance_targets"
EVALUATION_RESULTS = "performance_evaluation_results"


MARKERS = LabelSet.of(
    "一级指标", "一级目标", "三级指标", "三级目标", "功能分类科目编码", "经济分类科目编码", "评价分值"
)


# A disclosure's own title names its year, scope and kind: 上海市普陀区2025年区级部门预算, 2024年度部门决算; the agency
# may stand between the year and the kind (2024年度上海市闵行区财政局部门决算), or the year after the kind
# (部门决算（2024年度）). A title followed by 表 / 编制说明 / 情况说明 names a table or a part, not the document.
_NOT_TITLE_END = r"(?!\s*(?:表|编制|情况|说明|公开|的))"
TITLE_KIND = re.compile(
    r"(?P<year>\d{4})\s*年\s*度?\s*(?P<between>[^\d表:：，。]{0,40}?)\s*(?:区级|市级|镇级|街道)?\s*"
    r"(?P<scope>部\s*门|单\s*位)\s*(?P<kind>预\s*算|决\s*算)" + _NOT_TITLE_END
)
_TITLE_YEAR_AFTER = re.compile(
    r"(?P<scope>部\s*门|单\s*位)\s*(?P<kind>预\s*算|决\s*算)\s*[（(]?\s*(?P<year>\d{4})\s*年\s*度?\s*[)）]?\s*$"
)
_KINDS = {
    ("部门", "预算"): DEPARTMENT_BUDGET,
    ("单位", "预算"): UNIT_BUDGET,
    ("部门", "决算"): DEPARTMENT_FINAL_ACCOUNTS,
    ("单位", "决算"): UNIT_FINAL_ACCOUNTS,
}
TITLE_ROWS = 15  # a title and its header lines sit among the first non-blank lines
TITLE_SPAN = 3  # a title may be printed over this many lines (agency / year / kind)
# lines that repeat the title's words without being it: a part of the contents (第二部分…决算表), a contents entry
_PART = re.compile(r"^(?:第[一二三四五六七八九十]+部分|目\s*录|[一二三四五六七八九十]+、|\d+\s*[.．、])")
# A budget or final-accounts table prints one of these in its header (科目编码 of the classifications, or the
# 预算数 / 决算数 column of the summary tables).
_TABLE_HEADER = re.compile(r"科目编码|预算数|决算数")


@dataclass(frozen=True)
class StatedTitle:
    """What a document's title states: its kind and year, the row printing the year, and the text printed before
    the year or between it and the kind (the agency, perhaps with the district) with the row it starts on."""

    kind: str
    year: int
    row: Row
    named: str
    named_line: int | None


def header_rows(rows: list[Row]) -> list[Row]:
    """The first non-blank lines, markers of a converted PDF (<!-- … -->) left out."""
    found = (r for r in rows if not r.is_blank and not r.raw.lstrip().startswith("<!--"))
    return list(islice(found, TITLE_ROWS))


# a cover may print its year in Chinese numerals (二〇二五年): read as digits, one for one (offsets are kept)
_CJK_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_CJK_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")


def _title_text(row: Row) -> str:
    text = re.sub(r"<[^>]+>", "", row.raw).strip().lstrip("#").strip()
    return _CJK_YEAR.sub(lambda m: m.group(0).translate(_CJK_DIGITS), text) if "年" in text else text


def _title_candidates(rows: list[Row]) -> list[Row]:
    """The header rows that may print the title: prose lines of the first page (a cover) that are no part of the
    contents nor an agency label line."""
    first_page = rows[0].page if rows and rows[0].page is not None else None
    found = []
    for row in header_rows(rows):
        if first_page is not None and row.page is not None and row.page != first_page and found:
            break
        text = _title_text(row)
        if row.is_tabular or "……" in text or "..." in text or _PART.match(text) or re.search(r"[:：]", text):
            if found:
                break
            continue
        found.append(row)
    return found


def title_kind(rows: list[Row]) -> StatedTitle | None:
    """The document kind and year its title states, read from one title line or from a title printed over two or
    three lines (上海市闵行区财政局 / 2023年度 / 部门决算); else the first header line that states them."""
    candidates = _title_candidates(rows)
    for start in range(len(candidates)):
        for span in range(1, TITLE_SPAN + 1):
            block = candidates[start : start + span]
            if len(block) < span:
                break
            texts = [_title_text(r) for r in block]
            joined = "".join(texts)
            match = TITLE_KIND.search(joined) or _TITLE_YEAR_AFTER.search(joined)
            if match is None:
                continue
            # the row printing the year, and the text naming who: before the year, or between it and the kind
            offsets = [sum(map(len, texts[:i])) for i in range(len(texts))]
            year_at = max(i for i, o in enumerate(offsets) if o <= match.start("year"))
            if "between" in match.groupdict():
                before = joined[: match.start()]
                named = (before + match["between"]).strip()
            else:
                named = joined[: match.start()].strip()
            named_line = block[0].line if named else None
            kind = _KINDS[squash(match["scope"]), squash(match["kind"])]
            return StatedTitle(kind, int(match["year"]), block[year_at], named, named_line)
    for row in header_rows(rows):
        text = _title_text(row)
        if _is_contents_or_table(text):
            continue  # (8．2025年部门…部门预算经济分类预算表 in the contents names a table, not the document)
        match = TITLE_KIND.search(text)
        if match and not row.is_tabular:
            named = (text[: match.start()] + match["between"]).strip()
            kind = _KINDS[squash(match["scope"]), squash(match["kind"])]
            return StatedTitle(kind, int(match["year"]), row, named, row.line if named else None)
    return _heading_title(rows)


def _is_contents_or_table(text: str) -> bool:
    return "……" in text or "..." in text or bool(_PART.match(text)) or text.endswith("表")


# a part's heading that states the document's kind and year (2025年部门预算编制说明, 第三部分…2024年度部门决算情况说明)
_PART_HEADING = re.compile(
    r"(?P<year>\d{4})\s*年\s*度?\s*(?P<between>[^\d表:：，。]{0,40}?)\s*(?:区级|市级|镇级|街道)?\s*"
    r"(?P<scope>部\s*门|单\s*位)\s*(?P<kind>预\s*算|决\s*算)\s*(?:编制说明|情况说明|表)?\s*$"
)
_PART_PREFIX = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+\s*[.．、])\s*")
_HEADING_LENGTH = 80


def _heading_title(rows: list[Row]) -> StatedTitle | None:
    """Where no cover states it (a cover printed as an image), the first heading of a part that does: its kind and
    year, and the agency it names, if any."""
    for row in rows:
        if not row.raw.startswith("#") or len(row.raw) > _HEADING_LENGTH:
            continue
        text = _PART_PREFIX.sub("", _title_text(row))
        match = _PART_HEADING.search(text)
        if match:
            named = (text[: match.start()] + match["between"]).strip()
            kind = _KINDS[squash(match["scope"]), squash(match["kind"])]
            return StatedTitle(kind, int(match["year"]), row, named, row.line if named else None)
    return None


# a cover line naming the kind of a budget or final accounts (…部门预算, 单位决算（草案）) without any year
_YEARLESS_KIND = re.compile(r"(?:部\s*门|单\s*位)\s*(?:预\s*算|决\s*算)\s*(?:[（(][^()（）]{0,6}[)）])?\s*$")


def _yearless_title(rows: list[Row]) -> Row | None:
    """The cover line that names a budget's or final account's kind and no year (a document that cannot be placed
    in time), if any."""
    for row in _title_candidates(rows):
        text = _title_text(row)
        if _YEARLESS_KIND.search(text) and not re.search(r"\d{4}", text):
            return row
    return None


def _marker_cells(rows: list[Row]) -> Iterator[frozenset[str]]:
    """The squashed cells of the tabular rows that may hold a marker (only those rows are squashed)."""
    for row in rows:
        if row.is_tabular and MARKERS.finder.search(row.raw):
            yield row.squashed


def detect_layout(rows: list[Row], file_name: str, text: str | None = None) -> str:
    """`text` is the rows' lines joined (given when the caller has it). Marker cells are collected only until the
    layout is decided: the first indicator table settles a document of target forms."""
    if text is None:
        text = "\n".join(r.raw for r in rows)
    cells: set[str] = set()
    unseen = _marker_cells(rows)

    def holds_any(*labels: str) -> bool:
        while cells.isdisjoint(labels):
            found = next(unseen, None)
            if found is None:
                return False
            cells.update(found)
        return True

    stated = title_kind(rows)
    # (a table printed without ruling lines may reach the text as lines rather than cells: its header words still
    # say the document holds budget tables)
    if stated is not None and _TABLE_HEADER.search(text):
        return stated.kind
    if "单位预算" in text and holds_any("功能分类科目编码", "经济分类科目编码"):
        return UNIT_BUDGET
    if "绩效评价结果" in text and holds_any("评价分值"):
        return EVALUATION_RESULTS
    if "绩效目标申报表" in text and holds_any("一级指标", "一级目标") and holds_any("三级指标", "三级目标"):
        return TARGET_FORMS
    yearless = _yearless_title(rows) if _TABLE_HEADER.search(text) else None
    if yearless is not None:
        raise IngestError(
            file_name,
            f"title '{_title_text(yearless)}' names a 部门/单位 预算 or 决算 but no year (such as 2025年区级部门预算 / "
            "2024年度部门决算): the document must state its fiscal year",
            yearless.line,
        )
    raise IngestError(
        file_name,
        "unknown layout: not a budget or final accounts (a title such as 2025年区级部门预算 / 2024年度部门决算 with "
        "科目编码 tables), not performance-target forms "
        "(绩效目标申报表 with a 一级/二级/三级指标 table) and not evaluation results (绩效评价结果 with 评价分值)",
    )
