"""`budgetwh bench` (`make bench`): its options, the run over the scales, and the report (printed, and written to
build/bench/latest.json and a time-stamped copy)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from budgetwh import paths
from budgetwh.bench import registry
from budgetwh.bench.report import ratios, render_report
from budgetwh.bench.scale import bench_scale, fresh_build
from budgetwh.bench.suite import suite_time
from budgetwh.bench.targets import TARGETS, compare
from budgetwh.bench.warehouse import measure_publish
from budgetwh.exitcodes import ExitCode


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scales",
        default=os.environ.get("BENCH_SCALES", "1,100"),
        help="comma-separated scales (default 1,100; BENCH_SCALES)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        default=os.environ.get("BENCH_FULL", "") not in ("", "0"),
        help="add ×1000 (BENCH_FULL=1)",
    )
    parser.add_argument("--work", type=Path, default=None, help="working folder (default build/bench/work)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="the cores the goals are for (synthesis, PDF figures)")
    parser.add_argument("--no-fresh", dest="fresh", action="store_false", help="skip the fresh clone's first build")
    parser.add_argument("--plain-sql", action="store_true", help="also run the models' SQL without dbt")
    parser.add_argument(
        "--no-site",
        dest="site",
        action="store_false",
        default=os.environ.get("BENCH_SITE", "1") != "0",
        help="builds leave the site out (BENCH_SITE=0): its goals then say 'not measured'",
    )
    parser.add_argument(
        "--no-incremental",
        dest="incremental",
        action="store_false",
        help="skip removing and adding one document at the largest scale (two incremental `budgetwh build`s, "
        "marts compared with the full build)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="benchmark builds and pages at ×1 … ×1000 (see make bench)")
    add_arguments(parser)
    parser.set_defaults(func=run)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="budgetwh bench", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def measure(args: argparse.Namespace, root: Path, work: Path) -> dict[str, Any]:
    scales = sorted({int(s) for s in str(args.scales).split(",") if s.strip()} | ({1000} if args.full else set()))
    load_at_start = os.getloadavg()
    report: dict[str, Any] = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if args.fresh:
        report["fresh_build"] = fresh_build(root, work)
    results: list[dict[str, Any]] = []

    def save(out: dict[str, Any]) -> None:
        # a run of the large scales takes an hour or more: what it measured so far survives an interruption
        _write_json(work / "partial.json", {**report, "results": [*results, out]})

    for scale in scales:
        print(f"bench: ×{scale} …", file=sys.stderr, flush=True)
        try:
            result = bench_scale(
                scale,
                work=work,
                root=root,
                seed=args.seed,
                jobs=args.jobs,
                plain_sql=args.plain_sql,
                incremental=args.incremental and scale == max(scales),
                site=args.site,
                save=save,
            )
        except Exception as exc:  # noqa: BLE001 - the scale's figures say why they are missing; the others stay
            result = {"scale": scale, "error": f"{type(exc).__name__}: {exc}"[:400]}
        results.append(result)
        _write_json(work / "partial.json", {**report, "results": results})
    largest = work / f"x{scales[-1]}"
    db = largest / "project" / "data" / "warehouse.duckdb"
    if db.exists():
        results[-1]["publish"] = measure_publish(db, largest)
    report.update(results=results, ratios=ratios(results), suite=suite_time(root))
    context = registry.BenchContext(
        root=root, scratch=work / "extensions", jobs=args.jobs, corpus=largest, results={"results": results}
    )
    report["extensions"] = registry.run_all(False, context)
    report["machine"] = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "duckdb": duckdb.__version__,
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
    }
    report["targets"] = {key: vars(goal) for key, goal in TARGETS.items()}
    report["goals"] = [
        {"goal": c.key, "measured": c.measured, "limit": c.goal.limit, "ratio": c.ratio, "verdict": c.verdict}
        | ({"not_measured": c.reason} if c.reason else {})
        for c in compare(report)
    ]
    return report


def _write_json(path: Path, report: dict[str, Any]) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    root = paths.project_root()
    work = (args.work or root / "build" / "bench" / "work").absolute()
    work.mkdir(parents=True, exist_ok=True)
    report = measure(args, root, work)
    out_dir = root / "build" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["measured_at"].replace(":", "").replace("-", "")
    _write_json(out_dir / f"bench-{stamp}.json", report)
    _write_json(out_dir / "latest.json", report)
    print(render_report(report))
    print(f"\nJSON: {out_dir / 'latest.json'}")
    return int(ExitCode.OK)
