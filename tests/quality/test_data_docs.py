"""Data Docs work offline: every script, stylesheet, font and image a page loads is a local file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import great_expectations

from budgetwh.quality.datadocs import ASSETS, page_loads, remote_loads, rewrite_page, vendor_dir

GX_TEMPLATES = Path(great_expectations.__file__).parent / "render" / "view" / "templates"


def test_every_cdn_link_in_gx_templates_has_a_vendored_asset():
    """Guards a GX upgrade: a template loading something new from a CDN fails here, not silently in a browser."""
    known = {a.url for a in ASSETS}
    found = set()
    for template in GX_TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        found |= set(re.findall(r"<(?:script|link)[^>]*(?:src|href)=\"(https?://[^\"]+)\"", text))
    assert found, "no CDN links found: has GX changed its templates?"
    assert found <= known, f"not vendored: {sorted(found - known)}"


def test_vendored_packages_are_the_versions_gx_asks_for():
    """Exact versions where GX's URL names one, the newest of the major where it names a major (vega@5)."""
    substituted = {"1.19.0": "1.19.1"}  # GX links a 1.19.0 stylesheet beside the 1.19.1 table; we serve 1.19.1's
    modules = vendor_dir() / "node_modules"
    for asset in ASSETS:
        version = json.loads((modules / asset.package / "package.json").read_text())["version"]
        exact = re.search(r"(\d+\.\d+\.\d+)", asset.url)
        if exact:
            assert version == substituted.get(exact.group(1), exact.group(1)), (asset.url, version)
        else:
            major = re.search(r"@(\d+)$", asset.url)
            assert major and version.split(".")[0] == major.group(1), (asset.url, version)


def test_rewrite_drops_integrity_and_points_at_local_copies():
    page = (
        '<script src="https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js" '
        'integrity="sha384-abc" crossorigin="anonymous"></script>'
        '<img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1&dataContextId=x">'
        "<style>.x{background:url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/a.png')}</style>"
    )
    out = rewrite_page(page, "../../")
    assert remote_loads(out) == []
    assert 'src="../../static/vendor/bootstrap/dist/js/bootstrap.min.js"' in out
    assert "integrity" not in out and "crossorigin" not in out
    assert out.count("../../static/images/budgetwh-logo.svg") == 2


def test_load_finder_sees_what_a_browser_fetches_and_ignores_links_and_data_uris():
    page = (
        '<a href="https://example.org/">x</a><link rel="stylesheet" href="//cdn.example/x.css">'
        '<img src="data:image/png;base64,AAA"><div style="background:url(http://e.x/y.png)"></div>'
    )
    assert sorted(remote_loads(page)) == ["//cdn.example/x.css", "http://e.x/y.png"]


def _local_target(page: Path, url: str) -> Path:
    return (page.parent / unquote(urlsplit(url).path)).resolve()


def test_built_data_docs_load_nothing_over_the_network(failing_check):
    """Built from a failing run, so the pages include tables of unexpected values."""
    failing_docs = failing_check.docs
    pages = sorted(failing_docs.rglob("*.html"))
    assert len(pages) >= 1 + 2 * 11  # index, one page per suite and per validation result
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert remote_loads(html) == [], page
        assert "integrity=" not in html
        for url in page_loads(html):
            assert _local_target(page, url).is_file(), f"{page.name} loads missing {url}"
            checked += 1
    css = failing_docs / "static" / "vendor" / "@fortawesome" / "fontawesome-free" / "css" / "all.min.css"
    for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
        assert not re.match(r"(https?:)?//", url)
        assert _local_target(css, url).is_file(), url
    assert checked > 100
