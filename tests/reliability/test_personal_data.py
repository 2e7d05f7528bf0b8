"""No personal data downstream of data/raw/: after a real build (and a failed one, whose candidate is kept), the names
of the responsible persons and contacts printed in the raw forms, and any mobile number, appear nowhere in the
seeds, in any table or view of the warehouse, in the dbt docs, in the GX Data Docs, in the built pages and their
data files, in the kept candidates, or in the run log.

The people are found in the raw documents here, independently of the ingest's masking code, so this test does not
trust what it checks. Compressed data files (parquet) are read through DuckDB; JSON is searched both as UTF-8 and
with \\u escapes."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import duckdb
import pytest
from reliability_support import REPO

from budgetwh.build import Layout

PERSON_LABEL = re.compile(r"^(项目负责人|联系人|填报人|经办人|单位负责人|填报单位负责人)\s*[:：]?\s*(.*)$")
CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
MOBILE_TEXT = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
# In files, a phone number's shape with neither a digit, a hex digit nor a dot beside it (hashes and decimals
# are full of 11-digit runs)
MOBILE_BYTES = re.compile(rb"(?<![0-9A-Fa-f.])1[3-9][0-9]{9}(?![0-9A-Fa-f.])")


def people_in_raw_documents() -> tuple[set[str], set[str]]:
    names, phones = set(), set()
    for path in sorted((REPO / "data" / "raw").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        phones.update(MOBILE_TEXT.findall(text))
        for line in text.splitlines():
            cells = [c.strip() for c in line.split("\t")]
            for i, cell in enumerate(cells):
                match = PERSON_LABEL.match(cell)
                if not match:
                    continue
                candidate = match.group(2).strip() or next((c for c in cells[i + 1 :] if c), "")
                if CJK_NAME.match(candidate):
                    names.add(candidate)
    return names, phones


NAMES, PHONES = people_in_raw_documents()


def needles() -> list[bytes]:
    found = []
    for secret in sorted(NAMES | PHONES):
        escaped = json.dumps(secret)[1:-1]
        found += [secret.encode("utf-8"), escaped.encode(), escaped.upper().replace("\\U", "\\u").encode()]
        found.append("".join(f"&#{ord(c)};" for c in secret).encode())
    return sorted(set(found))


# Fonts, images and WebAssembly are binary through and through: 11-digit runs occur in them by chance, so only the
# exact names and numbers of the raw documents are looked for there.
BINARY_SUFFIXES = {".ttf", ".otf", ".woff", ".woff2", ".eot", ".png", ".jpg", ".gif", ".ico", ".wasm"}


def leaks_in_bytes(blob: bytes, binary: bool = False) -> list[str]:
    hits = [n.decode() for n in needles() if n in blob]
    if not binary:
        hits += [m.decode() for m in MOBILE_BYTES.findall(blob)]
    return hits


def leaks_in_values(values: list[object]) -> list[str]:
    text = "\n".join("" if v is None else str(v) for v in values)
    return [s for s in NAMES | PHONES if s in text] + MOBILE_TEXT.findall(text)


def scan_file(path: Path) -> list[str]:
    if path.suffix == ".parquet":
        con = duckdb.connect()
        try:
            rows = con.execute("select * from read_parquet(?)", [str(path)]).fetchall()
        finally:
            con.close()
        return leaks_in_values([v for row in rows for v in row])
    blob = path.read_bytes()
    if path.suffix == ".gz":
        blob = gzip.decompress(blob)
    if path.suffix == ".br":
        raise AssertionError(f"{path}: brotli-compressed output cannot be scanned here; turn precompression off")
    # .arrow (Evidence's prerendered query results) is searched as bytes: the apache-arrow JS writer never
    # compresses its buffers, so every string is there as UTF-8.
    return leaks_in_bytes(blob, binary=path.suffix.lower() in BINARY_SUFFIXES)


def scan_tree(top: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(top.rglob("*")):
        if path.is_file() and "node_modules" not in path.parts and path.suffix not in (".duckdb", ".wal"):
            hits = scan_file(path)
            if hits:
                found[str(path)] = sorted(set(hits))
    return found


def scan_warehouse(db: Path) -> dict[str, list[str]]:
    found = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = current_database() order by all"
        ).fetchall()
        assert len(relations) >= 10, relations  # seeds, staging, intermediate, marts: not an empty file
        for schema, table in relations:
            rows = con.execute(f'select * from "{schema}"."{table}"').fetchall()
            hits = leaks_in_values([v for row in rows for v in row])
            if hits:
                found[f"{schema}.{table}"] = sorted(set(hits))
    finally:
        con.close()
    return found


def test_the_raw_documents_do_hold_people_to_look_for() -> None:
    # otherwise every scan below would pass without looking for anything
    assert len(NAMES) >= 3 and len(PHONES) >= 2, (NAMES, PHONES)
    found = {Path(p).name for p in scan_tree(REPO / "data" / "raw")}
    assert found == {
        "minhang_2020_face_recognition_project_perf_targets.txt",
        "minhang_2020_school_video_network_project_perf_targets.txt",
    }


@pytest.fixture(scope="module")
def scanned_project(failed_project: Path) -> Path:
    """The built project plus a failed build (its candidate kept for diagnosis, with the seeds it extracted): the
    session's one failed build (tests/conftest.py), shared with test_end_to_end."""
    return failed_project


@pytest.mark.parametrize(
    "place",
    ["seeds", "dbt docs and target", "GX Data Docs", "pages and their data files", "kept candidates", "run log"],
)
def test_no_personal_data_downstream(scanned_project: Path, place: str) -> None:
    layout = Layout.for_root(scanned_project)
    tops = {
        "seeds": [scanned_project / "seeds"],
        "dbt docs and target": [layout.last_build_artefacts / "target", layout.last_build_artefacts / "dbt-logs"],
        "GX Data Docs": [layout.last_build_artefacts / "gx-docs"],
        "pages and their data files": [layout.pages_link.resolve()],
        "kept candidates": [layout.candidates],
        "run log": [layout.logs],
    }[place]
    for top in tops:
        assert top.is_dir() and any(top.rglob("*")), f"{top} is missing or empty: nothing was scanned"
    assert {top: scan_tree(top) for top in tops} == {top: {} for top in tops}


def test_no_personal_data_in_any_table_or_view_of_the_warehouse(scanned_project: Path) -> None:
    layout = Layout.for_root(scanned_project)
    databases = [layout.live_db, *layout.candidates.glob("*/warehouse.duckdb")]
    assert len(databases) == 2  # the live one and the failed candidate
    assert {str(db): scan_warehouse(db) for db in databases} == {str(db): {} for db in databases}


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    name, phone = sorted(NAMES)[0], sorted(PHONES)[0]
    (tmp_path / "a.json").write_text(json.dumps({"owner": name}), encoding="utf-8")  # \u-escaped
    (tmp_path / "b.html").write_text(f"<td>{phone}</td>", encoding="utf-8")
    con = duckdb.connect()
    con.execute(f"copy (select '{name}' as owner) to '{tmp_path / 'c.parquet'}' (format parquet, compression zstd)")
    con.close()
    assert sorted(scan_tree(tmp_path)) == sorted(str(tmp_path / n) for n in ("a.json", "b.html", "c.parquet"))
