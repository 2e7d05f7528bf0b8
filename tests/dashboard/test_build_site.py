"""`budgetwh pages` around the browser: the pinned Evidence project, the lock `npm ci` accepts, the work copy that
points Evidence at the given warehouse with telemetry off, loud failures, and the local server's range requests."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import urllib.request
from pathlib import Path

import duckdb
import pytest
import yaml
from dashboard_support import ROOT

from budgetwh import pages
from budgetwh.exitcodes import ExitCode
from budgetwh.npm_lock import LockError, complete_lock
from budgetwh.serve import serve_in_background

REPORTS = ROOT / "reports"


def test_the_evidence_project_pins_the_versions_that_work_offline() -> None:
    package = json.loads((REPORTS / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {
        "@evidence-dev/core-components": "4.4.0",
        "@evidence-dev/duckdb": "2.0.1",
        "@evidence-dev/evidence": "37.0.0",
        "typescript": "5.4.2",
    }
    overrides = package["overrides"]
    assert overrides["@evidence-dev/duckdb"] == "2.0.1"
    assert overrides["@types/estree"] == "1.0.5"
    assert overrides["codemirror"] == "6.0.1"
    assert package["scripts"]["build:strict"] == "evidence build:strict"
    lock = json.loads((REPORTS / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/@evidence-dev/evidence"]["version"] == "37.0.0"
    assert lock["packages"]["node_modules/@evidence-dev/duckdb"]["version"] == "2.0.1"


def test_the_committed_lock_lacks_no_platform_package() -> None:
    """npm ci refuses a lock that misses any optional platform package of package.json's tree."""
    lock = json.loads((REPORTS / "package-lock.json").read_text(encoding="utf-8"))
    assert complete_lock(lock) == []


def test_complete_lock_adds_what_names_a_platform_and_nothing_else() -> None:
    lock = {
        "packages": {
            "": {"dependencies": {"rollup": "4.0.0"}},
            "node_modules/rollup": {
                "version": "4.0.0",
                "optionalDependencies": {
                    "@rollup/rollup-linux-x64-gnu": "4.0.0",
                    "@rollup/rollup-linux-x64-musl": "4.0.0",
                    "@rollup/rollup-win32-ia32-msvc": "4.0.0",
                },
            },
            "node_modules/@rollup/rollup-linux-x64-gnu": {"version": "4.0.0", "resolved": "https://x", "os": ["linux"]},
        }
    }
    assert complete_lock(lock) == ["@rollup/rollup-linux-x64-musl", "@rollup/rollup-win32-ia32-msvc"]
    assert lock["packages"]["node_modules/@rollup/rollup-linux-x64-musl"] == {
        "version": "4.0.0",
        "cpu": ["x64"],
        "optional": True,
        "os": ["linux"],
        "libc": ["musl"],
    }
    assert lock["packages"]["node_modules/@rollup/rollup-win32-ia32-msvc"]["os"] == ["win32"]
    assert list(lock["packages"])[0] == ""
    with pytest.raises(LockError, match="left-pad@1.0.0"):
        complete_lock({"packages": {"": {"optionalDependencies": {"left-pad": "1.0.0"}}}})


def test_the_work_copy_reads_the_given_warehouse_with_telemetry_off(tmp_path: Path) -> None:
    db = tmp_path / "somewhere else" / "candidate.duckdb"
    db.parent.mkdir()
    db.touch()
    work = tmp_path / "work"
    pages.make_work_copy(REPORTS, work, db)
    connection = (work / "sources" / "warehouse" / "connection.yaml").read_text(encoding="utf-8")
    filename = json.loads(connection.split("filename:")[1].strip())
    assert (work / "sources" / "warehouse" / filename).resolve() == db.resolve()
    assert "type: duckdb" in connection
    assert sorted(p.name for p in (work / "sources" / "warehouse").glob("*.sql")) == sorted(
        p.name for p in (REPORTS / "sources" / "warehouse").glob("*.sql")
    )
    for settings in (work / "evidence.settings.json", work / ".evidence" / "template" / "evidence.settings.json"):
        assert json.loads(settings.read_text(encoding="utf-8")) == {"send_anonymous_usage_stats": "no"}
    assert (work / "node_modules").resolve() == (REPORTS / "node_modules").resolve()
    env = pages.build_env()
    assert env["DO_NOT_TRACK"] == "1" and not any(k.startswith("EVIDENCE_") for k in env)


def sql_lines(path: Path) -> list[str]:
    """The lines of an SQL file that are neither blank nor a comment."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("--")]


PLAIN_SOURCE = re.compile(r"select \* from reporting\.rpt_(?P<name>[a-z_]+)( order by [a-z0-9_, ]+)?")


def test_sources_are_plain_selects_of_reporting_models_that_name_their_columns() -> None:
    """The joins, labels and aggregates behind the pages live in dbt (models/reporting/, tested and documented);
    a source only reads its model, in the order its page lists the rows. The model names every column it
    publishes, so nothing a mart gains later (and nothing personal) reaches the site unreviewed."""
    sources = sorted((REPORTS / "sources" / "warehouse").glob("*.sql"))
    assert len(sources) >= 16
    for path in sources:
        match = PLAIN_SOURCE.fullmatch(" ".join(sql_lines(path)).lower())
        assert match and match["name"] == path.stem, f"{path.name}: select * from reporting.rpt_{path.stem} [order by]"
        model = ROOT / "models" / "reporting" / f"rpt_{path.stem}.sql"
        final = model.read_text(encoding="utf-8").lower().split("final as (", 1)[1]
        assert "select *" not in final.split("select * from final")[0], f"{model.name}: name the columns it publishes"
        assert not any(word in final for word in ("owner", "phone", "contact")), model.name
    assert sum(len(sql_lines(path)) for path in sources) <= 200


def test_the_exposures_name_every_reporting_model_each_page_reads() -> None:
    """models/reporting/_reporting__exposures.yml declares, per page, the sources its queries read."""
    exposures = yaml.safe_load((ROOT / "models" / "reporting" / "_reporting__exposures.yml").read_text("utf-8"))
    declared = {
        e["description"].rsplit("(reports/pages/", 1)[1].rstrip(").\n"): {d[5:-2] for d in e["depends_on"]}
        for e in exposures["exposures"]
    }
    pages_dir = REPORTS / "pages"
    read = {
        str(page.relative_to(pages_dir)): {f"rpt_{name}" for name in re.findall(r"warehouse\.([a-z_]+)", text)}
        for page in pages_dir.rglob("*.md")
        if (text := page.read_text(encoding="utf-8"))
    }
    assert declared == {page: models for page, models in read.items() if models}


SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def test_every_label_of_the_reporting_models_is_words_and_agrees_with_its_code(warehouse: Path) -> None:
    """Labels come from macros/page_labels.sql: no `*_label` cell a page may print is a code, and the labels carry
    what the marts say (the checks that failed on a printed share, the stated changes that disagree)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'reporting' and column_name like '%\\_label' escape '\\' and data_type = 'VARCHAR'"
        ).fetchall()
        assert len(columns) >= 20
        for table, column in columns:
            codes = con.execute(
                f"select distinct {column} from reporting.{table} where {column} is not null"
            ).fetchall()
            assert not [c for (c,) in codes if SNAKE_CASE.search(c)], f"{table}.{column}"
        share_failures = con.execute(
            "select check_label, sum(check_count) from reporting.rpt_consistency_check_summary "
            "where check_name = 'stated_share_agrees' and status = 'fail' group by check_label"
        ).fetchall()
        assert share_failures == [
            (
                "所述占比与数字一致 Stated share agrees with the numbers",
                con.execute(
                    "select count(*) from marts.fct_consistency_checks "
                    "where check_name = 'stated_share_agrees' and status = 'fail'"
                ).fetchone()[0],
            )
        ]
        disagreeing = con.execute(
            "select count(*) from reporting.rpt_yoy_changes where check_result_label = '✗ 不一致 disagrees'"
        ).fetchone()[0]
        assert (
            disagreeing
            == con.execute("select count(*) from marts.fct_yoy_changes where not statement_agrees").fetchone()[0]
        )


def test_pages_exits_7_naming_a_missing_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = argparse.Namespace(db=tmp_path / "nowhere.duckdb", out=tmp_path / "site")
    assert pages.run(args) == ExitCode.PAGES_FAILURE
    assert f"no warehouse at {tmp_path / 'nowhere.duckdb'}" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_failing_source_query_fails_the_build_by_name(warehouse: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.duckdb"
    shutil.copy(warehouse, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("drop table reporting.rpt_yoy_changes")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    with pytest.raises(pages.PagesError, match=r"source queries produced no data: (\w+, )*yoy_changes\b"):
        pages.build_site(broken, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_the_server_answers_range_requests(tmp_path: Path) -> None:
    (tmp_path / "data.parquet").write_bytes(bytes(range(100)))
    server, url = serve_in_background(tmp_path)
    try:
        request = urllib.request.Request(f"{url}/data.parquet", headers={"Range": "bytes=10-19"})
        with urllib.request.urlopen(request) as response:
            assert response.status == 206
            assert response.headers["Content-Range"] == "bytes 10-19/100"
            assert response.read() == bytes(range(10, 20))
        request = urllib.request.Request(f"{url}/data.parquet", headers={"Range": "bytes=-5"})
        with urllib.request.urlopen(request) as response:
            assert response.read() == bytes(range(95, 100))
        with urllib.request.urlopen(f"{url}/data.parquet") as response:
            assert response.status == 200 and len(response.read()) == 100
    finally:
        server.shutdown()
        server.server_close()
