"""A budget nobody has seen, dropped alone into a raw folder: a structural break (a title with no year, a table cut
before its 合计 row, a header naming a second agency) is refused with one line naming the file and line, exit 3,
the previous seeds untouched; a document whose figures disagree with each other is ingested as printed."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pipeline import run_ingest

NAME = "jiading_2025_example_dept_budget.txt"
AGENCY = "上海市嘉定区示例局"
TITLE = "# 上海市嘉定区2025年区级部门预算"
T = "\t"
BUDGET = "\n".join(
    [
        TITLE,
        "",
        f"## 预算主管部门：{AGENCY}",
        "",
        "## 2025年部门支出预算总表",
        "",
        f"编制部门：{AGENCY}",
        "",
        "单位：元",
        "",
        T.join(["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
        T.join(["201", "一般公共服务支出", "900", "500", "400"]),
        T.join(["2010101", "行政运行", "900", "500", "400"]),
        T.join(["合计", "", "900", "500", "400"]),
        "",
    ]
)
LAST_ROW = T.join(["合计", "", "900", "500", "400"])
OTHER = "上海市嘉定区发展和改革委员会"
UNIT = "上海市嘉定区城市运行管理中心"


def _cli(raw: Path, reference: Path, out: Path) -> subprocess.CompletedProcess:
    command = ["ingest", "--raw", str(raw), "--reference", str(reference), "--out", str(out)]
    return subprocess.run([sys.executable, "-m", "budgetwh.cli", *command], capture_output=True, text=True, check=False)


@pytest.fixture
def folders(tmp_path, reference_dir):
    """A raw folder holding the budget alone, and seeds from a good ingest of it."""
    raw, out = tmp_path / "raw", tmp_path / "seeds" / "extracted"
    raw.mkdir()
    (raw / NAME).write_text(BUDGET, encoding="utf-8")
    run_ingest(raw, reference_dir, out)
    return raw, reference_dir, out


BREAKS = {
    "title with no year": (
        lambda text: text.replace(TITLE, f"# {AGENCY}部门预算"),
        f"{NAME}:1: title '{AGENCY}部门预算' names a 部门/单位 预算 or 决算 but no year",
    ),
    "table cut before its 合计": (
        lambda text: text.replace(LAST_ROW + "\n", ""),
        f"{NAME}:13: table '2025年部门支出预算总表' (line 5) has no 合计 row before line 13",
    ),
    "header naming a second agency": (
        lambda text: text.replace(f"编制部门：{AGENCY}", "编制部门：上海市嘉定区另一局"),
        f"{NAME}:7: 编制部门 names '上海市嘉定区另一局'",
    ),
    # one header line naming two agencies, whatever joins them
    **{
        f"header line naming two agencies joined by {separator}": (
            lambda text, separator=separator: text.replace(
                f"编制部门：{AGENCY}", f"编制部门：{AGENCY}{separator}{OTHER}"
            ),
            f"{NAME}:7: 编制部门 names two agencies, '{AGENCY}' and '{OTHER}': one document is one agency's",
        )
        for separator in ("、", "，", "和", "及", "；")
    },
    "预算主管部门 naming two agencies": (
        lambda text: text.replace(f"预算主管部门：{AGENCY}", f"预算主管部门：{AGENCY}和{OTHER}"),
        f"{NAME}:3: 预算主管部门 names two agencies, '{AGENCY}' and '{OTHER}'",
    ),
    "a unit budget's 预算单位 naming two agencies": (
        lambda text: text.replace(TITLE, "# 上海市嘉定区2025年区级单位预算").replace(
            f"## 预算主管部门：{AGENCY}", f"## 预算单位：{AGENCY}，{UNIT}"
        ),
        f"{NAME}:3: 预算单位 names two agencies, '{AGENCY}' and '{UNIT}'",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_a_structural_break_is_one_line_exit_3(folders, case):
    raw, reference, out = folders
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit, message = BREAKS[case]
    (raw / NAME).write_text(edit(BUDGET), encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        run_ingest(raw, reference, out)
    assert str(caught.value).startswith(message), str(caught.value)
    result = _cli(raw, reference, out)
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [f"budgetwh ingest: error: {caught.value}"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_document_disagreeing_with_itself_is_ingested_as_printed(folders):
    raw, reference, out = folders
    (raw / NAME).write_text(BUDGET.replace(LAST_ROW, T.join(["合计", "", "901", "500", "400"])), encoding="utf-8")
    assert _cli(raw, reference, out).returncode == 0
    with (out / "line_items.csv").open(encoding="utf-8") as handle:
        totals = [(r["source_line"], r["amount_yuan"]) for r in csv.DictReader(handle) if r["row_label_raw"] == "合计"]
    assert totals == [("14", "901.00"), ("14", "500.00"), ("14", "400.00")]


@pytest.mark.parametrize(
    "name",
    [
        # 和 inside one agency's own name starts no second agency: what precedes it is no agency's name
        "上海市嘉定区人力资源和社会保障局",
        "上海市嘉定区规划和自然资源局",
        "上海市嘉定区发展和改革委员会",
        "上海市嘉定区联勤和城市网格化综合管理中心",
        # a second official name in brackets is the same agency
        "上海市嘉定区城市运行管理中心（上海市嘉定区城市网格化综合管理中心、嘉定区网格中心）",
    ],
)
def test_an_agency_name_holding_a_separator_is_one_agency(folders, name):
    raw, reference, out = folders
    (raw / NAME).write_text(BUDGET.replace(AGENCY, name), encoding="utf-8")
    assert _cli(raw, reference, out).returncode == 0
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        assert [r["agency_name"] for r in csv.DictReader(handle)] == [name]
