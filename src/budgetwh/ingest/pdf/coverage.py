"""How many of the amounts a PDF prints in its tables reached line_items: an estimate of printed-cell coverage that
needs no hand-made truth (scripts/score_pdf_coverage.py). Not used by ingest itself.

The printed amounts are read from the page as a viewer shows it, through the converter's own page reading (the
glyphs pdfium draws, the ruled grids, the tables printed without rules), not from the converted text: a cell the
converter dropped or moved is still counted here. A cell counts as a printed amount when its whole text is a number
and its column is a column of amounts: one that prints a thousands separator, a decimal point or a zero somewhere
(code columns 201 / 05 / 2080501 and numbering columns 1 2 3 print none of these), in a row that does not number the
columns (栏次 1 2 3 …). Each amount is then looked for among the document's table line items on the same page with
the same value (as many times as printed); the page's stated unit (单位：元 / 万元) is checked against the item's."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pypdfium2 as pdfium

from budgetwh.ingest.pdf.compose import segments, table_rows
from budgetwh.ingest.pdf.convert import open_pdf
from budgetwh.ingest.pdf.glyphs import read_page, reading_turns, upright
from budgetwh.ingest.pdf.tables import fill, find_tables
from budgetwh.ingest.pdf.unruled import unruled_tables

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_COLUMN_NUMBERING = ("栏次", "行次")
_NOT_AMOUNTS = re.compile(r"^(?:类|款|项|栏次|行次|序号)$|编码|代码")
_NUMBERING = ("行次", "序号")
# a code alone in its cell, or before its name
_CODE = re.compile(r"^(\d{3}(?:\s+\d{1,2}){0,2}|\d{5}|\d{7})(?:\s*$|\s*[^\d\s.,、．。)）])|^(\d{1,2})$")
_CODE_ONLY = re.compile(r"^\d{3}(?:\s+\d{1,2}){0,2}$|^\d{5}$|^\d{7}$|^\d{1,2}$")


@dataclass(frozen=True)
class PrintedAmount:
    page: int
    text: str  # as printed
    value: Decimal  # in the printed unit
    unit: str | None  # the unit the page states above the table (None when it states none)
    code: str | None = ""  # the code its row prints (2080501; '' none; None only the lower levels)


@dataclass(frozen=True)
class TableItem:
    """What coverage needs of one line item: where it is and what it says."""

    page: int
    value: Decimal  # amount_raw's value (the printed unit)
    unit: str
    codes: str = ""  # class_code + kind_code + item_code


@dataclass
class Coverage:
    file_name: str
    printed: int = 0
    matched: int = 0
    missing: list[PrintedAmount] = field(default_factory=list)
    unit_disagreements: list[PrintedAmount] = field(default_factory=list)  # matched, but the item's unit is not
    # the page's
    extra: int = 0  # table line items with no printed amount left to match (a number read twice, or invented)
    in_projects: list[PrintedAmount] = field(default_factory=list)  # not line items: a project form's funds
    coded: int = 0  # matched amounts whose row prints its whole code (or none) ...
    code_matched: int = 0  # ... and those a line item of the same page, value and codes holds
    code_disagreements: list[PrintedAmount] = field(default_factory=list)

    @property
    def percent(self) -> float:
        """Of the amounts that should be line items (a project form's funds are not)."""
        due = self.printed - len(self.in_projects)
        return 100.0 * self.matched / due if due else 100.0


def _value(text: str) -> Decimal | None:
    if not _AMOUNT.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _columns(rows: list[list[str]]) -> tuple[set[int], set[int]]:
    """Columns printing a thousands separator, a decimal point or a zero (amounts), and columns whose header names
    codes or numbering (类 款 项, 科目编码, 行次, 序号): those hold no amount whatever they print."""
    amounts: set[int] = set()
    labels: set[int] = set()
    for cells in rows:
        for column, text in enumerate(cells):
            value = _value(text)
            if value is not None and ("," in text or "." in text or value == 0):
                amounts.add(column)
            elif value is None and _NOT_AMOUNTS.search(text.replace(" ", "")):
                labels.add(column)
    return amounts - labels, labels


def _numbering(rows: list[list[str]]) -> set[int]:
    return {c for cells in rows for c, text in enumerate(cells) if text.replace(" ", "") in _NUMBERING}


def _figures(text: str) -> list[str]:
    """The figures of a cell printing several of them side by side (38,838,151 15,117,793), else []."""
    words = text.split()
    if len(words) < 2 or not all(_value(w) is not None for w in words):
        return []
    return words if any("," in w or "." in w for w in words) else []


def _code_parts(text: str) -> list[str] | None:
    """The code a label cell prints (201 / 05 / 2080501 / 208 05 01 / 2080501 行政运行), None for a word."""
    match = _CODE.match(text)
    return (match.group(1) or match.group(2)).split() if match else None


def _joined(parts: list[str]) -> str | None:
    """208 / 05 / 01 → 2080501; None when the row prints no class (a 款 under the class of a row above)."""
    if not parts or len(parts[0]) < 3:
        return None
    return parts[0] + "".join(p.zfill(2) for p in parts[1:])


def table_amounts(rows: list[list[str]]) -> list[tuple[str, str | None]]:
    """The printed amounts of one table (its rows of cells on one grid), in reading order, each with the code its
    row prints in its half ('' for a row without code, None when only the lower levels are printed). A number in a
    column that prints no separator, decimal or zero (a single-row table, small whole amounts) is an amount when
    something is printed left of it and no words follow it anywhere in the row (codes stand before their name)."""
    columns, labels = _columns(rows)
    numbering = _numbering(rows)
    found: list[tuple[str, str | None]] = []
    for cells in rows:
        if any(text.replace(" ", "") in _COLUMN_NUMBERING for text in cells):
            continue
        filled = [(column, text) for column, text in enumerate(cells) if text and column not in numbering]
        parts: list[str] = []
        code: str | None = ""
        previous = "start"  # what the cell before was: a code, a word or an amount
        for at, (column, text) in enumerate(filled):
            words_follow = any(_value(later) is None and not _figures(later) for _, later in filled[at + 1 :])
            amount = _value(text) is not None and column not in labels
            if amount and (column in columns or (at > 0 and not words_follow)):
                found.append((text, code))
                previous = "amount"
                continue
            several = _figures(text)
            if several:  # cells run together (columns too close to be told apart): each figure counts
                found.extend((figure, code) for figure in several)
                previous = "amount"
                continue
            printed = _code_parts(text)
            if printed is not None:
                parts = (parts if previous == "code" else []) + printed
                code, previous = _joined(parts), "code"
                if not _CODE_ONLY.match(text):  # a code and its name in one cell
                    previous = "word"
                continue
            if previous != "code":
                code = ""  # a label without code starts a new row (or half)
            previous = "word"
    return found


def _page_tables(page: pdfium.PdfPage) -> tuple[list[tuple[float, list[list[str]]]], list[tuple[float, str]]]:
    """(top, rows) of every table a page shows, and (y, unit) of every unit it states outside them."""
    textpage = page.get_textpage()
    try:
        crop = page.get_cropbox()
        glyphs, rules = read_page(page.raw, textpage.raw, crop)
        glyphs, rules = upright(glyphs, rules, reading_turns(glyphs), crop)
    finally:
        textpage.close()
    tables = find_tables(rules)
    free = []
    found: list[tuple[float, list[list[str]]]] = []
    inside: dict[int, list] = {id(t): [] for t in tables}
    for glyph in glyphs:
        table = next((t for t in tables if t.contains(glyph.cx, glyph.cy)), None)
        (free if table is None else inside[id(table)]).append(glyph)
    for table in tables:
        if len(table.xs) == 2:  # a frame with no column rules: the table inside was printed without them
            framed, _ = unruled_tables(segments(inside[id(table)]))
            found.extend(framed)
            if framed:
                continue
        fill(table, inside[id(table)])
        found.append((table.top, [cells for cells, _ in table_rows(table)]))
    unruled, rest = unruled_tables(segments(free))
    found.extend(unruled)
    units = [(seg.top, m.group(1)) for seg in rest if (m := _UNIT.search(seg.text))]
    for top, rows in found:  # a unit printed inside a grid's first row
        for cells in rows[:2]:
            units.extend((top, m.group(1)) for text in cells if (m := _UNIT.search(text)))
    return found, units


def printed_amounts(data: bytes, file_name: str) -> list[PrintedAmount]:
    """Every amount a viewer sees in a table of the PDF, page by page. A table's unit is the one stated nearest
    above it on its page, else the last one stated before (a table continued from the page before)."""
    document = open_pdf(data, file_name)
    out: list[PrintedAmount] = []
    unit: str | None = None
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                tables, units = _page_tables(page)
            finally:
                page.close()
            for top, rows in sorted(tables, key=lambda t: -t[0]):
                above = [u for y, u in units if y >= top - 1.0]
                if above:
                    unit = min(((y, u) for y, u in units if y >= top - 1.0), key=lambda p: p[0])[1]
                for text, code in table_amounts(rows):
                    out.append(PrintedAmount(index + 1, text, Decimal(text.replace(",", "")), unit, code))
            if not tables and units:
                unit = units[-1][1]
    finally:
        document.close()
    return out


def coverage(
    file_name: str, printed: list[PrintedAmount], items: list[TableItem], project_funds: Counter | None = None
) -> Coverage:
    """Printed amounts matched with table line items at (page, value), each item used once. An amount no item
    holds but a project form's funds do (`project_funds`: yuan → count; a budget may end with the forms of its
    projects, read as projects and indicators, not line items) is counted apart, not as missing."""
    available = Counter((item.page, item.value) for item in items)
    units: dict[tuple[int, Decimal], list[str]] = {}
    for item in items:
        units.setdefault((item.page, item.value), []).append(item.unit)
    result = Coverage(file_name, printed=len(printed))
    for amount in printed:
        key = (amount.page, amount.value)
        if available[key] > 0:
            available[key] -= 1
            result.matched += 1
            if amount.unit is not None and amount.unit not in units[key]:
                result.unit_disagreements.append(amount)
        else:
            result.missing.append(amount)
    funds = Counter(project_funds or {})
    for amount in list(result.missing):
        yuan = amount.value * (10000 if amount.unit == "万元" else 1)
        for value in (yuan, amount.value):
            if funds[value] > 0:
                funds[value] -= 1
                result.missing.remove(amount)
                result.in_projects.append(amount)
                break
    result.extra = sum(available.values())
    _check_codes(result, printed, items)
    return result


def _check_codes(result: Coverage, printed: list[PrintedAmount], items: list[TableItem]) -> None:
    """The second way held-out documents are scored, (codes, amount): the amounts whose row prints its code, looked
    for among the page's items of that value and those codes. An amount of a (page, value) that lacks items is
    missing, not misread: as many of that key as are missing are left out."""
    coded = Counter((item.page, item.value, item.codes) for item in items)
    unmatched = Counter((a.page, a.value) for a in (*result.missing, *result.in_projects))
    for amount in printed:
        if amount.code is None:
            continue
        key = (amount.page, amount.value, amount.code)
        if coded[key] > 0:
            coded[key] -= 1
            result.code_matched += 1
        elif unmatched[key[:2]] > 0:
            unmatched[key[:2]] -= 1
        else:
            result.code_disagreements.append(amount)
    result.coded = result.code_matched + len(result.code_disagreements)
