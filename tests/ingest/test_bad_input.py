"""Bad input gets one clear line naming the file (and line), a non-zero exit, and leaves the previous seeds alone;
a BOM or CRLF copy is read as the same document."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pipeline import run_ingest

PUTUO = "putuo_2022_city_operations_center_unit_budget.txt"
MINHANG_2023 = "minhang_2023_public_security_bureau_project_perf_targets.txt"


@pytest.fixture
def workspace(tmp_path, raw_dir, reference_dir):
    """A raw folder with the five real documents and a seeds folder holding a previous good ingest."""
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    out = tmp_path / "seeds" / "extracted"
    run_ingest(raw, reference_dir, out)
    return raw, reference_dir, out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run_cli(raw: Path, reference: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetwh.cli",
            "ingest",
            "--raw",
            str(raw),
            "--reference",
            str(reference),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def text_of(raw: Path, name: str) -> str:
    return (raw / name).read_text(encoding="utf-8")


CASES = {
    "gbk": (
        lambda raw: (raw / "x_gbk.txt").write_bytes(text_of(raw, PUTUO).encode("gbk")),
        "x_gbk.txt:3: not valid UTF-8 at byte offset 4 (it decodes as GBK/GB18030: re-save the file as UTF-8)",
    ),
    "empty": (lambda raw: (raw / "x_empty.txt").write_bytes(b""), "x_empty.txt: file is empty: nothing to ingest"),
    "binary": (
        lambda raw: (raw / "x_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "x_binary.txt:3: binary content (NUL byte at byte offset 8): not a text extract of a document",
    ),
    "unknown layout": (
        lambda raw: (raw / "x_minutes.txt").write_text(
            "# 会议纪要\n\n时间\t2022-01-01\n议题\t预算编制\n", encoding="utf-8"
        ),
        "x_minutes.txt: unknown layout: not a budget or final accounts",
    ),
    "duplicate": (
        lambda raw: shutil.copy(raw / PUTUO, raw / "zz_copy_of_putuo.txt"),
        f"zz_copy_of_putuo.txt: duplicate of {PUTUO}: same text (sha256 3b417c218811…)",
    ),
    "crlf duplicate": (
        lambda raw: (raw / "zz_crlf.txt").write_bytes((raw / PUTUO).read_bytes().replace(b"\n", b"\r\n")),
        f"zz_crlf.txt: duplicate of {PUTUO}",
    ),
    "truncated budget table": (
        lambda raw: (raw / PUTUO).write_text(
            text_of(raw, PUTUO).split("302\t04\t手续费")[0] + "302\t04\t手", encoding="utf-8"
        ),
        f"{PUTUO}:222: table '2022年单位一般公共预算基本支出部门预算经济分类预算表' (line 199) has no 合计 row",
    ),
    "truncated indicator table": (
        lambda raw: (raw / MINHANG_2023).write_text(
            "\n".join(text_of(raw, MINHANG_2023).split("\n")[:1477]) + "\n \t \t \t设备故障发", encoding="utf-8"
        ),
        f"{MINHANG_2023}:1478: the file ends inside an indicator table on a row without a target",
    ),
    "unregistered": (  # a form that names no district: the registry must say which
        lambda raw: (raw / MINHANG_2023).write_text(
            text_of(raw, MINHANG_2023).replace("1,800,000.00", "1,800,001.00", 1), encoding="utf-8"
        ),
        f"{MINHANG_2023}: not in seeds/reference/document_registry.csv (sha256 ",
    ),
    "30-digit amount": (
        lambda raw: (raw / PUTUO).write_text(
            text_of(raw, PUTUO).replace("97,469,600", "123456789012345678901234567890", 1), encoding="utf-8"
        ),
        f"{PUTUO}:85: table 'financial_summary' column '预算数': '123456789012345678901234567890' has 30 integer "
        f"digits",
    ),
    "negative funds": (
        lambda raw: (raw / MINHANG_2023).write_text(
            text_of(raw, MINHANG_2023).replace("1,800,000.00", "-1,800,000.00", 1), encoding="utf-8"
        ),
        f"{MINHANG_2023}:8: 项目资金总额: negative amount '-1,800,000.00'",
    ),
    "2 MB single line": (
        lambda raw: (raw / "x_long.txt").write_text("项目\t" + "9" * 2_000_000, encoding="utf-8"),
        "x_long.txt:1: line is 2,000,003 characters long (limit 100,000)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_and_seeds_stay(workspace, case):
    raw, reference, out = workspace
    before = snapshot(out)
    make_bad, message = CASES[case]
    make_bad(raw)
    with pytest.raises(IngestError) as caught:
        run_ingest(raw, reference, out)
    assert str(caught.value).startswith(message), str(caught.value)
    assert snapshot(out) == before
    result = run_cli(raw, reference, out)
    assert result.returncode == 3
    assert result.stderr.strip().splitlines()[-1] == f"budgetwh ingest: error: {caught.value}"
    assert snapshot(out) == before


@pytest.mark.parametrize("transform", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_copies_are_read_as_the_same_document(workspace, transform):
    raw, reference, out = workspace
    before = snapshot(out)
    data = (raw / PUTUO).read_bytes()
    if "crlf" in transform:
        data = data.replace(b"\n", b"\r\n")
    if "bom" in transform:
        data = b"\xef\xbb\xbf" + data
    (raw / PUTUO).write_bytes(data)
    summary = run_ingest(raw, reference, out)
    assert summary.changed is False
    assert snapshot(out) == before


def test_agency_that_matches_no_alias_is_refused(tmp_path, raw_dir, reference_dir):
    """The registry says who filed a document; a form naming another agency is refused, not silently relabelled."""
    reference = tmp_path / "reference"
    shutil.copytree(reference_dir, reference)
    registry = (reference / "document_registry.csv").read_text(encoding="utf-8")
    (reference / "document_registry.csv").write_text(
        registry.replace("2023,minhang_public_security", "2023,minhang_education"), encoding="utf-8"
    )
    with pytest.raises(IngestError) as caught:
        run_ingest(raw_dir, reference, tmp_path / "out")
    assert str(caught.value) == (
        f"{MINHANG_2023}:5: 实施单位 of the form '上海市公安局闵行分局' matches none of the printed names (aliases) "
        "of agency 'minhang_education' (上海市闵行区教育局) that document_registry.csv gives for this "
        "document: if it is the same agency, add the name to its aliases in seeds/reference/agencies.csv"
    )
    assert not (tmp_path / "out").exists()


def test_a_second_name_in_brackets_matches_the_agency(reference_dir):
    from budgetwh.ingest.reference import load_reference

    reference = load_reference(reference_dir)
    assert reference.agency_matches(
        "putuo_city_operations", "上海市普陀区城市运行管理中心（上海市普陀区城市网格化综合管理中心）"
    )
    assert reference.agency_matches("minhang_public_security", "公安局闵行分局（汇总）")
    assert not reference.agency_matches("minhang_public_security", "上海市闵行区教育局")
