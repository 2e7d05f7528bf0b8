"""A disclosure as blocks (headings, paragraphs, ruled tables, page breaks) that render both as the converted text
ingest reads and as a PDF (synth/pdf.py), each printed number carrying the line item ingest must extract from it.

A table knows, per amount column, the header path and phase the contract gives that column, and per row the label,
codes and level of each half, so that the expected rows are written beside the cells rather than re-derived from
the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budgetwh.synth.builder import DocumentBuilder, money

WAN = Decimal(10000)


@dataclass(frozen=True)
class Heading:
    text: str
    title: bool = False  # a title line of page 1 (large, centred)
    marked: bool = True  # the converted text marks it `## `; some converted titles come out plain


@dataclass(frozen=True)
class Para:
    text: str
    # narrative figures the paragraph prints: what a narrative reader is expected to find at its line / page
    figures: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Column:
    path: str  # column_path_raw ('/'-joined header path)
    phase: str


@dataclass(frozen=True)
class Key:
    """A row's label, codes and level within one half of a table."""

    label: str
    codes: tuple[str | None, str | None, str | None] = (None, None, None)
    level: str = "line"


@dataclass
class TableRow:
    cells: list[str]
    keys: dict[int, Key]  # amount column → the key its half gives it


@dataclass
class Table:
    title: str
    kind: str  # table_kind
    unit: str  # 元 / 万元
    preamble: list[str]  # 编制部门：…, 单位：元
    header: list[list[str]]  # header rows on the table's column grid
    columns: dict[int, Column]  # amount columns
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    heading: bool = True  # the converter marks a centred title as a heading; some titles come out plain

    @property
    def width(self) -> int:
        return len(self.header[0])

    def add(self, cells: list[str], keys: dict[int, Key] | Key) -> None:
        assert len(cells) == self.width, (self.title, cells)
        if isinstance(keys, Key):
            keys = dict.fromkeys(self.columns, keys)
        self.rows.append(TableRow(cells, keys))

    def expected(self, row: TableRow, column: int, fiscal_year: int) -> dict[str, Any] | None:
        """The line item one printed cell gives (None for a blank cell)."""
        text = row.cells[column]
        if column not in self.columns or not text:
            return None
        spec, key = self.columns[column], row.keys[column]
        amount = Decimal(text.replace(",", ""))
        if self.unit == "万元":
            amount *= WAN
        return {
            "cell_index": column + 1,
            "table_kind": self.kind,
            "row_label_raw": key.label,
            "column_path_raw": spec.path,
            "class_code": key.codes[0],
            "kind_code": key.codes[1],
            "item_code": key.codes[2],
            "phase": spec.phase,
            "fiscal_year": fiscal_year,
            "amount_yuan": money(amount),
            "source_unit": self.unit,
            "amount_raw": text,
            "row_level": key.level,
        }


Block = Heading | Para | PageBreak | Table


def render_text(doc: DocumentBuilder, blocks: list[Block]) -> None:
    """The converted-text layout: headings as `## …`, one paragraph per line, a blank line between blocks, table
    rows tab-separated on their grid, no page markers (a text document has no pages)."""
    for block in blocks:
        if isinstance(block, PageBreak):
            continue
        if isinstance(block, Heading):
            doc.add(f"## {block.text}" if block.marked else block.text)
            doc.add()
        elif isinstance(block, Para):
            line = doc.add(block.text)
            for figure in block.figures:
                doc.expected.setdefault("statements", []).append({"source_line": line, **figure})
            doc.add()
        else:
            doc.add(f"## {block.title}" if block.heading else block.title)
            doc.add()
            for text in block.preamble:
                doc.add(text)
                doc.add()
            for header in block.header:
                doc.row(*header)
            for row in block.rows:
                line = doc.row(*row.cells)
                for column in range(block.width):
                    item = block.expected(row, column, doc.fiscal_year)
                    if item is not None:
                        doc.expect("line_items", source_line=line, source_page=None, **item)
            for note in block.notes:
                doc.add(note)
            doc.add()


def wan2(yuan: int | Decimal) -> Decimal:
    """Yuan → 万元 at two decimals (half-up), as narratives and 决算 tables print."""
    from decimal import ROUND_HALF_UP

    return (Decimal(yuan) / WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fmt_wan(value: Decimal, *, grouped: bool = True) -> str:
    return f"{value:,.2f}" if grouped else f"{value:.2f}"


def yuan_of_wan(value: Decimal) -> str:
    return money(value * WAN)  # type: ignore[return-value]
