"""Offline Data Docs.

GX's page templates load bootstrap, jquery, popper, bootstrap-table, bootstrap-datepicker, vega and Font Awesome
from CDNs and its logo from a web bucket, so a built site shows nothing useful without the internet. After GX
renders a site, `make_offline` copies those assets from the npm packages installed in gx/vendor (package.json pins
the versions GX's templates name), swaps the logo for a local one, and rewrites every link to a relative path,
dropping `integrity`/`crossorigin` attributes, which only apply to cross-origin loads. A link this module does not
know (a GX upgrade adding a CDN) fails the build rather than silently reaching out."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from budgetwh.paths import project_root


class DataDocsError(RuntimeError):
    pass


@dataclass(frozen=True)
class Asset:
    url: str  # exactly as GX's templates print it
    package: str  # npm package in gx/vendor/package.json
    file: str  # path inside the package
    extra_dirs: tuple[str, ...] = ()  # folders the file refers to relatively (fonts of a stylesheet)


ASSETS: tuple[Asset, ...] = (
    Asset("https://cdn.jsdelivr.net/npm/vega@5", "vega", "build/vega.min.js"),
    Asset("https://cdn.jsdelivr.net/npm/vega-lite@5", "vega-lite", "build/vega-lite.min.js"),
    Asset("https://cdn.jsdelivr.net/npm/vega-embed@6", "vega-embed", "build/vega-embed.min.js"),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css",
        "@fortawesome/fontawesome-free",
        "css/all.min.css",
        ("webfonts",),
    ),
    Asset("https://code.jquery.com/jquery-3.7.1.min.js", "jquery", "dist/jquery.min.js"),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js",
        "popper.js",
        "dist/umd/popper.min.js",
    ),
    Asset(
        "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js",
        "bootstrap",
        "dist/js/bootstrap.min.js",
    ),
    Asset(
        "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css",
        "bootstrap",
        "dist/css/bootstrap.min.css",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
        "bootstrap-table",
        "dist/bootstrap-table.min.css",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
        "bootstrap-table",
        "dist/bootstrap-table.min.js",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
        "bootstrap-table",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    ),
    # GX links the 1.19.0 stylesheet of the filter-control extension beside the 1.19.1 table; we serve 1.19.1's.
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css",
        "bootstrap-table",
        "dist/extensions/filter-control/bootstrap-table-filter-control.css",
    ),
    Asset(
        "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
        "bootstrap-table",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    ),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css",
        "bootstrap-datepicker",
        "dist/css/bootstrap-datepicker.min.css",
    ),
    Asset(
        "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js",
        "bootstrap-datepicker",
        "dist/js/bootstrap-datepicker.min.js",
    ),
    Asset(
        "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css",
        "@forevolve/bootstrap-dark",
        "dist/css/bootstrap-prefers-dark.css",
    ),
)

# GX's own images (the navbar logo, a logo in its stylesheet) come from a web bucket; ours is local.
_GX_WEB_IMAGE = re.compile(r"https://great-expectations-web-assets\.s3\.[a-z0-9.-]+\.amazonaws\.com/[^\"')\s]*")
LOGO = "budgetwh-logo.svg"
# GX's pages end with a newsletter sign-up; a published quality report is no place for it.
_NEWSLETTER_FOOTER = re.compile(r"<footer>\s*<p>Stay current on everything GX.*?</footer>", re.S)
OUR_FOOTER = "<footer><p>budgetwh quality gate · Data Docs by Great Expectations, assets served locally</p></footer>"
_RELATIVE_STATIC = re.compile(r'\b(src|href)="(?:\./|(?:\.\./)+)?static/')
_INTEGRITY = re.compile(r"\s+(?:integrity|crossorigin)=(?:\"[^\"]*\"|'[^']*')")
VENDOR_SUBDIR = Path("static") / "vendor"


def vendor_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "gx" / "vendor"


def check_assets_installed(vendor: Path) -> None:
    missing = [f"{a.package}/{a.file}" for a in ASSETS if not (vendor / "node_modules" / a.package / a.file).is_file()]
    if missing:
        raise DataDocsError(
            f"Data Docs assets are not installed in {vendor}/node_modules (missing {missing[0]}"
            f"{f' and {len(missing) - 1} more' if len(missing) > 1 else ''}); run `make setup` "
            f"(npm ci --prefix {vendor})"
        )


def _copy_assets(vendor: Path, site: Path) -> None:
    modules = vendor / "node_modules"
    for asset in ASSETS:
        src_pkg = modules / asset.package
        dst_pkg = site / VENDOR_SUBDIR / asset.package
        (dst_pkg / asset.file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src_pkg / asset.file, dst_pkg / asset.file)
        for folder in asset.extra_dirs:
            shutil.copytree(src_pkg / folder, dst_pkg / folder, dirs_exist_ok=True)
        license_file = next((p for p in sorted(src_pkg.glob("LICENSE*"))), None)
        if license_file is not None:
            shutil.copy2(license_file, dst_pkg / license_file.name)
    images = site / "static" / "images"
    images.mkdir(parents=True, exist_ok=True)
    shutil.copy2(vendor / LOGO, images / LOGO)


def _relative_root(page: Path, site: Path) -> str:
    rel = os.path.relpath(site, page.parent)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def rewrite_page(html: str, root: str) -> str:
    """Point one page's CDN links at the vendored copies; `root` is the page's relative path to the site root."""
    for asset in sorted(ASSETS, key=lambda a: len(a.url), reverse=True):
        local = f"{root}{VENDOR_SUBDIR.as_posix()}/{asset.package}/{asset.file}"
        html = re.sub(re.escape(asset.url) + r"(?![\w./@-])", local, html)
    html = _GX_WEB_IMAGE.sub(f"{root}static/images/{LOGO}", html)
    # GX's favicon link climbs one folder too few on validation pages; every static/ link is made site-relative.
    html = _RELATIVE_STATIC.sub(lambda m: f'{m.group(1)}="{root}static/', html)
    html = _NEWSLETTER_FOOTER.sub(OUR_FOOTER, html)
    return _INTEGRITY.sub("", html)


def make_offline(site: Path, vendor: Path | None = None) -> list[Path]:
    """Vendor the assets into a built site and rewrite its pages; returns the pages rewritten."""
    vendor = vendor or vendor_dir()
    check_assets_installed(vendor)
    _copy_assets(vendor, site)
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        page.write_text(rewrite_page(text, _relative_root(page, site)), encoding="utf-8")
    for stylesheet in sorted((site / "static" / "styles").glob("*.css")):
        text = stylesheet.read_text(encoding="utf-8")
        stylesheet.write_text(_GX_WEB_IMAGE.sub(f"../images/{LOGO}", text), encoding="utf-8")
    leftovers = [f"{p.relative_to(site)}: {url}" for p in pages for url in remote_loads(p.read_text(encoding="utf-8"))]
    if leftovers:
        raise DataDocsError("Data Docs still load from the network: " + "; ".join(leftovers[:5]))
    return pages


# --- finding what a page loads -----------------------------------------------------------------------------------

_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_CSS_IMPORT = re.compile(r"@import\s+(['\"])([^'\"]+)\1")


def _is_remote(url: str) -> bool:
    url = url.strip().lower()
    return url.startswith(("http://", "https://", "//"))


def css_loads(css: str) -> list[str]:
    return [m.group(2) for m in _CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]


class _LoadFinder(HTMLParser):
    """Collects what a browser fetches to render a page: scripts, stylesheets and icons, images, media, frames,
    and url(...) in inline styles. Links a person may click (<a href>) are not loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "track") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "img" and a.get("srcset"):
            self.loads.extend(part.strip().split(" ")[0] for part in a["srcset"].split(","))
        if tag == "link" and a.get("href"):
            rel = a.get("rel", "").lower()
            if any(r in rel for r in ("stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest")):
                self.loads.append(a["href"])
        if tag == "object" and a.get("data"):
            self.loads.append(a["data"])
        if a.get("style"):
            self.loads.extend(css_loads(a["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.loads.extend(css_loads(data))


def page_loads(html: str) -> list[str]:
    finder = _LoadFinder()
    finder.feed(html)
    finder.close()
    return [u for u in finder.loads if not u.strip().lower().startswith("data:")]


def remote_loads(html: str) -> list[str]:
    return [u for u in page_loads(html) if _is_remote(u)]


def scrub_personal_data(site: Path, redact) -> int:
    """Apply `redact` (phone shapes and known names → masks) to every page and JSON file of a built site: a
    non-personal-data expectation that fails on a row holding personal data must not print it in Data Docs.
    Returns the number of files changed."""
    changed = 0
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.json")]):
        text = path.read_text(encoding="utf-8")
        clean = redact(text)
        if clean != text:
            path.write_text(clean, encoding="utf-8")
            changed += 1
    return changed
