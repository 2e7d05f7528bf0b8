"""The pages' compile runs beside dbt and the quality gate (budgetwh.build.run._run_stages, PagesStage.start): it
starts once ingest has passed, it is ended whenever the run fails, it reads the warehouse in this process only
after the gate has closed it, and the all-or-nothing publish holds: a failed gate publishes nothing and the run
exits with the gate's code. With the real ingest, a fake dbt and a pages stage that records what the run asked of
it (tests with the real Evidence build are in test_end_to_end.py and tests/dashboard)."""

from __future__ import annotations

import threading
from pathlib import Path

from reliability_support import LiveState, fake_checkpoint, fake_dbt, fake_pages, runs

from budgetwh.build import BuildOptions, Candidate, Layout, StageFailed, Stages, run_build
from budgetwh.exitcodes import ExitCode


class RecordingPages:
    """A pages stage with the real one's hooks. Its compile "runs" from start until stop or until it finishes;
    finishing waits, like the real stage, for the gate to close the warehouse before reading it."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.compiling = threading.Event()
        self.gate_done = threading.Event()
        self.stopped = threading.Event()

    def start(self, layout: Layout, cand: Candidate) -> None:
        self.events.append("start")
        self.compiling.set()

    def __call__(self, layout: Layout, cand: Candidate) -> str:
        self.events.append("finish")
        if not self.gate_done.wait(timeout=30):
            raise AssertionError("the run never said the gate had closed the warehouse")
        if self.stopped.is_set():
            raise StageFailed(ExitCode.PAGES_FAILURE, "pages failed: the compile was stopped")
        self.events.append("reads the warehouse")
        return fake_pages(layout, cand)

    def gate_closed(self, cand: Candidate) -> None:
        self.events.append("gate closed")
        self.gate_done.set()

    def stop(self, cand: Candidate) -> None:
        self.events.append("stop")
        self.stopped.set()
        self.gate_done.set()


def recording(name: str, events: list[str], stage):
    def run(layout: Layout, cand: Candidate) -> str:
        events.append(name)
        return stage(layout, cand)

    return run


def build(project: Path, stages: Stages) -> int:
    return run_build(Layout.for_root(project), BuildOptions(quiet=True, stages=stages))


def test_the_compile_starts_after_ingest_and_the_pages_read_the_warehouse_after_the_gate(project: Path) -> None:
    pages = RecordingPages()
    stages = Stages(
        dbt=recording("dbt", pages.events, fake_dbt),
        checkpoint=recording("checkpoint", pages.events, fake_checkpoint),
        pages=pages,
    )
    assert build(project, stages) == ExitCode.OK
    events = pages.events
    assert events[:2] == ["start", "dbt"]  # the compile runs beside dbt
    assert events.index("gate closed") < events.index("reads the warehouse")
    assert events[-1] == "stop"  # the work copy goes, the compile has finished
    run = runs(project)[-1]
    assert [s["name"] for s in run["stages"]] == ["ingest", "dbt", "checkpoint", "pages", "publish"]
    layout = Layout.for_root(project)
    assert (layout.pages_link / "index.html").read_text(encoding="utf-8") == "<p>10 documents</p>\n"


def test_a_failed_gate_stops_the_compile_publishes_nothing_and_exits_with_the_gates_code(project: Path) -> None:
    assert build(project, Stages(dbt=fake_dbt, checkpoint=fake_checkpoint, pages=fake_pages)) == ExitCode.OK
    before = LiveState(project)

    def gate_fails(layout: Layout, cand: Candidate) -> str:
        raise StageFailed(ExitCode.QUALITY_GATE, "quality gate failed: 1 of 110 expectations", ["expect_x"])

    pages = RecordingPages()
    code = run_build(
        Layout.for_root(project),
        BuildOptions(quiet=True, force=True, stages=Stages(dbt=fake_dbt, checkpoint=gate_fails, pages=pages)),
    )
    assert code == ExitCode.QUALITY_GATE
    assert pages.stopped.is_set() and "reads the warehouse" not in pages.events
    assert pages.events.index("stop") < pages.events.index("gate closed")  # stopped as soon as the gate failed
    assert LiveState(project) == before
    run = runs(project)[-1]
    assert run["exit_code"] == ExitCode.QUALITY_GATE and run["checks_failed"] == ["expect_x"]
    stages = [(s["name"], s["status"]) for s in run["stages"]]
    assert stages == [("ingest", "ok"), ("dbt", "ok"), ("checkpoint", "failed")]  # the pages never finished


def test_a_failed_dbt_stops_the_compile_before_the_pages_stage(project: Path) -> None:
    def dbt_fails(layout: Layout, cand: Candidate) -> str:
        raise StageFailed(ExitCode.MODEL_FAILURE, "dbt build failed: 1 of 9 nodes failed")

    pages = RecordingPages()
    assert build(project, Stages(dbt=dbt_fails, checkpoint=fake_checkpoint, pages=pages)) == ExitCode.MODEL_FAILURE
    assert pages.events == ["start", "stop"]
    assert not Layout.for_root(project).pages_link.exists()
