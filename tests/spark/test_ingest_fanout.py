"""Ingest fanned out as a Spark job (local mode) writes the bytes local ingest writes, on the real documents and on
a ×10 synthetic corpus; the PDFs' converted texts are reused by the next run, whichever engine makes it; a bad
document is refused with local ingest's line and nothing is written. Needs pyspark and Java: `make test-spark`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budgetwh.cli import main
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.synth.corpus import write_corpus

pytestmark = pytest.mark.spark

pyspark = pytest.importorskip("pyspark", reason="the Spark engine's tests need pyspark (requirements-spark.lock)")

from budgetwh.spark.ingest import run_ingest_on_spark, spark_session  # noqa: E402  (only with pyspark)

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
SCALE, SEED, PDF_SHARE = 10, 7, 0.3  # ×10 with a third of its budget series as PDFs (the default makes none)


@pytest.fixture(scope="module", autouse=True)
def session():
    """One local Spark session for the module (its start is most of a small run), stopped after it."""
    spark = spark_session(jobs=2)
    yield spark
    spark.stop()


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_real_documents_give_local_ingests_bytes_and_reuse_their_conversions(tmp_path, raw_dir, reference_dir):
    local = run_ingest(raw_dir, reference_dir, tmp_path / "local" / "extracted")
    first = run_ingest_on_spark(raw_dir, reference_dir, tmp_path / "spark" / "extracted")
    assert files(tmp_path / "spark" / "extracted") == files(tmp_path / "local" / "extracted")
    assert files(tmp_path / "spark" / "converted") == files(tmp_path / "local" / "converted")
    assert first.rows == local.rows
    assert local.rows == {
        "documents": 10,
        "projects": 67,
        "indicators": 776,
        "line_items": 2359,
        "evaluations": 8,
    }
    assert (first.pdfs, first.converted, first.changed) == (5, 5, True)
    second = run_ingest_on_spark(raw_dir, reference_dir, tmp_path / "spark" / "extracted")
    assert (second.pdfs, second.converted, second.changed) == (5, 0, False)
    assert first.documents == second.documents == local.documents


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, reference_dir) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(folder, scale=SCALE, seed=SEED, reference_src=reference_dir, jobs=2, pdf_share=PDF_SHARE)
    return folder


def test_synthetic_corpus_in_several_batches_gives_local_ingests_bytes(corpus, tmp_path):
    raw, reference = corpus / "raw", corpus / "reference"
    local = run_ingest(raw, reference, tmp_path / "local" / "extracted", jobs=2)
    out, cache = tmp_path / "spark" / "extracted", tmp_path / "cache"
    # batches of 4: 90 documents in 23 tasks, more than the two cores, so results come back from many partitions
    cold = run_ingest_on_spark(raw, reference, out, cache_dir=cache, batch_files=4)
    assert files(out) == files(tmp_path / "local" / "extracted")
    assert files(tmp_path / "spark" / "converted") == files(tmp_path / "local" / "converted")
    assert len(cold.documents) == 90 and cold.rows == local.rows
    assert cold.rows["projects"] == 670 and cold.rows["indicators"] == 8133
    assert (cold.pdfs, cold.converted, cold.cached) == (13, 13, 0)
    warm = run_ingest_on_spark(raw, reference, out, cache_dir=cache, batch_files=4)
    assert (warm.pdfs, warm.converted, warm.cached, warm.changed) == (13, 0, 90, False)
    assert files(out) == files(tmp_path / "local" / "extracted")


def test_the_conversions_are_shared_between_engines(corpus, tmp_path):
    raw, reference = corpus / "raw", corpus / "reference"
    converted = tmp_path / "converted"
    by_spark = run_ingest_on_spark(raw, reference, tmp_path / "a" / "extracted", converted_dir=converted)
    by_local = run_ingest(raw, reference, tmp_path / "b" / "extracted", converted_dir=converted)
    assert (by_spark.converted, by_local.converted, by_local.pdfs) == (13, 0, 13)
    assert files(tmp_path / "a" / "extracted") == files(tmp_path / "b" / "extracted")
    # and back: local ingest's conversions spare Spark's tasks the PDFs
    again = run_ingest_on_spark(raw, reference, tmp_path / "c" / "extracted", converted_dir=converted)
    assert again.converted == 0


@pytest.fixture
def previous(tmp_path, raw_dir, reference_dir):
    """A raw folder with the real documents, and the seeds and conversions of a good run of them."""
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    out = tmp_path / "seeds" / "extracted"
    run_ingest(raw, reference_dir, out)
    return raw, out, {**files(out), **{f"converted/{k}": v for k, v in files(out.parent / "converted").items()}}


def _local_error(raw: Path, reference: Path, out: Path) -> str:
    with pytest.raises(IngestError) as refused:
        run_ingest(raw, reference, out)
    return str(refused.value)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("binary", "{file}: truncated PDF (no %%EOF end marker): the file was cut short"),
        ("pdf_corrupt", "{file}: corrupt PDF: it cannot be opened (data format error)"),
        ("unknown_layout", "{file}: unknown layout: not a budget or final accounts"),
    ],
)
def test_a_bad_document_is_refused_with_local_ingests_line(case, expected, previous, reference_dir, tmp_path):
    raw, out, before = previous
    bad = next((BAD_INPUTS / case).iterdir())
    shutil.copy(bad, raw / bad.name)
    with pytest.raises(IngestError) as refused:
        run_ingest_on_spark(raw, reference_dir, out)
    message = str(refused.value)
    assert message.startswith(expected.format(file=bad.name))
    assert message == _local_error(raw, reference_dir, tmp_path / "local" / "extracted")
    after = {**files(out), **{f"converted/{k}": v for k, v in files(out.parent / "converted").items()}}
    assert after == before


def test_the_command_refuses_with_exit_3_and_the_local_line(previous, reference_dir, tmp_path, capsys):
    raw, out, before = previous
    # two documents that fail to parse, in different batches: the first in file order is named, as local ingest does
    for case, name in (("unknown_layout", "a_prose.txt"), ("column_removed_target", "zz_no_target.txt")):
        shutil.copy(next((BAD_INPUTS / case).iterdir()), raw / name)
    common = ["ingest", "--raw", str(raw), "--reference", str(reference_dir), "--jobs", "2"]
    assert main([*common, "--out", str(tmp_path / "local" / "extracted")]) == 3
    local_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert local_line.startswith("budgetwh ingest: error: a_prose.txt: unknown layout")
    assert main([*common, "--engine", "spark", "--out", str(out)]) == 3
    assert capsys.readouterr().err.strip().splitlines()[-1] == local_line
    after = {**files(out), **{f"converted/{k}": v for k, v in files(out.parent / "converted").items()}}
    assert after == before


def test_the_bench_figure_compares_the_engines_on_one_corpus(corpus, tmp_path):
    # last in the module: the bench stops the Spark session it ran on (the module's fixture then stops nothing)
    from budgetwh.bench.engines import bench_ingest
    from budgetwh.bench.registry import BenchContext

    root = Path(__file__).resolve().parents[2]
    figures = bench_ingest(BenchContext(root=root, scratch=tmp_path, jobs=2, scale=SCALE, corpus=corpus))
    assert (figures["documents"], figures["byte_identical"]) == (90, True)
    assert figures["seconds"] == figures["spark_s"] > 0
    assert figures["lines"][0].startswith(f"90 documents: local {figures['local_s']} s, Spark {figures['spark_s']} s")
    assert figures["lines"][0].endswith("on 2 cores; seeds byte-identical")
