"""Cells and numbers as printed. Tables arrive one row per line with tab-separated cells; these helpers keep the
printed text and give typed values beside it, never instead of it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import compress, count, repeat
from operator import attrgetter, contains

from budgetwh.ingest.errors import IngestError

WAN = Decimal(10000)
# yuan per printed unit: tables print 元 or 万元, running text also 亿元 (1.25亿元)
UNIT_YUAN = {"元": Decimal(1), "万元": WAN, "亿元": WAN * WAN}
CENT = Decimal("0.01")
# decimal(18,2) in the warehouse: 16 integer digits at most.
MAX_INTEGER_DIGITS = 16

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# Some publishers typeset figures in full-width digits (１，２３４，５６７) or with a typographic minus (−, －), and
# accounting tables print a negative in brackets: (1,234,567). Such a cell is read as the ASCII number it shows; the
# printed text stays in amount_raw. A bracketed figure counts only with a thousands separator or decimals, so that a
# numbering label such as (1) or （2） stays a label.
_ASCII_FIGURES = str.maketrans("０１２３４５６７８９，．－−﹣＋", "0123456789,.---+")
_BRACKETED = re.compile(r"^[(（]\s*((?:\d{1,3}(?:,\d{3})+|\d+)\.\d+|\d{1,3}(?:,\d{3})+)\s*[)）]$")
_SPACES = re.compile(r"\s+")
_RAW = attrgetter("raw")


@dataclass(slots=True)
class Row:
    """One line of a document. Not frozen: a frozen dataclass sets each field through a call to object.__setattr__,
    and every line of every document becomes a Row; only `squashed` assigns (its cache)."""

    line: int  # 1-based physical line
    raw: str  # the whole line as printed (masked)
    cells: tuple[str, ...]  # trimmed cells
    page: int | None = None  # 1-based PDF page of the line (None for a text document)
    # the cells as `squash` folds them, computed on first use (kept out of equality and repr)
    _squashed: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def filled(self) -> list[tuple[int, str]]:
        """(position, text) of the non-empty cells."""
        return [(i, c) for i, c in enumerate(self.cells) if c]

    @property
    def squashed(self) -> frozenset[str]:
        """The row's cells as `squash` folds them (for label lookups; computed once per row)."""
        if self._squashed is None:
            self._squashed = frozenset(map(squash, self.cells))
        return self._squashed

    @property
    def is_blank(self) -> bool:
        return not any(self.cells)

    @property
    def is_tabular(self) -> bool:
        return "\t" in self.raw

    def cell(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    def holds(self, labels: LabelSet) -> bool:
        """True when one of the row's cells squashes to one of the labels."""
        for ch in labels.common:  # a missing character rules the line out without running the regex search
            if ch not in self.raw:
                return False
        return labels.finder.search(self.raw) is not None and not labels.labels.isdisjoint(self.squashed)


@dataclass(frozen=True)
class LabelSet:
    """Squashed labels, with a pattern that finds where a line may hold one: the label's characters in order, with
    any spaces between them and punctuation in either width. A line it does not match cannot hold a cell that
    squashes to a label, so only the few lines it matches need their cells squashed."""

    labels: frozenset[str]
    finder: re.Pattern[str]
    common: tuple[str, ...] = ()  # characters every label holds as printed: every line the finder matches has them

    @classmethod
    def of(cls, *labels: str) -> LabelSet:
        widths = {"(": "[(（]", ")": "[)）]", ":": "[:：]"}
        parts = [r"\s*".join(widths.get(ch, re.escape(ch)) for ch in label) for label in labels]
        shared = tuple(dict.fromkeys(ch for ch in labels[0] if ch not in widths and all(ch in lb for lb in labels)))
        return cls(frozenset(labels), re.compile("|".join(parts)), shared)


def holding(rows: list[Row], text: str) -> Iterator[int]:
    """Positions of the rows whose line holds `text`, tested without a Python-level loop per row (map and compress
    run in C): a cheap first pass where only a few rows of a document can matter."""
    return compress(range(len(rows)), map(contains, map(_RAW, rows), repeat(text)))


def to_rows(lines: list[str], pages: list[int] | None = None) -> list[Row]:
    """`pages`: the PDF page of each line, for a document converted from PDF."""
    # Each line's trimmed cells: tuple(map(str.strip, line.split("\t"))), composed of maps so that no Python-level
    # loop runs per line (a ×1000 corpus has two million lines).
    cells = map(tuple, map(map, repeat(str.strip), map(str.split, lines, repeat("\t"))))
    if pages is None:
        return list(map(Row, count(1), lines, cells))
    return list(map(Row, count(1), lines, cells, pages))


def fold(text: str) -> str:
    """A label with its spaces removed and ASCII/full-width punctuation folded, for comparing labels only."""
    text = _SPACES.sub("", text)
    return text.replace("（", "(").replace("）", ")").replace("：", ":").rstrip(":")


# `fold`, remembered: labels repeat on every form and a document's cells are folded many times over. Text that is
# folded once (a whole line, a project name) goes to `fold` itself, so as not to push the labels out.
squash = lru_cache(maxsize=1 << 16)(fold)


def _as_ascii_number(text: str) -> str:
    """The printed figure in the ASCII form the number pattern reads (full-width digits, typographic minus,
    bracketed negative); other text comes back stripped and otherwise unchanged."""
    text = text.strip()
    if text.isascii() and not text.startswith("("):
        return text
    text = text.translate(_ASCII_FIGURES)
    bracketed = _BRACKETED.match(text)
    return f"-{bracketed.group(1)}" if bracketed else text


@lru_cache(maxsize=1 << 12)  # a form prints one amount several times (total, annual, fiscal), and 0.00 often
def is_number(text: str) -> bool:
    return bool(_NUMBER.match(_as_ascii_number(text)))


def parse_number(text: str, *, file_name: str, line: int, what: str) -> Decimal:
    """A printed number (thousands separators allowed) as a Decimal, refusing values the warehouse cannot hold."""
    cleaned = _as_ascii_number(text).replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise IngestError(file_name, f"{what}: '{text}' is not a number", line) from None
    # a text no longer than the limit cannot hold more integer digits (spares the count for every amount)
    integer_digits = len(cleaned.lstrip("+-").split(".")[0].lstrip("0")) if len(cleaned) > MAX_INTEGER_DIGITS else 0
    if integer_digits > MAX_INTEGER_DIGITS:
        raise IngestError(
            file_name,
            f"{what}: '{text}' has {integer_digits} integer digits, more than any budget amount can have "
            f"(limit {MAX_INTEGER_DIGITS})",
            line,
        )
    return value


def parse_amount(text: str, *, unit: str, file_name: str, line: int, what: str) -> Decimal:
    """A non-negative money amount converted to yuan (万元 × 10000, 亿元 × 100000000)."""
    yuan = _yuan(text, unit)
    if yuan is None:
        _checked_yuan(text, unit, file_name, line, what)  # raises the error that says what is wrong
    return yuan


def _checked_yuan(text: str, unit: str, file_name: str, line: int, what: str) -> Decimal:
    value = parse_number(text, file_name=file_name, line=line, what=what)
    if value < 0:
        raise IngestError(file_name, f"{what}: negative amount '{text}' (budget amounts cannot be negative)", line)
    return (value * UNIT_YUAN.get(unit, 1)).quantize(CENT)


@lru_cache(maxsize=1 << 12)  # amounts repeat within a form and a table; Decimal values are immutable, so shared
def _yuan(text: str, unit: str) -> Decimal | None:
    """The amount in yuan, or None when it is not one (parse_amount then raises with the file, line and field)."""
    try:
        return _checked_yuan(text, unit, "", 0, "")
    except IngestError:
        return None


def parse_signed_amount(text: str, *, unit: str, file_name: str, line: int, what: str) -> Decimal:
    """A money amount converted to yuan that may be negative (a 决算 prints a negative 决算数 or balance as such)."""
    yuan = _signed_yuan(text, unit)
    if yuan is None:  # parse_number says what is wrong
        parse_number(text, file_name=file_name, line=line, what=what)
        raise IngestError(file_name, f"{what}: '{text}' is not an amount", line)
    return yuan


@lru_cache(maxsize=1 << 12)  # as _yuan: every cell of every table comes through here
def _signed_yuan(text: str, unit: str) -> Decimal | None:
    try:
        value = parse_number(text, file_name="", line=0, what="")
    except IngestError:
        return None
    return (value * UNIT_YUAN.get(unit, 1)).quantize(CENT)


def fmt_decimal(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"
