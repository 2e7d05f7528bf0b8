"""Figures in running text (单位预算编制说明 and the other prose of a unit budget): each amount becomes a line item with
the phrase that introduces it, its phase and year read from that phrase, and any comparison printed right after it
(比2021年预算执行数减少94% / 与2021年预算持平) attached as a stated change. Narratives speak in 万元."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from budgetwh.ingest.cells import parse_amount, parse_number
from budgetwh.ingest.records import LineItemRecord, row_id

_NUM = r"\d[\d,]*(?:\.\d+)?"
AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>万元|元)")
# "为0，与2021年预算持平": a figure printed without its unit, directly compared with last year.
BARE_AMOUNT = re.compile(rf"为(?P<num>{_NUM})(?=[，,]\s*(?:与|比|较)\d{{4}}年)")
CHANGE = re.compile(
    rf"(?:比|较)(?P<year>\d{{4}})年(?P<basis>[^，。；,;]*?)"
    rf"(?P<verb>增加|减少|增长|下降|上升|降低)(?P<num>{_NUM})\s*(?P<unit>%|万元|元)"
)
FLAT = re.compile(r"与(?P<year>\d{4})年(?P<basis>[^，。；,;]*?)持平")
COUNT = re.compile(r"共(?P<num>\d+)(?P<unit>个|项|辆|台|套)")
SUBJECT = re.compile(r"“([^”]+)”科目")
YEAR = re.compile(r"(\d{4})\s*年")
CLAUSE_BREAK = re.compile(r"[，。；：、,;:]")
SENTENCE_BREAK = re.compile(r"[。；;]")
_DIGIT = re.compile(r"\d")
_LEADING = re.compile(r"^(?:\d+\.\s*|[（(][一二三四五六七八九十]+[)）]|其中[:：]?|\s)+")
_TRAILING = re.compile(r"(?:为|是|约)$")
_GAP_ALLOWED = re.compile(r"^[\s，,。]*$")
INCREASE = {"增加", "增长", "上升"}


@dataclass(slots=True)
class _Figure:
    start: int
    end: int
    kind: str  # amount | count
    number: str
    unit: str
    change: re.Match[str] | None = None


def _basis(text: str) -> str:
    return "prior_execution" if "执行" in text else "prior_budget"


def _phase(context: str) -> str:
    if "决算" in context:
        return "final_account"
    if "执行数" in context or "执行" in context:
        return "execution"
    return "budget"


def _clean(label: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", label)).strip()


def parse_narrative_line(
    text: str, *, line: int, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    if _DIGIT.search(text) is None:
        return []  # every figure and every comparison holds a digit; most lines of prose hold none
    changes = sorted(list(CHANGE.finditer(text)) + list(FLAT.finditer(text)), key=lambda m: m.start())
    taken = [(m.start(), m.end()) for m in changes]

    def free(start: int, end: int) -> bool:
        return not taken or all(end <= a or start >= b for a, b in taken)

    figures: list[_Figure] = []
    for match in AMOUNT.finditer(text):
        if free(match.start(), match.end()):
            figures.append(_Figure(match.start(), match.end(), "amount", match["num"], match["unit"]))
    for match in BARE_AMOUNT.finditer(text):
        start = match.start("num")
        if free(start, match.end()) and all(f.start != start for f in figures):
            figures.append(_Figure(start, match.end(), "amount", match["num"], "万元"))
    for match in COUNT.finditer(text):
        if free(match.start(), match.end()):
            figures.append(_Figure(match.start(), match.end(), "count", match["num"], match["unit"]))
    figures.sort(key=lambda f: f.start)
    for change in changes:
        before = [f for f in figures if f.end <= change.start() and f.kind == "amount"]
        if before and _GAP_ALLOWED.match(text[before[-1].end : change.start()]) and before[-1].change is None:
            before[-1].change = change

    subject = SUBJECT.search(text)
    records: list[LineItemRecord] = []
    previous_end = 0
    # where each clause and sentence ends (the breaks are single characters), found once for all figures
    clause_ends = [m.end() for m in CLAUSE_BREAK.finditer(text)]
    sentence_ends = [m.end() for m in SENTENCE_BREAK.finditer(text)]
    for index, figure in enumerate(figures, start=1):
        before = bisect_right(clause_ends, figure.start)  # breaks wholly before the figure
        clause_start = max(previous_end, clause_ends[before - 1]) if before else previous_end
        before = bisect_right(sentence_ends, figure.start)
        sentence_start = sentence_ends[before - 1] if before else 0
        label = text[clause_start : figure.start].strip()
        if figure.kind == "count":
            label = label + "共"
        sentence = text[sentence_start : figure.start]
        years = YEAR.findall(sentence)
        year = int(years[-1]) if years else fiscal_year
        item_name = subject.group(1) if subject else _clean(label)
        printed = text[figure.start : figure.end]
        what = f"narrative figure '{printed}'"
        previous_end = figure.end
        if figure.kind == "count":
            quantity = parse_number(figure.number, file_name=file_name, line=line, what=what)
            records.append(
                LineItemRecord(
                    line_item_id=row_id(document_id, line, index),
                    document_id=document_id,
                    source_line=line,
                    source_page=None,
                    cell_index=index,
                    table_name="narrative",
                    table_kind="narrative",
                    row_label_raw=label or None,
                    column_path_raw=None,
                    class_code=None,
                    kind_code=None,
                    item_code=None,
                    item_name_raw=item_name or None,
                    measure="count",
                    phase=_phase(label),
                    fiscal_year=year,
                    amount_yuan=None,
                    source_unit=figure.unit,
                    amount_raw=printed,
                    label_raw=label or None,
                    quantity=quantity,
                    quantity_unit=figure.unit,
                )
            )
            continue
        amount = parse_amount(figure.number, unit=figure.unit, file_name=file_name, line=line, what=what)
        change_fields: dict[str, object] = {}
        change = figure.change
        if change is not None:
            change_fields["compare_basis"] = _basis(change["basis"])
            change_fields["compare_fiscal_year"] = int(change["year"])
            if change.re is FLAT:
                change_fields["stated_direction"] = "flat"
            else:
                sign = Decimal(1) if change["verb"] in INCREASE else Decimal(-1)
                change_fields["stated_direction"] = "increase" if sign > 0 else "decrease"
                value = parse_number(change["num"], file_name=file_name, line=line, what="stated change")
                if change["unit"] == "%":
                    change_fields["stated_change_pct"] = (sign * value).quantize(Decimal("0.01"))
                else:
                    yuan = parse_amount(
                        change["num"], unit=change["unit"], file_name=file_name, line=line, what="stated change"
                    )
                    change_fields["stated_change_yuan"] = sign * yuan
        records.append(
            LineItemRecord(
                line_item_id=row_id(document_id, line, index),
                document_id=document_id,
                source_line=line,
                source_page=None,
                cell_index=index,
                table_name="narrative",
                table_kind="narrative",
                row_label_raw=label or None,
                column_path_raw=None,
                class_code=None,
                kind_code=None,
                item_code=None,
                item_name_raw=item_name or None,
                measure="total",
                phase=_phase(label),
                fiscal_year=year,
                amount_yuan=amount,
                source_unit=figure.unit,
                amount_raw=printed,
                label_raw=label or None,
                **change_fields,
            )
        )
    return records
