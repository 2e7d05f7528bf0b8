"""Writes the bad-input corpus from the real documents in data/raw/, so every crafted file is a reviewable
transformation of a real one (this script) rather than an opaque blob.

    python tests/bad_inputs/make_corpus.py            # (re)write tests/bad_inputs/<case>/<file>
    python tests/bad_inputs/make_corpus.py --check    # exit 1 if the committed corpus differs from what it makes

Each case is a folder whose files are laid over data/raw/ (a file with a real document's name replaces it). A
crafted document derived from a real one also gets a registry row (in manifest.json) stating the real one's district,
year and agency: a test adds it, so the case reaches the check it is meant for instead of stopping at "not in the
registry" (except the `unregistered` case, which is about exactly that). The expected outcome of each case lives in
tests/reliability/test_bad_inputs.py. Output is deterministic: same data/raw/, same bytes."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RAW = ROOT / "data" / "raw"
REGISTRY = ROOT / "seeds" / "reference" / "document_registry.csv"

FACE = "minhang_2020_face_recognition_project_perf_targets.txt"
SCHOOL = "minhang_2020_school_video_network_project_perf_targets.txt"
POLICE = "minhang_2023_public_security_bureau_project_perf_targets.txt"
PUTUO = "putuo_2022_city_operations_center_unit_budget.txt"
JIADING = "jiading_2018_project_performance_evaluation_results.txt"

TWO_MIB = 2 * 1024 * 1024
# small PDFs cut from the real ones by tests/pdf/make_fixtures.py (committed: the real PDFs are not in data/raw/)
PDF_FIXTURES = ROOT / "tests" / "pdf" / "fixtures"


PERSON_LABELS = ("项目负责人", "联系人")
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
STAND_INS = ("张三", "李四", "王五")  # the Chinese "John Doe"s
STAND_IN_MOBILE = "13800000000"


def depersonalise(text: str) -> str:
    """The corpus must not copy the real people in two of the forms: names after a person label and mobile numbers
    become stand-ins of the same shape (so masking is still exercised). The documents without personal data are
    used unchanged wherever a case needs the exact original text."""
    names = []
    for line in text.split("\n"):
        row = [c.strip() for c in line.split("\t")]
        for i, cell in enumerate(row[:-1]):
            if cell.rstrip("：:") in PERSON_LABELS and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", row[i + 1]):
                names.append(row[i + 1])
    for name, stand_in in zip(dict.fromkeys(names), STAND_INS, strict=False):
        text = text.replace(name, stand_in)
    return MOBILE.sub(STAND_IN_MOBILE, text)


def text_of(name: str) -> str:
    return depersonalise((RAW / name).read_text(encoding="utf-8"))


def lines_of(name: str) -> list[str]:
    return text_of(name).split("\n")


def cells(line: str) -> list[str]:
    return line.split("\t")


def replace_on_line(name: str, line_no: int, old: str, new: str) -> bytes:
    """The document with `old` replaced by `new` on one 1-based line (which must contain it exactly once)."""
    lines = lines_of(name)
    assert lines[line_no - 1].count(old) == 1, (name, line_no, old)
    lines[line_no - 1] = lines[line_no - 1].replace(old, new)
    return "\n".join(lines).encode("utf-8")


def drop_cell(name: str, first_line: int, last_line: int, index: int) -> bytes:
    """The document with the cell at `index` (0-based) removed from every tab-separated row of a line range: a
    column lost by the PDF extraction, header and all."""
    lines = lines_of(name)
    for i in range(first_line - 1, last_line):
        row = cells(lines[i])
        if len(row) > index:
            del row[index]
        lines[i] = "\t".join(row)
    return "\n".join(lines).encode("utf-8")


def pseudo_random(n: int, seed: bytes) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:n])


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # file name inside the case folder (a real document's name means "replaces it")
    derived_from: str | None
    how: str
    make: Callable[[], bytes]
    registered: bool = True  # whether a registry row for the crafted text is provided


def _single_line() -> bytes:
    chunk = text_of(SCHOOL).replace("\n", "\t").encode("utf-8")
    data = (chunk * (TWO_MIB // len(chunk) + 1))[:TWO_MIB]
    return data.decode("utf-8", "ignore").encode("utf-8")  # cut on a character boundary


def _truncate(name: str, keep_lines: int, partial: str) -> bytes:
    """The first `keep_lines` lines, then a line cut to `partial` with no newline after it: a download or copy that
    stopped in the middle of a table row."""
    lines = lines_of(name)
    assert lines[keep_lines].startswith(partial), (name, keep_lines, partial)
    return ("\n".join(lines[:keep_lines]) + "\n" + partial).encode("utf-8")


def _mixed_line_endings() -> bytes:
    lines = lines_of(PUTUO)
    ends = ["\r\n" if i % 2 == 0 else "\n" for i in range(len(lines) - 1)] + [""]
    return "".join(line + end for line, end in zip(lines, ends, strict=True)).encode("utf-8")


def _unknown_layout() -> bytes:
    """The unit budget's prose only (title, contents, functions, glossary): a real text of the right kind of
    publisher, but none of the tables or forms a known layout has."""
    lines = lines_of(PUTUO)
    end = next(i for i, line in enumerate(lines) if line.startswith("## 2022年单位预算编制说明"))
    return "\n".join(lines[:end]).rstrip("\n").encode("utf-8")


CASES = [
    Case("gbk", "jiading_2018_results_gbk.txt", JIADING, "re-encoded as GBK", lambda: text_of(JIADING).encode("gbk")),
    Case(
        "gb18030",
        "minhang_2020_school_video_gb18030.txt",
        SCHOOL,
        "re-encoded as GB18030 (its ✓ has no GBK code)",
        lambda: text_of(SCHOOL).encode("gb18030"),
    ),
    Case(
        "utf16",
        "minhang_2020_school_video_utf16.txt",
        SCHOOL,
        "re-encoded as UTF-16 with a BOM (what some Windows tools save as 'Unicode')",
        lambda: text_of(SCHOOL).encode("utf-16"),
    ),
    Case(
        "bom",
        POLICE,
        POLICE,
        "UTF-8 BOM prepended (replaces the original)",
        lambda: b"\xef\xbb\xbf" + (RAW / POLICE).read_bytes(),
    ),
    Case(
        "crlf",
        JIADING,
        JIADING,
        "CRLF line ends (replaces the original)",
        lambda: text_of(JIADING).replace("\n", "\r\n").encode("utf-8"),
    ),
    Case(
        "mixed_line_endings", PUTUO, PUTUO, "CRLF on odd lines, LF on even (replaces the original)", _mixed_line_endings
    ),
    Case(
        "truncated_budget_table",
        "putuo_2022_unit_budget_truncated.txt",
        PUTUO,
        "cut inside line 166, a row of the 一般公共预算支出功能分类 table, before its 合计 row",
        lambda: _truncate(PUTUO, 165, "212\t01\t\t城乡社区管理事务\t94,583,8"),
    ),
    Case(
        "truncated_indicator_table",
        "minhang_2023_police_truncated.txt",
        POLICE,
        "cut inside line 26, an indicator row, before its target cell",
        lambda: _truncate(POLICE, 25, "\t\t时效指标\t档案加工及时性"),
    ),
    Case("empty", "empty.txt", None, "zero bytes", lambda: b""),
    Case(
        "binary",
        "scan_saved_as_text.txt",
        None,
        "a PDF header and 4 KiB of binary data: a PDF saved where its text extract belongs",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + pseudo_random(4096, b"budgetwh bad input"),
    ),
    Case(
        "column_removed_total",
        "putuo_2022_unit_budget_no_total_column.txt",
        PUTUO,
        "the 合计 column (5th cell) removed from lines 154-171, the 一般公共预算支出功能分类 table, header and rows",
        lambda: drop_cell(PUTUO, 154, 171, 4),
    ),
    Case(
        "column_removed_target",
        "minhang_2020_school_video_no_target_column.txt",
        SCHOOL,
        "the 目标值 column (5th cell) removed from lines 48-67, the indicator table, header and rows",
        lambda: drop_cell(SCHOOL, 48, 67, 4),
    ),
    Case(
        "unknown_layout",
        "putuo_2022_prose_only.txt",
        PUTUO,
        "the unit budget's prose before its tables",
        _unknown_layout,
    ),
    Case(
        "duplicate",
        "jiading_2018_results_resubmitted.txt",
        JIADING,
        "a byte-identical copy under another name",
        lambda: (RAW / JIADING).read_bytes(),
    ),
    Case(
        "duplicate_crlf",
        "putuo_2022_unit_budget_crlf_copy.txt",
        PUTUO,
        "a CRLF copy under another name: the same text, so the same document",
        lambda: text_of(PUTUO).replace("\n", "\r\n").encode("utf-8"),
    ),
    Case(
        "negative_funds",
        "minhang_2020_school_video_negative_funds.txt",
        SCHOOL,
        "项目总预算 on line 19 made negative",
        lambda: replace_on_line(SCHOOL, 19, "项目总预算：5228668", "项目总预算：-5228668"),
    ),
    Case(
        "thirty_digit_amount",
        "putuo_2022_unit_budget_30_digit_amount.txt",
        PUTUO,
        "the 合计 of line 165 replaced by a 30-digit number",
        lambda: replace_on_line(PUTUO, 165, "\t94,583,865\t", "\t123456789012345678901234567890\t"),
    ),
    Case(
        "long_line",
        "single_line_2mb.txt",
        SCHOOL,
        "a form's text with tabs for newlines, repeated to one 2 MiB line",
        _single_line,
    ),
    Case(
        "unregistered",
        "minhang_2020_face_recognition_v2.txt",
        FACE,
        "a valid form (one target filled in on line 46) that nobody added to document_registry.csv",
        lambda: replace_on_line(FACE, 46, "采购计划完成率\t\t", "采购计划完成率\t=100%\t"),
        registered=False,
    ),
]


def _pdf_fixture(name: str) -> bytes:
    return (PDF_FIXTURES / name).read_bytes()


def _truncated_pdf() -> bytes:
    data = _pdf_fixture("two_pages.pdf")
    return data[: len(data) // 2]


CASES += [
    Case(
        "pdf_scanned",
        "putuo_2025_unit_budget_scanned.pdf",
        None,
        "two pages of a real budget PDF rendered to images (no text layer), as a scanner makes them",
        lambda: _pdf_fixture("scanned.pdf"),
    ),
    Case(
        "pdf_password",
        "putuo_2025_unit_budget_password.pdf",
        None,
        "two pages of a real budget PDF encrypted with a user password",
        lambda: _pdf_fixture("password.pdf"),
    ),
    Case(
        "pdf_truncated",
        "putuo_2025_unit_budget_truncated.pdf",
        None,
        "two pages of a real budget PDF cut to their first half (a download broken off)",
        _truncated_pdf,
    ),
    Case(
        "pdf_corrupt",
        "putuo_2025_unit_budget_corrupt.pdf",
        None,
        "two pages of a real budget PDF cut to their first half and given an end marker: no cross-reference table",
        lambda: _truncated_pdf() + b"\n%%EOF\n",
    ),
    Case(
        "pdf_unknown_layout",
        "putuo_2024_dept_budget_prose_only.pdf",
        None,
        "two prose pages of a real budget PDF (functions, organisation): no title or table of a known layout",
        lambda: _pdf_fixture("prose_pages.pdf"),
    ),
]


def decoded_sha256(data: bytes) -> str | None:
    """The contract's document identity (UTF-8 text, no BOM, LF line ends), or None where the bytes do not decode."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def registry_rows() -> dict[str, dict[str, str]]:
    with REGISTRY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_file = {}
    for name in (FACE, SCHOOL, POLICE, PUTUO, JIADING):
        sha = decoded_sha256((RAW / name).read_bytes())
        by_file[name] = next(r for r in rows if r["sha256"] == sha)
    return by_file


def write_corpus(out: Path) -> None:
    originals = registry_rows()
    manifest = {}
    for case in CASES:
        data = case.make()
        folder = out / case.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / case.file).write_bytes(data)
        entry: dict[str, object] = {"file": case.file, "derived_from": case.derived_from, "how": case.how}
        sha = decoded_sha256(data)
        replaces_original = case.file == case.derived_from
        if case.registered and case.derived_from and sha and not replaces_original:
            row = dict(originals[case.derived_from])
            row.update(sha256=sha, description=f"bad-input case {case.name}: {case.how}")
            entry["registry_row"] = row
        manifest[case.name] = entry
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def corpus_files(folder: Path) -> dict[str, bytes]:
    paths = [
        folder / "manifest.json",
        *(p for c in CASES if (folder / c.name).is_dir() for p in (folder / c.name).iterdir()),
    ]
    return {str(p.relative_to(folder)): p.read_bytes() for p in paths if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed corpus instead of writing")
    args = parser.parse_args()
    if not args.check:
        for case in CASES:
            shutil.rmtree(HERE / case.name, ignore_errors=True)
        write_corpus(HERE)
        print(f"wrote {len(CASES)} cases under {HERE.relative_to(ROOT)}/")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp))
        fresh, committed = corpus_files(Path(tmp)), corpus_files(HERE)
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    for name in stale:
        print(f"differs from what make_corpus.py writes: tests/bad_inputs/{name}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
