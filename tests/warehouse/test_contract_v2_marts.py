"""Contract version 2 in the marts, on the real PDFs (普陀 部门预算 2024/2025, 单位预算 2025, 部门决算 2024 ×2):
documents that identify their agency, same-year execution from 决算, and year over year across documents (proved
with a next-year document made from a real one, since no agency is given in two consecutive years)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_TOOL = ROOT.parent / "shared" / "tools" / "check_contract.py"

CZJ_2024 = "doc_d45e923176f9"  # 上海市普陀区财政局 2024年度部门决算
SHGZB_2024 = "doc_44874c062a89"  # 中共上海市普陀区委社会工作部 2024年度部门决算 (全年预算)
WANLI_2024 = "doc_9cf8afd0f960"  # 万里街道办事处 2024年部门预算
PDF_PAGES = {
    "putuo_czj_2024_final_accounts.pdf": 25,
    "putuo_shgzb_2024_final_accounts.pdf": 24,
    "putuo_wanli_2024_dept_budget.pdf": 33,
    "putuo_qufuban_2025_dept_budget.pdf": 22,
    "putuo_shangwu_2025_unit_budget.pdf": 22,
}


def generated_agency_id(district_id: str, printed_name: str) -> str:
    normalised = re.sub(r"\s+", "", printed_name).replace("（", "(").replace("）", ")")
    return f"{district_id}_{hashlib.md5(normalised.encode('utf-8')).hexdigest()[:10]}"


@pytest.mark.skipif(not CONTRACT_TOOL.exists(), reason="../shared/tools/check_contract.py is not beside the repo")
def test_contract_version_2_lacks_nothing(built):
    result = subprocess.run(
        [sys.executable, str(CONTRACT_TOOL), "--contract", "2", str(built.db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


def test_pdf_documents_carry_format_and_pages(rows):
    documents = rows("select file_name, source_format, page_count from marts.dim_documents order by file_name")
    assert {d["file_name"]: d["page_count"] for d in documents if d["source_format"] == "pdf"} == PDF_PAGES
    assert all(d["page_count"] is None for d in documents if d["source_format"] == "text")


def test_documents_without_a_registry_row_get_a_generated_agency(rows):
    documents = rows(
        "select file_name, district_id, agency_name, agency_id, agency_id_source from marts.dim_documents"
        " order by file_name"
    )
    generated = [d for d in documents if d["agency_id_source"] == "generated"]
    assert sorted(d["file_name"] for d in generated) == sorted(PDF_PAGES)
    for document in generated:
        assert document["agency_id"] == generated_agency_id(document["district_id"], document["agency_name"])
    assert {d["agency_id_source"] for d in documents if d["file_name"] not in PDF_PAGES} == {"registry"}


def test_dim_agencies_lists_reviewed_and_generated_agencies(rows):
    agencies = rows("select agency_id, agency_name, parent_agency_name, is_reviewed from marts.dim_agencies")
    assert sum(a["is_reviewed"] for a in agencies) == 5
    generated = {a["agency_name"]: a for a in agencies if not a["is_reviewed"]}
    assert set(generated) == {
        "上海市普陀区财政局",
        "中共上海市普陀区委社会工作部",
        "上海市普陀区人民政府万里街道办事处",
        "上海市普陀区人民政府办公室",
        "上海市普陀区商务委员会",
    }
    assert all(a["parent_agency_name"] is None for a in generated.values())
    assert generated["上海市普陀区财政局"]["agency_id"] == generated_agency_id("putuo", "上海市普陀区财政局")


def test_final_account_totals_compare_the_same_year(one):
    czj = one(
        "select * from marts.fct_budget_vs_execution where execution_document_id = ? and line_kind = 'unit_total'",
        CZJ_2024,
    )
    # 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%
    assert (czj["budget_phase"], czj["budget_yuan"], czj["execution_phase"], czj["execution_yuan"]) == (
        "budget",
        Decimal("29939200.00"),
        "final_account",
        Decimal("29400500.00"),
    )
    assert (czj["execution_rate"], czj["stated_rate_pct"], czj["rate_statement_agrees"]) == (
        Decimal("0.982007"),
        Decimal("98.20"),
        True,
    )
    assert czj["stated_reason_raw"] == "因年度工作计划安排，个别信息化项目和中介机构服务调减"
    assert (czj["document_id"], czj["budget_source_line"], czj["execution_source_line"]) == (CZJ_2024, 421, 287)
    shgzb = one(
        "select * from marts.fct_budget_vs_execution where execution_document_id = ? and line_kind = 'unit_total'",
        SHGZB_2024,
    )
    # 年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%: the rate is of 全年预算
    assert (shgzb["budget_phase"], shgzb["budget_yuan"], shgzb["execution_yuan"]) == (
        "adjusted_budget",
        Decimal("3210200.00"),
        Decimal("3078200.00"),
    )
    assert (shgzb["stated_rate_pct"], shgzb["rate_statement_agrees"], shgzb["rate_is_truncated"]) == (
        Decimal("95.89"),
        True,
        False,
    )


def test_every_narrative_item_is_one_line_with_budget_and_execution(rows):
    items = rows(
        "select execution_document_id, count(*) as n, count(budget_yuan) as budgeted,"
        " sum(budget_yuan) as budget, sum(execution_yuan) as execution"
        " from marts.fct_budget_vs_execution"
        " where execution_phase = 'final_account' and subject_level = 'item' group by 1 order by 1"
    )
    assert items == [
        # 社会工作部: nine 项, each with its 全年预算
        {
            "execution_document_id": SHGZB_2024,
            "n": 9,
            "budgeted": 9,
            "budget": Decimal("3210200.00"),
            "execution": Decimal("3078200.00"),
        },
        # 财政局: eleven 项; the 项 round to 0.01万 and add up to 0.01万 more than the totals
        {
            "execution_document_id": CZJ_2024,
            "n": 11,
            "budgeted": 11,
            "budget": Decimal("29939300.00"),
            "execution": Decimal("29400600.00"),
        },
    ]


def test_item_lines_keep_codes_rate_and_reason(one):
    line = one(
        "select * from marts.fct_budget_vs_execution where execution_document_id = ?"
        " and class_code = '201' and kind_code = '39' and item_code = '01'",
        SHGZB_2024,
    )
    # 全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 98.69%
    assert (line["line_name"], line["budget_phase"], line["budget_yuan"], line["execution_yuan"]) == (
        "行政运行",
        "adjusted_budget",
        Decimal("520000.00"),
        Decimal("513200.00"),
    )
    assert (line["stated_rate_pct"], line["rate_statement_agrees"]) == (Decimal("98.69"), True)
    czj = one(
        "select * from marts.fct_budget_vs_execution where execution_document_id = ?"
        " and class_code = '201' and kind_code = '06' and item_code = '01'",
        CZJ_2024,
    )
    assert (czj["budget_yuan"], czj["execution_yuan"], czj["execution_rate"], czj["stated_rate_pct"]) == (
        Decimal("15600500.00"),
        Decimal("15118900.00"),
        Decimal("0.969129"),
        None,
    )
    assert czj["stated_reason_raw"] == "人员进出及退休变化，减少人员经费开支"


def test_every_printed_completion_rate_is_checked(rows):
    rates = rows(
        "select execution_document_id, stated_rate_pct from marts.fct_budget_vs_execution"
        " where stated_rate_pct is not null order by 1, 2"
    )
    assert [(r["execution_document_id"], r["stated_rate_pct"]) for r in rates] == [
        (SHGZB_2024, Decimal("95.89")),
        (SHGZB_2024, Decimal("97.68")),
        (SHGZB_2024, Decimal("98.69")),
        (SHGZB_2024, Decimal("99.55")),
        (CZJ_2024, Decimal("98.20")),
    ]
    checks = rows(
        "select status, count(*) as n from marts.fct_consistency_checks where check_name = 'stated_rate_agrees'"
        " group by 1"
    )
    assert checks == [{"status": "pass", "n": 5}]


def test_final_account_summaries_balance_with_carry_overs(rows):
    balances = rows(
        "select check_id, status, expected_value, actual_value from marts.fct_consistency_checks"
        " where check_name = 'summary_carryover_balances' order by check_id"
    )
    assert [(b["check_id"].split(":", 2)[2], b["status"]) for b in balances] == [
        ("appropriation_summary", "pass"),
        ("income_expenditure_summary", "pass"),
        ("appropriation_summary", "pass"),
        ("income_expenditure_summary", "pass"),
    ]
    # 财政局: 年初结转和结余 49.14 + 本年收入合计 2,946.25 = 本年支出合计 2,940.05 + 年末结转和结余 55.34
    czj = next(b for b in balances if b["check_id"].endswith(f"{CZJ_2024}:income_expenditure_summary"))
    assert (czj["expected_value"], czj["actual_value"]) == (Decimal("29953900.00"), Decimal("29953900.00"))


def test_empty_tables_are_one_not_applicable_check_each(rows):
    empty = rows(
        "select document_id, check_id from marts.fct_consistency_checks where check_name = 'table_has_amounts'"
        f" and document_id = '{CZJ_2024}' order by check_id"
    )
    # 注：…无政府性基金预算财政拨款支出 / 无国有资本经营预算财政拨款支出，故本表无数据
    assert [e["check_id"] for e in empty] == [
        f"table_has_amounts:{CZJ_2024}:gov_fund",
        f"table_has_amounts:{CZJ_2024}:state_capital",
    ]
    statuses = rows(
        "select distinct status from marts.fct_consistency_checks where check_name in"
        " ('table_has_amounts', 'unknown_table_kept')"
    )
    assert statuses == [{"status": "not_applicable"}]


def test_no_agency_has_two_consecutive_years_yet(one):
    assert one("select count(*) as n from marts.fct_yoy_changes where prior_document_id is not null")["n"] == 0


# --- year over year across documents: a next-year document of a real agency ---------------------------------------


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory):
    """The warehouse with one more document: 万里街道's 2024 部门预算 as next year's text (years moved on by one,
    专项普查活动 raised from 257,700 to 300,000 yuan), ingested and built like any other document."""
    out = tmp_path_factory.mktemp("next_year")
    raw = out / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    converted = (ROOT / "seeds" / "converted" / "putuo_wanli_2024_dept_budget.pdf.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in converted.split("\n")[1:] if not line.startswith("<!-- page"))
    body = body.replace("2024", "2025").replace("2023", "2024")
    body = body.replace("专项普查活动\t257,700\t0\t257,700", "专项普查活动\t300,000\t0\t300,000")
    (raw / "synthetic_wanli_2025_dept_budget.txt").write_text(body, encoding="utf-8")
    env = dict(
        os.environ,
        BUDGETWH_DB=str(out / "warehouse.duckdb"),
        DBT_TARGET_PATH=str(out / "target"),
        DBT_LOG_PATH=str(out / "logs"),
        DBT_PROFILES_DIR=str(ROOT),
        DO_NOT_TRACK="1",
    )
    bin_dir = Path(sys.executable).parent
    steps = [
        [str(bin_dir / "budgetwh"), "ingest", "--raw", str(raw), "--out", str(out / "extracted")],
        [
            str(bin_dir / "budgetwh"),
            "load",
            "--db",
            str(out / "warehouse.duckdb"),
            "--extracted",
            str(out / "extracted"),
            "--reference",
            str(ROOT / "seeds" / "reference"),
        ],
        [str(bin_dir / "dbt"), "build", "--exclude-resource-type", "seed", "--project-dir", str(ROOT)],
    ]
    for step in steps:
        proc = subprocess.run(step, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, f"{step[:2]} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    connection = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    yield connection
    connection.close()


def query(connection, sql: str, *params) -> list[dict]:
    cursor = connection.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def test_next_year_document_is_compared_with_its_prior_document(next_year):
    new_document = query(
        next_year,
        "select document_id, agency_id, fiscal_year, doc_type from marts.dim_documents"
        " where file_name = 'synthetic_wanli_2025_dept_budget.txt'",
    )[0]
    prior = query(next_year, "select agency_id from marts.dim_documents where document_id = ?", WANLI_2024)[0]
    assert (new_document["agency_id"], new_document["fiscal_year"], new_document["doc_type"]) == (
        prior["agency_id"],
        2025,
        "department_budget",
    )
    changes = query(
        next_year,
        "select * from marts.fct_yoy_changes where prior_document_id is not null order by yoy_id",
    )
    # every 类/款/项 line of the 一般公共预算支出功能分类预算表 and its 合计: 67 lines, all against the 2024 document
    assert len(changes) == 67
    assert {(c["document_id"], c["prior_document_id"], c["basis"]) for c in changes} == {
        (new_document["document_id"], WANLI_2024, "prior_budget")
    }
    assert not any(c["prior_amount_is_derived"] for c in changes)
    changed = [c for c in changes if c["change_yuan"] != 0]
    assert [(c["subject_code"], c["amount_yuan"], c["prior_amount_yuan"], c["change_pct"]) for c in changed] == [
        ("2010507", Decimal("300000.00"), Decimal("257700.00"), Decimal("16.41"))
    ]


def test_a_stated_change_is_checked_against_the_prior_documents_figure(next_year):
    stated = query(
        next_year,
        "select * from marts.fct_yoy_changes where prior_document_id is not null and stated_direction is not null",
    )
    # 一般公共预算拨款支出预算15621.11万元，比2024年预算减少876.75万元: the 2024 document prints the same 156,211,123
    # yuan, so the stated decrease does not agree with it
    assert len(stated) == 1
    total = stated[0]
    assert (total["stated_direction"], total["stated_change_yuan"], total["prior_amount_yuan"]) == (
        "decrease",
        Decimal("-8767500.00"),
        Decimal("156211123.00"),
    )
    assert (total["amount_yuan"], total["change_yuan"], total["statement_agrees"]) == (
        Decimal("156211123.00"),
        Decimal("0.00"),
        False,
    )
    check = query(
        next_year,
        "select * from marts.fct_consistency_checks where check_name = 'stated_change_agrees_with_prior_document'",
    )
    assert [(c["status"], c["expected_value"], c["actual_value"]) for c in check] == [
        ("fail", Decimal("-8767500.00"), Decimal("0.00"))
    ]
