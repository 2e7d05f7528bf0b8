"""The test suite's time, as the last `make test` recorded it: the bench does not run the suite (it takes minutes
and runs the bench's own tests), it reads the JUnit XML report that the Makefile's `test` target asks pytest to
write (`--junitxml=PATH` in its recipe, or in pytest's addopts). No such report: "not measured", with the reason."""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

_JUNIT_OPTION = re.compile(r"^--junit-?xml(?:=(.+))?$")


def junit_path_in(text: str, root: Path) -> Path | None:
    """The JUnit report path named by a pytest command line or addopts (`--junitxml=P`, `--junitxml P`,
    `--junit-xml=P`), relative to the project root; None when there is none."""
    words = shlex.split(text, comments=True)
    for index, word in enumerate(words):
        match = _JUNIT_OPTION.match(word)
        if match:
            value = match.group(1) or (words[index + 1] if index + 1 < len(words) else None)
            return root / value.replace("$(CURDIR)/", "") if value else None
    return None


def makefile_test_recipe(makefile: str) -> str:
    """The recipe lines of the Makefile's `test` target, joined."""
    lines, inside = [], False
    for line in makefile.splitlines():
        if re.match(r"^test\s*:", line):
            inside = True
            continue
        if inside:
            if line.startswith("\t"):
                lines.append(line.strip().lstrip("@-"))
            elif line.strip() and not line.startswith("#"):
                break
    return " ".join(lines)


def read_junit(path: Path) -> dict[str, Any]:
    """Total time, counts and timestamp of a pytest JUnit XML report."""
    tree = ET.parse(path)
    suites = [tree.getroot()] if tree.getroot().tag == "testsuite" else list(tree.getroot().iter("testsuite"))
    counts = {key: sum(int(s.get(key, 0)) for s in suites) for key in ("tests", "failures", "errors", "skipped")}
    return {
        "seconds": round(sum(float(s.get("time", 0)) for s in suites), 1),
        **counts,
        "finished_at": max((s.get("timestamp", "") for s in suites), default=""),
        "file": str(path),
    }


def suite_time(root: Path) -> dict[str, Any]:
    makefile = root / "Makefile"
    recipe = makefile_test_recipe(makefile.read_text(encoding="utf-8")) if makefile.exists() else ""
    path = junit_path_in(recipe, root)
    if path is None:
        pyproject = root / "pyproject.toml"
        addopts = (
            re.search(r"^addopts\s*=\s*(.+)$", pyproject.read_text(encoding="utf-8"), re.M)
            if pyproject.exists()
            else None
        )
        path = junit_path_in(addopts.group(1).strip("\"'[]").replace('", "', " "), root) if addopts else None
    if path is None:
        return {"not_measured": "`make test` writes no JUnit report (no --junitxml in its recipe or pytest's addopts)"}
    if not path.exists():
        return {"not_measured": f"no report at {path}: run `make test` first"}
    try:
        return read_junit(path)
    except (ET.ParseError, ValueError) as exc:
        return {"not_measured": f"{path} unreadable: {exc}"}
