"""`budgetwh build`: the one command a person (`make run`) or a scheduler runs (see budgetwh.build.run)."""

from budgetwh.atomic import clone_file, flip_symlink
from budgetwh.build.command import register
from budgetwh.build.layout import Candidate, Layout, wal_path
from budgetwh.build.lock import BuildLock, Locked
from budgetwh.build.run import BuildOptions, StageFailed, Stages, run_build

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
