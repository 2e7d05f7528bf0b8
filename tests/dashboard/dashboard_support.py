"""What the dashboard tests share: where things are, how Chromium is started, and a page wrapper that records
console errors and requests leaving localhost and reads DataTables by their column titles."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# As root, without a sandbox; the background-networking flags keep Chromium from calling out (the network is closed,
# and every refused connection would otherwise show up as noise, or a console error).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"


class PageWatch:
    """A browser page that records console errors, uncaught exceptions and any request leaving localhost."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on(
            "console",
            lambda msg: self.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)

    def _request(self, request) -> None:
        if not request.url.startswith((self.base_url, "data:", "blob:")):
            self.external.append(request.url)

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="networkidle")
        # Charts draw after their data arrives from DuckDB-WASM; wait until every chart has drawn
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('[_echarts_instance_] canvas')].every(c => c.width > 0)"
        )
        # a page rendered in the browser (a project's) says it is loading until its queries have answered
        self.page.wait_for_function("() => !document.querySelector('[data-testid=loading]')")
        self.page.wait_for_timeout(500)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def table(self, header: str) -> list[dict[str, str]]:
        """Rows of the visible table (on its current page) with a column titled `header`, as dicts keyed by column
        title. A page's queries answer one by one (a project page draws each table when its own query has answered),
        so the table is waited for before it is read; a table a filter redraws between the wait and the read (the
        overview's drill-down shows "computing" while its query runs again) is waited for again."""
        for attempt in range(3):
            try:
                return self._read_table(header)
            except PlaywrightError as error:
                if "no table with header" not in str(error) or attempt == 2:
                    raise
        return []  # not reached: the third attempt returns or raises

    def _read_table(self, header: str) -> list[dict[str, str]]:
        self.page.wait_for_function(
            """(header) => [...document.querySelectorAll('table')].some(t => t.offsetParent !== null
                && [...t.querySelectorAll('thead tr:last-child th')].some(th => th.innerText.trim() === header))""",
            arg=header,
            timeout=30_000,
        )
        return self.page.evaluate(
            """(header) => {
                // Evidence renders each DataTable twice, the second copy hidden (its full-screen view)
                const tables = [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null);
                for (const table of tables) {
                    const heads = [...table.querySelectorAll('thead tr:last-child th')].map(th => th.innerText.trim());
                    if (!heads.includes(header)) continue;
                    // Evidence renders rows straight into <table> (no <tbody>) on the client
                    const rows = [...table.querySelectorAll(':scope > tr, :scope > tbody > tr')];
                    return rows.filter(tr => tr.querySelector('td')).map(tr => {
                        const cells = [...tr.querySelectorAll('td')].map(td => td.innerText.trim());
                        const offset = cells.length - heads.length;  // a leading row-number or link cell
                        return Object.fromEntries(heads.map((h, i) => [h, cells[i + offset]]));
                    });
                }
                throw new Error('no table with header ' + header);
            }""",
            header,
        )
