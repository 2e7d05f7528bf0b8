"""The inconsistencies a national-template 部门预算 prints (template_docs.py) are flagged after a build: its
部门支出总表's 合计 row against the rows above it, and the 三公 figure its prose states against the table. The tables
whose 合计 row is printed at the top are checked as those with the 合计 at the bottom. What it prints consistently
does not fail: its 支出总表 spends 上年结转 beside appropriations (so it is not the appropriation tables' sum),
its 基本支出表 is printed in 人员经费 | 公用经费 halves, and (in this copy) its 收入总表 prints 本年收入/小计
beside 合计. One ingest and one `dbt run` of the models the checks need, on that document alone (about a minute)."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import template_docs

from budgetwh.ingest.pipeline import run_ingest
from budgetwh.load import load_seeds

# the 部门收入总表 with 本年收入/小计 beside 合计 (a form some publishers print): the 小计 is not a second 合计
_REVENUE_PLAIN = [
    ["科目编码", "科目名称", "合计", "上年结转", "一般公共预算拨款收入"],
    ["", "合计", "1,200.00", "200.00", "1,000.00"],
]
_REVENUE_SUBTOTALLED = [
    ["科目编码", "科目名称", "合计", "上年结转", "本年收入", ""],
    ["", "", "", "", "小计", "一般公共预算拨款收入"],
    ["", "合计", "1,200.00", "200.00", "1,000.00", "1,000.00"],
]
_REVENUE_ROWS = [
    ("201", "一般公共服务支出", "900.00", "200.00", "700.00"),
    ("20101", "人大事务", "900.00", "200.00", "700.00"),
    ("2010101", "行政运行", "600.00", "", "600.00"),
    ("2010102", "一般行政管理事务", "300.00", "200.00", "100.00"),
    ("208", "社会保障和就业支出", "300.00", "", "300.00"),
    ("20805", "行政事业单位养老支出", "300.00", "", "300.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "300.00", "", "300.00"),
]


def _with_revenue_subtotal(text: str) -> str:
    """The template document with its 收入总表's rows printing 本年收入/小计 (= the appropriation column)."""
    plain = "\n".join("\t".join(row) for row in _REVENUE_PLAIN)
    assert plain in text
    text = text.replace(plain, "\n".join("\t".join(row) for row in _REVENUE_SUBTOTALLED))
    for code, name, total, carried, appropriated in _REVENUE_ROWS:
        before = "\t".join((code, name, total, carried, appropriated))
        assert before in text
        text = text.replace(before, "\t".join((code, name, total, carried, appropriated, appropriated)), 1)
    return text


def _run_models(project: Path, db: Path, work: Path) -> None:
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(project),
        "BUDGETWH_DB": str(db),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    args = [str(dbt), "run", "--select", "+fct_consistency_checks", "--project-dir", str(project)]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_printed_inconsistencies_of_a_national_template_budget_are_flagged(project_root, reference_dir, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = _with_revenue_subtotal(template_docs.department_budget())
    (raw / "jiading_template_2025_dept_budget.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"
    run_ingest(raw, reference_dir, tmp_path / "extracted")
    load_seeds(db, tmp_path / "extracted", reference_dir, project_root=project_root)
    _run_models(project_root, db, tmp_path)

    lines = text.split("\n")
    first_line = 1 + next(n for n, line in enumerate(lines) if line.startswith("201\t一般公共服务支出\t900.00\t400.00"))
    total_line = 1 + next(n for n, line in enumerate(lines) if line.startswith("\t合计\t1,200.00\t400.10"))
    prose_line = 1 + next(n for n, line in enumerate(lines) if "“三公”经费预算数为12.50万元" in line)
    table_line = 1 + next(n for n, line in enumerate(lines) if line.startswith("12.00\t2.00"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        checks = con.execute(
            "select check_name, status, description, expected_value, actual_value, source_lines "
            "from marts.fct_consistency_checks"
        ).fetchall()
    finally:
        con.close()
    failed = {
        (name, expected, actual, lines) for name, status, _, expected, actual, lines in checks if status == "fail"
    }
    # the 合计 row's 项目支出 (400.10万元) against the rows above it (400.00万元)
    assert (
        "total_equals_sum_of_rows",
        Decimal("4001000.00"),
        Decimal("4000000.00"),
        f"{first_line},{total_line}",
    ) in failed
    # the prose's 三公 figure (12.50万元) against its table (12.00万元)
    assert (
        "narrative_matches_table",
        Decimal("120000.00"),
        Decimal("125000.00"),
        f"{prose_line},{table_line}",
    ) in failed
    # the 部门收入总表 prints its 合计 row at the top: checked, and it adds up
    revenue_totals = [c for c in checks if c[0] == "total_equals_sum_of_rows" and c[2].startswith("revenue")]
    assert len(revenue_totals) == 3 and {c[1] for c in revenue_totals} == {"pass"}
    # no table check fails but these two: the 合计 row's 项目支出 above, and its own 合计 column against its columns
    # (1,200.00 vs 400.10 + 800.00万元); the narrative's checks are another model's (its 收入预算 against the income
    # table's totals still counts the 本年收入/小计 again)
    table_failed = {check for check in failed if check[0] != "narrative_matches_table"}
    assert sorted(table_failed) == sorted(
        [
            ("total_equals_sum_of_rows", Decimal("4001000.00"), Decimal("4000000.00"), f"{first_line},{total_line}"),
            ("row_total_equals_parts", Decimal("12000000.00"), Decimal("12001000.00"), f"{total_line}"),
        ]
    )
    # the 支出总表 spends 上年结转 too: not the appropriation tables' sum, so that link is not applicable at every
    # subject and column it compares (it failed at 8)
    fund_links = [c for c in checks if c[0] == "expenditure_equals_fund_tables"]
    assert fund_links and {c[1] for c in fund_links} == {"not_applicable"}
    assert all("other than appropriations" in c[2] for c in fund_links)
    # the appropriation tables are still checked against the 财政拨款收支总表, and agree
    assert [c[1] for c in checks if c[0] == "appropriation_total_equals_fund_tables"] == ["pass"]
    # the 基本支出表 in halves: each half's 合计 row totals its own rows (700.00 and 100.00万元), no row check across
    # the halves (they print no 合计 column)
    economic = sorted(
        (c[1], c[3], c[4]) for c in checks if c[0] == "total_equals_sum_of_rows" and c[2].startswith("basic_economic")
    )
    assert economic == [
        ("pass", Decimal("1000000.00"), Decimal("1000000.00")),
        ("pass", Decimal("7000000.00"), Decimal("7000000.00")),
    ]
    assert not [c for c in checks if c[0] == "row_total_equals_parts" and c[2].startswith("basic_economic")]
    # the 收入总表's rows: 合计 = 上年结转 + 一般公共预算拨款收入, its 本年收入/小计 not counted again (8 rows)
    revenue_rows = [c for c in checks if c[0] == "row_total_equals_parts" and c[2].startswith("revenue")]
    assert len(revenue_rows) == 8 and {c[1] for c in revenue_rows} == {"pass"}
