"""`budgetwh export` on the command line: exit codes, replacing a previous package, and a foreign key the data breaks
(left out with a note, so the package still validates)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import frictionless
import pytest

from budgetwh.cli import main
from budgetwh.export import write_package


def test_writes_and_replaces_a_package(warehouse: Path, tmp_path: Path, capsys):
    out = tmp_path / "fdp"
    assert main(["export", "--format", "fdp", "--db", str(warehouse), str(out)]) == 0
    (out / "data" / "stale.csv").write_text("x\n", encoding="utf-8")
    assert main(["export", "--format", "fdp", "--db", str(warehouse), str(out)]) == 0
    assert not (out / "data" / "stale.csv").exists()  # replaced whole
    assert frictionless.validate(str(out / "datapackage.json")).valid
    assert "datapackage.json (" in capsys.readouterr().out


def test_bad_arguments_exit_2(warehouse: Path, tmp_path: Path, capsys):
    out = tmp_path / "fdp"
    assert main(["export", "--format", "fdp", "--db", str(tmp_path / "missing.duckdb"), str(out)]) == 2
    assert "no warehouse at" in capsys.readouterr().err
    assert not out.exists()
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine\n", encoding="utf-8")
    assert main(["export", "--format", "fdp", "--db", str(warehouse), str(foreign)]) == 2
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine\n"
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert main(["export", "--format", "fdp", "--db", str(empty), str(out)]) == 2
    assert "no marts" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "xlsx", str(out)])
    assert exc.value.code == 2


def test_a_broken_foreign_key_is_left_out(warehouse: Path, tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy2(warehouse, db)
    con = duckdb.connect(str(db))
    con.execute(
        "update marts.dim_projects set agency_id = 'no_such_agency'"
        " where project_id = (select min(project_id) from marts.dim_projects)"
    )
    con.close()
    summary = write_package(db, tmp_path / "fdp")
    assert summary.notes == ["dim_projects.agency_id: 1 value(s) not in dim_agencies; no foreign key"]
    descriptor = json.loads((summary.out_dir / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    keys = {fk["fields"] for fk in schemas["dim_projects"]["foreignKeys"]}
    assert "agency_id" not in keys and "document_id" in keys
    assert frictionless.validate(str(summary.out_dir / "datapackage.json")).valid


def test_the_pages_build_puts_the_package_in_the_site_static_folder(warehouse: Path, tmp_path: Path):
    """Evidence serves the work copy's static/ from the site root, so the download is <site>/fiscal-data-package/."""
    from budgetwh import pages

    pages.write_download(warehouse, tmp_path)
    descriptor = tmp_path / "static" / pages.DOWNLOAD_DIR / "datapackage.json"
    assert frictionless.validate(str(descriptor)).valid
    with pytest.raises(pages.PagesError, match="fiscal data package: no warehouse at"):
        pages.write_download(tmp_path / "missing.duckdb", tmp_path / "other")


def test_phase_columns_and_new_money_columns(warehouse: Path, tmp_path: Path):
    """Contract 2's budget_phase maps onto FDP phases (one phase set only when all amounts share it), and a money
    column or mart added later is still exported as a measure and a keyed resource."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copy2(warehouse, db)
    con = duckdb.connect(str(db))
    con.execute("alter table marts.fct_budget_vs_execution add column if not exists budget_phase varchar")
    con.execute("update marts.fct_budget_vs_execution set budget_phase = 'adjusted_budget'")
    con.execute("create table marts.fct_transfers (transfer_id varchar, paid_yuan decimal(18,2))")
    con.execute("insert into marts.fct_transfers values ('t1', 12.50), ('t2', -2.25)")
    con.close()

    def model() -> dict:
        summary = write_package(db, tmp_path / "fdp")
        assert frictionless.validate(str(summary.out_dir / "datapackage.json")).valid
        descriptor = json.loads((summary.out_dir / "datapackage.json").read_text(encoding="utf-8"))
        schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
        assert schemas["fct_transfers"]["primaryKey"] == ["transfer_id"]
        return descriptor["model"]

    measures = model()["measures"]
    assert measures["budget"]["phase"] == "adjusted"
    assert measures["budget"]["phaseField"] == "budget_phase"
    assert measures["fct_transfers.paid_yuan"] == {
        "source": "paid_yuan",
        "resource": "fct_transfers",
        "currency": "CNY",
        "factor": 1,
    }
    con = duckdb.connect(str(db))
    con.execute(
        "update marts.fct_budget_vs_execution set budget_phase = 'budget'"
        " where line_id = (select min(line_id) from marts.fct_budget_vs_execution where budget_yuan is not null)"
    )
    con.close()
    budget = model()["measures"]["budget"]
    assert "phase" not in budget and budget["phaseMap"] == {"budget": "approved", "adjusted_budget": "adjusted"}
