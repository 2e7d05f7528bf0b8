"""`budgetwh build`: the one command a person (`make run`) or a scheduler runs (see budgetwh.build.run)."""

from budgetwh.atomic import clone_file, flip_symlink
from budgetwh.build.command import register
from budgetwh.build.run import (
    BuildLock,
    BuildOptions,
    Candidate,
    Layout,
    Locked,
    StageFailed,
    Stages,
    run_build,
    wal_path,
)

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
