"""A document under construction: its lines, and beside each line the rows ingest is expected to extract from it.
Ids depend on the document's sha256, which is known only when the text is complete, so expected rows carry their
line (and cell) and get their ids in `finish`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SEED_NAMES = ("documents", "projects", "indicators", "line_items", "evaluations")


def money(value: Decimal | int | None) -> str | None:
    """A yuan amount as the seeds print it (two decimals), or None."""
    if value is None:
        return None
    return f"{Decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"


def grouped(value: Decimal | int, decimals: int = 0) -> str:
    """1234567 → '1,234,567' (decimals=2 → '1,234,567.00')."""
    return f"{Decimal(value):,.{decimals}f}"


def wan(value_yuan: Decimal | int, decimals: int = 2) -> Decimal:
    """Yuan → 万元 rounded half-up to the printed precision."""
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(value_yuan) / Decimal(10000)).quantize(quantum, rounding=ROUND_HALF_UP)


def wan_text(value_wan: Decimal) -> str:
    """How a narrative prints a 万元 figure: grouped, trailing zeros of the decimals kept as computed ('0' for 0)."""
    if value_wan == 0:
        return "0"
    exponent = -value_wan.as_tuple().exponent if value_wan.as_tuple().exponent < 0 else 0
    return f"{value_wan:,.{exponent}f}"


@dataclass
class DocumentBuilder:
    file_name: str
    doc_type: str
    district_id: str
    fiscal_year: int
    agency_id: str
    lines: list[str] = field(default_factory=list)
    expected: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {n: [] for n in SEED_NAMES[1:]})
    document: dict[str, Any] = field(default_factory=dict)
    inconsistencies: list[dict[str, Any]] = field(default_factory=list)
    personal: set[str] = field(default_factory=set)  # stand-in names and numbers printed (must never leave ingest)

    def add(self, line: str = "") -> int:
        """Append one physical line; returns its 1-based number."""
        self.lines.append(line)
        return len(self.lines)

    def row(self, *cells: str) -> int:
        return self.add("\t".join(cells))

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def expect(self, seed: str, **values: Any) -> dict[str, Any]:
        self.expected[seed].append(values)
        return values

    def note(self, kind: str, line: int, **details: Any) -> None:
        """An inconsistency put in on purpose (what a consistency check should find)."""
        self.inconsistencies.append({"kind": kind, "source_line": line, **details})

    def finish(self, *, trailing_newline: bool = True) -> tuple[str, dict[str, Any]]:
        """The document's text and its manifest entry (ids filled in)."""
        if not trailing_newline:
            while self.lines and self.lines[-1] == "":
                self.lines.pop()  # a file that ends without a newline ends on printed text
        text = "\n".join(self.lines) + ("\n" if trailing_newline else "")
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        document_id = "doc_" + sha256[:12]

        def rid(line: int, cell: int | None = None) -> str:
            return f"{document_id}:L{line}" + (f":C{cell}" if cell is not None else "")

        rows: dict[str, list[dict[str, Any]]] = {}
        for project in self.expected["projects"]:
            project["project_id"] = rid(project["source_line"])
        rows["projects"] = [
            {"project_id": p.pop("project_id"), **p, "document_id": document_id} for p in self.expected["projects"]
        ]
        rows["indicators"] = [
            {
                "indicator_id": rid(i["source_line"]),
                "project_id": rid(i.pop("project_line")),
                **i,
                "document_id": document_id,
            }
            for i in self.expected["indicators"]
        ]
        rows["line_items"] = [
            {"line_item_id": rid(li["source_line"], li["cell_index"]), **li, "document_id": document_id}
            for li in self.expected["line_items"]
        ]
        rows["evaluations"] = [
            {
                "evaluation_id": rid(e["source_line"]),
                "project_id": rid(e.pop("project_line")),
                **e,
                "document_id": document_id,
            }
            for e in self.expected["evaluations"]
        ]
        line_count = len(self.lines)
        entry = {
            "file_name": self.file_name,
            "document_id": document_id,
            "sha256": sha256,
            "doc_type": self.doc_type,
            "district_id": self.district_id,
            "fiscal_year": self.fiscal_year,
            "agency_id": self.agency_id,
            "line_count": line_count,
            **self.document,
            "counts": {name: len(rows[name]) for name in SEED_NAMES[1:]},
            "sums": {
                "projects.total_funds_yuan": _sum(p.get("total_funds_yuan") for p in rows["projects"]),
                "indicators.non_blank_targets": sum(1 for i in rows["indicators"] if i["target_raw"] is not None),
                "line_items.amount_yuan": _sum(li.get("amount_yuan") for li in rows["line_items"]),
                "evaluations.final_amount_yuan": _sum(e.get("final_amount_yuan") for e in rows["evaluations"]),
            },
            "inconsistencies": self.inconsistencies,
            "personal_data": sorted(self.personal),
            "rows": rows,
        }
        return text, entry


def _sum(values) -> str:
    return money(sum((Decimal(v) for v in values if v is not None), Decimal(0)))
