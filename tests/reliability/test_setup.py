"""`make setup` installs the browser tests' Chromium and CJK font when they are missing (as root), and otherwise
stops with the one command to run (scripts/setup-browser.sh). The script is pointed at an absent browser path and
runs with fakes of `id`, `dpkg` and `apt-get` first on PATH, so both branches are tested as root or not, and nothing
is installed: the fake apt-get records its arguments (and "installs" the browser at the path asked, when told to)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "setup-browser.sh"
INSTALL = "install -y -qq --no-install-recommends chromium fonts-wqy-microhei"
FAKES = {
    "id": '#!/bin/sh\n[ "$1" = -u ] && echo "$FAKE_UID"\n',
    # dpkg -s fonts-wqy-microhei: installed when FAKE_FONT=installed
    "dpkg": '#!/bin/sh\n[ "$FAKE_FONT" = installed ]\n',
    "apt-get": (
        '#!/bin/sh\necho "$*" >> "$APT_LOG"\n'
        'if [ "$1" = install ] && [ -n "$FAKE_INSTALLS" ]; then touch "$FAKE_INSTALLS"; chmod +x "$FAKE_INSTALLS"; fi\n'
    ),
}


def run_setup(tmp_path: Path, *, uid: int, font: str, installs: bool) -> tuple[subprocess.CompletedProcess, list[str]]:
    fakes = tmp_path / "bin"
    fakes.mkdir()
    for name, text in FAKES.items():
        (fakes / name).write_text(text, encoding="utf-8")
        (fakes / name).chmod(0o755)
    browser = tmp_path / "absent" / "chromium"
    browser.parent.mkdir()
    log = tmp_path / "apt.log"
    env = {
        **os.environ,
        "PATH": f"{fakes}:{os.environ['PATH']}",
        "BROWSER_PATH": str(browser),
        "FAKE_UID": str(uid),
        "FAKE_FONT": font,
        "FAKE_INSTALLS": str(browser) if installs else "",
        "APT_LOG": str(log),
    }
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    return done, log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_present_browser_needs_nothing():
    if not os.access("/usr/bin/chromium", os.X_OK):
        pytest.skip("chromium is not installed here")
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(("font", "missing"), [("installed", "chromium"), ("absent", "chromium fonts-wqy-microhei")])
def test_absent_browser_is_installed_as_root(tmp_path, font, missing):
    done, apt = run_setup(tmp_path, uid=0, font=font, installs=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [f"setup: installing {missing} from Debian (browser tests)"]
    assert apt == ["update -qq", INSTALL]  # both packages: apt-get skips the one already installed


def test_an_install_that_leaves_no_browser_says_so_in_one_line(tmp_path):
    done, apt = run_setup(tmp_path, uid=0, font="installed", installs=False)
    assert done.returncode == 1
    assert apt == ["update -qq", INSTALL]
    assert done.stderr.splitlines() == [f"setup: {tmp_path}/absent/chromium is still missing after installing chromium"]


@pytest.mark.parametrize(("font", "missing"), [("installed", "chromium"), ("absent", "chromium fonts-wqy-microhei")])
def test_absent_browser_without_root_prints_the_command(tmp_path, font, missing):
    done, apt = run_setup(tmp_path, uid=1000, font=font, installs=True)
    assert (done.returncode, done.stdout, apt) == (1, "", [])
    assert done.stderr.splitlines() == [
        f"setup: the browser tests need {missing}: run  sudo apt-get install -y chromium fonts-wqy-microhei"
    ]


def test_make_setup_runs_the_browser_check():
    """`make setup` (which `make run` and `make test` run first) ends with the script, and .ci/run calls the same
    target: a dry run of make lists the script's command last."""
    dry = subprocess.run(["make", "--no-print-directory", "-n", "setup"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[-1] == "scripts/setup-browser.sh"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make setup" in [line.split("#")[0].strip() for line in ci]
