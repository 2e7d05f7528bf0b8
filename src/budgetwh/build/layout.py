"""Where a build reads and writes: the live files readers use, and the candidate a run builds beside them.

Every path comes from budgetwh.paths, so BUDGETWH_ROOT and BUDGETWH_DB move a whole build to a copy of the project.
The candidate sits beside the live file (same filesystem), so publishing it is one atomic rename."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from budgetwh import paths


@dataclass(frozen=True)
class Layout:
    root: Path
    raw: Path
    reference: Path
    extracted: Path
    live_db: Path
    candidates: Path  # beside the live file, so a rename is atomic
    state: Path  # lock, last success, the last good build's artefacts
    pages_link: Path  # reports/build → builds/<run_id>
    pages_versions: Path
    logs: Path

    @classmethod
    def for_root(cls, root: Path | None = None) -> Layout:
        root = root or paths.project_root()
        live = paths.warehouse_path(root)
        return cls(
            root=root,
            raw=paths.raw_dir(root),
            reference=paths.reference_seeds_dir(root),
            extracted=paths.extracted_seeds_dir(root),
            live_db=live,
            candidates=live.parent / "candidates",
            state=root / "data" / "state",
            pages_link=root / "reports" / "build",
            pages_versions=root / "reports" / "builds",
            logs=root / "logs",
        )

    @property
    def lock_file(self) -> Path:
        return self.state / "build.lock"

    @property
    def last_success_file(self) -> Path:
        return self.state / "last_success.json"

    @property
    def ingest_cache(self) -> Path:
        """Parsed documents by content, so a build re-parses only new or changed ones."""
        return self.state / "ingest-cache"

    @property
    def last_build_artefacts(self) -> Path:
        """dbt's target/ and log, GX Data Docs of the build that is live now."""
        return self.state / "last_build"

    def show(self, path: Path) -> str:
        """A path as a person at the project root would type it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class Candidate:
    run_id: str
    dir: Path
    pages: Path  # reports/builds/<run_id>: built in place so publishing is only a symlink flip

    @property
    def db(self) -> Path:
        return self.dir / "warehouse.duckdb"

    @property
    def dbt_target(self) -> Path:
        return self.dir / "target"

    @property
    def dbt_logs(self) -> Path:
        return self.dir / "dbt-logs"

    @property
    def gx_docs(self) -> Path:
        return self.dir / "gx-docs"

    @property
    def seeds_before(self) -> Path:
        return self.dir / "seeds-before"

    @property
    def seeds_extracted(self) -> Path:
        return self.dir / "seeds-extracted"


def new_run_id() -> str:
    """Sorts by time, unique across hosts and processes."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + "-" + secrets.token_hex(2)


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")
