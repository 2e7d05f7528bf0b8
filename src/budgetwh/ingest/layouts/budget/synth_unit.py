"""Synthetic 单位预算 in the 2022 text layout of 普陀 (read by this layout's tables and narrative readers): the cover
and contents, the 编制说明 narrative in 万元 with stated changes against last year's 执行数, the standard tables in 元
(财务收支预算总表, 收入/支出预算总表, 功能分类 tables, 经济分类, 三公 in 万元), the other statements, and the project
target forms at the end. The numbers are generated first (synth_unit_budget.py), then printed."""

from __future__ import annotations

import random

from budgetwh.ingest.layouts.budget.synth_unit_budget import make_budget
from budgetwh.ingest.layouts.budget.synth_unit_coded import coded_tables
from budgetwh.ingest.layouts.budget.synth_unit_prose import budget_statement
from budgetwh.ingest.layouts.budget.synth_unit_statements import other_statements, project_statement
from budgetwh.ingest.layouts.budget.synth_unit_tables import economic_table, financial_summary, three_public_table
from budgetwh.ingest.layouts.target_forms.synth import render_unit_budget_form
from budgetwh.synth.builder import DocumentBuilder

CONTENTS = (
    "一、单位主要职能",
    "二、单位机构设置",
    "三、名词解释",
    "四、单位预算编制说明",
    "五、单位预算表",
    "  - 1. {year}年单位财务收支预算总表",
    "  - 2. {year}年单位收入预算总表",
    "  - 3. {year}年单位支出预算总表",
    "  - 5. {year}年单位一般公共预算支出功能分类预算表",
    "六、其他相关情况说明",
    "七、项目经费情况说明",
    "八、绩效目标",
)
DUTIES = ("承担本领域的统筹规划、综合协调和监督考核工作。", "负责相关公共服务的组织实施。", "完成上级交办的其他任务。")


def render_unit_budget(
    doc: DocumentBuilder,
    rng: random.Random,
    *,
    year: int,
    district_name: str,
    agency_name: str,
    second_name: str | None,
    form_count: int,
) -> None:
    budget = make_budget(rng, year, form_count)
    printed_agency = f"{agency_name}（{second_name}）" if second_name else agency_name
    doc.document["agency_name"] = printed_agency
    _front_matter(doc, rng, year, district_name, printed_agency)
    narrative = budget_statement(doc, rng, budget, year, printed_agency)
    financial_summary(doc, rng, budget, year, printed_agency)
    coded_tables(doc, rng, budget, year, printed_agency)
    economic_table(doc, rng, budget, year, printed_agency)
    three_public = three_public_table(doc, rng, budget, year, printed_agency)
    other_statements(doc, rng, budget, agency_name, narrative, three_public)
    for index, project in enumerate(budget.form_projects):
        project_statement(doc, rng, project, year, agency_name, narrative)
        render_unit_budget_form(
            doc,
            rng,
            project,
            year=year,
            agency_name=agency_name,
            last_in_document=index == len(budget.form_projects) - 1,
        )


def _front_matter(doc: DocumentBuilder, rng: random.Random, year: int, district_name: str, agency: str) -> None:
    """Cover, contents, duties, organisation and the terms explained: prose without figures."""
    doc.add("")
    doc.add(f"# 上海市{district_name}{year}年区级单位预算")
    doc.add("")
    doc.add(f"预算单位：{agency}")
    doc.add("")
    doc.add("# 目 录")
    doc.add("")
    for entry in (e.format(year=year) for e in CONTENTS):
        doc.add(f"- {entry}" if not entry.startswith(" ") else entry)
    doc.add("")
    doc.add(f"## {agency}主要职能")
    doc.add("")
    doc.add(f"{agency}是{district_name}人民政府直属的行政事业单位。")
    doc.add("")
    doc.add("主要职能包括：")
    doc.add("")
    for number, duty in enumerate(DUTIES, start=1):
        doc.add(f"{number}. {duty}")
    doc.add("")
    doc.add(f"## {agency}机构设置")
    doc.add("")
    doc.add(f"{agency}设{rng.randint(3, 12)}个内设机构，包括：办公室、综合科、业务科。")
    doc.add("")
    doc.add("## 名词解释")
    doc.add("")
    doc.add(
        "（一）基本支出预算：是预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。"
    )
    doc.add("")
    doc.add("（二）项目支出预算：是预算单位为完成特定工作任务和事业发展目标，在基本支出之外编制的年度支出计划。")
    doc.add("")
