"""The project's dbt conventions, checked on dbt's manifest.json: the rules of dbt-project-evaluator that fit a
project without packages (the package itself cannot be installed here), plus the layout of DEVELOPERS.md.

Rules (names as in dbt-project-evaluator where one exists):
- model_naming_conventions / model_directories: staging → stg_<source>__<entity>, intermediate → int_<entity>_<verb>ed,
  marts → fct_/dim_, reporting (what the pages read) → rpt_<page entity>; no model outside these four folders.
- staging_dependent_on_staging / staging_dependent_on_marts_or_intermediate: staging reads seeds only.
- staging_renames_and_casts (DEVELOPERS.md): staging models do not join, aggregate, union, de-duplicate or window.
- staging_one_seed (multiple_sources_joined, source_fanout, unused_sources): each staging model reads exactly one
  seed, and each seed is read by exactly one model, a staging one.
- marts_or_intermediate_dependent_on_source: intermediate and marts never read a seed.
- root_models: every model reads something.
- hard_coded_references: models name relations through ref(), never schema.table.
- too_many_joins: no model with more than 7 joins (join clauses of its compiled SQL).
- undocumented_models / documentation_coverage: every model and every column it has (in the built warehouse) is
  described, and no documented column is stale.
- missing_primary_key_tests: unique + not_null on one column, a unique-combination test, or an enforced
  primary_key constraint.
- resource_yml_naming_conventions: each folder's models are described in exactly one _<folder>__models.yml.
- public_models_without_contract: marts are tables with an enforced contract; staging models are views.
Exceptions live in exceptions.yml, one reviewed reason each."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import duckdb
import pytest
import yaml

EXCEPTIONS_FILE = Path(__file__).with_name("exceptions.yml")
LAYERS = ("staging", "intermediate", "marts", "reporting")
MAX_JOINS = 7
NAME_PATTERNS = {
    "staging": re.compile(r"^stg_[a-z0-9]+(?:_[a-z0-9]+)*__[a-z0-9]+(?:_[a-z0-9]+)*$"),
    "intermediate": re.compile(r"^int_[a-z0-9]+(?:_[a-z0-9]+)*_[a-z0-9]+ed$"),
    "marts": re.compile(r"^(?:fct|dim)_[a-z0-9]+(?:_[a-z0-9]+)*$"),
    "reporting": re.compile(r"^rpt_[a-z0-9]+(?:_[a-z0-9]+)*$"),
}
NAME_FORMS = {
    "staging": "stg_<source>__<entity>s",
    "intermediate": "int_<entity>s_<verb>ed",
    "marts": "fct_<name> or dim_<name>",
    "reporting": "rpt_<page entity>",
}
PK_COMBINATION_TESTS = re.compile(r"unique_combination|unique_key|primary_key")


@dataclass(frozen=True, order=True)
class Violation:
    rule: str
    node: str
    message: str


# --- manifest helpers --------------------------------------------------------------------------------------------


def project_models(manifest: dict) -> dict[str, dict]:
    name = next(iter({n["package_name"] for n in manifest["nodes"].values() if n["resource_type"] == "model"}), None)
    return {
        uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] == "model" and n["package_name"] == name
    }


def layer(node: dict) -> str | None:
    parts = PurePosixPath(node["original_file_path"]).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" and parts[1] in LAYERS else None


def parents(node: dict) -> list[str]:
    return list(dict.fromkeys(node["depends_on"]["nodes"]))


def kind(uid: str) -> str:
    return uid.split(".", 1)[0]


def strip_sql_comments(sql: str) -> str:
    sql = re.sub(r"/\*.*?\*/", " ", sql, flags=re.S)
    sql = re.sub(r"--[^\n]*", " ", sql)
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def strip_jinja(sql: str) -> str:
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", sql, flags=re.S)


def attached_tests(manifest: dict, uid: str) -> list[dict]:
    return [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "test" and (n.get("attached_node") == uid or uid in n["depends_on"]["nodes"])
    ]


# --- rules ---------------------------------------------------------------------------------------------------------


def rule_naming(manifest: dict, _con) -> list[Violation]:
    out = []
    for uid, n in project_models(manifest).items():
        where = layer(n)
        if where is None:
            out.append(
                Violation(
                    "model_directories", uid, f"{n['original_file_path']} is outside models/{{{','.join(LAYERS)}}}"
                )
            )
        elif not NAME_PATTERNS[where].match(n["name"]):
            out.append(
                Violation("model_naming_conventions", uid, f"{n['name']} in {where}/ should be {NAME_FORMS[where]}")
            )
    return out


def rule_staging_reads_seeds_only(manifest: dict, _con) -> list[Violation]:
    out = []
    all_models = project_models(manifest)
    for uid, n in all_models.items():
        if layer(n) != "staging":
            continue
        model_parents = [p for p in parents(n) if kind(p) == "model"]
        seed_parents = [p for p in parents(n) if kind(p) in ("seed", "source")]
        for p in model_parents:
            rule = (
                "staging_dependent_on_staging"
                if layer(all_models.get(p, {"original_file_path": ""})) == "staging"
                else "staging_dependent_on_marts_or_intermediate"
            )
            out.append(Violation(rule, uid, f"reads {p}"))
        if len(seed_parents) != 1:
            out.append(
                Violation(
                    "staging_one_seed",
                    uid,
                    f"reads {len(seed_parents)} seeds ({', '.join(seed_parents) or 'none'}); staging is 1:1 with one",
                )
            )
    return out


_NOT_RENAMING = re.compile(r"\b(join|group\s+by|union|intersect|except|distinct|over\s*\()", re.I)


def rule_staging_renames_and_casts(manifest: dict, _con) -> list[Violation]:
    """Staging is renaming and casting only (DEVELOPERS.md, dbt's structure guide): no joins, aggregation, set
    operations, de-duplication or window functions; those belong in intermediate models."""
    out = []
    for uid, n in project_models(manifest).items():
        if layer(n) != "staging":
            continue
        code = strip_sql_comments(n.get("compiled_code") or n.get("raw_code") or "")
        found = sorted({m.group(1).lower().split()[0].rstrip("(") for m in _NOT_RENAMING.finditer(code)})
        if found:
            out.append(Violation("staging_renames_and_casts", uid, f"staging model uses {', '.join(found)}"))
    return out


def rule_seed_fanout(manifest: dict, _con) -> list[Violation]:
    readers: dict[str, list[str]] = defaultdict(list)
    for uid, n in project_models(manifest).items():
        for p in parents(n):
            if kind(p) in ("seed", "source"):
                readers[p].append(uid)
    out = []
    for uid, n in manifest["nodes"].items():
        if n["resource_type"] != "seed":
            continue
        r = readers.get(uid, [])
        if not r:
            out.append(Violation("unused_sources", uid, "no model reads this seed"))
        elif len(r) > 1:
            out.append(Violation("source_fanout", uid, f"read by {len(r)} models: {', '.join(sorted(r))}"))
    return out


def rule_downstream_reads_no_seed(manifest: dict, _con) -> list[Violation]:
    return [
        Violation("marts_or_intermediate_dependent_on_source", uid, f"{layer(n)} model reads {p} directly")
        for uid, n in project_models(manifest).items()
        if layer(n) in ("intermediate", "marts", "reporting")
        for p in parents(n)
        if kind(p) in ("seed", "source")
    ]


def rule_root_models(manifest: dict, _con) -> list[Violation]:
    return [
        Violation("root_models", uid, "reads no model or seed")
        for uid, n in project_models(manifest).items()
        if not parents(n)
    ]


_HARD_CODED = re.compile(
    r"\b(?:from|join)\s+\"?(raw|staging|intermediate|marts|reporting|main)\"?\s*\.\s*\"?[a-z_][a-z0-9_]*", re.I
)


def rule_hard_coded_references(manifest: dict, _con) -> list[Violation]:
    out = []
    for uid, n in project_models(manifest).items():
        code = strip_jinja(strip_sql_comments(n.get("raw_code") or ""))
        for m in _HARD_CODED.finditer(code):
            out.append(
                Violation("hard_coded_references", uid, f"names a relation directly: {m.group(0).split(None, 1)[1]}")
            )
    return out


def rule_too_many_joins(manifest: dict, _con) -> list[Violation]:
    out = []
    for uid, n in project_models(manifest).items():
        compiled = n.get("compiled_code")
        if compiled is None:
            out.append(Violation("too_many_joins", uid, "no compiled_code in the manifest (was the model built?)"))
            continue
        joins = len(re.findall(r"\bjoin\b", strip_sql_comments(compiled), re.I))
        if joins > MAX_JOINS:
            out.append(
                Violation("too_many_joins", uid, f"{joins} joins over {len(parents(n))} parents (limit {MAX_JOINS})")
            )
    return out


def _relation_columns(con: duckdb.DuckDBPyConnection, node: dict) -> list[str] | None:
    rows = con.execute(
        "select column_name from information_schema.columns"
        " where table_schema = ? and table_name = ? order by ordinal_position",
        [node["schema"], node.get("alias") or node["name"]],
    ).fetchall()
    return [r[0] for r in rows] or None


def rule_documented(manifest: dict, con) -> list[Violation]:
    out = []
    for uid, n in project_models(manifest).items():
        if not (n.get("description") or "").strip():
            out.append(Violation("undocumented_models", uid, "model has no description"))
        documented = {name: (c.get("description") or "").strip() for name, c in n.get("columns", {}).items()}
        actual = _relation_columns(con, n) if n["config"].get("materialized") != "ephemeral" else None
        if actual is None and n["config"].get("materialized") != "ephemeral":
            out.append(Violation("documentation_coverage", uid, "relation not found in the built warehouse"))
            continue
        for col in actual or documented:
            if not documented.get(col):
                out.append(Violation("documentation_coverage", uid, f"column {col} is not described"))
        for col in sorted(set(documented) - set(actual or documented)):
            out.append(
                Violation("documentation_coverage", uid, f"documents column {col}, which the model does not have")
            )
    return out


def _has_primary_key_test(manifest: dict, uid: str, node: dict) -> bool:
    by_column: dict[str, set[str]] = defaultdict(set)
    for t in attached_tests(manifest, uid):
        meta = t.get("test_metadata") or {}
        name = meta.get("name", "")
        if PK_COMBINATION_TESTS.search(name):
            return True
        column = t.get("column_name") or (meta.get("kwargs") or {}).get("column_name")
        if column:
            by_column[column].add(name)
    if any({"unique", "not_null"} <= names for names in by_column.values()):
        return True
    enforced = (node["config"].get("contract") or {}).get("enforced")
    constraints = list(node.get("constraints") or []) + [
        c for col in node.get("columns", {}).values() for c in col.get("constraints") or []
    ]
    return bool(enforced) and any(c.get("type") == "primary_key" for c in constraints)


def rule_primary_key_tested(manifest: dict, _con) -> list[Violation]:
    return [
        Violation(
            "missing_primary_key_tests",
            uid,
            "no unique + not_null column, unique-combination test or primary_key constraint",
        )
        for uid, n in project_models(manifest).items()
        if not _has_primary_key_test(manifest, uid, n)
    ]


def rule_yml_per_folder(manifest: dict, _con) -> list[Violation]:
    out = []
    for uid, n in project_models(manifest).items():
        folder = PurePosixPath(n["original_file_path"]).parent
        expected = folder / f"_{folder.name}__models.yml"
        patch = (n.get("patch_path") or "").split("://", 1)[-1]
        if not patch:
            out.append(
                Violation("resource_yml_naming_conventions", uid, f"not described in any yml (expected {expected})")
            )
            continue
        if PurePosixPath(patch) != expected:
            out.append(Violation("resource_yml_naming_conventions", uid, f"described in {patch}, expected {expected}"))
    return out


def rule_materialisation_and_contracts(manifest: dict, _con) -> list[Violation]:
    out = []
    for uid, n in project_models(manifest).items():
        where, cfg = layer(n), n["config"]
        if where == "marts":
            if not (cfg.get("contract") or {}).get("enforced"):
                out.append(Violation("public_models_without_contract", uid, "mart without an enforced contract"))
            # analysts query marts all day: they must be stored tables (incremental ones grow by document)
            if cfg.get("materialized") not in ("table", "incremental"):
                out.append(
                    Violation("mart_materialisation", uid, f"mart materialized as {cfg.get('materialized')}, not table")
                )
        if where == "staging" and cfg.get("materialized") != "view":
            out.append(
                Violation(
                    "staging_materialisation", uid, f"staging model materialized as {cfg.get('materialized')}, not view"
                )
            )
    return out


RULES = {
    "naming": rule_naming,
    "staging_reads_seeds_only": rule_staging_reads_seeds_only,
    "staging_renames_and_casts": rule_staging_renames_and_casts,
    "seed_fanout": rule_seed_fanout,
    "downstream_reads_no_seed": rule_downstream_reads_no_seed,
    "root_models": rule_root_models,
    "hard_coded_references": rule_hard_coded_references,
    "too_many_joins": rule_too_many_joins,
    "documented": rule_documented,
    "primary_key_tested": rule_primary_key_tested,
    "yml_per_folder": rule_yml_per_folder,
    "materialisation_and_contracts": rule_materialisation_and_contracts,
}


def load_exceptions() -> dict[tuple[str, str], str]:
    entries = (yaml.safe_load(EXCEPTIONS_FILE.read_text(encoding="utf-8")) or {}).get("exceptions") or []
    out = {}
    for e in entries:
        assert set(e) == {"rule", "node", "reason"}, f"exception needs rule, node and reason: {e}"
        assert str(e["reason"]).strip(), f"exception without a reason: {e}"
        out[(e["rule"], e["node"])] = e["reason"]
    return out


@pytest.fixture(scope="module")
def con(built):
    connection = duckdb.connect(str(built.db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def all_violations(manifest, con) -> list[Violation]:
    return sorted(v for rule in RULES.values() for v in rule(manifest, con))


def test_the_manifest_has_models_in_every_layer(manifest):
    layers = {layer(n) for n in project_models(manifest).values()}
    assert set(LAYERS) <= layers


@pytest.mark.parametrize("rule", sorted(RULES))
def test_convention(rule, manifest, con):
    allowed = load_exceptions()
    found = [v for v in RULES[rule](manifest, con) if (v.rule, v.node) not in allowed]
    assert not found, "\n".join(f"{v.rule}: {v.node}: {v.message}" for v in found)


def test_every_exception_is_still_needed(all_violations):
    live = {(v.rule, v.node) for v in all_violations}
    stale = [key for key in load_exceptions() if key not in live]
    assert not stale, f"exceptions.yml lists exceptions that no longer apply: {stale}"
