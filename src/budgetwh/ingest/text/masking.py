"""Personal data leaves the text before any parser sees it: names of responsible persons and contacts, and mobile
numbers. Names are found where the forms print them (the cell after a person label) and then masked wherever they
occur in the document; mobile numbers are masked by shape."""

from __future__ import annotations

import re

PERSON_LABELS = ("项目负责人", "联系人", "填报人", "填报单位负责人", "单位负责人", "经办人")
_PERSON_LABEL = re.compile(r"^(?:" + "|".join(PERSON_LABELS) + r")\s*[:：]?\s*(.*)$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_ANY_LABEL = re.compile("|".join(PERSON_LABELS))
_MOBILE_HINT = re.compile(r"1[3-9][0-9]{9}")
MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")


def mask_name(name: str) -> str:
    """Surname kept, the rest one star whatever its length (the length is itself a clue)."""
    return name[0] + "*"


def mask_mobile(text: str) -> str:
    # The full pattern starts with a look-behind, which makes it slow to scan a whole document for. A number it
    # masks is a run of exactly eleven digits, so it starts where the cheap hint finds one: try it only there.
    pieces: list[str] = []
    done = 0
    for hint in _MOBILE_HINT.finditer(text):
        number = MOBILE.match(text, hint.start())
        if number is not None:
            pieces += (text[done : number.start()], number[1], "****", number[3])
            done = number.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def find_person_names(lines: list[str]) -> set[str]:
    names: set[str] = set()
    for line in lines:
        if not _ANY_LABEL.search(line):
            continue  # a person label must start one of the line's cells, so it must be in the line
        cells = [c.strip() for c in line.split("\t")]
        for i, cell in enumerate(cells):
            match = _PERSON_LABEL.match(cell)
            if not match:
                continue
            inline = match.group(1).strip()
            candidate = inline or next((c for c in cells[i + 1 :] if c), "")
            if _CJK_NAME.match(candidate):
                names.add(candidate)
    return names


def _lines_with_a_label(text: str) -> list[str]:
    """The lines of `text` where a person label occurs, each once: the only lines find_person_names reads."""
    lines = []
    taken = -1  # start of the last line taken
    for label in _ANY_LABEL.finditer(text):
        start = text.rfind("\n", 0, label.start()) + 1
        if start != taken:
            end = text.find("\n", label.start())
            lines.append(text[start : end if end >= 0 else len(text)])
            taken = start
    return lines


def mask_text(text: str) -> str:
    """The whole text masked in one pass: names and numbers never span a line end, so the result is the same as
    masking it line by line."""
    found = find_person_names(_lines_with_a_label(text))
    names = sorted(found, key=len, reverse=True)
    for name in names:
        text = text.replace(name, mask_name(name))
    return mask_mobile(text)


def mask_lines(lines: list[str]) -> list[str]:
    return mask_text("\n".join(lines)).split("\n") if lines else []
