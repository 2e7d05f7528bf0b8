"""What must come out of the five real documents, exactly as printed."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

FACE = "minhang_2020_face_recognition_project_perf_targets.txt"
SCHOOL = "minhang_2020_school_video_network_project_perf_targets.txt"
PUTUO = "putuo_2022_city_operations_center_unit_budget.txt"
MINHANG_2023 = "minhang_2023_public_security_bureau_project_perf_targets.txt"
JIADING = "jiading_2018_project_performance_evaluation_results.txt"
WANLI = "putuo_wanli_2024_dept_budget.pdf"
QUFUBAN = "putuo_qufuban_2025_dept_budget.pdf"
SHANGWU = "putuo_shangwu_2025_unit_budget.pdf"
CZJ = "putuo_czj_2024_final_accounts.pdf"
SHGZB = "putuo_shgzb_2024_final_accounts.pdf"
PDFS = (WANLI, QUFUBAN, SHANGWU, CZJ, SHGZB)


@pytest.fixture(scope="module")
def doc_ids(seeds) -> dict[str, str]:
    return {d["file_name"]: d["document_id"] for d in seeds["documents"]}


def rows_of(seeds, name, document_id):
    return [r for r in seeds[name] if r["document_id"] == document_id]


def at_line(rows, line):
    matches = [r for r in rows if r["source_line"] == str(line)]
    assert len(matches) == 1, f"expected one row at line {line}, got {len(matches)}"
    return matches[0]


def test_documents_identity_and_layouts(seeds, doc_ids):
    by_file = {d["file_name"]: d for d in seeds["documents"]}
    assert set(by_file) == {FACE, SCHOOL, PUTUO, MINHANG_2023, JIADING, *PDFS}
    assert {f: d["doc_type"] for f, d in by_file.items()} == {
        FACE: "project_performance_targets",
        SCHOOL: "project_performance_targets",
        MINHANG_2023: "project_performance_targets",
        PUTUO: "unit_budget",
        JIADING: "performance_evaluation_results",
        WANLI: "department_budget",
        QUFUBAN: "department_budget",
        SHANGWU: "unit_budget",
        CZJ: "department_final_accounts",
        SHGZB: "department_final_accounts",
    }
    assert {f: (d["district_id"], d["fiscal_year"]) for f, d in by_file.items()} == {
        FACE: ("minhang", "2020"),
        SCHOOL: ("minhang", "2020"),
        MINHANG_2023: ("minhang", "2023"),
        PUTUO: ("putuo", "2022"),
        JIADING: ("jiading", "2018"),
        WANLI: ("putuo", "2024"),
        QUFUBAN: ("putuo", "2025"),
        SHANGWU: ("putuo", "2025"),
        CZJ: ("putuo", "2024"),
        SHGZB: ("putuo", "2024"),
    }
    # the PDFs state who they are in their own title lines: no registry row, and the agency as printed
    assert {f: by_file[f]["agency_name"] for f in PDFS} == {
        WANLI: "上海市普陀区人民政府万里街道办事处",
        QUFUBAN: "上海市普陀区人民政府办公室",
        SHANGWU: "上海市普陀区商务委员会",
        CZJ: "上海市普陀区财政局",
        SHGZB: "中共上海市普陀区委社会工作部",
    }
    assert {(by_file[f]["district_source"], by_file[f]["agency_source"]) for f in PDFS} == {("document", "document")}
    assert {f: (by_file[f]["source_format"], by_file[f]["page_count"]) for f in PDFS} == {
        WANLI: ("pdf", "33"),
        QUFUBAN: ("pdf", "22"),
        SHANGWU: ("pdf", "22"),
        CZJ: ("pdf", "25"),
        SHGZB: ("pdf", "24"),
    }
    assert by_file[CZJ]["title_raw"] == "上海市普陀区财政局2024年度部门决算"
    assert (by_file[PUTUO]["source_format"], by_file[PUTUO]["page_count"]) == ("text", "")
    # the 闵行 2020 forms name no filing unit and the 嘉定 header omits the district: the registry fills them
    assert by_file[FACE]["agency_source"] == "registry"
    assert by_file[JIADING]["district_source"] == "registry"
    assert by_file[PUTUO]["district_source"] == "document"
    assert by_file[JIADING]["agency_name"] == "上海市联勤和城市网格化综合管理中心"
    assert by_file[PUTUO]["line_count"] == "443" and by_file[MINHANG_2023]["line_count"] == "1479"
    for d in seeds["documents"]:
        assert d["document_id"] == "doc_" + d["sha256"][:12]


def test_counts_per_document(seeds, doc_ids):
    projects = Counter(r["document_id"] for r in seeds["projects"])
    indicators = Counter(r["document_id"] for r in seeds["indicators"])
    assert projects[doc_ids[FACE]] == 1 and indicators[doc_ids[FACE]] == 7
    assert projects[doc_ids[SCHOOL]] == 1 and indicators[doc_ids[SCHOOL]] == 19
    assert projects[doc_ids[MINHANG_2023]] == 54 and indicators[doc_ids[MINHANG_2023]] == 730
    assert projects[doc_ids[PUTUO]] == 3
    per_project = Counter(r["project_id"] for r in seeds["indicators"] if r["document_id"] == doc_ids[PUTUO])
    assert sorted(per_project.items()) == [
        (f"{doc_ids[PUTUO]}:L321", 7),
        (f"{doc_ids[PUTUO]}:L373", 7),
        (f"{doc_ids[PUTUO]}:L428", 6),
    ]
    assert projects[doc_ids[JIADING]] == 8 and len(rows_of(seeds, "evaluations", doc_ids[JIADING])) == 8


def test_duplicate_project_name_is_kept_twice(seeds, doc_ids):
    names = Counter(r["project_name"] for r in rows_of(seeds, "projects", doc_ids[MINHANG_2023]))
    assert [n for n, c in names.items() if c > 1] == ["残疾人就业保障金"]
    lines = sorted(int(r["source_line"]) for r in seeds["projects"] if r["project_name"] == "残疾人就业保障金")
    assert lines == [63, 86]


def test_minhang_2020_header_funds_dates_and_masking(seeds, doc_ids):
    face = rows_of(seeds, "projects", doc_ids[FACE])[0]
    assert face["project_id"] == f"{doc_ids[FACE]}:L11"
    assert face["project_name"] == "闵行区机关大院治安人脸识别系统"
    assert (face["start_date"], face["end_date"]) == ("2020-01-01", "2020-12-31")
    assert face["total_funds_yuan"] == face["annual_funds_yuan"] == "171500.00"
    assert face["annual_fiscal_appropriation_yuan"] == "171500.00" and face["fiscal_funds_yuan"] == ""
    assert face["other_funds_yuan"] == "0.00" and face["annual_other_funds_yuan"] == ""
    assert (face["owner_masked"], face["phone_masked"]) == ("李*", "139****8685")
    school = rows_of(seeds, "projects", doc_ids[SCHOOL])[0]
    assert school["total_funds_yuan"] == "5228668.00"
    assert (school["owner_masked"], school["contact_masked"], school["phone_masked"]) == ("朱*", "周*", "180****2779")


def test_putuo_project_funds_total_vs_annual(seeds, doc_ids):
    projects = {r["source_line"]: r for r in rows_of(seeds, "projects", doc_ids[PUTUO])}
    smart = projects["373"]
    assert smart["project_name"] == "“智联普陀”物联感知设施租赁服务项目"
    assert (smart["total_funds_yuan"], smart["annual_funds_yuan"]) == ("86024755.00", "28675000.00")
    assert (smart["fiscal_funds_yuan"], smart["annual_fiscal_appropriation_yuan"]) == ("86024755.00", "28675000.00")
    assert smart["carryover_yuan"] == "" and smart["other_funds_yuan"] == ""
    assert projects["428"]["total_funds_yuan"] == "223096300.00"
    assert projects["428"]["annual_funds_yuan"] == "42995971.00"
    assert projects["321"]["project_category_raw"] == "经常性项目"
    assert projects["321"]["competent_dept_raw"] == projects["321"]["agency_name"] == "上海市普陀区城市运行管理中心"


def test_minhang_2023_form_fields(seeds, doc_ids):
    first = at_line(rows_of(seeds, "projects", doc_ids[MINHANG_2023]), 5)
    assert first["project_name"] == "公安档案数字化加工"
    assert (first["project_nature_raw"], first["project_category_raw"]) == ("经常性项目", "特定目标类")
    assert (first["competent_dept_raw"], first["agency_name"]) == ("公安局闵行分局(汇总)", "上海市公安局闵行分局")
    assert first["total_funds_yuan"] == "1800000.00" and first["total_funds_raw"] == "1,800,000.00"
    assert (first["carryover_yuan"], first["other_funds_yuan"], first["annual_other_funds_yuan"]) == (
        "0.00",
        "0.00",
        "0.00",
    )
    total = sum(Decimal(r["annual_funds_yuan"]) for r in rows_of(seeds, "projects", doc_ids[MINHANG_2023]))
    assert total == Decimal("95584927.00")  # 54 forms, summed independently from the raw text


@pytest.mark.parametrize(
    ("document", "line", "level1", "level2", "name", "target", "remark"),
    [
        # 闵行 2020: blank targets with the 备注 column still placed
        (
            FACE,
            46,
            "产出目标",
            "数量",
            "采购计划完成率",
            "",
            "上海市公安局闵行分局(沪公闵发[2018]23号) 《关于执行市区两级部分智能安防建设标准的通知》",
        ),
        # a row shifted one cell right, and rows shifted left with their labels merged down
        (SCHOOL, 60, "效果目标", "社会效益", "安全事故发生", "无", "计划目标"),
        (SCHOOL, 64, "影响力目标", "长效管理", "监控平台管理机制健全性", "建立健全", "管理要求"),
        (SCHOOL, 66, "满意度", "", "学校安保负责人满意度", "》85%", "管理要求"),
        (SCHOOL, 54, "产出目标", "质量", "视频图像清晰度", "高清", "工作计划"),
        # 闵行 2023: merged-down 一级/二级, name in the first cell, level-2 label in the level-1 slot
        (MINHANG_2023, 30, "效益指标", "社会效益指标", "档案损坏率", "0%", ""),
        (MINHANG_2023, 32, "效益指标", "可持续影响指标", "长效管理制度健全性", "健全", ""),
        (MINHANG_2023, 153, "效益指标", "社会效益指标", "预期周转率实现度", "实现(平均停放6个月内)", ""),
        (MINHANG_2023, 170, "产出指标", "质量指标", "警用装备验收合格率", "", ""),
        (MINHANG_2023, 388, "产出指标", "成本指标", "智能交通维护采购成本", "合市场合理水平", ""),
        (MINHANG_2023, 990, "社会效益指标", "社会效益指标", "平台正常稳定运行", "稳定运行", ""),
        (MINHANG_2023, 1479, "满意度指标", "服务对象满意度指标", "工作人员满意度", "≥90%", ""),
        (PUTUO, 332, "产出指标", "数量指标", "巡查发现案件数量", ">=540000件", ""),
        (PUTUO, 389, "满意度指标", "服务对象满意度指标", "业务及使用部门满意度", ">=60%", ""),
    ],
)
def test_indicator_cells_placed_by_meaning(seeds, doc_ids, document, line, level1, level2, name, target, remark):
    row = at_line(rows_of(seeds, "indicators", doc_ids[document]), line)
    assert (row["level1_raw"], row["level2_raw"], row["indicator_name"], row["target_raw"], row["remark_raw"]) == (
        level1,
        level2,
        name,
        target,
        remark,
    )
    assert row["indicator_id"] == f"{doc_ids[document]}:L{line}"


def test_targets_stay_as_printed(seeds):
    targets = {r["target_raw"] for r in seeds["indicators"]}
    assert {"》85%", "≥95%", "40辆", "及时", ">=540000件", "约1360件", "≥40(辆)", "年均流动≤80人次"} <= targets
    face_blank = [r for r in seeds["indicators"] if r["target_raw"] == ""]
    assert len(face_blank) == 11


def test_putuo_budget_tables(seeds, doc_ids):
    items = rows_of(seeds, "line_items", doc_ids[PUTUO])
    functional_total = [
        r
        for r in items
        if r["table_kind"] == "general_public_functional" and r["row_level"] == "total" and r["measure"] == "total"
    ]
    assert [r["amount_yuan"] for r in functional_total] == ["97469600.00"]
    income_total = [
        r
        for r in items
        if r["table_kind"] == "financial_summary"
        and r["row_level"] == "total"
        and r["column_path_raw"].startswith("本年收入/")
    ]
    assert [(r["item_name_raw"], r["amount_yuan"]) for r in income_total] == [("收入总计", "97469600.00")]
    medical = [r for r in items if r["table_kind"] == "general_public_functional" and r["source_line"] == "164"]
    assert [
        (r["class_code"], r["kind_code"], r["item_code"], r["item_name_raw"], r["measure"], r["amount_yuan"])
        for r in medical
    ] == [
        ("210", "11", "02", "事业单位医疗", "total", "729468.00"),
        ("210", "11", "02", "事业单位医疗", "basic", "729468.00"),
    ]
    assert at_line([r for r in items if r["cell_index"] == "7"], 167)["line_item_id"] == f"{doc_ids[PUTUO]}:L167:C7"
    economic = [r for r in items if r["table_kind"] == "basic_economic" and r["source_line"] == "242"]
    assert [(r["measure"], r["amount_yuan"]) for r in economic] == [
        ("total", "16928484.00"),
        ("personnel", "15619500.00"),
        ("public", "1308984.00"),
    ]
    # the 财务收支预算总表 row whose personnel cell the extraction shifted is kept as printed
    shifted = [
        r
        for r in items
        if r["source_line"] == "85"
        and r["table_kind"] == "financial_summary"
        and r["column_path_raw"].startswith("本年支出/")
    ]
    assert [(r["measure"], r["amount_raw"]) for r in shifted] == [("total", "1,669,955"), ("personnel", "14,403,720")]
    three_public = {
        r["item_name_raw"]: (r["amount_raw"], r["amount_yuan"], r["source_unit"])
        for r in items
        if r["table_kind"] == "three_public"
    }
    assert three_public == {
        "合计": ("6.57", "65700.00", "万元"),
        "因公出国(境)费": ("0", "0.00", "万元"),
        "公务接待费": ("0.68", "6800.00", "万元"),
        "公务用车购置及运行费/小计": ("5.89", "58900.00", "万元"),
        "公务用车购置及运行费/购置费": ("0", "0.00", "万元"),
        "公务用车购置及运行费/运行费": ("5.89", "58900.00", "万元"),
    }
    assert Counter(r["table_kind"] for r in items) == Counter(
        {
            "narrative": 44,
            "basic_economic": 69,
            "expenditure": 45,
            "revenue": 30,
            "general_public_functional": 34,
            "financial_summary": 16,  # 13 expenditure cells and 3 income cells
            "three_public": 6,
        }
    )
    # table_name is the title as printed
    assert {r["table_name"] for r in items if r["table_kind"] == "basic_economic"} == {
        "2022年单位一般公共预算基本支出部门预算经济分类预算表"
    }


def test_putuo_narrative_statements(seeds, doc_ids):
    narrative = [r for r in rows_of(seeds, "line_items", doc_ids[PUTUO]) if r["table_name"] == "narrative"]
    line63 = [r for r in narrative if r["source_line"] == "63"]
    assert [
        (
            r["phase"],
            r["fiscal_year"],
            r["amount_yuan"],
            r["stated_change_pct"],
            r["stated_direction"],
            r["compare_basis"],
        )
        for r in line63
    ] == [
        ("budget", "2022", "2600.00", "", "", ""),
        ("execution", "2021", "41200.00", "", "", ""),
        ("budget", "2022", "2600.00", "-94.00", "decrease", "prior_execution"),
    ]
    assert {r["item_name_raw"] for r in line63} == {"社会保障和就业支出(类)行政事业单位离退休(款)事业单位离退休(项)"}
    changes = {(r["source_line"], r["stated_change_pct"]) for r in narrative if r["stated_change_pct"]}
    assert changes == {
        ("63", "-94.00"),
        ("65", "22.00"),
        ("67", "22.00"),
        ("69", "42.00"),
        ("71", "-16.00"),
        ("73", "21.00"),
    }
    income, spending = (at_line([r for r in narrative if r["cell_index"] == "2"], line) for line in (55, 57))
    assert (income["stated_change_yuan"], spending["stated_change_yuan"]) == ("-3737900.00", "-3737800.00")
    flat = [r for r in narrative if r["stated_direction"] == "flat"]
    assert len(flat) == 7 and {r["compare_basis"] for r in flat} == {"prior_budget"}
    count = [r for r in narrative if r["measure"] == "count"]
    assert [(r["source_line"], r["quantity"], r["amount_yuan"]) for r in count] == [("279", "9.00", "")]


def test_jiading_evaluations_as_printed(seeds, doc_ids):
    evaluations = rows_of(seeds, "evaluations", doc_ids[JIADING])
    assert [(e["final_amount_raw"], e["final_amount_yuan"], e["score"], e["grade_raw"]) for e in evaluations][:2] == [
        ("32 万元", "320000.00", "95.96", "优"),
        ("66.6 万元", "666000.00", "94.00", "优"),
    ]
    assert sum(Decimal(e["final_amount_yuan"]) for e in evaluations) == Decimal("16333800.00")  # 1,633.38 万元
    assert {e["grade_scheme"] for e in evaluations} == {"published_unstated"}
    assert at_line(evaluations, 65)["conclusion_raw"] == "等次为 “优”"
    assert {e["project_id"] for e in evaluations} == {
        r["project_id"] for r in rows_of(seeds, "projects", doc_ids[JIADING])
    }
