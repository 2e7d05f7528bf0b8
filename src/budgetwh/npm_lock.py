"""Complete reports/package-lock.json with the platform packages that this machine's registry does not carry.

Packages such as rollup and @duckdb/node-bindings ship one optional package per platform. The registry reachable
here carries only some of them (linux-x64-gnu, but not darwin-x64 or win32-x64-msvc), so `npm install` writes a
lock without the others, and `npm ci` then refuses that lock as out of sync with package.json ("Missing:
@rollup/rollup-darwin-x64@ from lock file"). An entry naming the platform (os, cpu, libc) is all `npm ci` needs to
skip a package on every other platform, so this adds exactly that, derived from the package's name, for each
optional dependency the lock lacks.

Usage (`make pages-lock`): python -m budgetwh.npm_lock reports/package-lock.json"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_PLATFORM = re.compile(
    r"-(?P<os>android|darwin|freebsd|linux|openbsd|openharmony|win32|sunos|aix)"
    r"-(?P<cpu>x64|arm64|arm|ia32|loong64|ppc64|riscv64|s390x)"
    r"(?:-(?P<abi>gnu|musl|gnueabihf|musleabihf|eabi|msvc))?$"
)


class LockError(Exception):
    pass


def platform_entry(name: str, version: str) -> dict:
    match = _PLATFORM.search(name)
    if not match:
        raise LockError(f"{name}@{version}: optional dependency missing from the lock, and its name names no platform")
    entry: dict = {"version": version, "cpu": [match["cpu"]], "optional": True, "os": [match["os"]]}
    if match["abi"] in ("gnu", "gnueabihf"):
        entry["libc"] = ["glibc"]
    elif match["abi"] in ("musl", "musleabihf"):
        entry["libc"] = ["musl"]
    return entry


def complete_lock(lock: dict) -> list[str]:
    """Add the missing platform entries to a parsed lockfile (v2/v3) in place; returns the names added."""
    packages = lock["packages"]
    added = []
    for path, meta in list(packages.items()):
        for name, version in sorted((meta.get("optionalDependencies") or {}).items()):
            beside = f"{path}/node_modules/{name}" if path else f"node_modules/{name}"
            top = f"node_modules/{name}"
            if beside in packages or top in packages:
                continue
            packages[top] = platform_entry(name, version)
            added.append(name)
    lock["packages"] = dict(sorted(packages.items()))  # npm's own order: "" (the project) first, then by path
    return added


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "reports/package-lock.json")
    lock = json.loads(path.read_text(encoding="utf-8"))
    try:
        added = complete_lock(lock)
    except LockError as exc:
        print(f"npm_lock: {exc}", file=sys.stderr)
        return 1
    path.write_text(json.dumps(lock, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path}: {len(added)} platform entries added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
