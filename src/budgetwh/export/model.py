"""The Fiscal Data Package `model` (FDP 0.3: measures and dimensions mapped onto the resources' columns).

Measures are the money columns (`*_yuan`, decimal yuan: currency CNY, factor 1). A phase comes from the contract's
phase columns where the mart has one (budget_phase, execution_phase, basis), mapped onto FDP's four phases:
预算数/年初预算 (`budget`) is the budget the People's Congress approved → approved; 调整预算 → adjusted; 决算 and a
执行数 printed before the year closed → executed. A project form's amounts are what the agency applied for
(年度资金申请总额) → proposed. The map is kept on the measure (`phaseField`, `phaseMap`) so a reader can recover each
row's phase; `phase` itself is set only when every amount of the measure has the same one. Differences between two
amounts (change_yuan) are not amounts of one phase and are not measures."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from budgetwh.export.schema import Mart, quote_ident, table_ref

CURRENCY = "CNY"
BUDGET_PHASES = {"budget": "approved", "adjusted_budget": "adjusted"}
EXECUTION_PHASES = {"final_account": "executed", "estimated_execution": "executed"}
BASIS_PHASES = {"prior_budget": "approved", "prior_execution": "executed"}
NOT_MEASURES = {("fct_yoy_changes", "change_yuan"), ("fct_yoy_changes", "stated_change_yuan")}


@dataclass(frozen=True)
class Measure:
    name: str
    resource: str
    source: str
    title: str
    phase: str | None  # when the phase column is absent or the measure has no amounts
    direction: str | None = "expenditure"
    phase_field: str | None = None
    phase_map: dict[str, str] = field(default_factory=dict)


def _project_funds(column: str, title: str) -> Measure:
    return Measure(column.removesuffix("_yuan"), "dim_projects", column, title, "proposed")


MEASURES = (
    Measure(
        "budget",
        "fct_budget_vs_execution",
        "budget_yuan",
        "Budget of the line (年初预算 or 调整预算)",
        "approved",
        phase_field="budget_phase",
        phase_map=BUDGET_PHASES,
    ),
    Measure(
        "execution",
        "fct_budget_vs_execution",
        "execution_yuan",
        "Same-year execution (决算数)",
        "executed",
        phase_field="execution_phase",
        phase_map=EXECUTION_PHASES,
    ),
    Measure(
        "prior_year_execution",
        "fct_budget_vs_execution",
        "prior_year_execution_yuan",
        "The prior year's execution (执行数) the budget document compares with",
        "executed",
    ),
    Measure("yoy_amount", "fct_yoy_changes", "amount_yuan", "This year's amount of a compared line", "approved", None),
    Measure(
        "yoy_prior_amount",
        "fct_yoy_changes",
        "prior_amount_yuan",
        "The prior year's amount it is compared with",
        None,
        None,
        phase_field="basis",
        phase_map=BASIS_PHASES,
    ),
    _project_funds("total_funds_yuan", "Project funds in total (项目资金总额; may span several years)"),
    _project_funds("annual_funds_yuan", "This year's funds applied for (年度资金申请总额)"),
    _project_funds("fiscal_funds_yuan", "Of which fiscal funds (财政资金)"),
    _project_funds("annual_fiscal_appropriation_yuan", "Of which this year's appropriation (当年财政拨款)"),
    _project_funds("carryover_yuan", "Carried over from the prior year (上年结转)"),
    _project_funds("other_funds_yuan", "Other funds (其他资金)"),
    _project_funds("annual_other_funds_yuan", "This year's other funds"),
)

# Dimensions: (name, resource, attributes as (key, source column, extra), primary key, FDP type properties).
DIMENSIONS = (
    (
        "functional_classification",
        "fct_budget_vs_execution",
        (
            ("class_code", "class_code", {"title": "类"}),
            ("kind_code", "kind_code", {"title": "款", "parent": "class_code"}),
            ("item_code", "item_code", {"title": "项", "parent": "kind_code"}),
            ("line_name", "line_name", {"title": "Name of the line as the document prints it"}),
        ),
        ["class_code", "kind_code", "item_code"],
        {"dimensionType": "classification", "classificationType": "functional"},
    ),
    (
        "administrative_classification",
        "dim_agencies",
        (
            ("agency_id", "agency_id", {}),
            ("agency_name", "agency_name", {"labelfor": "agency_id"}),
            ("parent_agency_name", "parent_agency_name", {}),
        ),
        "agency_id",
        {"dimensionType": "classification", "classificationType": "administrative"},
    ),
    (
        "fiscal_period",
        "fct_budget_vs_execution",
        (("fiscal_year", "fiscal_year", {"title": "Fiscal year (the calendar year)"}),),
        "fiscal_year",
        {"dimensionType": "datetime"},
    ),
    (
        "district",
        "dim_districts",
        (
            ("district_id", "district_id", {}),
            ("district_name_zh", "district_name_zh", {"labelfor": "district_id"}),
            ("district_name_en", "district_name_en", {"labelfor": "district_id"}),
        ),
        "district_id",
        {"dimensionType": "location"},
    ),
    (
        "project",
        "dim_projects",
        (("project_id", "project_id", {}), ("project_name", "project_name", {"labelfor": "project_id"})),
        "project_id",
        {"dimensionType": "activity"},
    ),
)


def measure_phase(con: duckdb.DuckDBPyConnection, measure: Measure, mart: Mart) -> str | None:
    """The one FDP phase of all the measure's amounts, or None when they have several (or one the map lacks)."""
    if not measure.phase_field or measure.phase_field not in mart.column_names:
        return measure.phase
    values = con.execute(
        f"select distinct {quote_ident(measure.phase_field)} from {table_ref(mart.name)}"
        f" where {quote_ident(measure.source)} is not null"
    ).fetchall()
    phases = {measure.phase_map.get(v) for (v,) in values}
    if not phases:
        return measure.phase
    return phases.pop() if len(phases) == 1 else None


def measure_entry(con: duckdb.DuckDBPyConnection, measure: Measure, mart: Mart) -> dict:
    entry: dict = {"source": measure.source, "resource": measure.resource, "currency": CURRENCY, "factor": 1}
    entry["title"] = measure.title
    if measure.direction:
        entry["direction"] = measure.direction
    phase = measure_phase(con, measure, mart)
    if phase:
        entry["phase"] = phase
    if measure.phase_field and measure.phase_field in mart.column_names:
        entry["phaseField"] = measure.phase_field
        entry["phaseMap"] = dict(measure.phase_map)
    return entry


def money_columns(mart: Mart) -> list[str]:
    return [c.name for c in mart.columns if c.name.endswith("_yuan") and c.table_type == "number"]


def build_measures(con: duckdb.DuckDBPyConnection, marts: dict[str, Mart]) -> dict[str, dict]:
    measures: dict[str, dict] = {}
    covered = set(NOT_MEASURES)
    for measure in MEASURES:
        mart = marts.get(measure.resource)
        if mart is not None and measure.source in mart.column_names:
            measures[measure.name] = measure_entry(con, measure, mart)
            covered.add((measure.resource, measure.source))
    # A money column added to a mart after this list was written is still a measure, without a phase.
    for mart in marts.values():
        for column in money_columns(mart):
            if (mart.name, column) not in covered:
                entry = {"source": column, "resource": mart.name, "currency": CURRENCY, "factor": 1}
                measures[f"{mart.name}.{column}"] = entry
    return measures


def build_dimensions(marts: dict[str, Mart]) -> dict[str, dict]:
    dimensions: dict[str, dict] = {}
    for name, resource, attributes, primary_key, kind in DIMENSIONS:
        mart = marts.get(resource)
        keys = primary_key if isinstance(primary_key, list) else [primary_key]
        if mart is None or not set(keys) <= set(mart.column_names):
            continue
        attrs = {
            key: {"source": source, "resource": resource, **extra}
            for key, source, extra in attributes
            if source in mart.column_names
        }
        entry = {"attributes": attrs, "primaryKey": primary_key, **kind}
        # Other marts carry the same key columns (every fact has fiscal_year, agency_id, district_id).
        also = sorted(m.name for m in marts.values() if m.name != resource and set(keys) <= set(m.column_names))
        if also:
            entry["alsoIn"] = also
        dimensions[name] = entry
    return dimensions


def fiscal_model(con: duckdb.DuckDBPyConnection, marts: list[Mart]) -> dict:
    by_name = {m.name: m for m in marts}
    return {"measures": build_measures(con, by_name), "dimensions": build_dimensions(by_name)}
