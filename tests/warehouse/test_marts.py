"""The marts built from the real documents (five text documents, and five PDFs since contract version 2): shapes,
ids, amounts and the contract's rules, value by value."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_TOOL = ROOT.parent / "shared" / "tools" / "check_contract.py"

PUTUO = "doc_3b417c218811"
JIADING = "doc_45ee1b1406b7"
FACE_RECOGNITION = "doc_ca50c7e0f2f6"
MINHANG_2023 = "doc_d3305d6fa1e1"

MART_ROWS = {
    "dim_districts": 16,
    "dim_agencies": 10,
    "dim_documents": 10,
    "dim_projects": 67,
    "fct_indicators": 776,
    "fct_budget_vs_execution": 239,
    "fct_yoy_changes": 90,
    "fct_project_scores": 67,
    "fct_score_distribution": 16,
    "fct_score_summary": 4,
}


@pytest.mark.skipif(not CONTRACT_TOOL.exists(), reason="../shared/tools/check_contract.py is not beside the repo")
def test_the_contract_tool_finds_every_table_and_column(built):
    result = subprocess.run(
        [sys.executable, str(CONTRACT_TOOL), str(built.db)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


def test_schemas_are_exactly_the_contracts(rows):
    schemas = {r["schema_name"] for r in rows("select schema_name from information_schema.schemata")}
    assert {"raw", "staging", "intermediate", "marts"} <= schemas
    assert not [s for s in schemas if s.endswith(("_raw", "_staging", "_intermediate", "_marts"))]


@pytest.mark.parametrize(("mart", "expected"), sorted(MART_ROWS.items()))
def test_mart_row_counts(one, mart, expected):
    assert one(f"select count(*) as n from marts.{mart}")["n"] == expected


def test_money_columns_are_decimal_yuan(rows):
    types = {
        (r["table_name"], r["column_name"]): r["data_type"]
        for r in rows(
            "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts'"
        )
    }
    money = {k: v for k, v in types.items() if k[1].endswith("_yuan")}
    assert money and set(money.values()) == {"DECIMAL(18,2)"}


def test_documents_carry_registry_and_counts(one):
    doc = one("select * from marts.dim_documents where document_id = ?", PUTUO)
    assert (doc["agency_id"], doc["doc_type"], doc["fiscal_year"]) == ("putuo_city_operations", "unit_budget", 2022)
    assert (doc["project_count"], doc["indicator_count"], doc["line_item_count"]) == (3, 20, 244)
    assert doc["line_count"] == 443


def test_projects_resolve_agency_and_nature(one, rows):
    natures = {
        (r["district_id"], r["nature"]): r["n"]
        for r in rows("select district_id, nature, count(*) as n from marts.dim_projects group by all")
    }
    assert natures == {
        ("putuo", "recurring"): 1,
        ("putuo", "one_off"): 2,
        ("minhang", "recurring"): 49,
        ("minhang", "phased"): 5,
        ("minhang", None): 2,  # 闵行 2020: an unchecked checkbox list states no nature
        ("jiading", None): 8,
    }
    face = one("select * from marts.dim_projects where document_id = ?", FACE_RECOGNITION)
    assert face["agency_id"] == "minhang_government_affairs"  # the form names no unit: the registry does
    assert face["fiscal_funds_yuan"] is None  # the 2020 form does not split the total: null, never 0
    assert face["indicator_count"] == 7
    evaluated = one(
        "select count(*) as n, count(indicator_count) as counted from marts.dim_projects where document_id = ?", JIADING
    )
    assert evaluated == {"n": 8, "counted": 0}  # no target table printed: unknown, not zero


def test_indicator_labels_follow_the_level2_group(one):
    moved = one("select * from marts.fct_indicators where indicator_id = ?", f"{MINHANG_2023}:L645")
    assert (moved["level1_raw"], moved["level2_raw"]) == ("产出指标", "社会效益指标")
    assert (moved["level1"], moved["level1_code"], moved["level1_follows_level2"]) == ("效益指标", "outcome", True)
    in_level1_slot = one("select * from marts.fct_indicators where indicator_id = ?", f"{MINHANG_2023}:L990")
    assert (in_level1_slot["level1_raw"], in_level1_slot["level1"]) == ("社会效益指标", "效益指标")
    wording_2020 = one(
        "select level1, level2 from marts.fct_indicators where document_id = ? and level1_raw = '影响力目标'",
        FACE_RECOGNITION,
    )
    assert wording_2020 == {"level1": "效益指标", "level2": "可持续影响指标"}


def test_level1_groups_and_cost_stays_level2(rows):
    groups = {r["level1"]: r["n"] for r in rows("select level1, count(*) as n from marts.fct_indicators group by 1")}
    assert set(groups) == {"产出指标", "效益指标", "满意度指标"}
    cost = rows("select distinct level1, level2 from marts.fct_indicators where level2_raw = '成本指标'")
    assert cost == [{"level1": "产出指标", "level2": "成本指标"}]


def test_targets_parse_real_cells(one, rows):
    kinds = {
        r["target_kind"]: r["n"] for r in rows("select target_kind, count(*) as n from marts.fct_indicators group by 1")
    }
    assert kinds["blank"] == 11 and sum(kinds.values()) == 776
    putuo_cases = {
        r["target_raw"]: (r["target_operator"], r["target_value"], r["target_unit"])
        for r in rows(
            "select target_raw, target_operator, target_value, target_unit from marts.fct_indicators"
            " where document_id = ?",
            PUTUO,
        )
    }
    assert putuo_cases[">=540000件"] == (">=", Decimal("540000"), "件")
    assert putuo_cases["<=100%"] == ("<=", Decimal("100"), "%")
    assert putuo_cases["及时"] == (None, None, None)


def test_budget_vs_execution_matches_narrative_to_table(one):
    line = one("select * from marts.fct_budget_vs_execution where line_id = ?", f"{PUTUO}:L160")
    assert (line["class_code"], line["kind_code"], line["item_code"]) == ("208", "05", "05")
    assert line["budget_yuan"] == Decimal("1111570.00")  # the functional table, not the narrative's 111.16万
    assert line["prior_year_execution_yuan"] == Decimal("906700.00")  # 2021年当年预算执行数为90.67万元 (line 65)
    assert (line["execution_phase"], line["prior_year_execution_is_derived"]) == ("estimated_execution", False)
    assert line["change_vs_prior_execution_pct"] == Decimal("22.60")
    assert line["execution_source_line"] == 65 and line["execution_yuan"] is None and line["execution_rate"] is None
    # matched through an old name of the whole path: 医疗卫生与计划生育支出/医疗保障/事业单位医疗 → 210 11 02
    medical = one("select * from marts.fct_budget_vs_execution where line_id = ?", f"{PUTUO}:L164")
    assert (medical["line_name"], medical["prior_year_execution_yuan"]) == ("事业单位医疗", Decimal("512900.00"))


def test_unit_total_prior_is_derived_from_the_stated_change(one):
    total = one("select * from marts.fct_budget_vs_execution where document_id = ? and line_kind = 'unit_total'", PUTUO)
    assert total["budget_yuan"] == Decimal("97469600.00")
    assert total["prior_year_execution_yuan"] == Decimal("101207400.00")  # 9,746.96 + 373.78 万元
    assert total["prior_year_execution_is_derived"] is True
    assert total["change_vs_prior_execution_pct"] == Decimal("-3.69")


def test_projects_never_compare_multi_year_totals(one):
    smart = one("select * from marts.fct_budget_vs_execution where line_id = ?", f"{PUTUO}:L373")
    assert smart["budget_yuan"] == Decimal("28675000.00")  # 年度资金申请总额, not the 86,024,755 total
    evaluated = one("select * from marts.fct_budget_vs_execution where line_id = ?", f"{JIADING}:L85")
    assert evaluated["execution_yuan"] == Decimal("14228100.00") and evaluated["budget_yuan"] is None
    assert (evaluated["execution_phase"], evaluated["execution_source_line"]) == ("final_account", 86)


def test_no_rows_where_a_district_has_no_data(rows):
    by_district = {
        r["district_id"]: (r["executed"], r["estimated"])
        for r in rows(
            "select district_id, count(execution_yuan) as executed, count(prior_year_execution_yuan) as estimated"
            " from marts.fct_budget_vs_execution group by 1"
        )
    }
    # 普陀: 38 决算 lines (财政局, 社会工作部 2024); 7 执行数 of the 2022 unit budget and 33 of 万里's 2024 部门预算
    assert by_district == {"putuo": (38, 40), "jiading": (8, 0), "minhang": (0, 0)}
    assert {r["district_id"] for r in rows("select distinct district_id from marts.fct_yoy_changes")} == {"putuo"}
    zero_budget = rows(
        "select * from marts.fct_budget_vs_execution where budget_yuan is null and execution_yuan is null"
    )
    assert zero_budget == []


def test_stated_changes_follow_the_agreement_rule(one):
    plus_22 = one("select * from marts.fct_yoy_changes where yoy_id = ?", f"{PUTUO}:L65:C3")
    assert (plus_22["prior_amount_yuan"], plus_22["amount_yuan"]) == (Decimal("906700.00"), Decimal("1111600.00"))
    assert (plus_22["change_pct"], plus_22["stated_change_pct"], plus_22["statement_agrees"]) == (
        Decimal("22.60"),
        Decimal("22.00"),
        False,
    )
    minus_94 = one("select * from marts.fct_yoy_changes where yoy_id = ?", f"{PUTUO}:L63:C3")
    assert (minus_94["change_pct"], minus_94["statement_agrees"]) == (Decimal("-93.69"), True)
    derived = one("select * from marts.fct_yoy_changes where yoy_id = ?", f"{PUTUO}:L55:C2")
    assert derived["prior_amount_is_derived"] is True and derived["statement_agrees"] is None
    assert derived["prior_amount_yuan"] == Decimal("101207500.00")  # 9,746.96 + 373.79 万元


def test_score_summary_per_district(rows):
    summary = {
        (r["district_id"], r["fiscal_year"], r["score_kind"]): (r["project_count"], r["mean_score"], r["median_score"])
        for r in rows("select * from marts.fct_score_summary")
    }
    assert summary == {
        ("jiading", 2018, "published_evaluation"): (8, Decimal("95.12"), Decimal("95.48")),
        ("putuo", 2022, "target_quality"): (3, Decimal("81.91"), Decimal("82.86")),
        ("minhang", 2023, "target_quality"): (54, Decimal("81.62"), Decimal("81.43")),
        ("minhang", 2020, "target_quality"): (2, Decimal("41.58"), Decimal("41.58")),
    }


def test_scores_keep_their_scheme_and_labels(rows, one):
    schemes = {
        (r["score_kind"], r["grade_scheme"]): r["n"]
        for r in rows("select score_kind, grade_scheme, count(*) as n from marts.fct_project_scores group by all")
    }
    assert schemes == {("published_evaluation", "published_unstated"): 8, ("target_quality", "target_quality_v1"): 59}
    grades = {
        r["grade"]
        for r in rows("select distinct grade from marts.fct_project_scores where score_kind = 'target_quality'")
    }
    assert grades <= {"strong", "adequate", "weak", "poor"}
    blank_form = one(
        "select score, grade from marts.fct_project_scores where project_id = ?", f"{FACE_RECOGNITION}:L11"
    )
    assert blank_form == {"score": Decimal("0.00"), "grade": "poor"}  # all seven targets blank


def test_score_distribution_shares(rows):
    groups = rows(
        "select district_id, fiscal_year, score_kind, sum(share) as total, sum(project_count) as n, count(*) as bands"
        " from marts.fct_score_distribution group by all"
    )
    assert len(groups) == 4
    for g in groups:
        assert abs(g["total"] - 1) < Decimal("0.00001") and g["bands"] == 4
    assert sum(g["n"] for g in groups) == 67
