"""Figures in running text (预算编制说明, 决算情况说明, 三公 and project notes): each amount becomes a line item with
the phrase that introduces it, its phase and year read from that phrase, and what the text says about it right after:
a comparison with last year (比Y年预算执行数减少X% / 与Y年预算持平 / 与Y年度相比，…减少X万元，下降Z%) as a stated
change, a share (占X%), a completion rate (完成年初预算的X%) and the reason printed for a difference (主要原因是：…).
A comparison may open the sentence after its figure's (X万元，主要用于…。比Y年预算减少…). Narratives speak in 万元; a
figure printed with a minus (-X / －X / 负X) keeps it.

The same reading serves 预算 and 决算; `Wording` (narrative_words.py) holds where the families differ (an
unqualified figure of a 决算 is a 决算数, of a 预算 a 预算数). A paragraph that a page break (or the PDF's own
layout) cut in two is read as one: the second part starts without an enumerator and the first did not end its
sentence. The figures of a paragraph are found by narrative_figures.py."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from budgetwh.ingest.layouts.narrative_figures import Figure, scan, settle_orphan
from budgetwh.ingest.layouts.narrative_words import (
    BUDGET,
    NUMBER,
    Wording,
    change_fields,
    halfwidth,
    measure_of,
    parse_yuan,
    subject_of,
)
from budgetwh.ingest.text.cells import Row, parse_number
from budgetwh.ingest.text.records import LineItemRecord, row_id

# a paragraph that starts a numbered item (1. / 1、 / （一） / 一、 / 第一部分) never continues the one before it
ENUMERATOR = re.compile(
    r"^\s*(?:\d+\s*[、.．](?!\d)|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+)"
)
SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?")
# a numbered title (四、绩效目标设置情况): no clause, no figure, no budget subject cut short; it ends its own paragraph
_CLAUSE_MARK = re.compile(r"[，,。；;：:]|\d\s*(?:万元|元|%)|[（(]类[）)]")
_DIGIT = re.compile(r"\d")
# a page's number printed as a line of its own (3 / - 3 - / —3— / 第3页): not prose, and no end of a paragraph
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d+(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[-—–\s]*$")
_UNIT_FIGURE = re.compile(rf"{NUMBER}\s*(?:万元|元|%)")


@dataclass(slots=True)
class _Paragraph:
    rows: list[Row] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # offset of each row's text in `text`
    text: str = ""

    def add(self, row: Row, text: str) -> None:
        self.rows.append(row)
        self.starts.append(len(self.text))
        self.text += text

    def row_at(self, offset: int) -> Row:
        return self.rows[bisect_right(self.starts, offset) - 1]


def _record(
    figure: Figure,
    *,
    line: int,
    page: int | None,
    index: int,
    text: str,
    document_id: str,
    file_name: str,
    wording: Wording,
    fiscal_year: int,
) -> LineItemRecord:
    printed = text[figure.start : figure.end]
    what = f"narrative figure '{printed}'"
    label = figure.label or None
    # what a count and an amount both say: where the figure is printed and what it is of
    placed = {
        "line_item_id": row_id(document_id, line, index),
        "document_id": document_id,
        "source_line": line,
        "source_page": page,
        "cell_index": index,
        "table_name": "narrative",
        "table_kind": "narrative",
        "row_label_raw": label,
        "column_path_raw": None,
        "class_code": None,
        "kind_code": None,
        "item_code": None,
        "item_name_raw": figure.item_name,
        "phase": figure.phase,
        "fiscal_year": figure.year,
        "source_unit": figure.unit,
        "amount_raw": printed,
        "label_raw": label,
    }
    if figure.kind == "count":
        return LineItemRecord(
            **placed,
            measure="count",
            amount_yuan=None,
            quantity=parse_number(figure.number, file_name=file_name, line=line, what=what),
            quantity_unit=figure.unit,
        )
    change = {} if figure.change is None else change_fields(figure.change, wording, fiscal_year, file_name, line)
    return LineItemRecord(
        **placed,
        measure=measure_of(figure.label),
        amount_yuan=parse_yuan(figure.number, figure.unit, what, file_name, line),
        stated_rate_pct=figure.rate,
        stated_share_pct=figure.share,
        stated_reason_raw=figure.reason,
        **change,
    )


def parse_narrative_line(
    text: str, *, line: int, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """The figures of one line of a 预算's prose, read on its own (no paragraph before or after it)."""
    if _DIGIT.search(text) is None:
        return []  # every figure and every comparison holds a digit; most lines of prose hold none
    read = halfwidth(text)  # (the printed text stays the figures' amount_raw)
    figures, _ = scan(
        read,
        wording=BUDGET,
        fiscal_year=fiscal_year,
        subject=subject_of(read),
        file_name=file_name,
        line_of=lambda _offset: line,
    )
    return [
        _record(
            f,
            line=line,
            page=None,
            index=i,
            text=text,
            document_id=document_id,
            file_name=file_name,
            wording=BUDGET,
            fiscal_year=fiscal_year,
        )
        for i, f in enumerate(figures, start=1)
    ]


def _worth_reading(text: str) -> bool:
    """False for a paragraph with no figure (a figure prints 元, 共N or 为N), no reason and no subject: most prose."""
    if "原因" in text or "项）" in text or "项)" in text:
        return True
    return ("元" in text or "共" in text or "为" in text) and _DIGIT.search(text) is not None


def _prose(row: Row) -> tuple[str, bool]:
    """(text, is_boundary): the prose a line holds ('' if none), and whether it ends the paragraph context (a table
    row, a heading, a contents entry). A heading that prints an amount is prose the converter took for a heading."""
    raw = row.raw
    if "\t" in raw:  # a table row (most lines of a budget)
        return "", True
    text = raw.strip()
    if not text:
        return "", False
    first = text[0]
    if first == "<" and text.startswith("<!--") or _PAGE_NUMBER.match(text):
        return "", False
    if first == "-":
        return "", True
    if first == "#":
        body = text.lstrip("#").strip()
        return (body, False) if _UNIT_FIGURE.search(body) else ("", True)
    return text, False


def _continues(paragraph: _Paragraph, text: str) -> bool:
    if paragraph.text.endswith(SENTENCE_END) or ENUMERATOR.match(text):
        return False
    title = len(paragraph.rows) == 1 and ENUMERATOR.match(paragraph.text) and not _CLAUSE_MARK.search(paragraph.text)
    return not title


def paragraphs(rows: Iterable[Row]) -> Iterable[_Paragraph | None]:
    """The prose paragraphs of a document in order; None where a heading or a table ends a passage."""
    current: _Paragraph | None = None
    for row in rows:
        text, boundary = _prose(row)
        if boundary:
            if current is not None:
                yield current
                current = None
            yield None
            continue
        if not text:
            continue
        if current is not None and _continues(current, text):
            current.add(row, text)
            continue
        if current is not None:
            yield current
        current = _Paragraph()
        current.add(row, text)
    if current is not None:
        yield current


def parse_narrative_rows(
    rows: list[Row], *, wording: Wording, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """Every figure of a document's prose, one record each, ids by line and position among that line's figures."""
    done: list[tuple[_Paragraph, list[Figure]]] = []
    window: list[Figure] = []  # figures since the last heading or the last reason printed on its own
    pending_subject: str | None = None  # a subject printed in a paragraph of its own, for the paragraph after it
    for paragraph in paragraphs(rows):
        if paragraph is None:
            window, pending_subject = [], None
            continue
        text = halfwidth(paragraph.text)  # (the printed text stays the figures' amount_raw)
        if not _worth_reading(text):
            continue
        subject = subject_of(text)
        enumerated = ENUMERATOR.match(text) is not None
        if subject is None and not enumerated:
            subject = pending_subject
        figures, orphans = scan(
            text,
            wording=wording,
            fiscal_year=fiscal_year,
            subject=subject,
            file_name=file_name,
            line_of=lambda offset, p=paragraph: p.row_at(offset).line,
        )
        has_amounts = any(f.kind == "amount" for f in figures)
        if has_amounts or enumerated:
            pending_subject = None if has_amounts else subject
        elif subject:
            pending_subject = subject
        for preamble, reason in orphans:
            settle_orphan(preamble, reason, window, wording)
        if orphans and not figures:
            window = []
        window.extend(figures)
        if figures:
            done.append((paragraph, figures))

    records: list[LineItemRecord] = []
    for paragraph, figures in done:
        positions: dict[int, int] = {}
        for figure in figures:
            row = paragraph.row_at(figure.start)
            positions[row.line] = index = positions.get(row.line, 0) + 1
            records.append(
                _record(
                    figure,
                    line=row.line,
                    page=row.page,
                    index=index,
                    text=paragraph.text,
                    document_id=document_id,
                    file_name=file_name,
                    wording=wording,
                    fiscal_year=fiscal_year,
                )
            )
    return records
