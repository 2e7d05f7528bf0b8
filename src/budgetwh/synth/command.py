"""`budgetwh synth`: write a synthetic corpus (raw documents, reference seeds with their registry rows, manifest)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from budgetwh import paths
from budgetwh.exitcodes import ExitCode
from budgetwh.synth.corpus import PDF_SHARE, write_corpus


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth", help="write synthetic documents (×N the real set) with a manifest and registry rows"
    )
    parser.add_argument("--scale", type=int, required=True, help="N: ×1 resembles the real five documents")
    parser.add_argument("--out", type=Path, required=True, help="output folder (raw/, reference/, manifest.json)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same bytes)")
    parser.add_argument("--reference", type=Path, help="reference seeds to extend (default seeds/reference)")
    detail = parser.add_mutually_exclusive_group()
    detail.add_argument(
        "--detail",
        dest="detail",
        action="store_true",
        default=None,
        help="list every expected row in the manifest (default up to ×10)",
    )
    detail.add_argument("--no-detail", dest="detail", action="store_false")
    parser.add_argument(
        "--pdf-share",
        type=float,
        default=PDF_SHARE,
        help=f"share of the budget and 决算 documents written as PDF (default {PDF_SHARE}; ×1 always writes one)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.pdf_share <= 1:
        print("budgetwh synth: error: --pdf-share must be between 0 and 1", file=sys.stderr)
        return int(ExitCode.USAGE)
    if args.scale < 1:
        print("budgetwh synth: error: --scale must be at least 1", file=sys.stderr)
        return int(ExitCode.USAGE)
    started = time.perf_counter()
    manifest = write_corpus(
        args.out,
        scale=args.scale,
        seed=args.seed,
        reference_src=args.reference or paths.reference_seeds_dir(),
        detail=args.detail,
        jobs=args.jobs,
        pdf_share=args.pdf_share,
    )
    totals = manifest["totals"]
    print(
        f"budgetwh synth: ×{args.scale} seed {args.seed} → {args.out}: {totals['documents']} documents "
        f"({totals['bytes'] / 1e6:.1f} MB), {totals['projects']} projects, {totals['indicators']} indicators, "
        f"{totals['line_items']} line items, {totals['evaluations']} evaluations, "
        f"{totals['pdf_documents']} PDFs "
        f"({time.perf_counter() - started:.1f}s)"
    )
    return int(ExitCode.OK)
