"""Printed agency names: when two printings name one agency, and when one printing names two."""

from __future__ import annotations

import re

from budgetwh.ingest.reference import Reference
from budgetwh.ingest.text.cells import squash

# How the name of an agency (a bureau, a commission, an office, a centre, a government, a sub-district office, a
# school, a hospital …) ends. A separator counts as the start of a second agency only where the text before it ends
# like this: 人力资源和社会保障局 and 发展和改革委员会 join two words inside one name, not two agencies.
_AGENCY_ENDING = re.compile(
    r"(?:局|委员会|委|办公室|办|中心|政府|办事处|街道|镇|乡|院|所|馆|站|队|部|厅|处|会|学校|中学|小学|幼儿园|党校|公司)$"
)
# what may join two names on one header line (编制部门：A、B / 预算单位：A，B / A和B)
_SEPARATOR = re.compile(r"(、|，|,|；|;|和|及|与)")
_TRAILING_BRACKETS = re.compile(r"\s*(?:（[^（）]*）|\([^()]*\))\s*$")


def _ends_like_agency(text: str) -> bool:
    # a second name or a scope in brackets (A（B）, A(汇总)) is the same agency's: its ending is the one before them
    while _TRAILING_BRACKETS.search(text):
        text = _TRAILING_BRACKETS.sub("", text)
    return len(text.strip()) >= 2 and bool(_AGENCY_ENDING.search(text.strip()))


def agencies_named(text: str) -> list[str]:
    """The agencies one printed name holds: one, unless a separator outside brackets follows a full agency name and
    starts another that ends like an agency (上海市某区财政局、上海市某区审计局)."""
    depth, start = 0, 0
    cuts: list[tuple[int, int]] = []  # (start, end) of each separator outside brackets
    for at, char in enumerate(text):
        depth += 1 if char in "（(" else -1 if char in "）)" else 0
        if depth == 0 and _SEPARATOR.fullmatch(char):
            cuts.append((at, at + 1))
    names: list[tuple[int, int]] = []  # (start, end) of each name in text
    for at, after in cuts:
        if _ends_like_agency(text[start:at]) and _ends_like_agency(text[after : _next_end(text, after, cuts)]):
            names.append((start, at))
            start = after
    names.append((start, len(text)))
    return [text[a:b].strip() for a, b in names]


def _next_end(text: str, after: int, cuts: list[tuple[int, int]]) -> int:
    """Where the name starting at `after` ends: at the first later separator following an agency's ending, or at
    the end of the text."""
    for at, _ in cuts:
        if at > after and _ends_like_agency(text[after:at]):
            return at
    return len(text)


def same_agency(first: str, second: str, reference: Reference) -> bool:
    """Two printed names of one agency: equal once folded and stripped of their district (上海市普陀区财政局 /
    普陀区财政局 / 区财政局), one with a second name or a scope in brackets (（汇总）, （本级）), or one inside the
    other (万里街道 / 上海市普陀区人民政府万里街道办事处)."""
    a, b = (_without_district(squash(name), reference) for name in (first, second))
    if a == b:
        return True
    outer = {x[: x.index("(")] if "(" in x else x for x in (a, b)}
    if len(outer) == 1:
        return True
    short, long = sorted(outer, key=len)
    return len(short) >= 2 and short in long


def _without_district(name: str, reference: Reference) -> str:
    name = name.replace("上海市", "")
    for alias in sorted(reference.district_aliases, key=len, reverse=True):
        name = name.replace(alias, "")
    return name.lstrip("区")
