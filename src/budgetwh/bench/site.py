"""What a reader of the published site waits for (issue 15): for a few pages, the bytes a cold load moves (as
budgetwh.serve serves them: gzip where the site has a .gz copy) and the time to first contentful paint, in Debian's
Chromium driven by Playwright as the browser tests drive it; and the size of the site on disk."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

CHROMIUM = Path("/usr/bin/chromium")
# As root without a sandbox; no background traffic (the network is closed), as in tests/dashboard/dashboard_support
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_TIMEOUT_MS = 120_000
# Drawn when the page has its data: every chart has a canvas with a size, the loading mark is gone.
READY = """() => [...document.querySelectorAll('[_echarts_instance_] canvas')].every(c => c.width > 0)
    && !document.querySelector('[data-testid=loading]')"""
FIRST_CONTENT = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null"


def pages_to_open(db: Path) -> dict[str, str]:
    """The overview, data quality, and the last agency and project of the warehouse (a prerendered page and one
    rendered in the browser)."""
    found = {"overview": "/", "data quality": "/data-quality/"}
    with duckdb.connect(str(db), read_only=True) as con:
        agency = con.execute("select max(agency_id) from marts.dim_agencies").fetchone()[0]
        project = con.execute("select max(project_id) from marts.dim_projects").fetchone()[0]
    if agency:
        found["an agency"] = f"/agencies/{agency}/"
    if project:
        found["a project"] = f"/projects/{project.replace(':', '-')}/"
    return found


def site_size(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"output_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1), "files": len(files)}


def _cold_load(browser: Any, url: str) -> dict[str, Any]:
    """One page in a fresh browser context (empty cache): bytes received (encoded bodies and headers), requests,
    first contentful paint, and the time until its data is drawn."""
    context = browser.new_context()
    try:
        page = context.new_page()
        finished: list[Any] = []
        # a function of our own: Playwright tags the handler it is given, which a builtin method cannot take
        page.on("requestfinished", lambda request: finished.append(request))
        started = time.perf_counter()
        response = page.goto(url, wait_until="networkidle", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_function(READY, timeout=PAGE_TIMEOUT_MS)
        ready_s = time.perf_counter() - started
        first_content = page.evaluate(FIRST_CONTENT)
        sizes = [request.sizes() for request in finished]
        moved = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes if s["responseBodySize"] >= 0)
        return {
            "status": response.status if response else None,
            "mb": round(moved / 2**20, 2),
            "requests": len(finished),
            "first_content_s": round(first_content / 1000, 3) if first_content is not None else None,
            "ready_s": round(ready_s, 2),
        }
    finally:
        context.close()


def measure_site(site: Path, db: Path) -> dict[str, Any]:
    """The site's size, and each page's cold load served from `site` on localhost."""
    if not (site / "index.html").is_file():
        return {"error": f"no site at {site}"}
    out: dict[str, Any] = site_size(site)
    if not CHROMIUM.exists():
        return {**out, "pages_error": f"not measured: no browser at {CHROMIUM} (make setup installs it)"}
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from budgetwh.serve import serve_in_background

    server, base = serve_in_background(site.resolve())
    pages: dict[str, Any] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for label, path in pages_to_open(db).items():
                try:
                    pages[label] = {"path": path, **_cold_load(browser, base + path)}
                except PlaywrightError as exc:
                    pages[label] = {"path": path, "error": str(exc).splitlines()[0][:200]}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    measured = [p for p in pages.values() if "error" not in p]
    out["pages"] = pages
    out["page_mb"] = max((p["mb"] for p in measured), default=None)
    out["first_content_s"] = max((p["first_content_s"] or 0 for p in measured), default=None)
    return out
