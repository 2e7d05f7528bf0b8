"""A 部门预算 or 单位预算 whose last pages are a national-style 项目支出绩效目标表: the form states its unit
on a line of its own above it (单位：万元), its money under 项目资金 as 年度资金总额 / 其中：财政拨款 /
上年结转资金 / 其他资金, and its indicator table under a header row that starts with a 绩效指标 cell (一级指标 |
二级指标 | 三级指标 | 指标值). The form ending the document is read like the same form followed by prose; a form
truly cut short (its last row with no target) is still refused. Documents are written here as converted text and
read with no registry row."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import template_docs
from template_docs import line_of, parse

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
T = "\t"
PROJECT = "社区养老服务补贴项目"
HEADER = T.join(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"])
# (level 1, level 2, indicator, target) as printed; a blank level-1 cell is merged down from the row above
INDICATOR_ROWS = [
    ("产出指标", "数量指标", "补贴发放人次", "≥1200人次"),
    ("", "质量指标", "补贴发放准确率", "100%"),
    ("成本指标", "经济成本指标", "人均补贴标准", "≤1000元"),
    ("效益指标", "社会效益指标", "老年人生活质量", "有所提升"),
    # the indicator's name is a word of the label vocabulary (满意度 heads the 2020 forms' level-1 column)
    ("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
]
PROSE = ["", "## 第三部分 其他相关情况说明", "", "本部门无其他需要说明的情况。", ""]


@pytest.fixture(scope="module")
def unregistered():
    return replace(load_reference(ROOT / "seeds" / "reference"), registry={})


def form(agency: str, rows=INDICATOR_ROWS) -> list[str]:
    head = ["## 项目支出绩效目标表", "", "（2025年度）", "", "单位：万元", ""]
    fields = [
        ["项目名称", PROJECT, "", "", ""],
        ["主管部门", agency, "", "实施单位", agency],
        ["项目资金", "年度资金总额", "130.00", "", ""],
        ["", "其中：财政拨款", "100.00", "", ""],
        ["", "上年结转资金", "10.00", "", ""],
        ["", "其他资金", "20.00", "", ""],
        ["年度总体目标", "按标准按时发放社区养老服务补贴。", "", "", ""],
    ]
    table = [HEADER, *(T.join(["", *row]) for row in rows)]
    return [*head, *(T.join(row) for row in fields), *table]


DOCUMENTS = {
    "department_budget": (template_docs.department_budget, template_docs.AGENCY),
    "unit_budget": (template_docs.unit_budget, template_docs.UNIT),
}


def _read(extracted) -> tuple[list[tuple], list[tuple]]:
    projects = [
        (p.project_name, p.agency_name, p.competent_dept_raw, p.annual_funds_yuan, p.annual_fiscal_appropriation_yuan,
         p.carryover_yuan, p.other_funds_yuan, p.annual_funds_raw)
        for p in extracted.projects
    ]  # fmt: skip
    indicators = [
        (i.source_line, i.level1_raw, i.level2_raw, i.indicator_name, i.target_raw, i.level1_is_carried,
         i.row_position)
        for i in extracted.indicators
    ]  # fmt: skip
    return projects, indicators


@pytest.mark.parametrize("kind", DOCUMENTS)
@pytest.mark.parametrize("ending", ["at_the_end", "then_prose"])
def test_a_budget_ending_with_a_national_project_target_form(unregistered, kind, ending):
    write, agency = DOCUMENTS[kind]
    text = write() + "\n".join([*form(agency), *(PROSE if ending == "then_prose" else [])]) + "\n"
    extracted = parse(text, unregistered)
    assert extracted.document.doc_type == kind
    projects, indicators = _read(extracted)
    wan = Decimal(10_000)
    assert projects == [
        (PROJECT, agency, agency, 130 * wan, 100 * wan, 10 * wan, 20 * wan, "130.00"),
    ]
    first = line_of(text, HEADER) + 1
    assert indicators == [
        (first, "产出指标", "数量指标", "补贴发放人次", "≥1200人次", False, 1),
        (first + 1, "产出指标", "质量指标", "补贴发放准确率", "100%", True, 2),
        (first + 2, "成本指标", "经济成本指标", "人均补贴标准", "≤1000元", False, 3),
        (first + 3, "效益指标", "社会效益指标", "老年人生活质量", "有所提升", False, 4),
        (first + 4, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", False, 5),
    ]
    # the budget's own tables are read as before the form was added
    assert len(parse(write(), unregistered).line_items) == len(extracted.line_items)


def test_a_national_form_cut_short_at_the_end_is_still_refused(unregistered):
    cut = [*INDICATOR_ROWS[:-1], ("满意度指标", "服务对象满意度指标", "满意", "")]
    text = template_docs.department_budget() + "\n".join(form(template_docs.AGENCY, cut)) + "\n"
    with pytest.raises(IngestError) as refused:
        parse(text, unregistered)
    assert str(refused.value) == (
        f"variant.txt:{line_of(text, HEADER) + 5}: the file ends inside an indicator table on a row without a "
        "target: the document looks truncated"
    )
