"""The figures of one paragraph of running text: every amount and count with the phrase that introduces it (its
label, phase, year and subject), and what the text says about it right after: a comparison with last year as a
stated change, a share (占X%), a completion rate (完成年初预算的X%), the reason printed for a difference. A reason
that names no figure of its paragraph (a paragraph of its own) explains the changes stated before it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from budgetwh.ingest.layouts.narrative_words import (
    AMOUNT,
    BARE_AMOUNT,
    CLAUSE_BREAK,
    COMPARED,
    COUNT,
    DETACHED_GAP,
    FLAT,
    GAP_ALLOWED,
    INCREASE,
    PHASE_WORDS,
    RATE,
    REASON,
    SENTENCE_BREAK,
    SHARE,
    SHARE_GAP,
    WITHIN_YEAR,
    YEAR,
    Wording,
    changes_in,
    clean_label,
    outside_spans,
    parse_pct,
)


@dataclass(slots=True)
class Figure:
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


def scan(
    text: str, *, wording: Wording, fiscal_year: int, subject: str | None, file_name: str, line_of
) -> tuple[list[Figure], list[tuple[str, str]]]:
    """The figures of one paragraph, each with its change, share, rate and reason; and the reasons that name no
    figure of the paragraph (preamble, reason), for the paragraphs before it."""
    changes = changes_in(text)
    taken = [(m.start(), m.end()) for m in changes] + [(m.start(), m.end()) for m in WITHIN_YEAR.finditer(text)]
    figures = _figures(text, taken)
    _attach_changes(text, figures, changes)
    sentence_start = _sentence_starts(text)
    _name(text, figures, taken, sentence_start, wording=wording, fiscal_year=fiscal_year, subject=subject)
    amounts = [f for f in figures if f.kind == "amount"]
    for match in SHARE.finditer(text):
        before = [f for f in amounts if f.end <= match.start()]
        if before and before[-1].share is None and SHARE_GAP.match(text[before[-1].end : match.start()]):
            before[-1].share = parse_pct(match["num"], "stated share", file_name, line_of(match.start()))
    for match in RATE.finditer(text):
        start = sentence_start(match.start())
        before = [f for f in amounts if start <= f.start and f.end <= match.start() and f.rate is None]
        target = next((f for f in reversed(before) if f.phase == "final_account"), before[-1] if before else None)
        if target is not None:
            target.rate = parse_pct(match["num"], "stated rate", file_name, line_of(match.start()))
    return figures, _attach_reasons(text, amounts, sentence_start, wording)


def _figures(text: str, taken: list[tuple[int, int]]) -> list[Figure]:
    """The amounts (with a unit, or 为X before a comparison) and counts (共N个) outside the comparisons, in order."""

    def free(start: int, end: int) -> bool:
        return not taken or all(end <= a or start >= b for a, b in taken)

    figures: list[Figure] = []
    for match in AMOUNT.finditer(text):
        if free(match.start(), match.end()):
            figures.append(Figure(match.start(), match.end(), "amount", match["num"], match["unit"]))
    for match in BARE_AMOUNT.finditer(text):
        start = match.start("num")
        if free(start, match.end()) and all(f.start != start for f in figures):
            figures.append(Figure(start, match.end(), "amount", match["num"], "万元"))
    for match in COUNT.finditer(text):
        if free(match.start(), match.end()):
            figures.append(Figure(match.start(), match.end(), "count", match["num"], match["unit"]))
    figures.sort(key=lambda f: f.start)
    return figures


def _attach_changes(text: str, figures: list[Figure], changes: list[re.Match[str]]) -> None:
    """A comparison qualifies the amount printed before it, when only punctuation, a share or a rate lies between
    them, or the rest of the amount's sentence (the comparison opening the next one)."""
    for change in changes:
        before = [f for f in figures if f.end <= change.start() and f.kind == "amount"]
        if before and before[-1].change is None:
            gap = text[before[-1].end : change.start()]
            if GAP_ALLOWED.match(gap) or DETACHED_GAP.match(gap):
                before[-1].change = change


def _sentence_starts(text: str) -> Callable[[int], int]:
    """offset → where its sentence starts (the breaks found once for all the figures of the paragraph)."""
    sentence_ends = [m.end() for m in SENTENCE_BREAK.finditer(text)]

    def sentence_start(offset: int) -> int:
        before = bisect_right(sentence_ends, offset)
        return sentence_ends[before - 1] if before else 0

    return sentence_start


def _name(
    text: str,
    figures: list[Figure],
    taken: list[tuple[int, int]],
    sentence_start: Callable[[int], int],
    *,
    wording: Wording,
    fiscal_year: int,
    subject: str | None,
) -> None:
    """Each figure's label (its clause up to the figure), year, phase and subject."""
    previous_end = 0
    clause_ends = [m.end() for m in CLAUSE_BREAK.finditer(text)]
    previous: Figure | None = None
    for figure in figures:
        before = bisect_right(clause_ends, figure.start)  # breaks wholly before the figure
        clause_start = max(previous_end, clause_ends[before - 1]) if before else previous_end
        start = sentence_start(figure.start)
        label = text[clause_start : figure.start].strip()
        if figure.kind == "count":
            label = label + "共"
        # the year a comparison names is not the year of the figures printed after it
        sentence = outside_spans(text, start, figure.start, taken)
        years = [int(y) for y in YEAR.findall(sentence)]
        figure.year = years[-1] if years else fiscal_year
        figure.label = label
        figure.phase = wording.phase(label)
        if subject:
            figure.item_name = subject
        elif wording.final_accounts:
            name = clean_label(label)
            stem = PHASE_WORDS.sub("", name)
            if stem in ("", "支出") and previous is not None and previous.start >= start:
                figure.item_name = previous.item_name  # "…年初预算为X万元，支出决算为Y万元": Y is the same subject's
            else:
                figure.item_name = (stem if stem and stem != name else name) or None
        else:
            figure.item_name = clean_label(label) or None
        previous_end = figure.end
        previous = figure


def _attach_reasons(
    text: str, amounts: list[Figure], sentence_start: Callable[[int], int], wording: Wording
) -> list[tuple[str, str]]:
    """Each printed reason goes to an amount of its sentence; returns those that follow no amount (orphans)."""
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
    return orphans


def _reason_target(candidates: list[Figure], preamble: str, wording: Wording) -> Figure:
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


def settle_orphan(preamble: str, reason: str, window: list[Figure], wording: Wording) -> None:
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
