"""Serve a built site on localhost (`make serve`, and the browser tests' fixture).

The pages query their parquet files with DuckDB-WASM, which reads them with HTTP range requests and falls back to
whole-file reads (with a console warning) when a server ignores `Range`. Python's http.server does ignore it, so
this handler adds single-range support. `budgetwh pages` writes a gzip copy beside every compressible file
(`<file>.gz`); a request that accepts gzip and asks for no range gets that copy with `Content-Encoding: gzip`. A
page address (ending in `/`) with no prerendered page gets the site's fallback page (`404.html`), which renders the
page in the browser; other missing files are 404s, except the two files Evidence's client asks for such a page (its
prerendered queries), which are answered as empty.

Usage: python -m budgetwh.serve [DIR] [--port N]   (default reports/build on 127.0.0.1:3000)"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import re
import sys
import threading
from pathlib import Path

_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")
FALLBACK_PAGE = "404.html"  # written by SvelteKit's static adapter (reports/svelte.config.js)
# What Evidence's client asks for a page that was not prerendered, answered as "nothing saved" instead of a 404
_EMPTY_ANSWERS = {"evidencemeta.json": b'{"queries":[]}', "all-queries.json": b"{}"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".parquet": "application/octet-stream",
        ".arrow": "application/vnd.apache.arrow.file",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        if os.environ.get("BUDGETWH_SERVE_LOG"):
            super().log_message(format, *args)

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        match = _RANGE.match(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        empty = _EMPTY_ANSWERS.get(self.path.split("?", 1)[0].rsplit("/", 1)[-1])
        if empty is not None and self.path.startswith("/api/") and not path.is_file():
            # a page rendered in the browser asks for the queries a prerendered page would have saved: none
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(empty)))
            self.end_headers()
            return io.BytesIO(empty)
        fallback = Path(self.directory) / FALLBACK_PAGE
        if self.path.split("?", 1)[0].endswith("/") and not (path / "index.html").is_file() and fallback.is_file():
            # a page that is not prerendered (a project's): the app, which renders the page the address names
            self.path, path = "/" + FALLBACK_PAGE, fallback
        if not match:
            compressed = self._gzip_copy(path)
            if compressed is not None:
                return compressed
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        if first == "":  # the last N bytes
            start, end = max(size - int(last or 0), 0), size - 1
        else:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        if start >= size or start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        handle = open(path, "rb")  # noqa: SIM115 (closed by copyfile's caller, as in the base class)
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def _gzip_copy(self, path: Path):  # type: ignore[no-untyped-def]
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not packed.is_file():
            return None
        handle = open(packed, "rb")  # noqa: SIM115 (closed by copyfile's caller, as in the base class)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.end_headers()
        return handle

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        self._remaining = None
        while remaining > 0:
            chunk = source.read(min(64 * 1024, remaining))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_in_background(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a server on a free localhost port; returns it (call .shutdown()) and its base URL."""
    server = make_server(directory)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m budgetwh.serve", description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=Path("reports/build"))
    parser.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        print(f"no site at {args.directory}: build it with `make pages`", file=sys.stderr)
        return 2
    server = make_server(args.directory.absolute(), port=args.port)  # not resolved: follows a re-pointed link
    print(f"serving {args.directory} at http://127.0.0.1:{args.port}/  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
