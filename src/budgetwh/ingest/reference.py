"""The hand-kept reference seeds that ingest needs: what a person stated about each document (registry), the
printed forms of agency and district names (to check the document agrees), and the indicator-label vocabulary
(to place label cells by meaning). Ingest only recognises labels; mapping them happens in dbt."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.text.cells import fold, squash

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
    _agency_keys: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[Agency]] = field(default_factory=dict, repr=False)
    _by_parent: dict[str, list[Agency]] = field(default_factory=dict, repr=False)
    _label_levels: dict[str, int] = field(default_factory=dict, repr=False)

    def label_level(self, text: str) -> int:
        """NOT_A_LABEL, LEVEL1_ONLY or ANY_LEVEL for a printed cell; remembered per text, since every indicator row
        asks about its leading cells and the same labels and names recur form after form."""
        level = self._label_levels.get(text)
        if level is None:
            key = fold(text)  # (remembered here: no need to fill squash's memory with indicator names)
            level = (
                ANY_LEVEL if key in self.level2_labels else LEVEL1_ONLY if key in self.level1_labels else NOT_A_LABEL
            )
            if len(self._label_levels) >= 1 << 16:  # indicator names are open-ended: keep the memory bounded
                self._label_levels.clear()
            self._label_levels[text] = level
        return level

    def agency_keys(self, agency_id: str) -> frozenset[str]:
        """Every squashed printed form of the agency, its parent and its children."""
        if agency_id not in self._agency_keys:
            agency = self.agencies[agency_id]
            if not self._by_name:  # built once: scanning every agency for every agency is quadratic in agencies
                for a in self.agencies.values():
                    self._by_name.setdefault(a.agency_name, []).append(a)
                    self._by_parent.setdefault(a.parent_agency_name, []).append(a)
            related = [
                agency,
                *self._by_parent.get(agency.agency_name, []),
                *self._by_name.get(agency.parent_agency_name, []),
            ]
            keys = {squash(alias) for a in related for alias in (a.agency_name, *a.aliases)}
            if agency.parent_agency_name:
                keys.add(squash(agency.parent_agency_name))
            self._agency_keys[agency_id] = frozenset(keys)
        return self._agency_keys[agency_id]

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
    return Reference(registry, agencies, district_aliases, frozenset(level1), frozenset(level2))
