"""Fixtures for the dashboard tests: the warehouse and the site (Evidence 37, build:strict) that the session's one
real `budgetwh build` of a project copy published, the site served on localhost, and Debian's Chromium driven by
Playwright. Screenshots of every page go to build/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from dashboard_support import CHROMIUM, CHROMIUM_ARGS, PageWatch

from budgetwh.build import Layout


@pytest.fixture(scope="session")
def published(request: pytest.FixtureRequest) -> Layout:
    """The session's one real `budgetwh build` of a project copy (tests/conftest.py, shared with the reliability
    tests): its published warehouse and the site its pages stage built from it with budgetwh.pages.build_site."""
    return Layout.for_root(request.getfixturevalue("built_project"))


@pytest.fixture(scope="session")
def warehouse(request: pytest.FixtureRequest) -> Path:
    if os.environ.get("BUDGETWH_DASHBOARD_DB"):  # iterate on the pages against a warehouse and site built by hand
        return Path(os.environ["BUDGETWH_DASHBOARD_DB"])
    return request.getfixturevalue("published").live_db


@pytest.fixture(scope="session")
def marts(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Path:
    if os.environ.get("BUDGETWH_DASHBOARD_SITE"):
        return Path(os.environ["BUDGETWH_DASHBOARD_SITE"])
    return request.getfixturevalue("published").pages_link.resolve()


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
