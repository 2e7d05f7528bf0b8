"""The bench's figure of dbt on both engines (budgetwh.bench.engines_dbt): what it does without Spark, how a failed
engine run is reported, and (make test-spark) the figure's whole code path at ×1 and ×2 on DuckDB and Spark, its
printed lines checked against the figures that run measured. Timings are never asserted (they go in `make bench`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budgetwh.bench import registry
from budgetwh.bench.engines_dbt import NAMES, bench_dbt, report_lines, run_engine
from budgetwh.spark.command import missing_requirement

ROOT = Path(__file__).resolve().parents[2]


def test_without_java_the_figure_is_one_line_and_no_corpus_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no java on the PATH (nor anything else)
    reason = missing_requirement()
    assert reason is not None and ("Java" in reason or "pyspark" in reason)
    extension = next(e for e in registry.EXTENSIONS if e.target.endswith(":bench_dbt"))
    context = registry.BenchContext(root=ROOT, scratch=tmp_path / "scratch", jobs=2)
    figures = registry.run_extension(extension, context)
    assert figures == {"lines": [f"not measured: {reason}"], "skipped": True}
    assert list((tmp_path / "scratch").iterdir()) == []  # refused before synthesising anything
    assert registry.describe({extension.name: figures}) == [f"dbt on DuckDB and Spark: not measured: {reason}"]


def test_a_refused_seed_file_is_the_engines_failure_line_not_a_figure(tmp_path, project_root: Path):
    seeds = tmp_path / "extracted"
    shutil.copytree(project_root / "seeds" / "extracted", seeds)
    rows = (seeds / "line_items.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (seeds / "line_items.csv").write_text("".join(rows[:5]) + rows[5][:40], encoding="utf-8")  # a row cut short
    run = run_engine(
        "duckdb",
        1,
        root=project_root,
        extracted=seeds,
        reference=project_root / "seeds" / "reference",
        out=tmp_path / "duckdb",
    )
    assert not run.passed and run.nodes == 0 and run.dbt_s is None
    assert run.error.startswith("exit 3: budgetwh load: error: ") and "line_items.csv" in run.error
    assert (run.documents, run.line_items) == (10, 5)
    assert not (tmp_path / "duckdb" / "step-1.log").exists()  # dbt did not run on a warehouse that failed to load
    lines = report_lines([run], jobs=2)
    assert lines[1] == f"×1 (10 documents, 5 line items): DuckDB FAILED ({run.error})"
    assert len(lines) == 2  # one scale: no growth line


@pytest.mark.spark
def test_both_engines_build_the_same_nodes_and_the_growth_is_their_own_ratio(tmp_path, monkeypatch):
    if missing_requirement():
        pytest.skip(missing_requirement())
    monkeypatch.setenv("BENCH_ENGINE_SCALES", "1,2")
    figures = bench_dbt(registry.BenchContext(root=ROOT, scratch=tmp_path, jobs=2))
    assert figures["scales"] == [1, 2]
    runs = {(r["engine"], r["scale"]): r for r in figures["runs"]}
    assert sorted(runs) == [("duckdb", 1), ("duckdb", 2), ("spark", 1), ("spark", 2)]
    failed = {key: r["error"] for key, r in runs.items() if not r["passed"]}
    assert not failed
    for scale in (1, 2):
        duck, spark = runs["duckdb", scale], runs["spark", scale]
        assert (duck["documents"], duck["line_items"]) == (spark["documents"], spark["line_items"])
        assert duck["nodes"] == spark["nodes"] >= 700  # the same models, data tests and unit tests on both
    assert runs["duckdb", 2]["documents"] == 2 * runs["duckdb", 1]["documents"]
    assert len(list((tmp_path / "x2-spark" / "marts").iterdir())) == 11  # Spark wrote every mart
    lines = figures["lines"]
    for scale, line in ((1, lines[1]), (2, lines[2])):
        duck, spark = runs["duckdb", scale], runs["spark", scale]
        assert line.startswith(f"×{scale} ({duck['documents']} documents, {duck['line_items']:,} line items): ")
        assert f"DuckDB {duck['seconds']:,.1f} s (dbt build {duck['dbt_s']:,.1f} s, {duck['nodes']} nodes" in line
        assert f"Spark {spark['seconds']:,.1f} s (dbt build {spark['dbt_s']:,.1f} s" in line
        assert line.endswith(f"Spark/DuckDB ×{round(spark['seconds'] / duck['seconds'], 2):.1f}")
    assert lines[3].startswith("growth ×1 → ×2 (data ×2): ")
    for engine in ("duckdb", "spark"):
        step = next(s for s in figures["growth"] if s["engine"] == engine)
        assert step["seconds"] == round(runs[engine, 2]["seconds"] / runs[engine, 1]["seconds"], 2)
        assert step["dbt"] == round(runs[engine, 2]["dbt_s"] / runs[engine, 1]["dbt_s"], 2)
        assert f"{NAMES[engine]} ×{step['seconds']:.1f} (dbt build ×{step['dbt']:.1f})" in lines[3]
