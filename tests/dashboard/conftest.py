"""Fixtures for the dashboard tests: one real `dbt build` of the committed seeds into a temporary warehouse, one real
`budgetwh.pages.build_site` from it (Evidence 37, build:strict), the site served on localhost, and Debian's Chromium
driven by Playwright. Screenshots of every page go to build/screenshots/."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from dashboard_support import CHROMIUM, CHROMIUM_ARGS, ROOT, PageWatch


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("BUDGETWH_DASHBOARD_DB"):  # iterate on the pages against a warehouse and site built by hand
        return Path(os.environ["BUDGETWH_DASHBOARD_DB"])
    out = tmp_path_factory.mktemp("dashboard-dbt")
    db = out / "warehouse.duckdb"
    env = dict(
        os.environ,
        BUDGETWH_DB=str(db),
        DBT_TARGET_PATH=str(out / "target"),
        DBT_LOG_PATH=str(out / "logs"),
        DBT_PROFILES_DIR=str(ROOT),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run([str(dbt), "build", "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"dbt build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    return db


@pytest.fixture(scope="session")
def marts(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def site(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from budgetwh.pages import build_site

    if os.environ.get("BUDGETWH_DASHBOARD_SITE"):
        return Path(os.environ["BUDGETWH_DASHBOARD_SITE"])
    out = tmp_path_factory.mktemp("dashboard-site") / "site"
    build_site(warehouse, out)
    return out


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    from budgetwh.serve import serve_in_background

    server, url = serve_in_background(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watch(browser, base_url: str) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield PageWatch(page, base_url)
    context.close()
