"""Each convention rule flags what it should, on a small hand-made manifest: the rules are proven able to fail
before they are trusted to pass on the real project."""

from __future__ import annotations

import duckdb
import pytest
from test_conventions import RULES


def model(name: str, folder: str, parents: list[str], *, columns: dict | None = None, **extra) -> dict:
    node = {
        "resource_type": "model",
        "package_name": "demo",
        "name": name,
        "schema": folder,
        "alias": name,
        "original_file_path": f"models/{folder}/{name}.sql",
        "patch_path": f"demo://models/{folder}/_{folder}__models.yml",
        "description": f"{name} described",
        "columns": columns if columns is not None else {"id": {"description": "the key"}},
        "config": {"materialized": {"staging": "view", "marts": "table"}.get(folder, "view"), "contract": {}},
        "depends_on": {"nodes": parents},
        "raw_code": "select * from {{ ref('x') }}",
        "compiled_code": "select 1 as id",
        "constraints": [],
    }
    if folder == "marts":
        node["config"]["contract"] = {"enforced": True}
    node.update(extra)
    return node


def pk_tests(*uids: str) -> dict:
    out = {}
    for uid in uids:
        for test in ("unique", "not_null"):
            out[f"test.demo.{test}_{uid}"] = {
                "resource_type": "test",
                "package_name": "demo",
                "attached_node": uid,
                "column_name": "id",
                "test_metadata": {"name": test, "kwargs": {"column_name": "id"}},
                "depends_on": {"nodes": [uid]},
            }
    return out


def seed(name: str) -> dict:
    return {"resource_type": "seed", "package_name": "demo", "name": name, "depends_on": {"nodes": []}}


GOOD = {
    "seed.demo.projects": seed("projects"),
    "model.demo.stg_extracted__projects": model("stg_extracted__projects", "staging", ["seed.demo.projects"]),
    "model.demo.int_projects_joined": model(
        "int_projects_joined", "intermediate", ["model.demo.stg_extracted__projects"]
    ),
    "model.demo.dim_projects": model("dim_projects", "marts", ["model.demo.int_projects_joined"]),
}


def manifest(nodes: dict) -> dict:
    uids = [u for u, n in nodes.items() if n["resource_type"] == "model"]
    return {"metadata": {}, "nodes": {**nodes, **pk_tests(*uids)}}


@pytest.fixture
def con():
    c = duckdb.connect()
    for folder in ("staging", "intermediate", "marts"):
        c.execute(f"create schema {folder}")
    for name in ("stg_extracted__projects", "int_projects_joined", "dim_projects", "stg_bad", "fct_x"):
        folder = {"stg": "staging", "int": "intermediate"}.get(name.split("_")[0], "marts")
        c.execute(f"create table {folder}.{name} (id integer)")
    yield c
    c.close()


def violations(nodes: dict, con) -> set[tuple[str, str]]:
    m = manifest(nodes)
    return {(v.rule, v.node) for rule in RULES.values() for v in rule(m, con)}


def test_a_project_following_the_conventions_has_no_violation(con):
    assert violations(GOOD, con) == set()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"model.demo.stg_bad": model("stg_bad", "staging", ["model.demo.stg_extracted__projects"])},
            {
                ("model_naming_conventions", "model.demo.stg_bad"),
                ("staging_dependent_on_staging", "model.demo.stg_bad"),
                ("staging_one_seed", "model.demo.stg_bad"),
            },
        ),
        (
            {"model.demo.fct_x": model("fct_x", "marts", ["seed.demo.projects", "model.demo.int_projects_joined"])},
            {
                ("marts_or_intermediate_dependent_on_source", "model.demo.fct_x"),
                ("source_fanout", "seed.demo.projects"),
            },
        ),
        ({"seed.demo.unused": seed("unused")}, {("unused_sources", "seed.demo.unused")}),
        (
            {
                "model.demo.stg_extracted__projects": model(
                    "stg_extracted__projects",
                    "staging",
                    ["seed.demo.projects"],
                    compiled_code="select distinct id, row_number() over (order by id) from p group by id",
                )
            },
            {("staging_renames_and_casts", "model.demo.stg_extracted__projects")},
        ),
        (
            {
                "model.demo.dim_projects": model(
                    "dim_projects",
                    "marts",
                    ["model.demo.int_projects_joined"],
                    compiled_code="select 1 from a" + " left join b on true" * 8,
                )
            },
            {("too_many_joins", "model.demo.dim_projects")},
        ),
        (
            {
                "model.demo.dim_projects": model(
                    "dim_projects",
                    "marts",
                    ["model.demo.int_projects_joined"],
                    raw_code="select * from marts.fct_budget",
                )
            },
            {("hard_coded_references", "model.demo.dim_projects")},
        ),
        (
            {
                "model.demo.dim_projects": model(
                    "dim_projects",
                    "marts",
                    ["model.demo.int_projects_joined"],
                    description="",
                    columns={"id": {"description": ""}, "gone": {}},
                )
            },
            {("undocumented_models", "model.demo.dim_projects"), ("documentation_coverage", "model.demo.dim_projects")},
        ),
        (
            {
                "model.demo.dim_projects": model(
                    "dim_projects",
                    "marts",
                    ["model.demo.int_projects_joined"],
                    patch_path="demo://models/marts/schema.yml",
                    config={"materialized": "view", "contract": {}},
                )
            },
            {
                ("resource_yml_naming_conventions", "model.demo.dim_projects"),
                ("public_models_without_contract", "model.demo.dim_projects"),
                ("mart_materialisation", "model.demo.dim_projects"),
            },
        ),
        (
            {"model.demo.int_projects": model("int_projects", "intermediate", [])},
            {
                ("model_naming_conventions", "model.demo.int_projects"),
                ("root_models", "model.demo.int_projects"),
                ("documentation_coverage", "model.demo.int_projects"),
            },
        ),
    ],
    ids=[
        "staging-reads-staging",
        "mart-reads-seed",
        "unused-seed",
        "staging-aggregates",
        "joins",
        "hard-coded",
        "undocumented",
        "yml-and-contract",
        "root-and-name",
    ],
)
def test_each_rule_bites(change, expected, con):
    assert violations({**GOOD, **change}, con) == expected


def test_a_model_without_primary_key_test_is_flagged(con):
    m = manifest(GOOD)
    m["nodes"] = {u: n for u, n in m["nodes"].items() if not u.startswith("test.demo.unique_model.demo.dim")}
    found = {(v.rule, v.node) for v in RULES["primary_key_tested"](m, con)}
    assert found == {("missing_primary_key_tests", "model.demo.dim_projects")}
