"""A project of the bench's own for every corpus it builds: the definitions (models, macros, code, the site's
sources and pages) are links to this project's, the data (raw documents, seeds, warehouse, state, logs, published
pages) is its own. `budgetwh build` then runs on it unchanged (BUDGETWH_ROOT), and never touches the live files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from budgetwh.bench.measure import Measured, run_measured
from budgetwh.build.stages import TOOL_ENVIRONMENT

# What a build reads and never writes: shared by link.
DEFINITIONS = (
    "models",
    "macros",
    "tests",
    "analyses",
    "snapshots",
    "dbt_project.yml",
    "profiles.yml",
    "packages.yml",
    "dependencies.yml",
    "dbt_packages",
    "requirements.lock",
    "pyproject.toml",
    "src",
    "gx",
)
# reports/ is a folder of its own, because a build publishes into it (reports/build, reports/builds, .pages-work);
# only the site's sources are linked.
SITE_DEFINITIONS = (
    "package.json",
    "package-lock.json",
    "evidence.plugins.yaml",
    "svelte.config.js",
    "pages",
    "sources",
    "components",
    "partials",
    "static",
    "node_modules",
)


def _link(source: Path, dest: Path) -> None:
    if source.exists() and not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.symlink_to(source)


def make_project(root: Path, dest: Path, reference: Path) -> Path:
    """A fresh project at `dest` (emptied first): the definitions of `root`, the reference seeds `reference`, no raw
    documents yet (add them with `add_documents`), no warehouse, no state: a build there is a fresh clone's."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in DEFINITIONS:
        _link(root / name, dest / name)
    for name in SITE_DEFINITIONS:
        _link(root / "reports" / name, dest / "reports" / name)
    for properties in sorted((root / "seeds").glob("*.yml")):  # the seeds' declarations, read by load and dbt
        _link(properties, dest / "seeds" / properties.name)
    # copied, not linked: dbt does not follow a link below its seed path
    shutil.copytree(reference, dest / "seeds" / "reference")
    for own in ("data/raw", "seeds/extracted", "seeds/converted", "logs"):
        (dest / own).mkdir(parents=True, exist_ok=True)
    return dest


def add_documents(project: Path, files: list[Path]) -> None:
    """Hard links (the corpus sits on the same filesystem): no copy, and the build sees ordinary files."""
    for path in files:
        target = project / "data" / "raw" / path.name
        if not target.exists():
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)


def fresh_clone(root: Path, dest: Path) -> Path:
    """A project at `dest` as a fresh clone of `root` has it: its raw documents, its reference seeds and the seeds
    it commits (the extracted CSVs and the PDFs' converted texts, which ingest reuses when they name the PDF's
    bytes); no warehouse, no ingest cache, no state."""
    project = make_project(root, dest, root / "seeds" / "reference")
    add_documents(project, sorted(p for p in (root / "data" / "raw").iterdir() if p.is_file()))
    for committed in ("seeds/extracted", "seeds/converted"):
        for path in sorted((root / committed).glob("*")):
            if path.is_file():
                shutil.copy2(path, project / committed / path.name)
    return project


def build_environment(project: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETWH_", "DBT_TARGET", "DBT_LOG"))}
    env.update(TOOL_ENVIRONMENT)
    env["BUDGETWH_ROOT"] = str(project)
    env["DBT_PROFILES_DIR"] = str(project)
    return env


def run_build_measured(project: Path, name: str, python: str, *, site: bool = True) -> tuple[Measured, dict]:
    """One `budgetwh build` of `project` in a process of its own (budgetwh.bench.buildrun); its measure and what it
    wrote: exit code, run record, each stage's peak memory. `site=False`: the build leaves the site out."""
    out = project / "logs" / f"bench-{name}.json"
    out.unlink(missing_ok=True)
    measured = run_measured(
        [python, "-m", "budgetwh.bench.buildrun", str(out)],
        env=build_environment(project) | {"BENCH_SITE": "1" if site else "0"},
        cwd=project,
        log=project / "logs" / f"bench-{name}.log",
    )
    seen = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return measured, seen
