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
    """One real `dbt build` of the committed seeds and models (warehouse, quality, conventions and export tests)."""
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


def _needs_project_build(item: pytest.Item) -> bool:
    # the dashboard's warehouse and site come from the built project (through request.getfixturevalue, so that
    # BUDGETWH_DASHBOARD_DB/SITE can replace them without building)
    return "built_project" in item.fixturenames or item.path.parent.name == "dashboard"


def _group(item: pytest.Item) -> str | None:
    shared = sorted(PER_WORKER_SESSION_FIXTURES.intersection(item.fixturenames))
    if shared:
        return shared[0]
    for name in item.fixturenames:
        definitions = getattr(item, "_fixtureinfo", None) and item._fixtureinfo.name2fixturedefs.get(name)
        if definitions and definitions[-1].scope == "module" and definitions[-1].baseid == item.parent.nodeid:
            return item.parent.nodeid
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """xdist hands tests out in this order: the first test that needs the project build (the longest build: it
    starts at once on one worker), the first that needs the dbt build (on the other), then groups and tests that need
    neither, then those that need the project build, by which time it is done."""
    groups = {id(item): _group(item) for item in items}
    for item in items:
        if groups[id(item)]:
            item.add_marker(pytest.mark.xdist_group(groups[id(item)]))
    first_project = next((i for i in items if "built_project" in i.fixturenames), None)
    first_dbt = next((i for i in items if "dbt_built" in i.fixturenames and not _needs_project_build(i)), None)

    def rank(item: pytest.Item) -> int:
        if item is first_project:
            return 0
        if item is first_dbt:
            return 1
        return (4 if _needs_project_build(item) else 2) + (0 if groups[id(item)] else 1)

    items.sort(key=rank)  # stable: the collection order within a rank
