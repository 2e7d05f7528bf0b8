"""`budgetwh ingest --engine spark` on a machine without the Spark engine's packages or Java is refused in one line
(exit 1: the environment, not the input) before anything is read or written, and the default engine never imports
pyspark. Not marked spark: these need neither pyspark nor Java, so the everyday `make test` runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SETUP = "make spark-setup installs the Spark engine's packages (requirements-spark.lock) and Java 17"


def _budgetwh(prelude: str, args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command in a fresh interpreter whose `prelude` first shapes what it can import."""
    code = f"import sys\n{prelude}\nfrom budgetwh.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def _ingest_args(raw_dir: Path, reference_dir: Path, out: Path) -> list[str]:
    return ["ingest", "--raw", str(raw_dir), "--reference", str(reference_dir), "--out", str(out), "--jobs", "2"]


def test_without_pyspark_the_spark_engine_is_refused_in_one_line(tmp_path, raw_dir, reference_dir):
    # None in sys.modules is how Python says "no such module": `import pyspark` raises ModuleNotFoundError
    out = tmp_path / "seeds" / "extracted"
    run = _budgetwh("sys.modules['pyspark'] = None", [*_ingest_args(raw_dir, reference_dir, out), "--engine", "spark"])
    assert run.returncode == 1
    assert run.stderr == f"budgetwh ingest: error: --engine spark needs pyspark, not installed here: {SETUP}\n"
    assert run.stdout == ""
    assert not (tmp_path / "seeds").exists()


def test_without_java_the_spark_engine_is_refused_in_one_line(tmp_path, raw_dir, reference_dir):
    # an empty module stands in for pyspark (installed or not here), and no folder of the PATH holds java
    no_java = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"} | {"PATH": str(tmp_path / "bin")}
    out = tmp_path / "seeds" / "extracted"
    args = [*_ingest_args(raw_dir, reference_dir, out), "--engine", "spark"]
    run = _budgetwh("import types; sys.modules['pyspark'] = types.ModuleType('pyspark')", args, env=no_java)
    assert run.returncode == 1
    assert (
        run.stderr
        == f"budgetwh ingest: error: --engine spark needs Java 17, and there is no java on the PATH: {SETUP}\n"
    )
    assert not (tmp_path / "seeds").exists()
    missing_home = no_java | {"JAVA_HOME": str(tmp_path / "jdk")}
    run = _budgetwh("import types; sys.modules['pyspark'] = types.ModuleType('pyspark')", args, env=missing_home)
    assert run.returncode == 1
    assert run.stderr.endswith(f"there is no $JAVA_HOME/bin/java: {SETUP}\n")


def test_the_default_engine_imports_no_pyspark_and_writes_the_committed_seeds(tmp_path, raw_dir, reference_dir):
    # the committed conversions beside the output spare the run the PDFs (their headers name the same bytes)
    committed = reference_dir.parent
    shutil.copytree(committed / "converted", tmp_path / "seeds" / "converted")
    out = tmp_path / "seeds" / "extracted"
    # at exit, which of the Spark engine's packages this interpreter imported
    spark_packages = "sorted({m.split('.')[0] for m in sys.modules} & {'pyspark', 'py4j'})"
    prelude = f"import atexit\natexit.register(lambda: print({spark_packages}))"
    run = _budgetwh(prelude, _ingest_args(raw_dir, reference_dir, out))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("budgetwh ingest: 10 documents → ")
    assert "0 of 5 PDFs converted" in run.stdout
    assert run.stdout.splitlines()[-1] == "[]"  # neither pyspark nor py4j was imported
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert written == {p.name: p.read_bytes() for p in (committed / "extracted").iterdir() if p.suffix == ".csv"}


def test_the_bench_figure_is_not_measured_above_its_largest_scale(tmp_path):
    from budgetwh.bench.engines import MAX_SCALE, bench_ingest
    from budgetwh.bench.registry import BenchContext

    context = BenchContext(root=tmp_path, scratch=tmp_path, jobs=2, scale=MAX_SCALE * 10, corpus=tmp_path)
    assert bench_ingest(context) == {"lines": ["not measured above ×100"], "skipped": True}


def test_documents_are_parsed_in_a_few_batches_per_core():
    from budgetwh.spark.ingest import batch_count

    # ×10, ×100 and ×1000 corpora on local mode's 2 cores: 4 tasks a core, at most 256 documents a task
    assert [batch_count(n, cores=2) for n in (90, 900, 9000)] == [8, 8, 36]
    assert batch_count(3, cores=2) == 3  # never an empty task
    assert batch_count(90, cores=64) == 90  # a large cluster: one document a task
    assert batch_count(90, cores=2, batch_files=4) == 23
