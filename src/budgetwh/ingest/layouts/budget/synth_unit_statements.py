"""The statements after the tables of a synthetic 2022 单位预算: 其他相关情况说明 (三公 figures as the 三公 table prints
them, 政府采购, 绩效目标 count and money, 国有资产) and each form project's 项目经费情况说明."""

from __future__ import annotations

import random
from decimal import Decimal

from budgetwh.ingest.layouts.budget.synth_unit_budget import Budget
from budgetwh.ingest.layouts.budget.synth_unit_prose import NO_CHANGE, NarrativeFigures
from budgetwh.ingest.layouts.target_forms.synth_project import Project
from budgetwh.synth.builder import DocumentBuilder, grouped, money, wan, wan_text


def _w(value: Decimal) -> str:
    return f"{wan_text(value)}万元"


def other_statements(
    doc: DocumentBuilder, rng: random.Random, budget: Budget, agency: str, narrative: NarrativeFigures, three: dict
) -> None:
    doc.add("## 其他相关情况说明")
    doc.add("")
    _three_public(doc, narrative, three)
    doc.add("### 二、机关运行经费预算")
    doc.add("")
    doc.add("本单位无机关运行经费。")
    doc.add("")
    _procurement(doc, rng, narrative)
    _targets(doc, rng, budget, narrative)
    _assets(doc, rng, agency, narrative)


def _three_public(doc: DocumentBuilder, narrative: NarrativeFigures, three: dict) -> None:
    year = narrative.year
    prior = year - 1
    flat = {"stated_direction": "flat", "compare_basis": "prior_budget", "compare_fiscal_year": prior}
    doc.add(f"### 一、{year}年“三公”经费预算情况说明")
    doc.add("")
    line = doc.add(f"{year}年“三公”经费预算数为{_w(three['total'])}，与{prior}年预算持平。其中：")
    narrative.wan(line, 1, f"{year}年“三公”经费预算数为", three["total"], item=f"{year}年“三公”经费预算数", change=flat)
    doc.add("")
    line = doc.add(f"（一）因公出国（境）费{_w(three['abroad'])}，与{prior}年预算持平，主要原因是厉行节约")
    narrative.wan(line, 1, "（一）因公出国（境）费", three["abroad"], item="因公出国（境）费", change=flat)
    doc.add("")
    line = doc.add(
        f"（二）公务车购置及运行费{_w(three['car'])}，其中：公务用车购置费{_w(three['purchase'])}，与{prior}年预算持平；"
        f"公务用车运行费{_w(three['running'])}，与{prior}年预算持平，主要原因是厉行节约。"
    )
    narrative.wan(line, 1, "（二）公务车购置及运行费", three["car"], item="公务车购置及运行费")
    narrative.wan(line, 2, "公务用车购置费", three["purchase"], change=flat)
    narrative.wan(line, 3, "公务用车运行费", three["running"], change=flat)
    doc.add("")
    line = doc.add(f"（三）公务接待费{_w(three['reception'])}。与{prior}年预算持平，主要原因是厉行节约。")
    narrative.wan(line, 1, "（三）公务接待费", three["reception"], item="公务接待费", change=flat)
    doc.add("")


def _procurement(doc: DocumentBuilder, rng: random.Random, narrative: NarrativeFigures) -> None:
    doc.add("### 三、政府采购情况")
    doc.add("")
    parts = [Decimal(rng.randint(0, 5000)) / 100 * rng.choice((0, 1, 10)) for _ in range(3)]
    parts = [p.quantize(Decimal("0.01")) for p in parts]
    purchase_total = sum(parts, Decimal(0))
    line = doc.add(
        f"{narrative.year}年度本单位政府采购预算{_w(purchase_total)}，其中：政府采购货物预算{_w(parts[0])}、"
        f"政府采购工程预算{_w(parts[1])}、政府采购服务预算{_w(parts[2])}"
    )
    narrative.wan(line, 1, f"{narrative.year}年度本单位政府采购预算", purchase_total)
    for cell, (label, value) in enumerate(
        zip(("政府采购货物预算", "政府采购工程预算", "政府采购服务预算"), parts, strict=True), start=2
    ):
        narrative.wan(line, cell, label, value)
    doc.add("")


def _targets(doc: DocumentBuilder, rng: random.Random, budget: Budget, narrative: NarrativeFigures) -> None:
    year = narrative.year
    doc.add("### 四、绩效目标设置情况")
    doc.add("")
    project_count = len(budget.form_projects) + rng.randint(0, 6)
    projects_wan = wan(budget.projects_total, 0)
    line = doc.add(f"{year}年度，本单位编报绩效目标的项目共{project_count}个，涉及项目预算资金{_w(projects_wan)}。")
    doc.expect(
        "line_items",
        source_line=line,
        cell_index=1,
        table_name="narrative",
        class_code=None,
        kind_code=None,
        item_code=None,
        item_name_raw="本单位编报绩效目标的项目共",
        label_raw="本单位编报绩效目标的项目共",
        measure="count",
        phase="budget",
        fiscal_year=year,
        amount_yuan=None,
        source_unit="个",
        amount_raw=f"共{project_count}个",
        row_level="line",
        quantity=money(project_count),
        quantity_unit="个",
        **NO_CHANGE,
    )
    narrative.wan(line, 2, "涉及项目预算资金", projects_wan)
    doc.add("")


def _assets(doc: DocumentBuilder, rng: random.Random, agency: str, narrative: NarrativeFigures) -> None:
    doc.add("### 五、国有资产占有情况")
    doc.add("")
    cars = rng.randint(0, 6)
    line = doc.add(
        f"截至{narrative.year - 1}年12月31日，{agency}共有车辆{cars}辆，其中：执法执勤用车0辆、其他用车{cars}辆；"
        "单价100万元（含）以上设备（不含车辆）0台（套）。"
    )
    narrative.wan(line, 1, "单价", Decimal(100))
    doc.add("")
    line = doc.add(
        f"{narrative.year}年部门预算安排购置车辆0辆，其中：执法执勤用车0辆、其他用车0辆；"
        "部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。"
    )
    narrative.wan(line, 1, "部门预算安排购置单价", Decimal(100))
    doc.add("")


def project_statement(
    doc: DocumentBuilder, rng: random.Random, project: Project, year: int, agency: str, narrative: NarrativeFigures
) -> None:
    doc.add(f"## {project.name}项目经费情况说明")
    doc.add("")
    for heading, text in (
        ("一、项目概述", project.goal),
        ("二、立项依据", "《关于进一步加强项目预算管理的实施意见》。"),
        ("三、实施主体", f"本项目由{agency}负责实施。"),
        ("四、实施方案", "按照合同规定对服务单位进行监督、考核。"),
        (
            "五、实施周期",
            f"项目实施周期为{project.start[:4]}年{int(project.start[5:7])}月{int(project.start[8:])}日至"
            f"{project.end[:4]}年{int(project.end[5:7])}月{int(project.end[8:])}日。",
        ),
    ):
        doc.add(f"### {heading}")
        doc.add("")
        doc.add(text)
        doc.add("")
    doc.add("### 六、年度预算安排")
    doc.add("")
    if rng.random() < 0.6:
        total, annual = f"{grouped(project.total)}元", f"{grouped(project.annual)}元"
        line = doc.add(f"项目财政资金总预算安排金额为{total}，当年预算安排金额为{annual}。")
        narrative.figure(
            line,
            1,
            label="项目财政资金总预算安排金额为",
            item="项目财政资金总预算安排金额",
            amount_yuan=Decimal(project.total),
            unit="元",
            raw=total,
        )
        narrative.figure(
            line,
            2,
            label="当年预算安排金额为",
            item="当年预算安排金额",
            amount_yuan=Decimal(project.annual),
            unit="元",
            raw=annual,
        )
    else:
        doc.add("项目经费按合同约定分期支付。")
    doc.add("")
    doc.add("### 七、绩效目标")
    doc.add("")
    doc.add(project.annual_goal)
    doc.add("")
