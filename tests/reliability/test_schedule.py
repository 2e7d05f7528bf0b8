"""`budgetwh schedule`: the crontab line and the systemd units it prints are valid, and the command they schedule,
run exactly as cron or systemd would run it, does the build and calls the on-failure command. CI has neither cron
nor a running systemd, so the units are checked with `systemd-analyze verify` and the commands are run by hand."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from reliability_support import BUDGETWH, run_budgetwh, runs

# Every character a shell, cron or systemd treats specially.
ALERT = """printf '%s exit=%s "%s"\\n' "$BUDGETWH_RUN_ID" "$BUDGETWH_EXIT_CODE" "$BUDGETWH_MESSAGE" >> {out}"""


def crontab_command(line: str) -> str:
    """What cron hands to /bin/sh for a crontab line: the text after the five time fields, `\\%` → `%`."""
    fields = line.split(None, 5)
    assert len(fields) == 6, line
    return fields[5].replace("\\%", "%")


def systemd_exec_argv(unit: str) -> list[str]:
    """ExecStart= as systemd splits it: shell-like quoting, with `%%` and `$$` standing for % and $."""
    (line,) = [ln for ln in unit.splitlines() if ln.startswith("ExecStart=")]
    return [arg.replace("%%", "%").replace("$$", "$") for arg in shlex.split(line.removeprefix("ExecStart="))]


def failing_project(project: Path) -> None:
    (project / "data" / "raw" / "empty.txt").write_bytes(b"")


def test_the_crontab_line_is_well_formed(project: Path) -> None:
    proc = run_budgetwh(project, "schedule", "--print-cron", "--cron", "*/30 6-22 * * 1-5")
    assert proc.returncode == 0, proc.stderr
    comments = [ln for ln in proc.stdout.splitlines() if ln.startswith("#")]
    (line,) = [ln for ln in proc.stdout.splitlines() if ln and not ln.startswith("#")]
    assert any("logs/runs.jsonl" in c for c in comments)
    assert line.split(None, 5)[:5] == ["*/30", "6-22", "*", "*", "1-5"]
    command = crontab_command(line)
    assert command.startswith(f"cd {project} && BUDGETWH_ROOT={project} PATH=")
    assert command.endswith(f"{BUDGETWH} build --quiet")


def test_the_scheduled_cron_command_runs_the_build_and_alerts_on_failure(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "alerts.log"
    alert = ALERT.format(out=out)
    proc = run_budgetwh(project, "schedule", "--print-cron", "--on-failure", alert)
    (line,) = [ln for ln in proc.stdout.splitlines() if ln and not ln.startswith("#")]
    assert "%" not in line.replace("\\%", "")  # an unescaped % would cut the command short in a crontab
    failing_project(project)
    # as cron runs it: /bin/sh, from the home directory, with a bare environment
    ran = subprocess.run(
        ["/bin/sh", "-c", crontab_command(line)],
        cwd="/",
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 3
    assert ran.stdout == ""  # --quiet: only the failure is printed (cron mails it)
    assert ran.stderr.startswith("budgetwh build: BAD_INPUT (exit 3) in stage ingest: empty.txt: file is empty")
    run = runs(project)[-1]
    assert out.read_text(encoding="utf-8") == (
        f'{run["run_id"]} exit=3 "empty.txt: file is empty: nothing to ingest"\n'
    )
    assert run["alert"] == {"command": alert, "exit_code": 0}


def write_units(project: Path, out_dir: Path, *args: str) -> dict[str, str]:
    proc = run_budgetwh(project, "schedule", "--print-systemd", "--out", str(out_dir), *args)
    assert proc.returncode == 0, proc.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out_dir.iterdir())}


def test_the_systemd_units_are_complete(project: Path, tmp_path: Path) -> None:
    units = write_units(project, tmp_path / "units", "--on-calendar", "*-*-* 06:00:00")
    assert set(units) == {"budgetwh-build.service", "budgetwh-build.timer"}
    service, timer = units["budgetwh-build.service"], units["budgetwh-build.timer"]
    assert "Type=oneshot" in service and f"WorkingDirectory={project}" in service
    assert "SuccessExitStatus=6" in service  # a run refused by the lock is not a failure
    assert systemd_exec_argv(service) == [BUDGETWH, "build", "--quiet"]
    assert "OnCalendar=*-*-* 06:00:00" in timer and "Unit=budgetwh-build.service" in timer
    assert "Persistent=true" in timer and "WantedBy=timers.target" in timer
    printed = run_budgetwh(project, "schedule", "--print-systemd", "--on-calendar", "*-*-* 06:00:00").stdout
    for text in units.values():
        assert text in printed


def systemd_analyze() -> str:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed (Debian package 'systemd'); the units' syntax is unchecked")
    return tool


def test_systemd_analyze_verifies_the_units(project: Path, tmp_path: Path) -> None:
    tool = systemd_analyze()
    alert = ALERT.format(out=tmp_path / "alerts.log")
    units = write_units(project, tmp_path / "units", "--on-failure", alert)
    paths = [str(tmp_path / "units" / name) for name in units]
    proc = subprocess.run([tool, "verify", *paths], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "budgetwh-build" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    calendar = subprocess.run([tool, "calendar", "hourly"], capture_output=True, text=True, timeout=60)
    assert calendar.returncode == 0 and "Normalized form: *-*-* *:00:00" in calendar.stdout


def test_systemd_analyze_would_catch_a_broken_unit(project: Path, tmp_path: Path) -> None:
    # the check above can fail: a unit with a bad calendar and a missing program is refused
    tool = systemd_analyze()
    units = write_units(project, tmp_path / "units")
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, text in units.items():
        text = text.replace("OnCalendar=hourly", "OnCalendar=every full moon").replace(BUDGETWH, "/nonexistent/bin")
        (bad / name).write_text(text, encoding="utf-8")
    proc = subprocess.run([tool, "verify", *map(str, bad.iterdir())], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Failed to parse calendar specification" in proc.stderr


def test_the_scheduled_systemd_command_runs_the_build_and_alerts_on_failure(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "alerts.log"
    alert = ALERT.format(out=out)
    service = write_units(project, tmp_path / "units", "--on-failure", alert)["budgetwh-build.service"]
    argv = systemd_exec_argv(service)
    assert argv == [BUDGETWH, "build", "--quiet", "--on-failure", alert]
    (env_line,) = [ln for ln in service.splitlines() if ln.startswith("Environment=")]
    env = dict(a.split("=", 1) for a in shlex.split(env_line.removeprefix("Environment=")))
    assert env["BUDGETWH_ROOT"] == str(project)
    (workdir,) = [ln.removeprefix("WorkingDirectory=") for ln in service.splitlines() if "WorkingDirectory" in ln]
    failing_project(project)
    ran = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 3 and ran.stdout == ""
    run = runs(project)[-1]
    assert re.fullmatch(
        rf'{re.escape(run["run_id"])} exit=3 "empty\.txt: file is empty: nothing to ingest"\n',
        out.read_text(encoding="utf-8"),
    )
