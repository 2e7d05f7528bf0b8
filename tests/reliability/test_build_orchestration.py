"""The build's own logic — publish, no-change runs, exit codes, what a failure leaves behind, retention, alerts —
with the real ingest and fakes for dbt, the checkpoint and the pages (tests with the real stages are in
test_end_to_end.py). Each test works on its own project copy."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from reliability_support import (
    REPO,
    LiveState,
    fake_checkpoint,
    fake_dbt,
    fake_pages,
    git,
    runs,
    tree_bytes,
)

from budgetwh.build import BuildOptions, Candidate, Layout, StageFailed, Stages, run_build, runlog, wal_path
from budgetwh.build.fingerprint import fingerprint_inputs
from budgetwh.exitcodes import ExitCode

FAKES = Stages(dbt=fake_dbt, checkpoint=fake_checkpoint, pages=fake_pages)
SCHOOL = "minhang_2020_school_video_network_project_perf_targets.txt"


def build(project: Path, **options: object) -> int:
    options.setdefault("stages", FAKES)
    options.setdefault("quiet", True)
    return run_build(Layout.for_root(project), BuildOptions(**options))


def documents_in_live(project: Path) -> int:
    con = duckdb.connect(str(Layout.for_root(project).live_db), read_only=True)
    try:
        return con.execute("select count(*) from marts.fake_documents").fetchone()[0]
    finally:
        con.close()


def failing(code: ExitCode, message: str):
    def stage(layout: Layout, cand: Candidate) -> str:
        raise StageFailed(code, message, [f"check that failed with {code.name}"])

    return stage


def test_a_build_publishes_warehouse_and_pages_atomically(project: Path) -> None:
    assert build(project) == ExitCode.OK
    layout = Layout.for_root(project)
    assert documents_in_live(project) == 10  # the ten real documents, five of them PDFs
    assert not wal_path(layout.live_db).exists()
    assert layout.pages_link.is_symlink()
    (run,) = runs(project)
    assert os.readlink(layout.pages_link) == f"builds/{run['run_id']}"
    assert (layout.pages_link / "index.html").read_text(encoding="utf-8") == "<p>10 documents</p>\n"
    assert run["result"] == "published" and run["exit_code"] == 0
    assert [s["name"] for s in run["stages"]] == ["ingest", "dbt", "checkpoint", "pages", "publish"]
    assert all(s["status"] == "ok" for s in run["stages"])
    assert run["mart_rows"] == {"fake_documents": 10, "fake_indicators": 776, "fake_projects": 67}
    # the successful candidate leaves nothing in candidates/: its artefacts are kept as the live build's
    assert not any(layout.candidates.iterdir())
    assert layout.last_build_artefacts.is_dir() and not (layout.last_build_artefacts / "seeds-before").exists()


def test_a_run_with_nothing_changed_says_so_and_does_nothing(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert build(project) == ExitCode.OK
    before = LiveState(project)
    assert build(project, quiet=False) == ExitCode.OK
    assert "nothing changed since run" in capsys.readouterr().out
    assert LiveState(project) == before
    first, second = runs(project)
    assert second["result"] == "unchanged" and second["stages"] == []
    assert second["fingerprint"] == first["fingerprint"]
    assert second["mart_rows"] == first["mart_rows"]
    # --force rebuilds all the same
    assert build(project, force=True) == ExitCode.OK
    assert runs(project)[-1]["result"] == "published"


@pytest.mark.parametrize(
    "change",
    ["raw document", "reference seed", "model", "extracted seed", "live file replaced", "pages link"],
)
def test_any_input_change_triggers_a_rebuild(project: Path, change: str) -> None:
    assert build(project) == ExitCode.OK
    layout = Layout.for_root(project)
    if change == "raw document":
        (project / "data" / "raw" / SCHOOL).unlink()
    elif change == "reference seed":
        with (project / "seeds" / "reference" / "districts.csv").open("a", encoding="utf-8") as f:
            f.write("")  # touching is not a change …
        assert build(project) == ExitCode.OK and runs(project)[-1]["result"] == "unchanged"
        path = project / "seeds" / "reference" / "indicator_framework.csv"
        path.write_bytes(path.read_bytes() + b"\n")  # … a byte is
    elif change == "model":
        (project / "models" / "marts").mkdir(parents=True, exist_ok=True)
        (project / "models" / "marts" / "new_model.sql").write_text("select 1 as x\n", encoding="utf-8")
    elif change == "extracted seed":
        path = project / "seeds" / "extracted" / "documents.csv"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    elif change == "live file replaced":
        shutil.copyfile(layout.live_db, project / "copy.duckdb")
        os.replace(project / "copy.duckdb", layout.live_db)
    elif change == "pages link":
        os.unlink(layout.pages_link)
    assert build(project) == ExitCode.OK
    assert runs(project)[-1]["result"] == "published"


@pytest.mark.parametrize("listed_by", ["git", "walking the tree"])
def test_the_fingerprint_sees_the_build_code_but_not_the_published_pages(tmp_path: Path, listed_by: str) -> None:
    """A folder named build is the build's own code under src/ and published output under reports/: the first must
    count, the second must not, whether git lists the files or (without git) the tree is walked."""
    root = tmp_path / "project"
    files = {
        "src/budgetwh/build/run.py": "code",
        "reports/build/index.html": "legacy site",  # a real folder where the pages link should be
        "reports/builds/20260101T000000.000000Z-0000/index.html": "a published version",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    shutil.copyfile(REPO / ".gitignore", root / ".gitignore")
    if listed_by == "git":
        git(root.parent, "init", "-q", str(root))
    before = fingerprint_inputs(root)
    for rel in list(files)[1:]:
        (root / rel).write_text("rebuilt", encoding="utf-8")
    assert fingerprint_inputs(root) == before
    (root / "src/budgetwh/build/run.py").write_text("changed code", encoding="utf-8")
    assert fingerprint_inputs(root) != before


def test_a_changed_document_shows_as_a_reviewable_seed_diff(project: Path) -> None:
    assert build(project) == ExitCode.OK
    assert git(project, "status", "--porcelain") == ""  # a build adds nothing a person would commit
    (project / "data" / "raw" / SCHOOL).unlink()
    assert build(project) == ExitCode.OK
    assert documents_in_live(project) == 9
    stat = git(project, "diff", "--numstat", "--", "seeds/extracted")
    changed = {line.split("\t")[2]: int(line.split("\t")[1]) for line in stat.splitlines()}
    # one document, its one project and its 19 indicators are gone; nothing else moved
    assert changed == {
        "seeds/extracted/documents.csv": 1,
        "seeds/extracted/projects.csv": 1,
        "seeds/extracted/indicators.csv": 19,
    }


EXIT_CASES = {
    "dbt": ExitCode.MODEL_FAILURE,
    "checkpoint": ExitCode.QUALITY_GATE,
    "pages": ExitCode.PAGES_FAILURE,
}


@pytest.mark.parametrize("stage", ["ingest", "dbt", "checkpoint", "pages", "unexpected"])
def test_a_failure_leaves_everything_live_as_it_was(project: Path, stage: str) -> None:
    assert build(project) == ExitCode.OK
    (project / "data" / "raw" / SCHOOL).unlink()  # so the failed run's ingest changes the seeds
    before_seeds = tree_bytes(project / "seeds")
    before = LiveState(project)
    stages = Stages(dbt=fake_dbt, checkpoint=fake_checkpoint, pages=fake_pages)
    if stage == "ingest":
        (project / "data" / "raw" / "empty.txt").write_bytes(b"")
        expected = ExitCode.BAD_INPUT
    elif stage == "unexpected":

        def broken(layout: Layout, cand: Candidate) -> str:
            raise ZeroDivisionError("a bug in a stage")

        stages.checkpoint = broken
        expected = ExitCode.UNEXPECTED
    else:
        expected = EXIT_CASES[stage]
        if stage == "pages":

            def half_built_pages(layout: Layout, cand: Candidate) -> str:
                fake_pages(layout, cand)
                raise StageFailed(ExitCode.PAGES_FAILURE, "pages failed: a query failed")

            stages.pages = half_built_pages
        else:
            setattr(stages, stage, failing(expected, f"{stage} failed on purpose"))

    assert build(project, stages=stages) == expected
    assert LiveState(project) == before
    assert tree_bytes(project / "seeds") == before_seeds
    layout = Layout.for_root(project)
    run = runs(project)[-1]
    assert run["result"] == "failed" and run["exit_code"] == expected and run["exit_name"] == expected.name
    failed_stage = "checkpoint" if stage == "unexpected" else stage
    assert [s["name"] for s in run["stages"] if s["status"] == "failed"] == [failed_stage]
    (kept,) = layout.candidates.iterdir()
    assert run["candidate"] == f"data/candidates/{kept.name}"
    assert (kept / "failure.json").is_file()
    # the never-published page version went with the candidate, not among the versions the link may use
    assert sorted(p.name for p in layout.pages_versions.iterdir()) == [before.pages_link.removeprefix("builds/")]
    if stage == "pages":
        assert (kept / "pages" / "index.html").is_file()
    if stage == "unexpected":
        assert "ZeroDivisionError" in (kept / "traceback.txt").read_text(encoding="utf-8")
        assert run["message"] == "ZeroDivisionError: a bug in a stage"
    if stage in ("dbt", "checkpoint"):
        assert run["checks_failed"] == [f"check that failed with {expected.name}"]
    if stage != "ingest":  # what the failed run extracted is kept for the diff, the live seeds were put back
        assert (kept / "seeds-extracted" / "indicators.csv").read_bytes() != before_seeds["extracted/indicators.csv"]


def test_a_failure_message_says_what_happened_and_where_to_look(project: Path, capsys) -> None:
    (project / "data" / "raw" / "empty.txt").write_bytes(b"")
    assert build(project, quiet=True) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err.splitlines()
    run = runs(project)[-1]
    assert err == [
        "budgetwh build: BAD_INPUT (exit 3) in stage ingest: empty.txt: file is empty: nothing to ingest",
        "  nothing was published: data/warehouse.duckdb and reports/build are as they were",
        f"  the failed candidate is kept in data/candidates/{run['run_id']}/ (newest 5 kept)",
        "  run log: logs/runs.jsonl",
    ]


def test_failed_candidates_are_kept_up_to_the_retention_limit(project: Path) -> None:
    stages = Stages(dbt=failing(ExitCode.MODEL_FAILURE, "no"), checkpoint=fake_checkpoint, pages=fake_pages)
    for _ in range(4):
        assert build(project, stages=stages, keep_failed=2) == ExitCode.MODEL_FAILURE
    kept = sorted(p.name for p in Layout.for_root(project).candidates.iterdir())
    assert kept == sorted(r["run_id"] for r in runs(project))[-2:]


def test_page_versions_are_kept_up_to_the_retention_limit(project: Path) -> None:
    for _ in range(4):
        assert build(project, force=True, keep_pages=2) == ExitCode.OK
    layout = Layout.for_root(project)
    ids = [r["run_id"] for r in runs(project)]
    assert sorted(p.name for p in layout.pages_versions.iterdir()) == ids[-2:]
    assert os.readlink(layout.pages_link) == f"builds/{ids[-1]}"


def test_a_real_directory_in_place_of_the_pages_link_is_moved_aside(project: Path) -> None:
    old_pages = project / "reports" / "build"
    old_pages.mkdir(parents=True)
    (old_pages / "index.html").write_text("old\n", encoding="utf-8")
    assert build(project) == ExitCode.OK
    run_id = runs(project)[-1]["run_id"]
    assert os.readlink(old_pages) == f"builds/{run_id}"
    assert (project / "reports" / "builds" / f"legacy-{run_id}" / "index.html").read_text(encoding="utf-8") == "old\n"


def test_the_on_failure_command_gets_the_outcome(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "alert.txt"
    fields = '"$BUDGETWH_EXIT_CODE" "$BUDGETWH_EXIT_NAME" "$BUDGETWH_MESSAGE" "$BUDGETWH_RUN_ID"'
    command = f'printf "%s|%s|%s|%s" {fields} > {out}'
    stages = Stages(dbt=failing(ExitCode.MODEL_FAILURE, "dbt build failed: 1 of 9 nodes failed"))
    assert build(project, stages=stages, on_failure=command) == ExitCode.MODEL_FAILURE
    run = runs(project)[-1]
    assert out.read_text(encoding="utf-8") == f"4|MODEL_FAILURE|dbt build failed: 1 of 9 nodes failed|{run['run_id']}"
    assert run["alert"] == {"command": command, "exit_code": 0}
    # not on success
    out.unlink()
    assert build(project, on_failure=command) == ExitCode.OK
    assert not out.exists() and runs(project)[-1]["alert"] == {}


def test_a_wal_left_by_the_writer_is_folded_in_before_publishing(project: Path) -> None:
    def dbt_that_dies_before_checkpointing(layout: Layout, cand: Candidate) -> str:
        # a writer killed after committing: its data sits in the WAL only
        script = textwrap.dedent(
            f"""
            import duckdb, os
            con = duckdb.connect({str(cand.db)!r})
            con.execute("pragma disable_checkpoint_on_shutdown")
            con.execute("set wal_autocheckpoint = '1TB'")
            con.execute("create schema marts")
            con.execute("create table marts.fake_documents as select * from range(5)")
            os._exit(0)
            """
        )
        subprocess.run([sys.executable, "-c", script], check=True)
        assert wal_path(cand.db).exists()
        return "dbt that left a WAL"

    assert (
        build(
            project, stages=Stages(dbt=dbt_that_dies_before_checkpointing, pages=fake_pages, checkpoint=fake_checkpoint)
        )
        == ExitCode.OK
    )
    layout = Layout.for_root(project)
    assert not wal_path(layout.live_db).exists()
    assert documents_in_live(project) == 5


def test_publishing_is_refused_while_someone_writes_to_the_live_file(project: Path) -> None:
    assert build(project) == ExitCode.OK
    layout = Layout.for_root(project)
    script = (
        f"import duckdb, sys; con = duckdb.connect({str(layout.live_db)!r}); print('open', flush=True); "
        "sys.stdin.read()"
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "open\n"
        before = LiveState(project)
        assert build(project, force=True) == ExitCode.UNEXPECTED
        assert "is open read-write in another process" in runs(project)[-1]["message"]
        assert LiveState(project) == before
    finally:
        writer.communicate("", timeout=30)


def test_sigterm_unwinds_puts_the_seeds_back_and_logs_the_run(project: Path) -> None:
    assert build(project) == ExitCode.OK
    (project / "data" / "raw" / SCHOOL).unlink()
    before = LiveState(project)
    script = textwrap.dedent(
        f"""
        import signal, sys, time
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from budgetwh import build
        from budgetwh.build.command import terminate_as_interrupt
        def slow_dbt(layout, cand):
            print("dbt started", flush=True)
            time.sleep(120)
        signal.signal(signal.SIGTERM, terminate_as_interrupt)
        layout = build.Layout.for_root(Path({str(project)!r}))
        sys.exit(build.run_build(layout, build.BuildOptions(quiet=True, stages=build.Stages(dbt=slow_dbt))))
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "dbt started\n"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.UNEXPECTED, err
    assert "interrupted" in err
    assert LiveState(project) == before  # seeds put back although the interrupted ingest had rewritten them
    assert runs(project)[-1]["message"] == "interrupted (signal); nothing was published"


def test_run_log_rotates_by_size(tmp_path: Path) -> None:
    for i in range(30):
        record = runlog.RunRecord(run_id=f"run{i:02d}", started_at="x", message="m" * 100)
        runlog.rotate(tmp_path, max_bytes=2000, keep=2)  # as a build does: rotate under the lock, then append
        runlog.append(tmp_path, record)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["runs.jsonl", "runs.jsonl.1", "runs.jsonl.2"]
    kept = [r["run_id"] for r in runlog.read(tmp_path)]
    assert kept == [f"run{i:02d}" for i in range(30)][-len(kept) :]  # the newest, in order, nothing else
    assert all((tmp_path / n).stat().st_size <= 2000 + 600 for n in names)


def test_run_log_never_carries_a_mobile_number(tmp_path: Path) -> None:
    # a made-up number, never one printed on a form
    record = runlog.RunRecord(run_id="r", started_at="x", message="x.txt:13: bad cell '13700001234'")
    runlog.append(tmp_path, record)
    text = (tmp_path / "runs.jsonl").read_text(encoding="utf-8")
    assert "13700001234" not in text and "137****1234" in text


def test_a_build_after_only_documents_changed_starts_from_a_copy_of_the_live_file(project: Path) -> None:
    def first_stage() -> str:
        return runs(project)[-1]["stages"][0]["name"]

    layout = Layout.for_root(project)
    school = project / "data" / "raw" / SCHOOL
    school_text = school.read_bytes()
    assert build(project) == ExitCode.OK
    assert first_stage() == "ingest"  # nothing live yet: a fresh file

    school.unlink()  # only a document changed: start from the live file, add (here: drop) what changed
    assert build(project) == ExitCode.OK
    run = runs(project)[-1]
    assert [s["name"] for s in run["stages"]][:2] == ["clone", "ingest"]
    assert run["stages"][0]["detail"] in ("copy of data/warehouse.duckdb", "reflink of data/warehouse.duckdb")
    assert run["mart_rows"]["fake_documents"] == 9

    # the live file changed behind the builds' back: it is not trusted as a starting point
    con = duckdb.connect(str(layout.live_db))
    con.execute("create table marts.not_published_by_a_build as select 42 as answer")
    con.close()
    school.write_bytes(school_text)
    assert build(project) == ExitCode.OK
    assert first_stage() == "ingest"
    assert "not_published_by_a_build" not in runs(project)[-1]["mart_rows"]

    # models changed: the per-document rows of the live file may be stale, so start fresh
    (project / "models" / "note.md").write_text("a model changed\n", encoding="utf-8")
    school.unlink()
    assert build(project) == ExitCode.OK
    assert first_stage() == "ingest"
    assert runs(project)[-1]["mart_rows"]["fake_documents"] == 9

    school.write_bytes(school_text)
    assert build(project, force=True) == ExitCode.OK  # --force always starts fresh
    assert first_stage() == "ingest"
