"""The "data as of" line of every page (reports/components/BuildStamp.svelte): when the warehouse file was written
and when the site was built. The site's compile starts before the warehouse exists (budgetwh.pages), so the work
copy's component gets placeholders, and the finished site gets the times."""

from __future__ import annotations

import time
from pathlib import Path

# Compiled into the pages in place of the times; both are plain ASCII, as are the times that replace them, so they
# fit a JavaScript string as well as HTML.
WAREHOUSE_TIME, SITE_TIME = "@@BUDGETWH_WAREHOUSE_BUILT@@", "@@BUDGETWH_SITE_BUILT@@"


def _utc(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))


def write_build_stamp(work: Path) -> None:
    """Bake the "data as of" line into every page: when the warehouse file was written and when the site is built.
    Written into the work copy only, with placeholders that stamp_site fills in the finished site (the compile
    starts before the warehouse exists); the committed component says it is a development preview."""
    stamp = work / "components" / "BuildStamp.svelte"
    if not stamp.is_file():
        return
    text = stamp.read_text(encoding="utf-8")
    start, end = text.index('<p class="stamp"'), text.index("</p>")
    line = (
        '<p class="stamp" data-testid="data-as-of">\n'
        f"\t数据截至 Data as of: {WAREHOUSE_TIME}（仓库生成 warehouse built）· 站点生成 site built {SITE_TIME}\n"
    )
    stamp.write_text(text[:start] + line + text[end:], encoding="utf-8")


def stamp_site(site: Path, db_path: Path) -> int:
    """Put the times into the placeholders of the built site (prerendered pages and the browser's code); returns
    how many files held them. Both times are plain ASCII, so they fit a JavaScript string as well as HTML."""
    times = {WAREHOUSE_TIME: _utc(db_path.stat().st_mtime), SITE_TIME: _utc(time.time())}
    stamped = 0
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".js", ".json"):
            continue
        data = path.read_bytes()
        if WAREHOUSE_TIME.encode() not in data and SITE_TIME.encode() not in data:
            continue
        for placeholder, value in times.items():
            data = data.replace(placeholder.encode(), value.encode())
        path.write_bytes(data)
        stamped += 1
    return stamped
