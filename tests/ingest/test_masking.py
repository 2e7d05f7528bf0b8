"""Names of responsible persons and contacts and mobile numbers never reach a seed unmasked."""

from __future__ import annotations

import re

from budgetwh.ingest.text.masking import find_person_names, mask_lines, mask_mobile, mask_name, mask_text

MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def test_names_and_phones_are_found_in_the_raw_documents(raw_dir):
    names = set()
    for path in sorted(raw_dir.glob("*.txt")):
        names |= find_person_names(path.read_text(encoding="utf-8").split("\n"))
    # the names themselves are not written here: only how many, and what masking makes of them
    assert len(names) == 3
    assert sorted(mask_name(n) for n in names) == sorted(["李*", "朱*", "周*"])


def test_no_seed_holds_personal_data(extracted_dir, raw_dir):
    names = set()
    for path in raw_dir.glob("*.txt"):
        names |= find_person_names(path.read_text(encoding="utf-8").split("\n"))
    for seed in extracted_dir.glob("*.csv"):
        text = seed.read_text(encoding="utf-8")
        assert not MOBILE.search(text), seed.name
        assert not [n for n in names if n in text], seed.name


def test_masking_keeps_everything_else_as_printed():
    lines = ["项目负责人：\t王小明\t联系人：\t联系电话：13912345678", "王小明负责验收，电话 021-12345678"]
    assert mask_lines(lines) == ["项目负责人：\t王*\t联系人：\t联系电话：139****5678", "王*负责验收，电话 021-12345678"]


def test_only_runs_of_exactly_eleven_digits_that_look_mobile_are_masked():
    text = "13912345678，电话139123456789；12912345678 a18600001111\n15000002222"
    assert mask_mobile(text) == "139****5678，电话139123456789；12912345678 a186****1111\n150****2222"
    assert mask_mobile("2139123456781") == "2139123456781"
    assert mask_mobile("没有号码") == "没有号码"


def test_a_person_label_is_read_on_every_line_that_prints_one():
    text = "联系人：\t张三\n说明\n填报人\t李四四\t经办人：王五\n项目负责人：赵六"
    assert mask_text(text) == "联系人：\t张*\n说明\n填报人\t李*\t经办人：王*\n项目负责人：赵*"
