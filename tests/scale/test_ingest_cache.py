"""The ingest cache changes how much is parsed, never what is written: a warm run, a run after adding a document,
after renaming one or after editing a reference seed writes the same bytes as a run without the cache."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.synth.corpus import write_corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _uncached(raw: Path, reference: Path, out: Path) -> dict[str, bytes]:
    run_ingest(raw, reference, out)
    return _files(out)


@pytest.fixture()
def corpus(tmp_path, reference_dir) -> Path:
    write_corpus(tmp_path / "corpus", scale=2, seed=21, reference_src=reference_dir)
    return tmp_path / "corpus"


def test_warm_run_reads_everything_from_the_cache_and_writes_the_same(corpus, tmp_path):
    raw, reference, cache = corpus / "raw", corpus / "reference", tmp_path / "cache"
    cold = run_ingest(raw, reference, tmp_path / "cold", cache_dir=cache)
    warm = run_ingest(raw, reference, tmp_path / "warm", cache_dir=cache, jobs=2)
    # ×2: the five kinds of the real set twice, and two budget series of four documents (one of them may be a PDF)
    assert (cold.cached, warm.cached) == (0, 18)
    expected = _uncached(raw, reference, tmp_path / "plain")
    assert _files(tmp_path / "cold") == expected and _files(tmp_path / "warm") == expected


def test_adding_a_document_parses_only_that_document(corpus, tmp_path):
    raw, reference, cache = corpus / "raw", corpus / "reference", tmp_path / "cache"
    newest = sorted(raw.iterdir())[-1]
    held_back = tmp_path / newest.name
    shutil.move(newest, held_back)
    run_ingest(raw, reference, tmp_path / "before", cache_dir=cache)
    shutil.move(held_back, newest)
    after = run_ingest(raw, reference, tmp_path / "after", cache_dir=cache)
    assert after.cached == 17
    assert _files(tmp_path / "after") == _uncached(raw, reference, tmp_path / "plain")


def test_a_renamed_file_is_parsed_again_under_its_new_name(corpus, tmp_path):
    raw, reference, cache = corpus / "raw", corpus / "reference", tmp_path / "cache"
    run_ingest(raw, reference, tmp_path / "first", cache_dir=cache)
    old = sorted(raw.iterdir())[0]
    old.rename(raw / "renamed.txt")
    second = run_ingest(raw, reference, tmp_path / "second", cache_dir=cache)
    assert second.cached == 17
    with (tmp_path / "second" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        assert "renamed.txt" in {row["file_name"] for row in csv.DictReader(handle)}
    assert _files(tmp_path / "second") == _uncached(raw, reference, tmp_path / "plain")


def test_editing_a_reference_seed_that_parsing_reads_misses_everything(corpus, tmp_path):
    raw, reference, cache = corpus / "raw", corpus / "reference", tmp_path / "cache"
    run_ingest(raw, reference, tmp_path / "first", cache_dir=cache)
    framework = reference / "indicator_framework.csv"
    framework.write_text(
        framework.read_text(encoding="utf-8") + "服务对象满意度,2,满意度指标,satisfaction,服务对象满意度指标,"
        "beneficiary_satisfaction,test row\n",
        encoding="utf-8",
    )
    second = run_ingest(raw, reference, tmp_path / "second", cache_dir=cache)
    assert second.cached == 0
    assert _files(tmp_path / "second") == _uncached(raw, reference, tmp_path / "plain")


def test_errors_are_never_cached(corpus, tmp_path):
    raw, reference, cache = corpus / "raw", corpus / "reference", tmp_path / "cache"
    run_ingest(raw, reference, tmp_path / "first", cache_dir=cache)
    registry = reference / "document_registry.csv"
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    # a 2020-style target form (2021 or before) names no agency: without its registry row it cannot be ingested
    # (the other kinds identify themselves)
    form = next(
        i
        for i, line in enumerate(lines)
        if line.split(",")[2] <= "2021" and line.endswith("project_performance_targets\n")
    )
    registry.write_text("".join(lines[:form] + lines[form + 1 :]), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(IngestError, match="not in seeds/reference/document_registry.csv"):
            run_ingest(raw, reference, tmp_path / "second", cache_dir=cache)
