"""`make setup` installs the browser tests' Chromium and CJK font when they are missing (as root), and otherwise
stops with the one command to run (scripts/setup-browser.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "setup-browser.sh"
ABSENT = {"BROWSER_PATH": "/nonexistent/chromium"}


def run(*prefix: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, "bash", str(SCRIPT)], env={**os.environ, **ABSENT}, capture_output=True, text=True, timeout=300
    )


def test_present_browser_needs_nothing():
    if not os.access("/usr/bin/chromium", os.X_OK):
        pytest.skip("chromium is not installed here")
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("apt-get") is None, reason="installs only as root")
def test_absent_browser_is_installed_as_root():
    done = run()
    assert "setup: installing chromium from Debian (browser tests)" in done.stdout
    # the packages are installed, but the path the test names still holds no browser: said in one line
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "setup: /nonexistent/chromium is still missing after installing chromium"
    ]


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="needs setpriv to drop root")
def test_absent_browser_without_root_prints_the_command():
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    done = run(*drop)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "setup: the browser tests need chromium: run  sudo apt-get install -y chromium fonts-wqy-microhei"
    ]
