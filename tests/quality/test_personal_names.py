"""Reading the names the gate looks for: labelled cells of the raw forms, never stored anywhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from budgetwh.quality.personal import (
    cell_hits,
    name_cells,
    names_in_text,
    names_on_line,
    phone_shaped_cells,
    read_personal_names,
)

ROOT = Path(__file__).resolve().parents[2]


def test_name_in_the_cell_after_the_label():
    assert names_on_line("项目负责人：\t王小明\t联系人：\t赵六\t联系电话：\t13800000000") == {"王小明", "赵六"}


def test_label_and_name_in_one_cell():
    assert names_on_line("项目负责人：钱七\t其他") == {"钱七"}


def test_empty_contact_followed_by_the_phone_label_is_not_a_name():
    assert names_on_line("项目负责人：\t孙八\t联系人：\t联系电话：13800000000\t\t") == {"孙八"}


def test_other_labels_and_masked_values_are_not_names():
    assert names_on_line("填报单位负责人：\t周九") == set()
    assert names_on_line("项目负责人：\t李*\t联系人：\t") == set()
    assert names_on_line("学校安全负责人参与度\t=100%") == set()


def test_the_real_forms_name_three_people_and_repr_hides_them():
    names = read_personal_names(ROOT / "data" / "raw")
    assert len(names.names) == 3 and names.documents_read == 10  # the five PDFs are read too (they name nobody)
    raw = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "data" / "raw").glob("*.txt"))
    for name in names.names:
        assert re.search(rf"(项目负责人|联系人)：\t{re.escape(name)}\t", raw)
        assert name not in repr(names) and name not in str(names)


def test_names_are_written_nowhere_in_the_gate_code_seeds_or_models():
    names = read_personal_names(ROOT / "data" / "raw")
    tracked = [ROOT / d for d in ("gx", "src", "seeds", "models", "macros", "tests/quality", "tests/conventions")]
    for folder in tracked:
        for path in folder.rglob("*"):
            if (
                path.is_file()
                and "node_modules" not in path.parts
                and path.suffix in {".py", ".json", ".yml", ".yaml", ".csv", ".sql", ".md", ".txt"}
            ):
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not any(n in text for n in names.names), f"{path} holds a personal name"


def test_hits_are_per_cell_and_ignore_longer_digit_runs():
    frame = pd.DataFrame(
        {"a": ["电话13912345678", "6213912345678901", None], "b": ["王小明负责", "x", "y"], "n": [1, 2, 3]}
    )
    phones = phone_shaped_cells(frame)
    assert list(phones.columns) == ["a", "b"]
    assert phones["a"].tolist() == [True, False, False]
    from budgetwh.quality.personal import PersonalNames

    hits = name_cells(frame, PersonalNames(frozenset({"王小明"}), 1))
    assert hits["b"].tolist() == [True, False, False] and not hits["a"].any()


def _names_line_by_line(text: str) -> set[str]:
    """The plain rule: names_on_line over every line."""
    found: set[str] = set()
    for line in text.splitlines():
        found |= names_on_line(line)
    return found


@pytest.mark.parametrize(
    "text",
    [
        "标题\n项目负责人：\t王小明\t联系人：\t赵六\n其他\t行\n",
        "项目负责人：钱七",  # the only line, without a line end
        "a\n\n联系人：\t孙八\t联系电话：\t\nb\n项目负责人：\t周九",
        "a\u2028项目负责人：\t吴十\u2028联系人：\t郑一\x85b",  # line ends that str.splitlines knows besides \n
        "填报单位负责人：\t周九\n没有标签的一行\n",
        "",
    ],
)
def test_names_in_text_reads_only_labelled_lines_but_finds_the_same_names(text):
    assert names_in_text(text) == _names_line_by_line(text)


def test_the_real_documents_give_the_same_names_line_by_line():
    expected: set[str] = set()
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        expected |= _names_line_by_line(path.read_text(encoding="utf-8-sig"))
    assert read_personal_names(ROOT / "data" / "raw").names == expected


def test_cell_hits_match_a_per_cell_search_whatever_the_cells_hold():
    pattern = re.compile(r"(?<![0-9A-Za-z.])1[3-9][0-9]{9}(?![0-9A-Za-z.])")
    cells = ["电话13912345678", None, "x", "电话13912345678", True, 13912345678, float("nan"), "doc_13912345678a", "x"]
    for series in (pd.Series(cells, dtype=object), pd.Series([c for c in cells if isinstance(c, str)], dtype="str")):
        expected = [isinstance(c, str) and pattern.search(c) is not None for c in series]
        assert cell_hits(series, pattern).tolist() == expected
    assert not cell_hits(pd.Series(cells, dtype=object), None).any()


def test_searching_the_distinct_values_finds_the_cells_a_full_scan_finds():
    from budgetwh.quality.personal import PersonalNames, personal_data_cells

    values = ["电话13912345678", "王小明负责", "x", None]
    frame = pd.DataFrame({"a": [values[i % 4] for i in range(40)], "b": [f"id{i}" for i in range(40)]})
    names = PersonalNames(frozenset({"王小明"}), 1)
    full = personal_data_cells(frame, names)
    known = personal_data_cells(frame, names, distinct_values={"a": [v for v in values if v is not None]})
    for scanned, from_values in zip(full, known, strict=True):
        pd.testing.assert_frame_equal(scanned, from_values)
    assert full[0]["a"].sum() == 10 and full[1]["a"].sum() == 10 and not full[0]["b"].any()
