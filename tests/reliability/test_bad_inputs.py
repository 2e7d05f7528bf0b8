"""Each crafted document of tests/bad_inputs/ (written by make_corpus.py from data/raw/) arriving among the real
ones: a specific error naming the file and line and a non-zero exit, or, where reading it is safe (BOM, CRLF,
mixed line ends), exactly the seeds of the original. Checked twice: through `budgetwh ingest` (the seeds it would
write must stay untouched) and through `budgetwh build` on a project with a live warehouse (warehouse, seeds and
pages byte-identical afterwards, the error in the run log).

What each case costs is its own: the PDFs of data/raw are converted once (the baseline ingest; a case starts with
those conversions beside its seeds, as a project has them in seeds/converted, so only its own file is new), and the
builds share one copy of the session's built project, put back after each case (a refused build changes nothing
there, which is what each case asserts against the state the project had before the first)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_support import REPO, LiveState, run_budgetwh, runs, tree_bytes

CORPUS = REPO / "tests" / "bad_inputs"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Refused:
    message: str  # exactly what follows "error: ", {file} standing for the case's file name


@dataclass(frozen=True)
class ReadCorrectly:
    pass


@dataclass(frozen=True)
class ReadAsPrinted:
    """A document of a known family whose table lacks a column the standard prints: not a structural break (contract
    v2: only a table cut short, no year or no agency is), so it is ingested as printed, its other cells intact."""

    line_items: int  # the document's line items


EXPECTED = {
    "gbk": Refused("{file}:3: not valid UTF-8 at byte offset 2 (it decodes as GBK/GB18030: re-save the file as UTF-8)"),
    "gb18030": Refused(
        "{file}:3: not valid UTF-8 at byte offset 4 (it decodes as GBK/GB18030: re-save the file as UTF-8)"
    ),
    "utf16": Refused("{file}:1: UTF-16 little-endian text (byte order mark FF FE): re-save the file as UTF-8"),
    "bom": ReadCorrectly(),
    "crlf": ReadCorrectly(),
    "mixed_line_endings": ReadCorrectly(),
    "truncated_budget_table": Refused(
        "{file}:166: table '2022年单位一般公共预算支出功能分类预算表' (line 148) has no 合计 row before line 166: "
        "the document looks truncated"
    ),
    "truncated_indicator_table": Refused(
        "{file}:26: the file ends inside an indicator table on a row without a target: the document looks truncated"
    ),
    "empty": Refused("{file}: file is empty: nothing to ingest"),
    # it starts with %PDF-, so it is read as the PDF it claims to be
    "binary": Refused("{file}: truncated PDF (no %%EOF end marker): the file was cut short"),
    "pdf_scanned": Refused("{file}: no text layer on pages 1–2: scanned? OCR is not supported"),
    "pdf_password": Refused("{file}: PDF is password-protected: publish or save it without a password"),
    "pdf_truncated": Refused("{file}: truncated PDF (no %%EOF end marker): the file was cut short"),
    "pdf_corrupt": Refused("{file}: corrupt PDF: it cannot be opened (data format error)"),
    "column_removed_total": ReadAsPrinted(line_items=229),  # the original's 244 less the 15 合计 cells removed
    "column_removed_target": Refused("{file}:48: indicator table header has no 目标值 (指标值) column"),
    "unknown_layout": Refused(
        "{file}: unknown layout: not a budget or final accounts (a title such as 2025年区级部门预算 / "
        "2024年度部门决算 with 科目编码 tables), not performance-target forms (绩效目标申报表 with a "
        "一级/二级/三级指标 table) and not evaluation results (绩效评价结果 with 评价分值)"
    ),
    "duplicate": Refused(
        "{file}: duplicate of jiading_2018_project_performance_evaluation_results.txt: same text (sha256 45ee1b1406b7…)"
    ),
    "duplicate_crlf": Refused(
        "{file}: duplicate of putuo_2022_city_operations_center_unit_budget.txt: same text (sha256 3b417c218811…)"
    ),
    "negative_funds": Refused("{file}:19: 项目总预算: negative amount '-5228668' (budget amounts cannot be negative)"),
    "thirty_digit_amount": Refused(
        "{file}:165: table 'general_public_functional' column '合计': '123456789012345678901234567890' has 30 integer "
        "digits, more than any budget amount can have (limit 16)"
    ),
    "long_line": Refused("{file}:1: line is 868,308 characters long (limit 100,000): not a table extract"),
    "unregistered": Refused(
        "{file}: not in seeds/reference/document_registry.csv (sha256 "
        "44722b61a74c0f6dbb56621850b539df9275dc96757cb35acbe3a1ca6d227d6a): add a row stating its district, fiscal "
        "year and agency (the document itself states no district)"
    ),
}


# a PDF whose text is of no known layout is refused exactly like such a text
EXPECTED["pdf_unknown_layout"] = EXPECTED["unknown_layout"]


def case_params() -> list:
    return [pytest.param(case, id=case) for case in MANIFEST]


def lay_over(case: str, raw: Path, reference: Path) -> str:
    """Put the case's file among the raw documents (replacing a namesake) and its registry row into the registry."""
    entry = MANIFEST[case]
    shutil.copyfile(CORPUS / case / entry["file"], raw / entry["file"])
    if "registry_row" in entry:
        registry = reference / "document_registry.csv"
        with registry.open("a", encoding="utf-8", newline="") as handle:
            row = entry["registry_row"]
            csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n").writerow(row)
    return entry["file"]


def check_outcome(case: str, proc: subprocess.CompletedProcess, prefix: str) -> None:
    expected = EXPECTED[case]
    file = MANIFEST[case]["file"]
    if isinstance(expected, ReadAsPrinted):
        assert proc.returncode == 0, proc.stderr
        read = f"ingest: {file}: unit_budget, 3 projects, 20 indicators, {expected.line_items} line items"
        assert read in proc.stderr
    elif isinstance(expected, ReadCorrectly):
        assert proc.returncode == 0, proc.stderr
    else:
        assert proc.returncode == 3, proc.stderr
        assert prefix + expected.message.format(file=file) in proc.stderr.splitlines(), proc.stderr


def test_the_committed_corpus_is_what_the_script_writes() -> None:
    proc = subprocess.run([sys.executable, str(CORPUS / "make_corpus.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert set(MANIFEST) == set(EXPECTED)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds `budgetwh ingest` writes from data/raw (in <folder>/extracted) and the texts of its PDFs (in
    <folder>/converted, where ingest keeps them beside the seeds)."""
    folder = tmp_path_factory.mktemp("baseline")
    proc = run_budgetwh(REPO, "ingest", "--raw", str(REPO / "data" / "raw"), "--out", str(folder / "extracted"))
    assert proc.returncode == 0, proc.stderr
    assert any((folder / "converted").glob("*.pdf.txt"))  # the real PDFs' texts, which every case starts with
    return folder


@pytest.fixture(scope="module")
def baseline_seeds(baseline: Path) -> dict[str, bytes]:
    return tree_bytes(baseline / "extracted")


@pytest.mark.parametrize("case", case_params())
def test_ingest_refuses_or_reads_each_bad_input(
    case: str, tmp_path: Path, baseline: Path, baseline_seeds: dict[str, bytes]
) -> None:
    raw, reference, out = tmp_path / "raw", tmp_path / "reference", tmp_path / "extracted"
    shutil.copytree(REPO / "data" / "raw", raw)
    shutil.copytree(REPO / "seeds" / "reference", reference)
    shutil.copytree(baseline / "converted", tmp_path / "converted")
    out.mkdir()
    for name, data in baseline_seeds.items():
        (out / name).write_bytes(data)
    lay_over(case, raw, reference)
    proc = run_budgetwh(
        tmp_path, "ingest", "--raw", str(raw), "--reference", str(reference), "--out", str(out), timeout=300
    )
    check_outcome(case, proc, "budgetwh ingest: error: ")
    # refused: the seeds are untouched; read correctly: the seeds are exactly those of the original document
    if not isinstance(EXPECTED[case], ReadAsPrinted):
        assert tree_bytes(out) == baseline_seeds


@dataclass(frozen=True)
class RefusingProject:
    """A private copy of the session's built project, and what it held before any case was laid over it."""

    root: Path
    live: LiveState
    seeds: dict[str, bytes]  # seeds/extracted
    inputs: dict[str, bytes]  # data/raw and seeds/reference, to put back after each case


@pytest.fixture(scope="module")
def refusing_project(built_project: Path, tmp_path_factory: pytest.TempPathFactory) -> RefusingProject:
    root = tmp_path_factory.mktemp("refusing") / "project"
    shutil.copytree(built_project, root, symlinks=True)  # timestamps kept: its last build still counts as current
    inputs = {f"data/raw/{k}": v for k, v in tree_bytes(root / "data" / "raw").items()}
    inputs |= {f"seeds/reference/{k}": v for k, v in tree_bytes(root / "seeds" / "reference").items()}
    return RefusingProject(root, LiveState(root), tree_bytes(root / "seeds" / "extracted"), inputs)


def put_back_inputs(project: RefusingProject) -> None:
    """data/raw and seeds/reference exactly as they were before the case (its file gone, a namesake restored)."""
    for folder in ("data/raw", "seeds/reference"):
        for path in (project.root / folder).rglob("*"):
            if path.is_file() and str(path.relative_to(project.root)) not in project.inputs:
                path.unlink()
    for rel, data in project.inputs.items():
        path = project.root / rel
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)


# Through a whole build, every case ingest refuses.
@pytest.mark.parametrize("case", [c for c, e in EXPECTED.items() if isinstance(e, Refused)])
def test_a_build_with_a_bad_input_publishes_nothing(case: str, refusing_project: RefusingProject) -> None:
    live_project = refusing_project.root
    put_back_inputs(refusing_project)  # also after a case that failed half-way
    assert LiveState(live_project).warehouse == refusing_project.live.warehouse
    lay_over(case, live_project / "data" / "raw", live_project / "seeds" / "reference")
    proc = run_budgetwh(live_project, "build", timeout=900)
    try:
        check_outcome(case, proc, "budgetwh build: BAD_INPUT (exit 3) in stage ingest: ")
        assert tree_bytes(live_project / "seeds" / "extracted") == refusing_project.seeds
        after, before = LiveState(live_project), refusing_project.live
        assert after.warehouse == before.warehouse and after.pages_link == before.pages_link
        assert after.pages == before.pages
        run = runs(live_project)[-1]
        assert (run["result"], run["exit_code"], run["exit_name"]) == ("failed", 3, "BAD_INPUT")
        assert run["message"] == proc.stderr.splitlines()[0].split(" in stage ingest: ", 1)[1]
    finally:
        put_back_inputs(refusing_project)
