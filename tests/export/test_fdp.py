"""`budgetwh export --format fdp`: the package written from a real warehouse validates with frictionless, holds every
mart row and every yuan, and its fiscal model names the measures and dimensions the marts provide."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest

from budgetwh.export.model import NOT_MEASURES


@pytest.fixture(scope="module")
def descriptor(descriptor_path: Path) -> dict:
    return json.loads(descriptor_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package(descriptor_path: Path) -> frictionless.Package:
    return frictionless.Package(str(descriptor_path))


def errors_of(report: frictionless.Report) -> list:
    return report.flatten(["resourceName", "rowNumber", "type", "note"])


def test_package_validates(descriptor_path: Path, mart_sql):
    report = frictionless.validate(str(descriptor_path))
    assert report.valid, errors_of(report)[:20]
    (marts,) = mart_sql("select count(*) from duckdb_tables() where schema_name = 'marts'")[0]
    assert report.stats["tasks"] == marts >= 11  # one per mart


def test_every_mart_is_a_resource_with_its_row_count(package, mart_sql):
    marts = {name for (name,) in mart_sql("select table_name from duckdb_tables() where schema_name = 'marts'")}
    assert {r.name for r in package.resources} == marts
    for resource in package.resources:
        (expected,) = mart_sql(f"select count(*) from marts.{resource.name}")[0]
        assert len(resource.read_rows()) == expected, resource.name
    assert len(package.get_resource("fct_indicators").read_rows()) > 0


def test_money_sums_equal_the_marts(descriptor, package, mart_sql):
    measures = descriptor["model"]["measures"]
    for name, measure in measures.items():
        rows = package.get_resource(measure["resource"]).read_rows()
        exported = sum((r[measure["source"]] for r in rows if r[measure["source"]] is not None), Decimal(0))
        (in_mart,) = mart_sql(f"select coalesce(sum({measure['source']}), 0) from marts.{measure['resource']}")[0]
        assert exported == in_mart, name
    assert {"budget", "execution", "annual_funds"} <= set(measures)
    budget = package.get_resource("fct_budget_vs_execution").read_rows()
    assert sum(r["budget_yuan"] or 0 for r in budget) > 0


def test_columns_are_typed_from_duckdb(package):
    fields = {f.name: f.type for f in package.get_resource("dim_projects").schema.fields}
    assert fields["total_funds_yuan"] == "number"
    assert fields["fiscal_year"] == "integer"
    assert fields["start_date"] == "date"
    assert fields["project_name"] == "string"
    documents = {f.name: f.type for f in package.get_resource("dim_documents").schema.fields}
    assert documents["published_on"] == "date"
    flags = {f.name: f.type for f in package.get_resource("fct_yoy_changes").schema.fields}
    assert flags["prior_amount_is_derived"] == "boolean"


def test_keys_between_marts(descriptor):
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["dim_projects"]["primaryKey"] == ["project_id"]
    assert schemas["fct_project_scores"]["primaryKey"] == ["project_id", "score_kind"]
    references = {
        (name, fk["fields"]): fk["reference"]["resource"]
        for name, schema in schemas.items()
        for fk in schema.get("foreignKeys", [])
    }
    assert references[("dim_projects", "agency_id")] == "dim_agencies"
    assert references[("fct_indicators", "project_id")] == "dim_projects"
    assert references[("fct_budget_vs_execution", "project_id")] == "dim_projects"  # null on functional lines
    assert references[("dim_agencies", "district_id")] == "dim_districts"


def phases_in_mart(mart_sql, mart: str, amount: str, phase_column: str, mapping: dict[str, str]) -> set[str]:
    """The FDP phases of a measure's amounts, read from the mart's own phase column."""
    found = mart_sql(f"select distinct {phase_column} from marts.{mart} where {amount} is not null")
    return {mapping[value] for (value,) in found}


def test_fiscal_model_names_measures_and_dimensions(descriptor, mart_sql):
    model = descriptor["model"]
    measures = model["measures"]
    assert {"budget", "execution", "prior_year_execution", "annual_funds", "yoy_amount"} <= set(measures)
    assert all(m["currency"] == "CNY" and m["factor"] == 1 for m in measures.values())
    assert measures["execution"]["phase"] == "executed"
    assert measures["execution"]["phaseMap"] == {"final_account": "executed", "estimated_execution": "executed"}
    assert measures["annual_funds"]["phase"] == "proposed"
    budget = measures["budget"]
    if "phaseField" in budget:  # contract 2's budget_phase; a warehouse built before it has budgets only
        phases = phases_in_mart(mart_sql, "fct_budget_vs_execution", "budget_yuan", "budget_phase", budget["phaseMap"])
        assert budget.get("phase") == (phases.pop() if len(phases) == 1 else None)
    else:
        assert budget["phase"] == "approved"
    prior = measures["yoy_prior_amount"]
    assert prior["phaseMap"] == {"prior_budget": "approved", "prior_execution": "executed"}
    phases = phases_in_mart(mart_sql, "fct_yoy_changes", "prior_amount_yuan", "basis", prior["phaseMap"])
    assert phases and prior.get("phase") == (phases.pop() if len(phases) == 1 else None)
    dims = model["dimensions"]
    functional = dims["functional_classification"]
    assert functional["classificationType"] == "functional"
    assert functional["primaryKey"] == ["class_code", "kind_code", "item_code"]
    assert functional["attributes"]["item_code"]["parent"] == "kind_code"
    admin = dims["administrative_classification"]
    assert (admin["classificationType"], admin["attributes"]["agency_id"]["resource"]) == (
        "administrative",
        "dim_agencies",
    )
    assert dims["fiscal_period"]["dimensionType"] == "datetime"
    assert dims["district"]["attributes"]["district_id"]["resource"] == "dim_districts"
    assert "fct_budget_vs_execution" in admin["alsoIn"]


def test_every_money_column_is_a_measure(descriptor):
    sources = {(m["resource"], m["source"]) for m in descriptor["model"]["measures"].values()}
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"].endswith("_yuan") and field["type"] == "number":
                key = (resource["name"], field["name"])
                assert key in sources or key in NOT_MEASURES, key
    assert len(sources) >= 12  # the twelve money columns of contract 2


def test_package_metadata(descriptor, mart_sql):
    assert descriptor["created"] == "2026-01-02T03:04:05Z"
    assert descriptor["licenses"][0]["name"] == "Apache-2.0"
    assert descriptor["profile"] == "tabular-data-package"
    documents = mart_sql("select file_name, source_url from marts.dim_documents order by file_name")
    assert [s["title"].rsplit(" (", 1)[1] for s in descriptor["sources"]] == [f"{name})" for name, _ in documents]
    assert [s.get("path") for s in descriptor["sources"]] == [url for _, url in documents]
    first, last = mart_sql("select min(fiscal_year), max(fiscal_year) from marts.dim_documents")[0]
    assert descriptor["fiscalPeriod"] == {"start": f"{first}-01-01", "end": f"{last}-12-31"}


def test_a_changed_byte_fails_validation(exported, tmp_path):
    import shutil

    copy = tmp_path / "package"
    shutil.copytree(exported.out_dir, copy)
    csv = copy / "data" / "dim_districts.csv"
    csv.write_bytes(csv.read_bytes().replace(b"minhang", b"minhanG", 1))
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert {"hash-count"} <= {t for (t,) in report.flatten(["type"])}
