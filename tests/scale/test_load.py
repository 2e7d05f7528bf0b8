"""budgetwh load puts the seed CSVs into the same raw.<seed> tables `dbt seed` makes (names, column order, types,
rows), refuses a column the seed properties do not type, and replaces all tables or none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from budgetwh.load import LoadError, load_seeds

COLUMNS = (
    "select table_name, column_name, column_index, data_type from duckdb_columns() "
    "where database_name = '{db}' and schema_name = 'raw' order by table_name, column_index"
)


def _dbt(project_root: Path, tmp: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(project_root),
        "BUDGETWH_DB": str(db),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [str(dbt), *args], cwd=project_root, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def seeded_by_dbt(project_root, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("dbt_seed")
    db = tmp / "seeded.duckdb"
    result = _dbt(project_root, tmp, db, "seed", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    return db


def test_loader_makes_the_tables_dbt_seed_makes(project_root, seeded_by_dbt, tmp_path):
    db = tmp_path / "loaded.duckdb"
    summary = load_seeds(db, project_root / "seeds" / "extracted", project_root / "seeds" / "reference")
    assert summary.rows["indicators"] == 776 and summary.rows["line_items"] == 2359
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(f"attach '{seeded_by_dbt}' as seeded (read_only)")
        loaded_columns = con.execute(COLUMNS.format(db="loaded")).fetchall()
        seeded_columns = con.execute(COLUMNS.format(db="seeded")).fetchall()
        assert loaded_columns == seeded_columns
        tables = sorted({row[0] for row in loaded_columns})
        assert len(tables) == 10
        for table in tables:
            for left, right in (("loaded", "seeded"), ("seeded", "loaded")):
                extra = con.execute(
                    f"select count(*) from (select * from {left}.raw.{table} except all "
                    f"select * from {right}.raw.{table})"
                ).fetchone()[0]
                assert extra == 0, f"raw.{table}: {extra} rows of {left} are not in {right}"
        # codes keep their leading zeros, amounts are exact decimals
        kinds = {
            r[0]
            for r in con.execute("select kind_code from loaded.raw.line_items where kind_code is not null").fetchall()
        }
        assert "05" in kinds
        types = dict(
            con.execute(
                "select column_name, data_type from duckdb_columns() where database_name = 'loaded' "
                "and table_name = 'line_items'"
            ).fetchall()
        )
        assert types["amount_yuan"] == "DECIMAL(18,2)" and types["item_code"] == "VARCHAR"


def test_dbt_builds_without_seeds_on_loaded_tables(project_root, tmp_path):
    """`dbt build --exclude-resource-type seed` reads the loaded tables through ref(): the staging views work."""
    db = tmp_path / "loaded.duckdb"
    load_seeds(db, project_root / "seeds" / "extracted", project_root / "seeds" / "reference")
    result = _dbt(
        project_root,
        tmp_path,
        db,
        "build",
        "--exclude-resource-type",
        "seed",
        "--select",
        "staging",
        "--indirect-selection",
        "cautious",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from staging.stg_extracted__indicators").fetchone()[0] == 776


def _project_copy(project_root: Path, tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(project_root / "seeds", root / "seeds")
    return root


def test_an_untyped_column_is_refused(project_root, tmp_path):
    root = _project_copy(project_root, tmp_path)
    yml = root / "seeds" / "_extracted__seeds.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("        line_count: integer\n", "", 1), encoding="utf-8")
    with pytest.raises(LoadError, match=r"documents\.csv: column\(s\) line_count have no type"):
        load_seeds(tmp_path / "w.duckdb", root / "seeds" / "extracted", root / "seeds" / "reference", project_root=root)


def test_a_bad_csv_leaves_every_table_as_it_was(project_root, tmp_path):
    root = _project_copy(project_root, tmp_path)
    db = tmp_path / "w.duckdb"
    load_seeds(db, root / "seeds" / "extracted", root / "seeds" / "reference", project_root=root)
    evaluations = root / "seeds" / "extracted" / "evaluations.csv"
    lines = evaluations.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    bad = lines[1].split(",")
    bad[header.index("source_line")] = "ten"
    evaluations.write_text(lines[0] + ",".join(bad) + "".join(lines[2:]), encoding="utf-8")
    (root / "seeds" / "extracted" / "documents.csv").write_text(
        (project_root / "seeds" / "extracted" / "documents.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="evaluations.csv"):
        load_seeds(db, root / "seeds" / "extracted", root / "seeds" / "reference", project_root=root)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from raw.documents").fetchone()[0] == 10
        assert con.execute("select count(*) from raw.evaluations").fetchone()[0] == 8
