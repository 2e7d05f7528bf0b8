"""scripts/compare_builds.py tells two builds apart: a seed file whose bytes differ, a relation with other rows,
other columns or on one side only, and a commit's tree taken out as it was committed. (Building both sides runs
the whole ingest and dbt; that is what the script is run for, not what these tests repeat.)"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

SCRIPT = Path(__file__).parents[2] / "scripts" / "compare_builds.py"


@pytest.fixture(scope="module")
def compare():
    spec = importlib.util.spec_from_file_location("compare_builds", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_builds"] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["compare_builds"]


def warehouse(path: Path, statements: list[str]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create schema raw")
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


BASE = [
    "create table marts.fct_checks as select * from (values ('a', 1.50::decimal(18, 2)), ('b', 2.00)) t(id, v)",
    "create table marts.dim_documents as select 'doc_1' as document_id",
    "create table raw.documents as select 'doc_1' as document_id, 10 as line_count",
    "create table main.scratch as select 1 as x",  # not a compared schema
]


def test_identical_warehouses_give_no_difference(compare, tmp_path: Path) -> None:
    base = warehouse(tmp_path / "base.duckdb", BASE)
    head = warehouse(tmp_path / "head.duckdb", [*BASE[:3], "create table main.scratch as select 2 as x"])
    assert compare.compare_databases(base, head) == ([], 3)


def test_other_rows_columns_and_tables_are_each_one_line(compare, tmp_path: Path) -> None:
    base = warehouse(tmp_path / "base.duckdb", BASE)
    head = warehouse(
        tmp_path / "head.duckdb",
        [
            # one value changed, and a row that is there twice: a multiset, not a set
            "create table marts.fct_checks as select * from (values ('a', 1.51::decimal(18, 2)), ('b', 2.00), "
            "('b', 2.00)) t(id, v)",
            "create table marts.dim_documents as select 'doc_1' as document_id, 1 as extra",
            "create table raw.line_items as select 1 as x",
        ],
    )
    problems, compared = compare.compare_databases(base, head)
    assert compared == 2
    assert problems == [
        "raw.documents: only in base",
        "raw.line_items: only in head",
        "marts.dim_documents: columns differ: [('document_id', 'VARCHAR')] vs [('document_id', 'VARCHAR'), "
        "('extra', 'INTEGER')]",
        "marts.fct_checks: 1 rows only in base, 2 rows only in head",
    ]
    assert compare.compare_databases(base, head, ("raw",))[0] == [
        "raw.documents: only in base",
        "raw.line_items: only in head",
    ]


def test_seed_files_are_compared_byte_for_byte(compare, tmp_path: Path) -> None:
    files = {}
    for side, text in (("base", "id,v\n1,2.50\n"), ("head", "id,v\n1,2.5\n")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "same.csv").write_bytes(b"id\n1\n")
        (tmp_path / side / "numbers.csv").write_text(text, encoding="utf-8")
        (tmp_path / side / f"{side}.txt").write_text("x", encoding="utf-8")
        files[side] = {f"seeds/{p.name}": p for p in (tmp_path / side).iterdir()}
    assert compare.compare_files(files["base"], files["base"]) == []
    assert compare.compare_files(files["base"], files["head"]) == [
        "seeds/base.txt: only in base",
        "seeds/head.txt: only in head",
        "seeds/numbers.csv: bytes differ",
    ]


def test_a_commit_is_taken_out_as_committed_and_the_working_tree_is_used_where_it_stands(
    compare, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    (repo / "seed.csv").write_text("committed\n", encoding="utf-8")
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "seed.csv"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], check=True)
    (repo / "seed.csv").write_text("edited\n", encoding="utf-8")
    (repo / "new.csv").write_text("untracked\n", encoding="utf-8")
    tree = compare.source_tree(repo, "HEAD", tmp_path / "out" / "tree")
    assert sorted(p.name for p in tree.iterdir()) == ["seed.csv"]
    assert (tree / "seed.csv").read_text(encoding="utf-8") == "committed\n"
    assert compare.source_tree(repo, compare.WORKING_TREE, tmp_path / "unused") == repo
    assert (repo / "seed.csv").read_text(encoding="utf-8") == "edited\n"  # the repository was only read
