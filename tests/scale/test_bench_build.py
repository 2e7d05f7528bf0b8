"""How the bench watches a build (it times nothing here): each stage keeps the build's own behaviour (the site's
compile started beside dbt), its peak memory is split by who held it, a site left out is "not measured", a scale
that fails keeps the figures measured before it, and the gate's ×3000 memory is an estimate said to be one."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from budgetwh.bench import command
from budgetwh.bench.buildrun import NO_SITE, Watched
from budgetwh.bench.measure import Measured, MemoryWatch, part_of, resident_by_part
from budgetwh.bench.scale import build_figures
from budgetwh.bench.targets import compare, gate_estimate


def test_processes_are_told_apart_by_their_command_line():
    assert part_of("/venv/bin/python3.11 -m budgetwh.build.dbt_once --exclude-resource-type seed") == "dbt"
    assert part_of("node ../../node_modules/vite/bin/vite.js build --config x.js") == "site"
    assert part_of("npm exec evidence sources") == "site"
    assert part_of("/venv/bin/python -c import sys") == "other"


def test_a_childs_memory_is_counted_under_its_part(tmp_path):
    # the child says when its 150 MiB are resident, then waits to be let go
    hold = (
        "import sys; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); print('held', flush=True); "
        "sys.stdin.readline()"
    )
    command = [sys.executable, "-c", hold, "budgetwh.build.dbt_once"]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "held\n"
        parts = resident_by_part(__import__("os").getpid())
    finally:
        child.communicate("go\n")
    assert 150 <= parts["dbt"] < 300
    assert parts["self"] > 0 and "site" not in parts


class _Pages:
    """A pages stage with the build's hooks (PagesStage's start and gate_closed)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, layout, cand) -> str:
        self.calls.append("run")
        return "12 files"

    def start(self, layout, cand) -> None:
        self.calls.append("start")

    def gate_closed(self, cand) -> None:
        self.calls.append("gate_closed")


def test_a_watched_stage_keeps_the_stages_hooks_and_notes_its_peak():
    pages = _Pages()
    seen: dict[str, dict] = {"peak_mb": {}, "part_peak_mb": {}}
    with MemoryWatch(__import__("os").getpid()) as watch:
        watched = Watched(pages, "pages", watch, seen)
        watched.start(None, None)  # the build starts the site's compile through it, beside dbt
        assert watched(None, None) == "12 files"
        watched.gate_closed(None)
    assert pages.calls == ["start", "run", "gate_closed"]
    assert seen["peak_mb"]["pages"] > 0 and seen["part_peak_mb"]["pages"]["self"] > 0


def test_a_site_left_out_is_not_measured_rather_than_fast():
    seen = {
        "exit_code": 0,
        "run": {
            "result": "published",
            "seconds": 300.0,
            "stages": [{"name": "dbt", "seconds": 200.0}, {"name": "pages", "seconds": 0.0, "detail": NO_SITE}],
        },
        "peak_mb": {"dbt": 2500.0, "pages": 10.0},
        "part_peak_mb": {"dbt": {"self": 300.0, "dbt": 2200.0}, "pages": {"self": 10.0}},
    }
    figures = build_figures(Measured(seconds=301.0, peak_mb=2500.0, returncode=0, output=""), seen)
    assert figures["stage_seconds"] == {"dbt": 200.0} and figures["stage_peak_mb"] == {"dbt": 2500.0}
    assert figures["stage_part_peak_mb"] == {"dbt": {"self": 300.0, "dbt": 2200.0}}
    assert figures["site_skipped"] == NO_SITE
    by_key = {c.key: c for c in compare({"results": [{"scale": 1000, "build": figures}]})}
    assert by_key["site_build_x1000_s"].measured is None
    assert by_key["site_build_x1000_s"].reason == "the site was left out of this build (--no-site, BENCH_SITE=0)"
    assert by_key["peak_x1000_dbt_process_mb"].measured == 2200.0 and by_key["peak_x1000_dbt_mb"].verdict == "meets"


def _scale(scale: int, peak_mb: float, rows: int) -> dict:
    return {
        "scale": scale,
        "corpus": {"projects": rows // 10, "indicators": rows // 10 * 4, "line_items": rows // 10 * 5},
        "gate_alone": {"exit_code": 0, "peak_mb": peak_mb},
    }


def test_the_gates_memory_at_x3000_is_extrapolated_and_labelled_never_measured():
    report = {"results": [_scale(1, 200.0, 1_000), _scale(100, 500.0, 100_000), _scale(1000, 1400.0, 1_000_000)]}
    # 0.001 MB per row between ×100 and ×1000; ×3000 reads 2,000,000 rows more than ×1000
    assert gate_estimate(report) == (
        "extrapolated ≈ 3,400 MB (linear in rows from ×100 500 MB and ×1000 1,400 MB: 1,000 MB per million rows)"
    )
    gate = next(c for c in compare(report) if c.key == "gate_x3000_mb")
    assert gate.measured is None and gate.verdict == "not measured"
    assert gate.reason == "×3000 not in this run: --scales …,3000; " + gate_estimate(report)
    report["results"][2]["gate_alone"] = {"exit_code": 2, "peak_mb": 90.0, "error": "no raw documents"}
    # a failed gate's figure extrapolates nothing: the two largest good scales are used
    assert gate_estimate(report).startswith("extrapolated ≈ 9,288 MB (linear in rows from ×1 200 MB and ×100 500 MB")
    del report["results"][0]
    assert gate_estimate(report) == ""  # one good scale: no line to draw


def test_a_scale_that_fails_keeps_the_figures_of_the_steps_and_scales_before_it(tmp_path, monkeypatch):
    def bench_scale(scale, *, save, **options):
        out = {"scale": scale, "corpus": {"documents": scale}}
        save(out)
        if scale == 100:
            raise RuntimeError("synthesis ran out of disk")
        return out

    seen_partial: list[list[int]] = []
    write = command._write_json

    def spy(path: Path, report: dict) -> None:
        seen_partial.append([r["scale"] for r in report["results"]])
        write(path, report)

    monkeypatch.setattr(command, "bench_scale", bench_scale)
    monkeypatch.setattr(command, "_write_json", spy)
    monkeypatch.setattr(command.registry, "run_all", lambda *args: {})
    args = argparse.Namespace(
        scales="1,100", full=False, seed=0, jobs=2, fresh=False, plain_sql=False, incremental=False, site=False
    )
    report = command.measure(args, tmp_path, tmp_path)
    assert [r["scale"] for r in report["results"]] == [1, 100]
    assert report["results"][1]["error"] == "RuntimeError: synthesis ran out of disk"
    assert seen_partial == [[1], [1], [1, 100], [1, 100]]
    partial = json.loads((tmp_path / "partial.json").read_text(encoding="utf-8"))
    assert partial["results"][1] == {"scale": 100, "error": "RuntimeError: synthesis ran out of disk"}
    full_build = next(c for c in compare(report) if c.key == "site_build_x100_s")
    assert full_build.reason == "RuntimeError: synthesis ran out of disk"
