"""Each consistency check of a 部门预算 and a 部门决算 fires where a document breaks its rule (issue #13, item 4).

The national-template documents of tests/layouts/template_docs.py, made consistent (their two deliberate errors
put right), pass every check; each broken copy changes one or two printed figures so that one rule no longer holds
(its other figures kept consistent where they can be), under an agency of its own so no copy is another's partner.
One ingest and one `dbt run` of the models fct_consistency_checks needs, for all the copies together (about a
minute)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layouts"))
import template_docs  # noqa: E402 - a module of the layout tests, not a package
from shared_builds import WAREHOUSE, dbt  # noqa: E402

from budgetwh.ingest.pipeline import run_ingest  # noqa: E402
from budgetwh.load import load_seeds  # noqa: E402

# the template's two deliberate inconsistencies, put right: the 部门支出总表's 合计 row and the prose's 三公 figure
_CONSISTENT = [("\t合计\t1,200.00\t400.10\t800.00", "\t合计\t1,200.00\t400.00\t800.00"), ("为12.50万元", "为12.00万元")]

# name → (budget or final accounts, the replacements that break it, the failing check expected:
# (check_name, expected_value, actual_value) in yuan or percentage points)
CASES: dict[str, tuple[str, list[tuple[str, str]], tuple[str, str, str]]] = {
    # totals = Σ classes: the 一般公共预算支出表's 合计 row states 210.00 of 项目支出 against classes of 200.00
    "total_of_classes": (
        "budget",
        [("\t合计\t1,000.00\t800.00\t200.00", "\t合计\t1,010.00\t800.00\t210.00")],
        ("total_equals_sum_of_rows", "2100000.00", "2000000.00"),
    ),
    # 款 = Σ 项: a 项 of 110.00 under a 款 that still adds 600.00 + 100.00
    "kind_of_items": (
        "budget",
        [("201 01 02\t一般行政管理事务\t100.00\t\t100.00", "201 01 02\t一般行政管理事务\t110.00\t\t110.00")],
        ("parent_equals_children", "7000000.00", "7100000.00"),
    ),
    # 合计 = 基本 + 项目 on one row
    "row_of_parts": (
        "budget",
        [
            (
                "208 05 05\t机关事业单位基本养老保险缴费支出\t300.00\t300.00\t",
                "208 05 05\t机关事业单位基本养老保险缴费支出\t300.00\t290.00\t",
            )
        ],
        ("row_total_equals_parts", "3000000.00", "2900000.00"),
    ),
    # 人员 + 公用 = 基本: the 基本支出表's 公用经费 half adds to 110.00 (its own rows agree) against 800.00 of 基本支出
    "personnel_plus_public": (
        "budget",
        [
            ("302\t商品和服务支出\t100.00", "302\t商品和服务支出\t110.00"),
            ("30211\t差旅费\t40.00", "30211\t差旅费\t50.00"),
            ("公用经费合计\t\t100.00", "公用经费合计\t\t110.00"),
        ],
        ("personnel_plus_public_equals_functional_basic", "8000000.00", "8100000.00"),
    ),
    # the 财政拨款 total of table 1 (部门收支总表) against table 4 (财政拨款收支总表): 1,010.00 against 1,000.00
    "appropriation_total": (
        "budget",
        [
            ("一、一般公共预算拨款收入\t1,000.00", "一、一般公共预算拨款收入\t1,010.00"),
            ("二、上年结转\t200.00", "二、上年结转\t190.00"),
        ],
        ("summary_appropriations_match_appropriation_table", "10000000.00", "10100000.00"),
    ),
    # 三公: 公务用车购置及运行费 6.00 against 购置费 1.00 + 运行费 6.00
    "three_public_vehicles": (
        "budget",
        [("12.00\t2.00\t6.00\t0.00\t6.00\t4.00", "12.00\t2.00\t6.00\t1.00\t6.00\t4.00")],
        ("three_public_vehicles_equal_parts", "60000.00", "70000.00"),
    ),
    # 三公: 合计 12.00 against 3.00 + 6.00 + 4.00
    "three_public_total": (
        "budget",
        [("12.00\t2.00\t6.00\t0.00\t6.00\t4.00", "12.00\t3.00\t6.00\t0.00\t6.00\t4.00")],
        ("three_public_total_equals_items", "120000.00", "130000.00"),
    ),
    # a narrative figure against its table cell: 收入预算 1,210.00万元 against the 收入总表's 合计 1,200.00
    "narrative_figure": (
        "budget",
        [("收入预算1,200.00万元", "收入预算1,210.00万元")],
        ("narrative_matches_table", "12000000.00", "12100000.00"),
    ),
    # a stated share: 基本支出 800.00 of 1,200.00 is 66.67 %, not 67.67 %
    "stated_share": (
        "budget",
        [("占66.67%", "占67.67%")],
        ("stated_share_agrees", "67.67", "66.67"),
    ),
    # a stated change against the prior year's document of the same agency: 一般公共预算拨款支出预算 1,000.00万元
    # stated as 增加 100.00万元 (增长11.11%) on last year's, whose table prints the same 1,000.00
    "stated_change_against_prior_document": (
        "budget",
        [
            (
                "\n\n2025年“三公”经费预算数",
                "\n\n一般公共预算拨款支出预算1,000.00万元，比2024年预算增加100.00万元，增长11.11%。\n\n2025年“三公”经费预算数",
            )
        ],
        ("stated_change_agrees_with_prior_document", "11.11", "0.00"),
    ),
    # 决算: the 收入支出决算表's income lines (1,000.00 + 60.00) against its 本年收入合计 (1,050.00)
    "final_income_lines": (
        "final_accounts",
        [("二、事业收入\t2\t50.00", "二、事业收入\t2\t60.00")],
        ("summary_lines_sum_to_year_total", "10500000.00", "10600000.00"),
    ),
    # 决算: the expenditure lines (700.00 + 360.00) against its 本年支出合计 (1,050.00)
    "final_expenditure_lines": (
        "final_accounts",
        [("二、社会保障和就业支出\t32\t350.00", "二、社会保障和就业支出\t32\t360.00")],
        ("summary_lines_sum_to_year_total", "10500000.00", "10600000.00"),
    ),
    # 决算: 年初结转 0 + 收入 1,050.00 against 支出 1,050.00 + 年末结转 10.00
    "final_carryover": (
        "final_accounts",
        [("年末结转和结余\t41\t0.00", "年末结转和结余\t41\t10.00")],
        ("summary_carryover_balances", "10500000.00", "10600000.00"),
    ),
    # 决算: 基本 590.00 + 项目 100.00 against 支出合计 700.00 on one row
    "final_row_of_parts": (
        "final_accounts",
        [("2010101\t行政运行\t700.00\t590.00\t110.00", "2010101\t行政运行\t700.00\t590.00\t100.00")],
        ("row_total_equals_parts", "7000000.00", "6900000.00"),
    ),
    # 决算: the functional table's 合计 row against its classes
    "final_total_of_classes": (
        "final_accounts",
        [("\t合计\t1,000.00\t890.00\t110.00", "\t合计\t1,010.00\t900.00\t110.00")],
        ("total_equals_sum_of_rows", "10100000.00", "10000000.00"),
    ),
    # 决算: the 三公 决算数 合计 5.00 against 1.00 + 3.00
    "final_three_public": (
        "final_accounts",
        [("5.00\t4.00\t2.00\t1.00\t3.00\t3.00", "5.00\t5.00\t2.00\t1.00\t3.00\t3.00")],
        ("three_public_total_equals_items", "50000.00", "40000.00"),
    ),
    # 决算: a stated completion rate (720.00 → 700.00 is 97.22 %, not 98.22 %)
    "final_stated_rate": (
        "final_accounts",
        [("完成年初预算的97.22%", "完成年初预算的98.22%")],
        ("stated_rate_agrees", "98.22", "97.22"),
    ),
    # 决算: a narrative 决算数 against its table cell
    "final_narrative_figure": (
        "final_accounts",
        [("支出决算为700.00万元", "支出决算为710.00万元")],
        ("narrative_execution_equals_table", "7000000.00", "7100000.00"),
    ),
}

# cases whose rule spans two documents: beside the broken copy, the same agency's consistent budget of 2024
WITH_PRIOR_YEAR = {"stated_change_against_prior_document"}


def _agency_copy(text: str, n: int) -> str:
    """The document under an agency of its own (示例局 → 示例N局): no copy is the same agency's other year."""
    return text.replace(template_docs.AGENCY, template_docs.AGENCY.replace("示例局", f"示例{n}局"))


def _documents() -> dict[str, str]:
    budget = template_docs.department_budget()
    for old, new in _CONSISTENT:
        assert budget.count(old) == 1, old
        budget = budget.replace(old, new)
    clean = {"budget": budget, "final_accounts": template_docs.final_accounts()}
    docs = {"clean_budget": clean["budget"], "clean_final_accounts": clean["final_accounts"]}
    for n, (name, (family, replacements, _)) in enumerate(CASES.items(), start=1):
        text = clean[family]
        for old, new in replacements:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        docs[name] = _agency_copy(text, n)
        if name in WITH_PRIOR_YEAR:
            docs[f"{name}_prior_year"] = _agency_copy(clean[family].replace("2025", "2024"), n)
    return docs


@pytest.fixture(scope="module")
def checks(project_root: Path, reference_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Every check of every copy: {copy name: [(check_name, status, expected_value, actual_value)]}."""
    work = tmp_path_factory.mktemp("checks_fire")
    raw = work / "raw"
    raw.mkdir()
    documents = _documents()
    for name, text in documents.items():
        (raw / f"jiading_{name}_2025.txt").write_text(text, encoding="utf-8")
    run_ingest(raw, reference_dir, work / "extracted")
    db = work / WAREHOUSE
    load_seeds(db, work / "extracted", reference_dir, project_root=project_root)
    run = dbt(tmp_path_factory, db, work, "run", "--select", "+fct_consistency_checks")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select documents.file_name, checks.check_name, checks.status, checks.expected_value, checks.actual_value"
            " from marts.fct_consistency_checks as checks"
            " inner join raw.documents as documents on checks.document_id = documents.document_id"
        ).fetchall()
    finally:
        con.close()
    found: dict[str, list] = {name: [] for name in documents}
    for file_name, *check in rows:
        found[file_name.removeprefix("jiading_").removesuffix("_2025.txt")].append(tuple(check))
    return found


@pytest.mark.parametrize("name", ["clean_budget", "clean_final_accounts"])
def test_a_consistent_document_passes_every_check(checks, name):
    statuses = {status for _, status, _, _ in checks[name]}
    assert checks[name] and "fail" not in statuses, [c for c in checks[name] if c[1] == "fail"]


@pytest.mark.parametrize("name", list(CASES))
def test_a_broken_rule_fails_its_check(checks, name):
    check_name, expected, actual = CASES[name][2]
    failed = [(c[0], c[2], c[3]) for c in checks[name] if c[1] == "fail"]
    assert (check_name, Decimal(expected), Decimal(actual)) in failed, failed
