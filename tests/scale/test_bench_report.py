"""What `make bench` makes of its figures (it times nothing here): goals compared by ratio, the suite's time read
from pytest's JUnit report, extensions that are absent or failing, the printed tables, a process tree's memory,
and the project a bench build runs in."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from budgetwh.bench import registry
from budgetwh.bench.measure import Measured, run_measured
from budgetwh.bench.project import fresh_clone, make_project
from budgetwh.bench.report import ratios, render_report, render_table
from budgetwh.bench.scale import _guarded, build_figures
from budgetwh.bench.suite import junit_path_in, makefile_test_recipe, read_junit, suite_time
from budgetwh.bench.targets import TARGETS, Goal, compare, figure, render_goals


def _report() -> dict:
    return {
        "fresh_build": {"seconds": 90.0},
        "results": [
            {"scale": 1, "site": {"first_content_s": 0.9, "page_mb": 12.0}},
            {
                "scale": 1000,
                "build": {"seconds": 240.0, "peak_mb": 3000, "stage_seconds": {"pages": 700.0}},
                "ingest": {"mb_s": 10.0},
                "one_document": {"add": {"seconds": 15.0}},
                "dashboard": {"slowest_ms": 150.5},
            },
        ],
    }


def test_figures_are_found_by_scale_and_missing_ones_stay_missing():
    report = _report()
    assert figure(report, ("scale:1000", "build", "seconds")) == 240.0
    assert figure(report, ("largest", "dashboard", "slowest_ms")) == 150.5
    assert figure(report, ("scale:3000", "build", "peak_mb")) is None
    assert figure(report, ("scale:1", "build", "seconds")) is None
    assert figure({"x": {"ok": True}}, ("x", "ok")) is None  # a flag is not a figure


def test_goals_are_compared_as_ratios_from_one_report():
    by_key = {c.key: c for c in compare(_report())}
    assert by_key["build_x1_s"].ratio == 1.5 and by_key["build_x1_s"].verdict == "misses"
    assert by_key["one_document_x1000_s"].ratio == 1.0 and by_key["one_document_x1000_s"].verdict == "meets"
    assert by_key["peak_x1000_dbt_mb"].verdict == "not measured"  # the report holds the build's peak, no stage's
    assert by_key["ingest_x1000_mb_s"].ratio == 2.0  # 10 MB/s against at least 20: twice too slow
    assert by_key["page_weight_mb"].ratio == 1.5 and by_key["first_content_s"].ratio == 0.6
    assert by_key["site_build_x1000_s"].verdict == "misses"
    assert by_key["gate_x3000_mb"].verdict == "not measured" and by_key["suite_s"].ratio is None
    assert set(by_key) == set(TARGETS)


def test_every_figure_not_measured_says_why():
    report = _report()
    report["suite"] = {"not_measured": "`make test` writes no JUnit report"}
    report["results"][0] = {"scale": 1, "build": {"seconds": 50.0, "error": "pages failed: npm failed\nmore"}}
    by_key = {c.key: c for c in compare(report)}
    assert by_key["gate_x3000_mb"].reason == "×3000 not in this run: --scales …,3000"
    assert by_key["suite_s"].reason == "`make test` writes no JUnit report"
    # a failed build's seconds do not count, and what it would have built is not measured either
    assert by_key["site_build_x1_s"].reason == "pages failed: npm failed"
    assert by_key["site_x1_mb"].reason == "×1 build failed: pages failed: npm failed"
    assert by_key["site_x100_mb"].reason == "×100 not in this run: --scales …,100"
    del report["fresh_build"]
    assert compare(report)[0].reason == "the fresh clone's build was skipped (--no-fresh)"
    report["results"] = [{"scale": 1, "site": {"output_mb": 40.0, "pages_error": "not measured: no browser"}}]
    by_key = {c.key: c for c in compare(report)}
    assert by_key["site_x1_mb"].measured == 40.0 and by_key["page_weight_mb"].reason == "not measured: no browser"
    assert by_key["full_build_x1000_s"].reason == "×1000 not in this run: --scales …,1000 (BENCH_FULL=1)"
    assert all(c.reason for c in by_key.values() if c.measured is None)


def test_goal_table_prints_figure_goal_ratio_and_verdict():
    goals = {
        "a": Goal("full build", 60, "s", ("build",)),
        "b": Goal("ingest", 20, "MB/s", ("ingest",), higher_is_better=True),
        "c": Goal("suite", 360, "s", ("suite",)),
    }
    lines = render_goals(compare({"build": 90, "ingest": 25}, goals)).splitlines()
    assert lines[2].split() == ["full", "build", "90.00", "s", "≤", "60", "s", "1.50", "misses"]
    assert lines[3].split() == ["ingest", "25.00", "MB/s", "≥", "20", "MB/s", "0.80", "meets"]
    assert lines[4].split() == ["suite", "—", "≤", "360", "s", "—", "not", "measured:", "no", "suite", "figure"] + [
        "in",
        "this",
        "report",
    ]


def test_the_junit_report_is_found_where_make_test_writes_it(tmp_path):
    makefile = textwrap.dedent(
        """\
        test: lint ## run the suite
        \t$(BIN)/pytest --durations=10 --junitxml=build/test/junit.xml -n 2

        lint: setup
        \truff check
        """
    )
    recipe = makefile_test_recipe(makefile)
    assert recipe == "$(BIN)/pytest --durations=10 --junitxml=build/test/junit.xml -n 2"
    assert junit_path_in(recipe, tmp_path) == tmp_path / "build/test/junit.xml"
    assert junit_path_in("pytest --junit-xml reports/j.xml", tmp_path) == tmp_path / "reports/j.xml"
    assert junit_path_in("pytest --durations=10", tmp_path) is None


def test_suite_time_is_read_from_junit_or_honestly_not_measured(tmp_path):
    (tmp_path / "Makefile").write_text("test:\n\tpytest --durations=10\n", encoding="utf-8")
    assert "no JUnit report" in suite_time(tmp_path)["not_measured"]
    (tmp_path / "Makefile").write_text("test:\n\tpytest --junitxml=out/junit.xml\n", encoding="utf-8")
    assert "run `make test` first" in suite_time(tmp_path)["not_measured"]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "junit.xml").write_text(
        '<?xml version="1.0"?><testsuites><testsuite name="pytest" errors="1" failures="2" skipped="3" tests="412"'
        ' time="301.25" timestamp="2026-12-07T06:00:00"><testcase name="t" time="1"/></testsuite></testsuites>',
        encoding="utf-8",
    )
    suite = suite_time(tmp_path)
    assert (suite["seconds"], suite["tests"], suite["failures"], suite["errors"], suite["skipped"]) == (
        301.2,
        412,
        2,
        1,
        3,
    )
    assert read_junit(tmp_path / "out" / "junit.xml")["finished_at"] == "2026-12-07T06:00:00"


def test_an_absent_or_failing_extension_is_one_line_not_the_end_of_the_run(tmp_path, monkeypatch):
    module = tmp_path / "bench_ext_sample.py"
    module.write_text(
        "def good(context):\n    return {'scale': context.scale, 'lines': ['12 things']}\n"
        "def bad(context):\n    raise ValueError('no engine')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    context = registry.BenchContext(root=tmp_path, scratch=tmp_path / "scratch", jobs=2, scale=100)
    monkeypatch.setattr(
        registry,
        "EXTENSIONS",
        [
            registry.Extension("good", "bench_ext_sample:good", "Good"),
            registry.Extension("bad", "bench_ext_sample:bad", "Bad"),
            registry.Extension("absent", "budgetwh.no_such_part.bench:figures", "Absent"),
            registry.Extension("small", "bench_ext_sample:good", "Small only", max_scale=10),
        ],
    )
    found = registry.run_all(True, context)
    assert found["good"] == {"scale": 100, "lines": ["12 things"]}
    assert found["bad"]["error"] == "ValueError: no engine"
    assert found["absent"]["lines"] == ["not measured: budgetwh.no_such_part.bench is not in this project"]
    assert found["small"]["lines"] == ["not measured above ×10"]
    assert registry.describe(found)[0] == "Good: 12 things"
    monkeypatch.setenv("BENCH_SKIP", "good")
    assert registry.run_all(True, context)["good"]["lines"] == ["skipped (BENCH_SKIP)"]


def test_a_build_record_becomes_stage_figures():
    seen = {
        "exit_code": 0,
        "run": {
            "result": "published",
            "seconds": 41.5,
            "stages": [{"name": "clone", "seconds": 0.4}, {"name": "dbt", "seconds": 30.0}],
        },
        "peak_mb": {"dbt": 900.0, "pages": 1200.0},
    }
    figures = build_figures(Measured(seconds=43.0, peak_mb=1100.0, returncode=0, output=""), seen)
    assert figures["seconds"] == 41.5 and figures["stage_seconds"] == {"clone": 0.4, "dbt": 30.0}
    assert figures["peak_mb"] == 1200.0 and "error" not in figures
    failed = build_figures(
        Measured(seconds=2.0, peak_mb=50.0, returncode=0, output="tail"),
        {"exit_code": 4, "run": {"message": "dbt build failed"}},
    )
    assert failed["error"] == "dbt build failed" and failed["peak_mb"] == 50.0


def test_scale_table_shows_dashes_for_missing_figures_and_growth_between_scales():
    results = [
        {
            "scale": 1,
            "corpus": {"documents": 9, "bytes": 300_000, "projects": 67, "indicators": 774, "line_items": 1550},
            "build": {"seconds": 40.0, "stage_seconds": {"dbt": 30.0}, "stage_peak_mb": {"dbt": 300.0}},
            "warehouse_mb": 10.0,
        },
        {
            "scale": 100,
            "corpus": {"documents": 900, "bytes": 30_000_000, "projects": 6700, "indicators": 77400, "line_items": 1},
            "build": {"seconds": 100.0, "stage_seconds": {"dbt": 60.0, "clone": 1.0}, "stage_peak_mb": {}},
            "warehouse_mb": 90.0,
        },
    ]
    table = render_table(results).splitlines()
    assert table[0].split() == ["measure", "×1", "×100"]
    rows = {line[:34].strip(): line[34:].split() for line in table[2:]}
    assert rows["documents / MB"] == ["9", "/", "0.3", "900", "/", "30.0"]
    assert rows["dbt s / peak MB"] == ["30.00", "/", "300", "60.00", "/", "—"]
    assert rows["clone s / peak MB"] == ["—", "/", "—", "1.00", "/", "—"]
    assert "pages s / peak MB" not in rows  # measured at no scale: left out
    growth = ratios(results)[0]
    assert growth.startswith("×1 → ×100 (data ×100): build ×2.5, ingest —, dbt ×2.0")
    assert "warehouse ×9.0" in growth


def test_peak_memory_is_the_childs_own(tmp_path):
    # a child that holds 200 MiB (touched, so resident) for a moment: the tree's sampled peak sees it
    code = "import time; b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.0)"
    measured = run_measured([sys.executable, "-c", code], env={}, cwd=tmp_path, log=tmp_path / "child.log")
    assert measured.returncode == 0
    assert 200 <= measured.peak_mb < 400


def test_a_bench_project_links_definitions_and_owns_its_data(tmp_path, project_root: Path):
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "agencies.csv").write_text("agency_id\n", encoding="utf-8")
    project = make_project(project_root, tmp_path / "project", reference)
    assert (project / "models").resolve() == (project_root / "models").resolve()
    assert (project / "seeds" / "_reference__seeds.yml").is_symlink()
    reference_copy = project / "seeds" / "reference"
    assert not reference_copy.is_symlink() and (reference_copy / "agencies.csv").is_file()  # dbt skips links there
    assert (project / "reports" / "pages").is_symlink() and not (project / "reports").is_symlink()
    assert not (project / "reports" / "build").exists()  # published here, never into the live site
    assert not any((project / "data" / "raw").iterdir())
    assert subprocess.run(["test", "-L", str(project / "data")]).returncode == 1


def test_a_fresh_clone_holds_the_documents_and_committed_seeds_but_no_state(tmp_path, project_root: Path):
    project = fresh_clone(project_root, tmp_path / "fresh")
    raw = sorted(p.name for p in (project_root / "data" / "raw").iterdir() if p.is_file())
    assert sorted(p.name for p in (project / "data" / "raw").iterdir()) == raw
    assert any(name.endswith(".pdf") for name in raw)
    for committed in ("seeds/converted", "seeds/extracted"):
        names = sorted(p.name for p in (project_root / committed).iterdir())
        assert names and sorted(p.name for p in (project / committed).iterdir()) == names
        first = names[0]
        assert (project / committed / first).read_bytes() == (project_root / committed / first).read_bytes()
    assert not (project / "data" / "warehouse.duckdb").exists() and not (project / "data" / "state").exists()


def test_the_printed_report_leads_with_the_fresh_build_and_ends_with_the_goals():
    report = {
        "fresh_build": {
            "seconds": 211.8,
            "documents": 10,
            "stage_seconds": {"ingest": 5.5, "dbt": 188.9},
            "stage_peak_mb": {"ingest": 130.0},
            "peak_mb": 640.0,
            "error": "quality gate could not run",
        },
        "results": [
            {
                "scale": 1,
                "corpus": {"documents": 9, "bytes": 300_000, "projects": 67, "indicators": 774, "line_items": 1550},
                "build": {"seconds": 40.0, "stage_seconds": {"pages": 30.0}, "stage_peak_mb": {}},
                "publish": {"bytes": 12e6, "clone": "copy", "copy_s": 0.02, "rename_s": 0.0004},
            }
        ],
        "ratios": [],
        "suite": {"not_measured": "`make test` writes no JUnit report"},
        "machine": {"cpus": 2, "load_average_at_start": (3.0, 2, 1), "load_average_at_end": (9.5, 2, 1)},
    }
    lines = render_report(report).splitlines()
    assert lines[0] == (
        "first build of a fresh clone (10 documents): 211.8 s (ingest 5.5 s / 130 MB, dbt 188.9 s), peak 640 MB; "
        "FAILED: quality gate could not run"
    )
    assert "publish at ×1 (12 MB): candidate by copy 0.02 s, rename 0.40 ms" in lines
    assert "suite: not measured (`make test` writes no JUnit report)" in lines
    goals = {line.split("  ")[0]: line for line in lines if line.startswith(("first build", "site build ×1 "))}
    assert goals["first build of a fresh clone (real documents, pages)"].endswith(
        "not measured: quality gate could not run"
    )
    assert goals["site build ×1"].split()[3:7] == ["30.00", "s", "≤", "600"]
    assert lines[-1] == "2 cpus; load average 3.0 at start, 9.5 at end (a shared machine makes every figure noisy)"


def test_a_failing_measurement_is_the_reports_error_and_its_goals_say_so(tmp_path):
    def broken(site: Path, db: Path) -> dict:
        raise AttributeError("no attribute '_pw_impl_instance_'")

    site = _guarded(broken, tmp_path, tmp_path / "w.duckdb")
    assert site == {"error": "AttributeError: no attribute '_pw_impl_instance_'"}
    by_key = {c.key: c for c in compare({"results": [{"scale": 1, "site": site}]})}
    assert by_key["page_weight_mb"].reason == "AttributeError: no attribute '_pw_impl_instance_'"
