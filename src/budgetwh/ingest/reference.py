"""The hand-kept reference seeds that ingest needs: what a person stated about each document (registry), the
printed forms of agency and district names (to check the document agrees), and the indicator-label vocabulary
(to place label cells by meaning). Ingest only recognises labels; mapping them happens in dbt."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.text.cells import squash

# what an indicator-table cell is, by the framework's vocabulary
NOT_A_LABEL, LEVEL1_ONLY, ANY_LEVEL = 0, 1, 2


@dataclass(frozen=True)
class RegistryEntry:
    sha256: str
    district_id: str
    fiscal_year: int
    agency_id: str


@dataclass(frozen=True)
class Agency:
    agency_id: str
    agency_name: str
    district_id: str
    parent_agency_name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    registry: dict[str, RegistryEntry]
    agencies: dict[str, Agency]
    district_aliases: dict[str, str]  # printed alias → district_id
    level1_labels: frozenset[str]  # squashed raw labels that can sit at level 1
    level2_labels: frozenset[str]  # squashed raw labels that can sit at level 2
    # agencies by their name and by their parent's name (so that finding an agency's relatives is no scan of all)
    by_name: dict[str, list[Agency]] = field(default_factory=dict, repr=False)
    by_parent: dict[str, list[Agency]] = field(default_factory=dict, repr=False)

    def label_level(self, text: str) -> int:
        """NOT_A_LABEL, LEVEL1_ONLY or ANY_LEVEL for a printed cell. Every indicator row asks about its leading
        cells and the same labels recur form after form, so they stay in squash's memory (least recently used
        first out: an indicator name met once leaves before them)."""
        key = squash(text)
        return ANY_LEVEL if key in self.level2_labels else LEVEL1_ONLY if key in self.level1_labels else NOT_A_LABEL

    def agency_keys(self, agency_id: str) -> frozenset[str]:
        """Every squashed printed form of the agency, its parent and its children."""
        agency = self.agencies[agency_id]
        related = [
            agency,
            *self.by_parent.get(agency.agency_name, []),
            *self.by_name.get(agency.parent_agency_name, []),
        ]
        keys = {squash(alias) for a in related for alias in (a.agency_name, *a.aliases)}
        if agency.parent_agency_name:
            keys.add(squash(agency.parent_agency_name))
        return frozenset(keys)

    def agency_matches(self, agency_id: str, printed: str) -> bool:
        """True when a printed name is one of the agency's forms; a second name in brackets may stand beside it."""
        keys = self.agency_keys(agency_id)
        name = squash(printed)
        if name in keys:
            return True
        if name.endswith(")") and "(" in name:
            outer, inner = name[: name.index("(")], name[name.index("(") + 1 : -1]
            return outer in keys or inner in keys
        return False

    def districts_named_in(self, text: str) -> set[str]:
        return {district for alias, district in self.district_aliases.items() if alias in text}


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise IngestError(str(path), "reference seed is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(reference_dir: Path) -> Reference:
    registry = {}
    for row in _read_csv(reference_dir / "document_registry.csv"):
        registry[row["sha256"]] = RegistryEntry(
            row["sha256"], row["district_id"], int(row["fiscal_year"]), row["agency_id"]
        )
    agencies = {
        row["agency_id"]: Agency(
            row["agency_id"],
            row["agency_name"],
            row["district_id"],
            row["parent_agency_name"],
            tuple(a for a in row["aliases"].split("|") if a),
        )
        for row in _read_csv(reference_dir / "agencies.csv")
    }
    for entry in registry.values():
        if entry.agency_id not in agencies:
            raise IngestError("document_registry.csv", f"agency_id '{entry.agency_id}' is not in agencies.csv")
    district_aliases = {}
    for row in _read_csv(reference_dir / "districts.csv"):
        for alias in (row["name_zh"], *row["aliases"].split("|")):
            if alias:
                district_aliases[alias] = row["district_id"]
    level1, level2 = set(), set()
    for row in _read_csv(reference_dir / "indicator_framework.csv"):
        (level1 if row["label_level"] == "1" else level2).add(squash(row["raw_label"]))
    by_name: dict[str, list[Agency]] = {}
    by_parent: dict[str, list[Agency]] = {}
    for agency in agencies.values():
        by_name.setdefault(agency.agency_name, []).append(agency)
        by_parent.setdefault(agency.parent_agency_name, []).append(agency)
    return Reference(
        registry=registry,
        agencies=agencies,
        district_aliases=district_aliases,
        level1_labels=frozenset(level1),
        level2_labels=frozenset(level2),
        by_name=by_name,
        by_parent=by_parent,
    )
