"""Personal data the published warehouse must never contain.

Two kinds: mobile-phone-shaped strings, found by their shape, and the names of the people that the project forms
print as 项目负责人 (responsible person) or 联系人 (contact). Ingest masks both; the gate re-checks every text cell of
every mart. The names are read from the raw documents at run time, so they live nowhere in the repository but the
public documents themselves, and the gate reports only how many cells matched, never what they held."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from budgetwh.ingest.pipeline import raw_files
from budgetwh.ingest.text.reading import read_document

# A mainland mobile number: 11 digits, 1 then 3-9, not part of a longer digit run.
MOBILE_PATTERN = r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])"
# Detection skips digit runs inside hex ids and hashes (doc_…, sha256): at scale, some of those contain eleven
# digits that look like a mobile number, and a false alarm would stop every scheduled build.
_MOBILE = re.compile(r"(?<![0-9A-Za-z.])1[3-9][0-9]{9}(?![0-9A-Za-z.])")

# Labels whose next cell is a person's name on the 项目绩效目标申报表 forms.
PERSON_LABELS = ("项目负责人", "联系人")
_COLONS = "：:"
_NOT_A_NAME = re.compile(r"[0-9０-９:：*＊]")  # digits, another label, or an already masked value


@dataclass(frozen=True)
class PersonalNames:
    """Names found in the raw documents; `str()` never shows them."""

    names: frozenset[str]
    documents_read: int

    def __repr__(self) -> str:
        return f"PersonalNames({len(self.names)} names from {self.documents_read} documents)"

    __str__ = __repr__


def _label_of(cell: str) -> tuple[str, str] | None:
    """(label, rest of the cell) when the cell starts with a person label followed by a colon or nothing."""
    for label in PERSON_LABELS:
        if cell == label:
            return label, ""
        if cell.startswith(label) and cell[len(label)] in _COLONS:
            return label, cell[len(label) + 1 :].strip()
    return None


def names_on_line(line: str) -> set[str]:
    """The person names printed after a 项目负责人 / 联系人 label on one tab-separated line."""
    cells = [c.strip() for c in line.split("\t")]
    found: set[str] = set()
    for i, cell in enumerate(cells):
        labelled = _label_of(cell)
        if labelled is None:
            continue
        _, rest = labelled
        value = rest or next((c for c in cells[i + 1 :] if c), "")
        # An empty contact cell is followed directly by the next label (联系电话：…): that is not a name.
        if value and not _NOT_A_NAME.search(value) and len(value) <= 20:
            found.add(value)
    return found


# Line boundaries of str.splitlines besides "\n" (text is read with universal newlines, so "\r" is gone already).
_RARE_LINE_BREAKS = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def names_in_text(text: str) -> set[str]:
    """The names labelled anywhere in one document's text: `names_on_line` over its lines, but only over the few
    lines that hold a label (a 28 KB form has one or two), found with str.find instead of splitting every line."""
    if not any(label in text for label in PERSON_LABELS):
        return set()
    if _RARE_LINE_BREAKS.search(text):
        lines = [line for line in text.splitlines() if any(label in line for label in PERSON_LABELS)]
    else:
        starts: set[int] = set()
        for label in PERSON_LABELS:
            at = text.find(label)
            while at != -1:
                starts.add(text.rfind("\n", 0, at) + 1)
                at = text.find(label, at + len(label))
        lines = []
        for start in sorted(starts):
            end = text.find("\n", start)
            lines.append(text[start:] if end == -1 else text[start:end])
    found: set[str] = set()
    for line in lines:
        found |= names_on_line(line)
    return found


def read_personal_names(raw_dir: Path) -> PersonalNames:
    """Every person name labelled in the raw documents, read as ingest reads them (PDFs through their text)."""
    paths = raw_files(raw_dir) if raw_dir.is_dir() and any(raw_dir.iterdir()) else []
    names: set[str] = set()
    for path in paths:
        names |= names_in_text(read_document(path).text)
    return PersonalNames(frozenset(names), len(paths))


def text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]


def name_pattern(names: PersonalNames) -> re.Pattern[str] | None:
    """One compiled alternation of every name, longest first; None when there is no name to look for."""
    if not names.names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names.names, key=len, reverse=True)))


def cell_hits(series: pd.Series, pattern: re.Pattern[str] | None) -> np.ndarray:
    """Per cell: is it text that the pattern matches somewhere? Cells that are not text never match."""
    return cells_hit(series, [pattern])[0]


def cells_hit(series: pd.Series, patterns: list[re.Pattern[str] | None]) -> list[np.ndarray]:
    """`cell_hits` for several patterns, searching each distinct value once (a mart's text columns repeat a few
    hundred values over hundreds of thousands of rows)."""
    if len(series) == 0:
        return [np.zeros(0, dtype=bool) for _ in patterns]
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists) hold no text of their own
        codes, uniques = np.arange(len(series)), series.to_numpy(dtype=object)
    texts = [u if isinstance(u, str) else None for u in np.asarray(uniques, dtype=object)]
    out = []
    for pattern in patterns:
        if pattern is None:
            out.append(np.zeros(len(series), dtype=bool))
            continue
        found = np.fromiter((t is not None and pattern.search(t) is not None for t in texts), bool, len(texts))
        out.append(np.append(found, False)[codes])  # code -1 (null) takes the appended False
    return out


def personal_data_cells(
    frame: pd.DataFrame,
    names: PersonalNames,
    columns: Iterable[str] | None = None,
    distinct_values: Mapping[str, Sequence[str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`phone_shaped_cells`, `name_cells`) in one pass. Where the distinct values of a column are known (the
    strings of a column read through an ENUM), only those are searched, and the cells are compared with the few
    that match, if any."""
    cols = list(columns) if columns is not None else text_columns(frame)
    known = distinct_values or {}
    patterns = [_MOBILE, name_pattern(names)]
    hits = {}
    for c in cols:
        if c in known:
            hits[c] = [_cells_equal_to(frame[c], _matching(known[c], p)) for p in patterns]
        else:
            hits[c] = cells_hit(frame[c], patterns)
    return (
        pd.DataFrame({c: h[0] for c, h in hits.items()}, index=frame.index, columns=cols, dtype=bool),
        pd.DataFrame({c: h[1] for c, h in hits.items()}, index=frame.index, columns=cols, dtype=bool),
    )


def _matching(values: Sequence[str], pattern: re.Pattern[str] | None) -> list[str]:
    if pattern is None:
        return []
    return [v for v in values if isinstance(v, str) and pattern.search(v) is not None]


def _cells_equal_to(series: pd.Series, values: list[str]) -> np.ndarray:
    if not values:
        return np.zeros(len(series), dtype=bool)
    return series.isin(values).to_numpy(dtype=bool, na_value=False)


def phone_shaped_cells(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """One boolean column per text column: does the cell hold a mobile-phone-shaped string?"""
    cols = list(columns) if columns is not None else text_columns(frame)
    return pd.DataFrame({c: cell_hits(frame[c], _MOBILE) for c in cols}, index=frame.index, dtype=bool)


def name_cells(frame: pd.DataFrame, names: PersonalNames, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """One boolean column per text column: does the cell contain one of the names?"""
    cols = list(columns) if columns is not None else text_columns(frame)
    pattern = name_pattern(names)
    return pd.DataFrame({c: cell_hits(frame[c], pattern) for c in cols}, index=frame.index, dtype=bool)


def hits_by_column(hits: pd.DataFrame) -> dict[str, int]:
    """How many cells matched in each column, for a message that names columns and counts only."""
    return {c: int(n) for c, n in hits.sum().items() if n}
