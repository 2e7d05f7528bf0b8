"""The tables of a 部门/单位 预算 or 决算 text and the rows each prints. A table is found from its printed title (a line
ending in 表 followed, within a few lines, by tabular rows); it runs to the next title, a heading or the prose after
it, whose notes it keeps (注：本表为空表 …). What a family knows (which title is which table_kind, its default unit
and phase) is given by the family modules (`Family`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetwh.ingest.text.cells import Row, fold, is_number

OTHER = "other"  # the kind of a table no family names
# tables read by other parsers (the project target forms a budget prints at its end)
_NOT_OURS = ("绩效目标",)
_UNIT = re.compile(r"单位\s*[:：]\s*(?:人民币)?\s*(万元|元)")
# a unit printed in a header cell instead (合计（万元）, 金额(万元))
_HEADER_UNIT = re.compile(r"[（(]\s*(万元|元)\s*[)）]")
# lines between a title and its first row: 编制单位/编制部门/单位：元, a date, a page number
_PREAMBLE_LINES = 4
_HEADER_WORDS = 12  # a line this short may be header words of the table
_SHORT_PROSE = 40  # a prose line this long or longer inside a table ends it (a note, the next paragraph)
_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[:：0-9一二三四五六七八九十.、]")


@dataclass(frozen=True)
class Family:
    """What one family of documents contributes to the reader."""

    classify: Callable[[str], str]  # folded title → table_kind (`other` when unknown)
    default_unit: str  # the unit of a table that prints none
    default_phase: str  # the phase of a column whose path names none


@dataclass
class Section:
    title_row: Row
    title: str  # as printed, without the heading marks
    kind: str
    unit: str
    rows: list[Row]  # the table's rows (tabular lines with some text), in order
    notes: list[str]  # prose printed after the table, before the next one (注：本表为空表 …)


def _text(row: Row) -> str:
    return row.raw.strip().lstrip("#").strip()


def _is_heading(row: Row) -> bool:
    return row.raw.lstrip().startswith("#")


def is_marker(row: Row) -> bool:
    return row.raw.lstrip().startswith("<!--")


# a title may end with its number or a continuation mark: …预算总表（续） / …决算表 表一
# a unit printed on the title's line: …预算总表  单位：元 / …决算表（单位：万元）
_TITLE_UNIT = re.compile(r"\s*[（(]?\s*(?:金额)?单位\s*[:：]\s*(?:人民币)?\s*(?:万元|元)\s*[)）]?\s*$")
_TITLE_TAIL = re.compile(r"(?:\((?:续|续表)\)|表?[0-9一二三四五六七八九十]+)$")
# a form number or a note in brackets after the table's name: …收支总表（公开01表） / …决算表(表一) / …总表（续）
_BRACKETED_TAIL = re.compile(r"\([^()]{1,10}\)$")


def table_name(folded: str) -> str:
    """A folded title without what may follow the table's own name (a bracketed form number, 续), for naming its
    kind."""
    return _BRACKETED_TAIL.sub("", folded) if folded.endswith(")") else folded


# what may share a title's line or its grid row: the form's number (公开01表 / 表一), the unit, the agency label
_FORM_NUMBER = re.compile(r"^(?:公开\s*\d+\s*表|表\s*[0-9一二三四五六七八九十]+)$")
_TITLE_AGENCY = re.compile(r"\s*(?:编制(?:部门|单位)|预算(?:主管部门|单位))\s*[:：].*$")
_TITLE_LENGTH = 100  # an agency's long name (with a second name in brackets) may open the title


def _beside_title(text: str) -> bool:
    return bool(_FORM_NUMBER.match(text) or _UNIT.search(text) or _TITLE_AGENCY.match(text))


def _preamble_heading(text: str) -> bool:
    """A heading between a title and its table that belongs to the table: its unit, agency or form number, or a
    subtitle in brackets (（按功能分类科目）)."""
    return _beside_title(text) or bool(_UNIT.search(text)) or bool(re.fullmatch(r"[（(][^()（）]{1,30}[)）]", text))


def _title_text(row: Row) -> str | None:
    """The title a line prints, or None. A title may sit in the first row of its grid, alone or with its form's
    number, unit or agency in other cells."""
    if row.is_tabular:
        filled = [c for c in row.cells if c]
        if not filled or not all(_beside_title(c) for c in filled[1:]):
            return None
        text = filled[0]
    else:
        text = _text(row)
    text = _TITLE_UNIT.sub("", _TITLE_AGENCY.sub("", text))
    if not 2 < len(text) <= _TITLE_LENGTH or _FORM_NUMBER.match(text):  # (公开03表 alone numbers the title)
        return None
    folded = fold(text)
    named = table_name(folded)
    if named.endswith("表") or ("表" in named and _TITLE_TAIL.search(named) and "表" in named[-6:]):
        return text
    return None


def find_sections(rows: Sequence[Row], family: Family) -> list[Section]:
    """The tables of a document, each with the rows it prints. A title not followed by tabular rows within a few
    lines (a table of contents, a part heading such as 第二部分 …决算表) is no table. A title printed again over a
    table's continuation (the same title, or the same with 续) continues that table."""
    titles = [(i, text) for i, row in enumerate(rows) if "表" in row.raw and (text := _title_text(row))]
    sections: list[Section] = []
    for number, (at, title) in enumerate(titles):
        if any(word in title for word in _NOT_OURS):
            continue
        end = titles[number + 1][0] if number + 1 < len(titles) else len(rows)
        body = _table_rows(rows, at + 1, end)
        if body is None:
            continue
        table_rows, preamble, notes = body
        title, kind = _named(rows, at, title, family)
        base = _base(title)
        if sections and fold(sections[-1].title) == base and not sections[-1].notes:
            sections[-1].rows.extend(table_rows)
            sections[-1].notes = notes
            continue
        printed = (rows[at].raw, *preamble)
        unit = next((m.group(1) for text in printed if (m := _UNIT.search(text))), None)
        unit = unit or _header_unit([rows[at], *table_rows]) or _unit_above(rows, at) or family.default_unit
        sections.append(Section(rows[at], title, kind, unit, table_rows, notes))
    return sections


def _base(title: str) -> str:
    """The folded title without a continuation mark: what a continuation page repeats."""
    return _TITLE_TAIL.sub("", fold(title)) if "续" in title else fold(title)


def _named(rows: Sequence[Row], at: int, title: str, family: Family) -> tuple[str, str]:
    """(title, table_kind). A long title wrapped over two lines (…一般公共预算基本支出 / 部门预算经济分类预算表) is
    named by both lines: the line above joins it when the title alone names no known table and the two do."""
    kind = family.classify(table_name(_base(title)))
    if kind != OTHER:
        return title, kind
    above = next((r for r in reversed(rows[max(0, at - 3) : at]) if not r.is_blank and not is_marker(r)), None)
    if above is None or above.is_tabular:
        return title, kind
    head = _text(above)
    if not head or len(head) + len(title) > _TITLE_LENGTH or re.search(r"[:：。；]", head) or head.endswith("表"):
        return title, kind
    joined = head + title
    joined_kind = family.classify(table_name(_base(joined)))
    return (joined, joined_kind) if joined_kind != OTHER else (title, kind)


def _unit_above(rows: Sequence[Row], at: int) -> str | None:
    """The unit printed on a line of its own just above the title (单位：万元 / 编制单位：… then the title), read up
    to the rows of the table before it."""
    seen = 0
    for row in reversed(rows[max(0, at - 8) : at]):
        if row.is_blank or is_marker(row):
            continue
        if row.is_tabular or seen == _PREAMBLE_LINES:
            return None
        seen += 1
        match = _UNIT.search(row.raw)
        if match:
            return match.group(1)
    return None


def _header_unit(table: Sequence[Row]) -> str | None:
    """The unit a header cell prints (合计（万元）), read from the rows before the first figure."""
    for row in table:
        if any(is_number_cell(c) for c in row.cells):
            return None
        found = next((m.group(1) for c in row.cells if c and (m := _HEADER_UNIT.search(c))), None)
        if found:
            return found
    return None


def _table_rows(rows: Sequence[Row], start: int, end: int) -> tuple[list[Row], list[str], list[str]] | None:
    """(table rows, the texts printed between the title and the table, the prose after it), or None when no table
    follows the title."""
    preamble: list[str] = []
    table: list[Row] = []
    notes: list[str] = []
    page_top = False  # only blank lines since the last page marker
    for index in range(start, end):
        row = rows[index]
        if row.is_blank or is_marker(row):
            page_top = page_top or is_marker(row)
            continue
        at_page_top, page_top = page_top, False
        if notes:
            if _is_heading(row) or row.is_tabular:
                break
            notes.append(row.raw.strip())
            continue
        if row.is_tabular:
            if not table:
                # a unit printed inside the grid's first row (some converters keep it there)
                preamble.extend(c for c in row.cells if _UNIT.search(c))
            table.append(row)
            continue
        text = row.raw.strip()
        if _is_heading(row) and not (not table and _preamble_heading(_text(row))):
            # (a unit, agency or form-number line centred over a table reads as a heading: it is its preamble)
            if table and at_page_top and _tabular_follows(rows, index + 1, end):
                continue  # a running header printed at the top of every page, inside a table that goes on
            break
        if not table:
            preamble.append(text)
            # (header words the converter could not set on a grid, over a table printed without rules, come as
            # short lines of their own: only longer lines count)
            if sum(1 for line in preamble if len(line) > _HEADER_WORDS) > _PREAMBLE_LINES:
                return None
            continue
        if _NOTE.match(text) or len(text) >= _SHORT_PROSE:
            notes.append(text)
            continue
        # a short line inside a table: a page number or a repeated 单位：元 (nothing to read), or a row the
        # converter could not set on the grid (a 合计 row alone on a page): its words and figures become cells
        loose = _loose_row(row)
        if loose is not None:
            table.append(loose)
    if not table:
        return None
    return table, preamble, notes


def _tabular_follows(rows: Sequence[Row], start: int, end: int) -> bool:
    row = next((r for r in rows[start:end] if not r.is_blank and not is_marker(r)), None)
    return row is not None and row.is_tabular


def _loose_row(row: Row) -> Row | None:
    """A prose line that holds a label and figures (合计 1,234,567 …), as a row of cells; None for anything else."""
    words = row.raw.split()
    numbers = [w for w in words if is_number_cell(w)]
    if not numbers or _UNIT.search(row.raw) or not words or is_number_cell(words[0]):
        return None
    first = next(i for i, w in enumerate(words) if is_number_cell(w))
    if any(not is_number_cell(w) for w in words[first:]):
        return None
    return Row(line=row.line, raw=row.raw, cells=("".join(words[:first]), *words[first:]), page=row.page)


def is_number_cell(text: str) -> bool:
    return bool(text) and (text[-1].isdigit() or text[-1] in ")）") and is_number(text)


def outside_sections(rows: Sequence[Row], sections: Sequence[Section]) -> list[Row]:
    """The rows with those of the sections' tables (and their titles) blanked, lines and pages kept: what other
    readers may look at (a 项目名称 | 金额 row of a 项目支出表 is no project form)."""
    taken = {row.line for section in sections for row in (section.title_row, *section.rows)}
    if not taken:
        return list(rows)
    return [Row(line=row.line, raw="", cells=("",), page=row.page) if row.line in taken else row for row in rows]
