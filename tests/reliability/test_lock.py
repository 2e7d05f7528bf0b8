"""Two builds never overlap: an OS lock (flock) makes a second run exit at once with code 6 and say who holds the
lock, and a holder that dies, however it dies, leaves no stale lock behind."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from reliability_support import fake_checkpoint, fake_dbt, fake_pages, run_budgetwh, runs

from budgetwh.build import BuildLock, BuildOptions, Layout, Locked, Stages, run_build
from budgetwh.exitcodes import ExitCode

FAKES = Stages(dbt=fake_dbt, checkpoint=fake_checkpoint, pages=fake_pages)


def hold_lock(project: Path) -> subprocess.Popen:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from budgetwh.build import BuildLock, Layout
        lock = BuildLock(Layout.for_root(Path({str(project)!r})).lock_file).acquire("holder-run")
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    return holder


def test_a_second_build_exits_at_once_with_code_6_and_says_who_holds_the_lock(project: Path) -> None:
    holder = hold_lock(project)
    try:
        started = time.monotonic()
        proc = run_budgetwh(project, "build", timeout=120)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == ExitCode.LOCKED
    assert re.fullmatch(
        rf"budgetwh build: another build holds the lock data/state/build\.lock \(pid {holder.pid}, run holder-run, "
        r"since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\); this run did nothing\n",
        proc.stderr,
    ), proc.stderr
    assert proc.stdout == ""
    (run,) = runs(project)
    assert (run["result"], run["exit_code"], run["exit_name"], run["stages"]) == ("locked", 6, "LOCKED", [])
    assert waited < 60  # "at once": it never waits for the holder (generous bound for a loaded CI machine)


def test_a_killed_holder_leaves_no_stale_lock(project: Path) -> None:
    holder = hold_lock(project)
    layout = Layout.for_root(project)
    try:
        BuildLock(layout.lock_file).acquire("second")
        raise AssertionError("the lock was not held")
    except Locked:
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert layout.lock_file.exists()  # the file stays; only the kernel's lock on it went with the process
    assert run_build(layout, BuildOptions(quiet=True, stages=FAKES)) == ExitCode.OK


def test_a_build_killed_mid_run_leaves_no_stale_lock_and_live_state_intact(project: Path) -> None:
    layout = Layout.for_root(project)
    assert run_build(layout, BuildOptions(quiet=True, stages=FAKES)) == ExitCode.OK
    live = layout.live_db.read_bytes()
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from reliability_support import fake_dbt
        from budgetwh import build
        def slow_dbt(layout, cand):
            fake_dbt(layout, cand)
            print("dbt running", flush=True)
            time.sleep(600)
        layout = build.Layout.for_root(Path({str(project)!r}))
        build.run_build(layout, build.BuildOptions(quiet=True, force=True, stages=build.Stages(dbt=slow_dbt)))
        """
    )
    victim = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert victim.stdout.readline() == "dbt running\n"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert layout.live_db.read_bytes() == live
    # the crashed run's candidate is still there for diagnosis …
    assert len(list(layout.candidates.iterdir())) == 1
    # … and the next build is not locked out
    assert run_build(layout, BuildOptions(quiet=True, force=True, stages=FAKES)) == ExitCode.OK
    assert runs(project)[-1]["result"] == "published"
