"""`budgetwh build`: the one command a person (`make run`) or a scheduler runs.

    ingest → dbt build (on a candidate file) → GX checkpoint → pages (fresh directory) → CHECKPOINT → publish

Analysts keep read-only connections to `data/warehouse.duckdb` open all day, so the build never writes to it: dbt
builds a candidate file beside it (`data/candidates/<run_id>/warehouse.duckdb`, same filesystem), and only a
candidate that passed every stage replaces the live file, by one atomic `rename`. A reader that opened the old file
keeps reading the old inode until it reconnects; a reader that connects after the rename sees the new one; nobody
sees a mix, and nobody is locked out (DuckDB's single-writer lock is per file, and the writer holds the candidate).
The pages are published the same way: built into `reports/builds/<run_id>/`, then the `reports/build` symlink is
replaced atomically.

On any failure nothing live changes (warehouse, pages, extracted seeds) and the candidate stays in
`data/candidates/` for diagnosis, the newest few only. An OS lock (flock, released by the kernel when the process
dies, so a crash leaves no stale lock) keeps two builds from overlapping. Exit codes: `budgetwh.exitcodes`.

Each stage is a small function of (Layout, Candidate), so tests can swap any of them for a fake.

Modules, bottom up (none imports one above it): layout (where the live files and a run's candidate are), runlog (one
JSON line per run), lock (one build at a time), fingerprint (has anything changed since the last publish?), stages
(ingest, dbt, checkpoint, pages on the candidate), publish (rename the candidate in, flip the pages link, put the
seeds back after a failure, prune), run (the run itself), command (`budgetwh build` options). The file operations
that must be atomic live below all of them, in budgetwh.atomic, which the pages and the benchmark use as well."""

from budgetwh.atomic import clone_file, flip_symlink
from budgetwh.build.command import register
from budgetwh.build.layout import Candidate, Layout, wal_path
from budgetwh.build.lock import BuildLock, Locked
from budgetwh.build.run import BuildOptions, run_build
from budgetwh.build.stages import StageFailed, Stages

__all__ = [
    "BuildLock",
    "BuildOptions",
    "Candidate",
    "Layout",
    "Locked",
    "StageFailed",
    "Stages",
    "register",
    "clone_file",
    "flip_symlink",
    "run_build",
    "wal_path",
]
