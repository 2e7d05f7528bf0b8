"""Fixtures shared by every test area: where the project is, a fresh ingest of the real documents, and the session's
expensive builds (made once and shared by every xdist worker, see shared_builds.py). The hook at the end orders and
groups the tests for pytest-xdist (`make test` runs `pytest -n auto --dist loadgroup`)."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "quality"), str(ROOT / "tests" / "reliability")]

import reliability_support  # noqa: E402
from shared_builds import once  # noqa: E402
from warehouse_support import Built, dbt_build  # noqa: E402

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return ROOT / "seeds" / "reference"


def read_seed(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(name="read_seed", scope="session")
def read_seed_fixture():
    return read_seed


@pytest.fixture(scope="session")
def extracted_dir(tmp_path_factory, raw_dir, reference_dir) -> Path:
    """The seeds ingest writes from data/raw today, in a temporary folder (the committed seeds are not touched)."""
    from budgetwh.ingest.pipeline import run_ingest

    made = once(tmp_path_factory, "extracted", lambda out: run_ingest(raw_dir, reference_dir, out / "extracted"))
    return made / "extracted"


@pytest.fixture(scope="session")
def seeds(extracted_dir) -> dict[str, list[dict[str, str]]]:
    return {
        name: read_seed(extracted_dir, name)
        for name in ("documents", "projects", "indicators", "line_items", "evaluations")
    }


@pytest.fixture(scope="session")
def dbt_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One real `dbt build` of the committed seeds and models (warehouse, quality, conventions and export tests); dbt's
    data tests run in built_project's build (warehouse_support._build)."""
    return dbt_build(tmp_path_factory)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with one real, complete `budgetwh build` done (ingest, dbt, checkpoint, pages, publish): the
    reliability and dashboard tests' warehouse and site. Shared and read-only: tests that change it copy it."""
    return reliability_support.built_project(tmp_path_factory)


@pytest.fixture(scope="session")
def failed_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built project plus a failing singular dbt test and the build that fails on it (exit 4). Read-only."""
    return reliability_support.failed_project(tmp_path_factory)


# --- scheduling for pytest-xdist ------------------------------------------------------------------------------------
# A fixture of module scope defined in a test module, and these of session scope, are made per worker: the tests that
# share one are grouped (xdist_group) so that one worker makes it once, as a sequential run does.
PER_WORKER_SESSION_FIXTURES = {"failing_check", "failed_project"}
# The units that take longest (a real build or a dbt run of their own), handed out first among those of their rank so
# that no worker starts one when the other is nearly done. Matched against a test's node id.
LONG_FIRST = (
    "tests/reliability/test_readers_during_build.py::test_readers_during_real_builds",
    "failed_project",
    "tests/reliability/test_bad_inputs.py::refusing_project",
    "tests/scale/test_incremental.py",
    "tests/dashboard/test_traceability.py",
    "tests/dashboard/test_pages.py",
    "tests/quality/test_gate.py::test_cli_exit_codes",
)


def _needs_project_build(item: pytest.Item) -> bool:
    # the dashboard's warehouse and site come from the built project (through request.getfixturevalue, so that
    # BUDGETWH_DASHBOARD_DB/SITE can replace them without building); the failed project is made from it
    return bool({"built_project", "failed_project"} & set(item.fixturenames)) or item.path.parent.name == "dashboard"


def _module_fixtures(item: pytest.Item) -> list[str]:
    """The fixtures of module scope defined in the item's own module that it uses."""
    found = []
    for name in item.fixturenames:
        definitions = getattr(item, "_fixtureinfo", None) and item._fixtureinfo.name2fixturedefs.get(name)
        if definitions and definitions[-1].scope == "module" and definitions[-1].baseid == item.parent.nodeid:
            found.append(name)
    return found


def _groups(items: list[pytest.Item]) -> dict[int, str | None]:
    """Each item's xdist group: a per-worker session fixture's name, else the tests of a module that share module
    fixtures (directly or through one another: one group per connected set, named by the module and the set's first
    fixture, so a module whose tests use two unrelated fixtures makes two groups), else none."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    used = {id(item): [f"{item.parent.nodeid}::{name}" for name in _module_fixtures(item)] for item in items}
    for keys in used.values():
        for key in keys:
            parent[find(key)] = find(keys[0])
    members: dict[str, list[str]] = {}
    for key in list(parent):
        members.setdefault(find(key), []).append(key)
    names = {root: min(keys) for root, keys in members.items()}
    groups: dict[int, str | None] = {}
    for item in items:
        shared = sorted(PER_WORKER_SESSION_FIXTURES.intersection(item.fixturenames))
        keys = used[id(item)]
        groups[id(item)] = shared[0] if shared else names[find(keys[0])] if keys else None
    return groups


def _long(unit: str) -> int:
    return next((i for i, prefix in enumerate(LONG_FIRST) if unit.startswith(prefix)), len(LONG_FIRST))


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """xdist hands units (a group, or a test of none) out in this order (`make test` keeps it with
    --no-loadscope-reorder): the first test that needs the project build (the longest build: it starts at once on one
    worker), the first that needs the dbt build (on the other), then the units that need neither, then those that
    need the project build, by which time it is done; within each, the longest first (LONG_FIRST)."""
    groups = _groups(items)
    for item in items:
        if groups[id(item)]:
            item.add_marker(pytest.mark.xdist_group(groups[id(item)]))

    def rank(item: pytest.Item) -> tuple[int, int, int]:
        unit = groups[id(item)]
        return 4 if _needs_project_build(item) else 3, _long(unit or item.nodeid), 0 if unit else 1

    def first(candidates) -> pytest.Item | None:  # the first of the lowest rank, in collection order
        return min(candidates, key=lambda i: ranks[id(i)], default=None)

    def same_unit(a: pytest.Item, b: pytest.Item | None) -> bool:
        return a is b or (b is not None and groups[id(a)] is not None and groups[id(a)] == groups[id(b)])

    ranks = {id(item): rank(item) for item in items}
    first_project = first(i for i in items if _needs_project_build(i))
    first_dbt = first(i for i in items if "dbt_built" in i.fixturenames and not _needs_project_build(i))
    # xdist gives each worker two units to start with: the first worker's second unit is the next longest that
    # needs the project build, not one the other worker could run while the project is being built
    second_project = first(i for i in items if _needs_project_build(i) and not same_unit(i, first_project))
    for order, item in enumerate((first_project, first_dbt, second_project)):
        if item is not None:
            ranks[id(item)] = (order, 0, 0)
    items.sort(key=lambda item: ranks[id(item)])  # stable: the collection order within a rank
