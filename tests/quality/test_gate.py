"""The quality gate passes on a fresh build and bites: each corruption of a copy of the warehouse (a mart edited, a
seed fed a bad row, a raw document changed) fails the checkpoint with the mart, the check and the offending row."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from warehouse_support import execute

from budgetwh.quality.catalogue import MARTS
from budgetwh.quality.checkpoint import QualityError, run_checkpoint
from budgetwh.quality.suites import all_suites

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def scalar(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def failure(result, mart: str, check: str):
    found = [f for f in result.failures if f.mart == mart and f.check == check]
    assert found, f"expected {mart}.{check} to fail; summary:\n{result.summary}"
    return found[0]


def test_fresh_build_passes_every_expectation(built):
    result = run_checkpoint(built.db, RAW)
    assert result.success, result.summary
    expected = sum(len(v) for v in all_suites().values())
    assert result.expectations == expected
    assert result.summary.startswith(f"all {expected} expectations on {len(MARTS)} marts")
    for name, rows in result.mart_rows.items():
        assert rows == scalar(built.db, f"select count(*) from marts.{name}") > 0, name


def test_a_lost_row_fails_the_count_against_its_seed(warehouse_copy):
    execute(
        warehouse_copy,
        "delete from marts.dim_projects where project_id = (select max(project_id) from marts.dim_projects)",
    )
    seeded = scalar(warehouse_copy, "select count(*) from raw.projects")
    result = run_checkpoint(warehouse_copy, RAW)
    assert not result.success
    f = failure(result, "dim_projects", "rows_match_rows_raw_projects")
    assert f.detail == f"observed {seeded - 1}, expected {seeded}"
    assert "dim_projects.rows_match_rows_raw_projects: has one row per project ingested" in result.summary


def test_a_bad_seed_row_fails_the_marts_built_from_it(warehouse_copy):
    """A seed that gained a row the models did not carry through (here raw.evaluations) is caught."""
    execute(warehouse_copy, "insert into raw.evaluations select * from raw.evaluations limit 1")
    seeded = scalar(warehouse_copy, "select count(*) from raw.evaluations")
    result = run_checkpoint(warehouse_copy, RAW)
    f = failure(result, "fct_project_scores", "rows_match_rows_raw_evaluations")
    assert f.detail == f"observed {seeded - 1}, expected {seeded}"


def test_an_operator_without_value_names_the_indicator(warehouse_copy):
    victim = scalar(
        warehouse_copy, "select min(indicator_id) from marts.fct_indicators where target_operator is not null"
    )
    operator = scalar(
        warehouse_copy, f"select target_operator from marts.fct_indicators where indicator_id = '{victim}'"
    )
    execute(warehouse_copy, f"update marts.fct_indicators set target_value = null where indicator_id = '{victim}'")
    f = failure(run_checkpoint(warehouse_copy, RAW), "fct_indicators", "operator_has_value")
    assert f.detail.startswith("1 of ")
    assert f"indicator_id={victim} (target_value=null, target_operator={operator!r})" in f.detail


def test_annual_funds_above_the_total_name_the_project(warehouse_copy):
    victim = scalar(
        warehouse_copy,
        "select min(project_id) from marts.dim_projects"
        " where total_funds_yuan is not null and annual_funds_yuan is not null",
    )
    total = scalar(warehouse_copy, f"select total_funds_yuan from marts.dim_projects where project_id = '{victim}'")
    execute(
        warehouse_copy,
        f"update marts.dim_projects set annual_funds_yuan = total_funds_yuan + 100 where project_id = '{victim}'",
    )
    f = failure(run_checkpoint(warehouse_copy, RAW), "dim_projects", "annual_funds_yuan_le_total_funds_yuan")
    assert (
        f"project_id={victim} (total_funds_yuan={float(total):.15g}, annual_funds_yuan={float(total) + 100:.15g})"
        in (f.detail)
    )


def test_scores_grades_and_shares(warehouse_copy):
    best = scalar(
        warehouse_copy,
        "select project_id from marts.fct_project_scores where score_kind = 'published_evaluation'"
        " order by score desc, project_id limit 1",
    )
    bands = scalar(
        warehouse_copy,
        "select count(*) from marts.fct_score_distribution where (district_id, fiscal_year, score_kind) ="
        " (select (district_id, fiscal_year, score_kind) from marts.fct_score_distribution"
        " where rowid = (select min(rowid) from marts.fct_score_distribution))",
    )
    execute(
        warehouse_copy,
        f"update marts.fct_project_scores set grade = '良' where project_id = '{best}'"
        " and score_kind = 'published_evaluation'",
        "update marts.fct_project_scores set score = 120 where project_id ="
        " (select min(project_id) from marts.fct_project_scores where score_kind = 'target_quality')"
        " and score_kind = 'target_quality'",
        "update marts.fct_score_distribution set share = share + 0.1"
        " where rowid = (select min(rowid) from marts.fct_score_distribution)",
        "update marts.fct_score_summary set median_score = median_score + 1",
    )
    result = run_checkpoint(warehouse_copy, RAW)
    assert "score=120" in failure(result, "fct_project_scores", "score_0_100").detail
    # Every other published project now has a better grade than the best-scored one, with a lower score.
    published = scalar(
        warehouse_copy, "select count(*) from marts.fct_project_scores where score_kind = 'published_evaluation'"
    )
    order = failure(result, "fct_project_scores", "grades_ordered_by_score").detail
    assert order.startswith(f"{published - 1} of ") and f"project_id={best}," not in order
    shares = failure(result, "fct_score_distribution", "shares_sum_to_one").detail
    assert shares.startswith(f"{bands} of ") and "(qa_group_share_sum=1.1)" in shares
    assert "qa_stat_error=1" in failure(result, "fct_score_summary", "qa_stat_error").detail


def test_a_changed_raw_document_fails_its_fingerprint(warehouse_copy, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    doc = sorted(raw.glob("*.txt"))[0]
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text + ("" if text.endswith("\n") else "\n") + "一行新的文字\n", encoding="utf-8")
    result = run_checkpoint(warehouse_copy, raw)
    doc_id = scalar(warehouse_copy, f"select document_id from marts.dim_documents where file_name = '{doc.name}'")
    assert f"document_id={doc_id}" in failure(result, "dim_documents", "sha256_matches_raw_document").detail
    assert f"document_id={doc_id}" in failure(result, "dim_documents", "line_count_matches_raw_document").detail


def test_a_dropped_contract_column_and_a_missing_mart(warehouse_copy):
    execute(
        warehouse_copy,
        "alter table marts.dim_agencies drop column parent_agency_name",
        "drop table marts.fct_score_summary",
    )
    result = run_checkpoint(warehouse_copy, RAW)
    assert failure(result, "dim_agencies", "contract_columns").detail == "missing columns: parent_agency_name"
    assert failure(result, "fct_score_summary", "mart_exists").detail == "the table is missing from the warehouse"
    assert not [f for f in result.failures if f.mart == "fct_score_summary" and f.check != "mart_exists"]


def test_personal_data_is_counted_never_shown(failing_check, capfd, caplog):
    result = failing_check.result
    phone = failure(result, "dim_projects", "no_phone_numbers")
    assert phone.personal_data and phone.detail == (
        "1 row(s) affected; cells by column: project_name (1); values withheld"
    )
    name = failure(result, "fct_indicators", "no_personal_names")
    assert name.detail == "1 row(s) affected; cells by column: target_raw (1); values withheld"
    # A non-personal check that fails on the same row quotes the cell, masked.
    blank = failure(result, "fct_indicators", "blank_means_no_target")
    masked = failing_check.name[0] + "*" * (len(failing_check.name) - 1)
    assert f"target_raw='负责人{masked}'" in blank.detail
    assert failure(result, "dim_projects", "total_funds_yuan_non_negative").detail.startswith("1 of ")
    seen = [result.summary, *result.failed, capfd.readouterr().out, caplog.text]
    for path in failing_check.docs.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".css", ".js"):
            seen.append(path.read_text(encoding="utf-8", errors="replace"))
    for text in seen:
        assert failing_check.phone not in text
        assert failing_check.name not in text


def test_cli_exit_codes(warehouse_copy, built, tmp_path):
    budgetwh = Path(sys.executable).with_name("budgetwh")
    ok = subprocess.run(
        [budgetwh, "check", "--db", str(built.db), "--no-docs"], capture_output=True, text=True, cwd=ROOT
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("quality gate passed: all ")
    execute(warehouse_copy, "update marts.fct_project_scores set score = -5")
    bad = subprocess.run(
        [budgetwh, "check", "--db", str(warehouse_copy), "--docs", str(tmp_path / "docs")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert bad.returncode == 5
    assert "quality gate FAILED" in bad.stderr and "fct_project_scores.score_0_100" in bad.stderr
    assert f"Data Docs: {tmp_path / 'docs' / 'index.html'}" in bad.stderr
    missing = subprocess.run([budgetwh, "check", "--db", str(tmp_path / "nope.duckdb")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no warehouse file" in missing.stderr


def test_missing_raw_documents_is_an_error_not_a_pass(built, tmp_path):
    with pytest.raises(QualityError, match="no raw documents"):
        run_checkpoint(built.db, tmp_path)


def test_the_committed_gx_project_is_what_suites_py_writes():
    proc = subprocess.run([sys.executable, "-m", "budgetwh.quality.project", "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
