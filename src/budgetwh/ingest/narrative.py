"""Figures in running text (预算编制说明, 决算情况说明, 三公 and project notes): each amount becomes a line item with
the phrase that introduces it, its phase and year read from that phrase, and what the text says about it right after:
a comparison with last year (比Y年预算执行数减少X% / 与Y年预算持平 / 与Y年度相比，…减少X万元，下降Z%) as a stated
change, a share (占X%), a completion rate (完成年初预算的X%) and the reason printed for a difference (主要原因是：…).
A comparison may open the sentence after its figure's (X万元，主要用于…。比Y年预算减少…). Narratives speak in 万元; a
figure printed with a minus (-X / －X / 负X) keeps it.

The same reading serves 预算 and 决算; `Wording` holds where the families differ (an unqualified figure of a 决算 is
a 决算数, of a 预算 a 预算数). A paragraph that a page break (or the PDF's own layout) cut in two is read as one: the
second part starts without an enumerator and the first did not end its sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from budgetwh.ingest.cells import Row, parse_amount, parse_number
from budgetwh.ingest.records import LineItemRecord, row_id

_NUM = r"\d[\d,]*(?:\.\d+)?"
# a minus printed before a figure (-12.34 / －12.34 / −12.34 / 负12.34); a hyphen after a digit joins a range instead
_SIGN = r"(?:(?<![\d.])[-－−]|负)"
_MINUS = frozenset("-－−负")
_VERB = r"增加|减少|增长|下降|上升|降低"
# a percentage printed right after a change in money (增加X万元，增长Y%) belongs to the same change
_PCT_TAIL = rf"(?:\s*[，,]\s*(?P<verb2>{_VERB}|增幅|降幅)(?:为)?\s*(?P<num2>{_SIGN}?{_NUM})\s*%)?"
AMOUNT = re.compile(rf"(?P<num>{_SIGN}?{_NUM})\s*(?P<unit>万元|元)")
# "为0，与2021年预算持平": a figure printed without its unit, directly compared with last year.
BARE_AMOUNT = re.compile(rf"为\s*(?P<num>{_SIGN}?{_NUM})(?=\s*[，,]\s*(?:与|比|较)\s*\d{{4}}\s*年)")
# the year compared with: printed (2023年 / 2023年度) or 上年 (the year before the document's)
_YEAR_OF = r"(?:(?P<year>\d{4})\s*年|上一?年)"
CHANGE = re.compile(
    rf"(?:比|较)\s*{_YEAR_OF}(?P<basis>[^，。；,;]*?)"
    rf"(?P<verb>{_VERB})\s*(?P<num>{_SIGN}?{_NUM})\s*(?P<unit>%|万元|元){_PCT_TAIL}"
)
FLAT = re.compile(rf"(?:与|比|较)\s*{_YEAR_OF}(?P<basis>[^，。；,;]*?)持平")
# 决算 wording: "。与Y年度相比，收入支出总计减少X万元，下降Z%" / "…相比，财政拨款收入支出总计持平"
COMPARED = re.compile(
    rf"与\s*{_YEAR_OF}度?\s*相比\s*[，,]?\s*(?P<basis>[^，。；,;\d]*?)"
    rf"(?:(?P<verb>{_VERB})\s*(?P<num>{_SIGN}?{_NUM})\s*(?P<unit>%|万元|元){_PCT_TAIL}|(?P<flat>持平))"
)
COUNT = re.compile(r"共(?P<num>\d+)(?P<unit>个|项|辆|台|套)")
SHARE = re.compile(rf"占\s*[^，。；,;\d%]{{0,20}}?\s*(?P<num>{_NUM})\s*%")
# 完成年初预算的Z% / 完成率Z% / (决算数)为年初预算的Z%
RATE = re.compile(rf"(?:完成\s*[^，。；,;\d%]{{0,12}}?|为(?:年初|全年|调整后?)?预算数?的)\s*(?P<num>{_NUM})\s*%")
REASON = re.compile(r"(?:主要原因(?:是|为)?\s*[:：]?|原因(?:是|为)\s*[:：]?|原因\s*[:：])\s*(?P<reason>[^。；;]*)")
# the budget subject a paragraph is about: “…”科目, “…（项）”, or unquoted 类(类)款(款)项(项) as 决算 print it
SUBJECT = re.compile(r"“([^”]+)”科目")
QUOTED_PATH = re.compile(r"“([^“”]*[（(]项[）)])”")
PATH = re.compile(r"[^\s，。；、:：“”\d]+?[（(]类[）)][^，。；:：“”\d]*?[（(]款[）)][^，。；:：“”\d]*?[（(]项[）)]")
# a numbered paragraph about a 类 or 款 (1、一般公共服务支出（类）。年初预算为…)
LEAD_PATH = re.compile(
    r"^\s*(?:\d+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*"
    r"(?P<path>[^\s，。；、:：“”\d]+?[（(][类款][）)](?:[^，。；:：“”\d]*?[（(][款项][）)])?)\s*(?:[。：:，,]|$)"
)
YEAR = re.compile(r"(\d{4})\s*年")
CLAUSE_BREAK = re.compile(r"[，。；：、,;:]")
SENTENCE_BREAK = re.compile(r"[。；;]")
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
_UNIT_FIGURE = re.compile(rf"{_NUM}\s*(?:万元|元|%)")
_LEADING = re.compile(r"^(?:\d+\.\s*|[（(][一二三四五六七八九十]+[)）]|其中[:：]?|\s)+")
_TRAILING = re.compile(r"(?:为|是|约)$")
# between a figure and the comparison that follows it: punctuation, or its share or rate (占X% / 完成…的Z% / 为…的Z%)
_GAP_ALLOWED = re.compile(r"^(?:[\s，,。]|(?:占|完成|为)[^，。；;%]{0,30}%)*$")
# or the rest of the figure's sentence, when the comparison opens the next one ("X万元，主要用于…。比Y年预算减少…"):
# no figure and no reason between them, so the comparison can qualify nothing else
_DETACHED_GAP = re.compile(r"^(?:[\s，,]|(?:占|完成|为)[^，。；;%]{0,30}%)*(?:(?!原因)[^。；;!?！？\d%])*。\s*$")
_SHARE_GAP = re.compile(r"^[\s，,]*$")
# what a 决算 phrase calls the budget or the outcome it prints ("“三公”经费…支出年初预算为" → the subject before it)
_PHASE_WORDS = re.compile(r"(?:年初预算|全年预算|调整后预算|调整预算|预算|支出决算|决算)数?$")
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
INCREASE = {"增加", "增长", "上升", "增幅"}
_MEASURE_SUFFIXES = (("基本支出", "basic"), ("项目支出", "project"), ("人员经费", "personnel"), ("公用经费", "public"))
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Wording:
    """How a family words its figures. `final_accounts`: a 决算 (an unqualified figure is a 决算数, a comparison with
    last year is against last year's 决算); otherwise a 预算 (an unqualified figure is this year's 预算数)."""

    final_accounts: bool = False


BUDGET = Wording(final_accounts=False)
FINAL_ACCOUNTS = Wording(final_accounts=True)


@dataclass(slots=True)
class _Figure:
    start: int
    end: int
    kind: str  # amount | count
    number: str
    unit: str
    change: re.Match[str] | None = None
    label: str = ""
    phase: str = "budget"
    year: int = 0
    item_name: str | None = None
    share: Decimal | None = None
    rate: Decimal | None = None
    reason: str | None = None


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


def _budget_basis(text: str) -> str:
    return "prior_execution" if "执行" in text else "prior_budget"


def _final_basis(text: str) -> str:
    # a 决算 compares with last year's 决算 unless it names a budget (一般公共预算 names a fund, not a budget)
    text = _FUND_NAMES.sub("", text)
    return "prior_budget" if "预算" in text and "决算" not in text and "执行" not in text else "prior_execution"


def _budget_phase(context: str) -> str:
    if "决算" in context:
        return "final_account"
    if "执行" in context:
        return "execution"
    if "全年预算" in context or "调整预算" in context or "调整后预算" in context:
        return "adjusted_budget"
    return "budget"


def _final_phase(context: str) -> str:
    context = _FUND_NAMES.sub("", context)  # 一般公共预算 names a fund, not a phase
    if "决算" in context:
        return "final_account"
    if "全年预算" in context or "调整预算" in context or "调整后预算" in context:
        return "adjusted_budget"
    if "预算" in context:
        return "budget"
    if "执行" in context:
        return "execution"
    return "final_account"


def _clean(label: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", label)).strip()


def _measure(label: str) -> str:
    name = _clean(label)
    for suffix, measure in _MEASURE_SUFFIXES:
        if name.endswith(suffix):
            return measure
    return "total"


def _subject(text: str) -> str | None:
    for pattern in (SUBJECT, QUOTED_PATH):
        match = pattern.search(text)
        if match:
            return match.group(1)
    match = PATH.search(text) or LEAD_PATH.match(text)
    return (match.group("path") if match.re is LEAD_PATH else match.group(0)) if match else None


def _changes(text: str) -> list[re.Match[str]]:
    found = sorted([*CHANGE.finditer(text), *FLAT.finditer(text), *COMPARED.finditer(text)], key=lambda m: m.start())
    kept: list[re.Match[str]] = []
    for match in found:  # two wordings may read one comparison: the first (leftmost) reading stands
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _outside(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] without the spans (sorted, not overlapping) that fall in it."""
    parts: list[str] = []
    position = start
    for a, b in spans:
        if b <= position or a >= end:
            continue
        parts.append(text[position:a])
        position = b
    parts.append(text[position:end])
    return "".join(parts)


def _signed(number: str) -> tuple[Decimal, str]:
    """(1 or -1, the digits): the printed minus of a figure, which parse_amount (amounts of tables) refuses."""
    return (Decimal(-1), number[1:]) if number[0] in _MINUS else (Decimal(1), number)


def _pct(text: str, what: str, file_name: str, line: int) -> Decimal:
    sign, digits = _signed(text)
    value = parse_number(digits, file_name=file_name, line=line, what=what).quantize(CENT)
    return sign * value if value else value


def _yuan(text: str, unit: str, what: str, file_name: str, line: int) -> Decimal:
    sign, digits = _signed(text)
    yuan = parse_amount(digits, unit=unit, file_name=file_name, line=line, what=what)
    return sign * yuan if yuan else yuan  # no -0.00


def _scan(
    text: str, *, wording: Wording, fiscal_year: int, subject: str | None, file_name: str, line_of
) -> tuple[list[_Figure], list[tuple[str, str]]]:
    """The figures of one paragraph, each with its change, share, rate and reason; and the reasons that name no
    figure of the paragraph (preamble, reason), for the paragraphs before it."""
    changes = _changes(text)
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
        if before and before[-1].change is None:
            gap = text[before[-1].end : change.start()]
            if _GAP_ALLOWED.match(gap) or _DETACHED_GAP.match(gap):
                before[-1].change = change

    phase_of = _final_phase if wording.final_accounts else _budget_phase
    previous_end = 0
    # where each clause and sentence ends (the breaks are single characters), found once for all figures
    clause_ends = [m.end() for m in CLAUSE_BREAK.finditer(text)]
    sentence_ends = [m.end() for m in SENTENCE_BREAK.finditer(text)]

    def sentence_start(offset: int) -> int:
        before = bisect_right(sentence_ends, offset)
        return sentence_ends[before - 1] if before else 0

    previous: _Figure | None = None
    for figure in figures:
        before = bisect_right(clause_ends, figure.start)  # breaks wholly before the figure
        clause_start = max(previous_end, clause_ends[before - 1]) if before else previous_end
        start = sentence_start(figure.start)
        label = text[clause_start : figure.start].strip()
        if figure.kind == "count":
            label = label + "共"
        # the year a comparison names is not the year of the figures printed after it
        sentence = _outside(text, start, figure.start, taken)
        years = [int(y) for y in YEAR.findall(sentence)]
        figure.year = years[-1] if years else fiscal_year
        figure.label = label
        figure.phase = phase_of(label)
        if subject:
            figure.item_name = subject
        elif wording.final_accounts:
            name = _clean(label)
            stem = _PHASE_WORDS.sub("", name)
            if stem in ("", "支出") and previous is not None and previous.start >= start:
                figure.item_name = previous.item_name  # "…年初预算为X万元，支出决算为Y万元": Y is the same subject's
            else:
                figure.item_name = (stem if stem and stem != name else name) or None
        else:
            figure.item_name = _clean(label) or None
        previous_end = figure.end
        previous = figure

    amounts = [f for f in figures if f.kind == "amount"]
    for match in SHARE.finditer(text):
        before = [f for f in amounts if f.end <= match.start()]
        if before and before[-1].share is None and _SHARE_GAP.match(text[before[-1].end : match.start()]):
            before[-1].share = _pct(match["num"], "stated share", file_name, line_of(match.start()))
    for match in RATE.finditer(text):
        start = sentence_start(match.start())
        before = [f for f in amounts if start <= f.start and f.end <= match.start() and f.rate is None]
        target = next((f for f in reversed(before) if f.phase == "final_account"), before[-1] if before else None)
        if target is not None:
            target.rate = _pct(match["num"], "stated rate", file_name, line_of(match.start()))

    orphans: list[tuple[str, str]] = []
    reasons_end = 0
    for match in REASON.finditer(text):
        reason = match["reason"].strip().rstrip("，,").strip()
        preamble = text[sentence_start(match.start()) : match.start()]
        candidates = [f for f in amounts if reasons_end <= f.start and f.end <= match.start()]
        reasons_end = match.end()
        if not reason:
            continue
        if not candidates:
            if not any(f.end <= match.start() for f in amounts):
                orphans.append((preamble, reason))
            continue
        target = _reason_target(candidates, preamble, wording)
        if target.reason is None:
            target.reason = reason
    return figures, orphans


def _reason_target(candidates: list[_Figure], preamble: str, wording: Wording) -> _Figure:
    if wording.final_accounts and "决算" in preamble:
        # "决算数小于预算数的主要原因": the 决算 figure printed right after its budget
        paired = [
            b
            for a, b in zip(candidates, candidates[1:], strict=False)
            if b.phase == "final_account" and a.phase in ("budget", "adjusted_budget")
        ]
        finals = [f for f in candidates if f.phase == "final_account"]
        if paired or finals:
            return (paired or finals)[-1]
    changed = [f for f in candidates if f.change is not None]
    return (changed or candidates)[-1]


def _settle_orphan(preamble: str, reason: str, window: list[_Figure], wording: Wording) -> None:
    """A reason printed as a paragraph of its own (财政拨款收入支出减少的主要原因是…) explains the changes stated
    before it."""
    if wording.final_accounts and "决算" in preamble:
        finals = [f for f in window if f.kind == "amount" and f.phase == "final_account"]
        if finals and finals[-1].reason is None:
            finals[-1].reason = reason
        return
    changed = [
        f
        for f in window
        if f.kind == "amount"
        and f.reason is None
        and f.change is not None
        and f.change.re is not FLAT
        and not (f.change.re is COMPARED and f.change["flat"])
    ]
    if any(word in preamble for word in INCREASE):
        chosen = [f for f in changed if f.change["verb"] in INCREASE] or changed
    elif any(word in preamble for word in ("减少", "下降", "降低")):
        chosen = [f for f in changed if f.change["verb"] not in INCREASE] or changed
    else:
        chosen = changed
    for figure in chosen:
        figure.reason = reason


def _change_fields(
    change: re.Match[str], wording: Wording, fiscal_year: int, file_name: str, line: int
) -> dict[str, object]:
    basis_of = _final_basis if wording.final_accounts else _budget_basis
    fields: dict[str, object] = {
        "compare_basis": basis_of(change["basis"]),
        "compare_fiscal_year": int(change["year"]) if change["year"] else fiscal_year - 1,
    }
    if change.re is FLAT or (change.re is COMPARED and change["flat"]):
        fields["stated_direction"] = "flat"
        return fields
    sign = Decimal(1) if change["verb"] in INCREASE else Decimal(-1)
    if change["unit"] == "%":
        value = fields["stated_change_pct"] = sign * _pct(change["num"], "stated change", file_name, line)
    else:
        yuan = _yuan(change["num"], change["unit"], "stated change", file_name, line)
        value = fields["stated_change_yuan"] = sign * yuan
    # 增加-5万元 (a minus after the verb) is a decrease
    fields["stated_direction"] = "decrease" if value < 0 or (value == 0 and sign < 0) else "increase"
    if change["num2"] is not None:
        sign2 = Decimal(1) if change["verb2"] in INCREASE else Decimal(-1)
        fields["stated_change_pct"] = sign2 * _pct(change["num2"], "stated change", file_name, line)
    return fields


def _record(
    figure: _Figure,
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
    change = {} if figure.change is None else _change_fields(figure.change, wording, fiscal_year, file_name, line)
    return LineItemRecord(
        **placed,
        measure=_measure(figure.label),
        amount_yuan=_yuan(figure.number, figure.unit, what, file_name, line),
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
    figures, _ = _scan(
        text,
        wording=BUDGET,
        fiscal_year=fiscal_year,
        subject=_subject(text),
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
    done: list[tuple[_Paragraph, list[_Figure]]] = []
    window: list[_Figure] = []  # figures since the last heading or the last reason printed on its own
    pending_subject: str | None = None  # a subject printed in a paragraph of its own, for the paragraph after it
    for paragraph in paragraphs(rows):
        if paragraph is None:
            window, pending_subject = [], None
            continue
        text = paragraph.text
        if not _worth_reading(text):
            continue
        subject = _subject(text)
        enumerated = ENUMERATOR.match(text) is not None
        if subject is None and not enumerated:
            subject = pending_subject
        figures, orphans = _scan(
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
            _settle_orphan(preamble, reason, window, wording)
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
