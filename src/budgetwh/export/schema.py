"""Table Schemas for the marts: field types from the DuckDB column types, and the primary and foreign keys that hold
in the warehouse being exported (a key the data breaks is left out, so the package always validates)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

SCHEMA = "marts"

# The grain of each contract mart (design/marts.md). Marts not listed here get their first column as key when it is
# an `_id` column that is unique and never null.
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "dim_districts": ("district_id",),
    "dim_agencies": ("agency_id",),
    "dim_documents": ("document_id",),
    "dim_projects": ("project_id",),
    "fct_indicators": ("indicator_id",),
    "fct_budget_vs_execution": ("line_id",),
    "fct_yoy_changes": ("yoy_id",),
    "fct_project_scores": ("project_id", "score_kind"),
    "fct_score_distribution": ("district_id", "fiscal_year", "score_kind", "band"),
    "fct_score_summary": ("district_id", "fiscal_year", "score_kind"),
    "fct_consistency_checks": ("check_id",),
}

INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
NUMBER_TYPES = {"FLOAT", "DOUBLE", "REAL"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


@dataclass(frozen=True)
class Column:
    name: str
    duckdb_type: str

    @property
    def table_type(self) -> str:
        t = self.duckdb_type.upper()
        if t in INTEGER_TYPES:
            return "integer"
        if t in NUMBER_TYPES or t.startswith("DECIMAL"):
            return "number"
        if t == "BOOLEAN":
            return "boolean"
        if t == "DATE":
            return "date"
        if t.startswith("TIMESTAMP"):
            return "datetime"
        return "string"  # VARCHAR, and anything else written as its text (ENUM, UUID, lists, ...)

    def select_expr(self) -> str:
        """How the column is written to CSV so that its cells parse as `table_type`."""
        quoted = quote_ident(self.name)
        t = self.duckdb_type.upper()
        if t.startswith("TIMESTAMP"):
            value = f"timezone('UTC', {quoted})" if "TIME ZONE" in t else quoted
            return f"strftime({value}, '{DATETIME_FORMAT}') as {quoted}"
        if self.table_type == "string" and t != "VARCHAR":
            return f"cast({quoted} as varchar) as {quoted}"
        return quoted


@dataclass
class Mart:
    name: str
    columns: list[Column]
    description: str = ""
    row_count: int = 0
    primary_key: tuple[str, ...] = ()
    foreign_keys: list[dict] = field(default_factory=list)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_ref(name: str) -> str:
    return f"{SCHEMA}.{quote_ident(name)}"


def read_marts(con: duckdb.DuckDBPyConnection) -> list[Mart]:
    """Every table of the marts schema, columns in their table order."""
    tables = con.execute(
        "select table_name from duckdb_tables() where schema_name = ? order by table_name", [SCHEMA]
    ).fetchall()
    marts = []
    for (name,) in tables:
        cols = con.execute(
            "select column_name, data_type from duckdb_columns() where schema_name = ? and table_name = ?"
            " order by column_index",
            [SCHEMA, name],
        ).fetchall()
        mart = Mart(name, [Column(c, t) for c, t in cols])
        mart.row_count = con.execute(f"select count(*) from {table_ref(name)}").fetchone()[0]
        marts.append(mart)
    return marts


def key_holds(con: duckdb.DuckDBPyConnection, mart: str, columns: tuple[str, ...]) -> bool:
    cols = ", ".join(quote_ident(c) for c in columns)
    nulls = " or ".join(f"{quote_ident(c)} is null" for c in columns)
    bad = con.execute(
        f"select (select count(*) from {table_ref(mart)} where {nulls})"
        f" + (select count(*) from (select 1 from {table_ref(mart)} group by {cols} having count(*) > 1))"
    ).fetchone()[0]
    return bad == 0


def choose_primary_key(con: duckdb.DuckDBPyConnection, mart: Mart) -> tuple[str, ...]:
    wanted = KNOWN_KEYS.get(mart.name)
    if wanted is None or not set(wanted) <= set(mart.column_names):
        first = mart.column_names[0] if mart.columns else ""
        wanted = (first,) if first.endswith("_id") else None
    if wanted and key_holds(con, mart.name, wanted):
        return wanted
    return ()


def reference_targets(marts: list[Mart]) -> dict[str, Mart]:
    """Column name → the dimension whose single-column primary key it names (`agency_id` → dim_agencies)."""
    return {m.primary_key[0]: m for m in marts if m.name.startswith("dim_") and len(m.primary_key) == 1}


def orphans(con: duckdb.DuckDBPyConnection, mart: str, column: str, target: Mart) -> int:
    pk = quote_ident(target.primary_key[0])
    col = quote_ident(column)
    return con.execute(
        f"select count(*) from {table_ref(mart)} t where t.{col} is not null"
        f" and not exists (select 1 from {table_ref(target.name)} r where r.{pk} = t.{col})"
    ).fetchone()[0]


def add_keys(con: duckdb.DuckDBPyConnection, marts: list[Mart]) -> list[str]:
    """Set each mart's primary key and the foreign keys that hold; returns notes on the keys left out."""
    notes = []
    for mart in marts:
        mart.primary_key = choose_primary_key(con, mart)
        expected = KNOWN_KEYS.get(mart.name)
        if expected and mart.primary_key != expected:
            notes.append(f"{mart.name}: primary key ({', '.join(expected)}) does not hold; none declared")
    targets = reference_targets(marts)
    for mart in marts:
        for column in mart.column_names:
            # `execution_document_id` and `prior_document_id` point at documents as `document_id` does.
            target = targets.get(column) or next((t for k, t in targets.items() if column.endswith("_" + k)), None)
            if target is None or target.name == mart.name:
                continue
            missing = orphans(con, mart.name, column, target)
            if missing:
                notes.append(f"{mart.name}.{column}: {missing} value(s) not in {target.name}; no foreign key")
                continue
            mart.foreign_keys.append(
                {"fields": column, "reference": {"resource": target.name, "fields": target.primary_key[0]}}
            )
    return notes


def column_docs(models_file: Path) -> dict[str, dict[str, str]]:
    """Descriptions from dbt's models file: {model: {"": model description, column: description}}."""
    if not models_file.is_file():
        return {}
    loaded = yaml.safe_load(models_file.read_text(encoding="utf-8")) or {}
    docs: dict[str, dict[str, str]] = {}
    for model in loaded.get("models", []):
        entry = docs.setdefault(model["name"], {"": clean(model.get("description", ""))})
        for col in model.get("columns", []):
            entry[col["name"]] = clean(col.get("description", ""))
    return docs


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def table_schema(mart: Mart, docs: dict[str, str]) -> dict:
    fields = []
    for col in mart.columns:
        spec = {"name": col.name, "type": col.table_type}
        if docs.get(col.name):
            spec["description"] = docs[col.name]
        if col.table_type == "datetime":
            spec["format"] = DATETIME_FORMAT
        fields.append(spec)
    schema: dict = {"fields": fields, "missingValues": [""]}
    if mart.primary_key:
        schema["primaryKey"] = list(mart.primary_key)
    if mart.foreign_keys:
        schema["foreignKeys"] = mart.foreign_keys
    return schema
