"""`make test-fresh` (its own step of .ci/run) clones the commit into a new temporary folder, puts ../shared beside
the clone as the repository expects it, and runs the README's two commands there: `make run`, then `make test`.
Here the recipe runs with a fake `make` (MAKE=...) that records where it was sent and what it found there, so the
recipe itself is tested (one folder for the clone, the shared inputs and both commands; removed when both pass, kept
when one fails) without the quarter of an hour the real commands take, which CI spends."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# make -C <folder> <target>: one line per call, then fail when told to
FAKE_MAKE = """#!/bin/sh
[ "$1" = -C ] || exit 9
shared=no-shared; [ -d "$2/../shared/sources" ] && shared=shared
echo "$3 $2 $(git -C "$2" rev-parse HEAD) $(git -C "$2" status --porcelain | wc -l) $shared" >> "$FAKE_LOG"
[ "$3" != "$FAIL_AT" ]
"""


def run_test_fresh(tmp_path: Path, fail_at: str = "") -> tuple[subprocess.CompletedProcess, list[list[str]]]:
    fake = tmp_path / "make"
    fake.write_text(FAKE_MAKE, encoding="utf-8")
    fake.chmod(0o755)
    log = tmp_path / "calls"
    env = {**os.environ, "FAKE_LOG": str(log), "FAIL_AT": fail_at}
    done = subprocess.run(
        ["make", "--no-print-directory", "test-fresh", f"MAKE={fake}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    calls = [line.split() for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return done, calls


def head() -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()


def test_a_clone_of_the_commit_with_shared_beside_it_runs_both_commands_then_goes(tmp_path: Path) -> None:
    done, calls = run_test_fresh(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    shared = "shared" if (ROOT.parent / "shared" / "sources").is_dir() else "no-shared"
    assert [call[0] for call in calls] == ["run", "test"]
    folder = Path(calls[0][1])
    # both commands in the one clone: this commit, nothing changed in it, ../shared beside it when it is beside us
    assert calls == [["run", str(folder), head(), "0", shared], ["test", str(folder), head(), "0", shared]]
    assert folder.name == "main" and folder.parent.name.startswith("budgetwh-fresh.")
    assert not folder.parent.exists()  # removed once both passed
    assert done.stdout.splitlines()[-1] == "test-fresh: make run and make test passed in a fresh clone"


@pytest.mark.parametrize("fail_at", ["run", "test"])
def test_a_failing_command_fails_the_target_and_keeps_the_clone(tmp_path: Path, fail_at: str) -> None:
    done, calls = run_test_fresh(tmp_path, fail_at)
    folder = Path(calls[0][1])
    try:
        assert done.returncode != 0
        assert [call[0] for call in calls] == ["run", "test"][: ["run", "test"].index(fail_at) + 1]
        assert (folder / ".git").is_dir()  # kept for diagnosis
        assert "passed" not in done.stdout
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def test_ci_runs_it_as_its_own_step_after_the_suite_and_make_test_does_not() -> None:
    steps = [line.split("#")[0].strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    steps = [step for step in steps if step.startswith("make ") or " make " in f" {step}"]
    assert "make test-fresh" in steps
    assert steps.index("make test-fresh") > steps.index("make test")
    dry = subprocess.run(["make", "--no-print-directory", "-n", "test"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "pytest" in dry.stdout and "mktemp" not in dry.stdout and "clone" not in dry.stdout
