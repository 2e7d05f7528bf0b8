"""The inconsistencies a national-template 部门预算 prints (template_docs.py) are flagged after a build: its
部门支出总表's 合计 row against the rows above it, and the 三公 figure its prose states against the table. The tables
whose 合计 row is printed at the top are checked as those with the 合计 at the bottom. One ingest and one `dbt run`
of the models the checks need, on that document alone (about a minute)."""

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
    text = template_docs.department_budget()
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
