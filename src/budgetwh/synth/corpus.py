"""Plan and write a synthetic corpus: ×N is N copies of the real set's mix (one 2023 agency file of 54 forms, two
2020 single-project forms, one unit budget with 3 forms, one evaluation-results file of 8 projects: 67 projects and
about 776 indicators per unit), spread over agencies, districts and years, plus one budget series per unit (three
budgets and a 决算 of one neighbourhood agency, self-identifying, no registry row: synth/series.py).

Every document is generated from its own random stream (seed, unit, position), so the corpus is the same whatever
the number of worker processes, and any one document can be regenerated alone."""

from __future__ import annotations

import csv
import json
import math
import random
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetwh.ingest.layouts.budget.synth_unit import render_unit_budget
from budgetwh.ingest.layouts.evaluation_results.synth import render_evaluation_document
from budgetwh.ingest.layouts.target_forms.synth import render_2023_form
from budgetwh.ingest.layouts.target_forms.synth_2020 import render_2020_document, to_2020_labels
from budgetwh.ingest.layouts.target_forms.synth_project import make_project
from budgetwh.synth import vocab
from budgetwh.synth.builder import SEED_NAMES, DocumentBuilder
from budgetwh.synth.series import SeriesDocument, plan_series, render_series_document, series_documents

FORMS_PER_AGENCY_FILE = 54
FORMS_PER_UNIT_BUDGET = 3
PROJECTS_PER_EVALUATION = 8
KINDS = ("targets_2023", "targets_2020", "targets_2020", "unit_budget", "evaluation_results")
DOC_TYPES = {
    "targets_2023": "project_performance_targets",
    "targets_2020": "project_performance_targets",
    "unit_budget": "unit_budget",
    "evaluation_results": "performance_evaluation_results",
}
# ×1 mirrors the real set: which district and year each of the five documents belongs to.
MIRROR = {0: ("minhang", 2023), 1: ("minhang", 2020), 2: ("minhang", 2020), 3: ("putuo", 2022), 4: ("jiading", 2018)}
FORMAT_VERSION = 2
# Share of the budget-series documents written as PDF (×1 writes one whatever the share: the PDF path always runs).
PDF_SHARE = 0.03


@dataclass(frozen=True)
class Agency:
    agency_id: str
    agency_name: str
    district_id: str
    district_name: str  # 闵行区 / 浦东新区
    code: str
    short_name: str
    second_name: str | None

    @property
    def parent(self) -> str:
        return f"上海市{self.district_name}人民政府"

    @property
    def aliases(self) -> list[str]:
        names = [
            self.agency_name,
            f"{self.district_name}{self.agency_name.removeprefix('上海市' + self.district_name)}",
            f"{self.district_name}{self.short_name}",
        ]
        if self.second_name:
            names += [self.second_name, f"{self.agency_name}（{self.second_name}）"]
        return list(dict.fromkeys(names))


@dataclass(frozen=True)
class DocumentSpec:
    unit: int
    position: int
    kind: str
    agency: Agency
    year: int
    seed: int
    scale: int

    @property
    def file_name(self) -> str:
        return (
            f"{self.agency.district_id}_{self.year}_{self.agency.code}_{self.kind}_{self.unit:05d}_{self.position}.txt"
        )

    def rng(self) -> random.Random:
        return random.Random(f"budgetwh-synth:{self.seed}:{self.unit}:{self.position}")


def existing_agency_names(reference_dir: Path) -> set[str]:
    names: set[str] = set()
    with (reference_dir / "agencies.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.add(row["agency_name"])
            names.update(a for a in row["aliases"].split("|") if a)
    return names


def agency_pool(scale: int, reserved: set[str]) -> list[Agency]:
    """Synthetic agencies: every bureau of every district in play, minus any that would repeat a real agency's name."""
    districts = vocab.DISTRICTS[:3] if scale == 1 else vocab.DISTRICTS
    pool = []
    for district_id, _short, full, _en in districts:
        for code, bureau, short in vocab.BUREAUS:
            name = f"上海市{full}{bureau}"
            second = vocab.SECOND_NAMES.get(code)
            second_full = f"上海市{full}{second}" if second else None
            if name in reserved or (second_full and second_full in reserved):
                continue
            pool.append(Agency(f"syn_{district_id}_{code}", name, district_id, full, code, short, second_full))
    return pool


def plan(scale: int, seed: int, reserved: set[str]) -> list[DocumentSpec]:
    if scale < 1:
        raise ValueError("scale must be at least 1")
    pool = agency_pool(scale, reserved)
    by_district: dict[str, list[Agency]] = {}
    for agency in pool:
        by_district.setdefault(agency.district_id, []).append(agency)
    year_count = max(9, math.ceil(scale / len(pool)) + 1)
    years = list(range(2024 - year_count + 1, 2025))
    rng = random.Random(f"budgetwh-synth-plan:{seed}:{scale}")
    slots = len(pool) * len(years)
    # agency files, unit budgets and evaluation results: one per agency and year at most (their marts key on it)
    unique = {kind: rng.sample(range(slots), scale) for kind in ("targets_2023", "unit_budget", "evaluation_results")}
    specs = []
    for unit in range(scale):
        for position, kind in enumerate(KINDS):
            if scale == 1:
                district_id, year = MIRROR[position]
                agency = by_district[district_id][rng.randrange(len(by_district[district_id]))]
            else:
                slot = unique[kind][unit] if kind in unique else rng.randrange(slots)
                agency, year = pool[slot % len(pool)], years[slot // len(pool)]
                if kind == "targets_2020":
                    year = min(year, 2021)
            specs.append(DocumentSpec(unit, position, kind, agency, year, seed, scale))
    return specs


def _stand_in_phone(rng: random.Random) -> str:
    return f"{vocab.STAND_IN_MOBILE_PREFIX}{rng.randint(0, 9999):04d}"


def render(spec: DocumentSpec) -> tuple[str, dict[str, Any]]:
    """One document's text and manifest entry (a pure function of the spec)."""
    rng = spec.rng()
    agency = spec.agency
    doc = DocumentBuilder(spec.file_name, DOC_TYPES[spec.kind], agency.district_id, spec.year, agency.agency_id)
    if spec.kind == "targets_2023":
        unit = "万元" if rng.random() < 0.1 else "元"
        dept = f"{agency.district_name}{agency.short_name}(汇总)"
        for index in range(FORMS_PER_AGENCY_FILE):
            project = make_project(rng, spec.year, rng.randint(6, 21))
            render_2023_form(
                doc,
                rng,
                project,
                year=spec.year,
                agency_name=agency.agency_name,
                dept_name=dept,
                unit=unit,
                last_in_document=index == FORMS_PER_AGENCY_FILE - 1,
            )
        doc.document["agency_name"] = dept
    elif spec.kind == "targets_2020":
        doc.document["agency_name"] = agency.agency_name  # the form names no filing unit: the registry does
        project = make_project(rng, spec.year, rng.randint(7, 19), phased_share=0.0)
        project.indicators = to_2020_labels(rng, project.indicators)
        owner, contact = rng.sample(vocab.STAND_IN_NAMES, 2)
        render_2020_document(
            doc,
            rng,
            project,
            year=spec.year,
            owner=owner,
            contact=contact if rng.random() < 0.5 else None,
            phone=_stand_in_phone(rng),
        )
    elif spec.kind == "unit_budget":
        second = agency.second_name if agency.second_name and rng.random() < 0.7 else None
        render_unit_budget(
            doc,
            rng,
            year=spec.year,
            district_name=agency.district_name,
            agency_name=agency.agency_name,
            second_name=second,
            form_count=FORMS_PER_UNIT_BUDGET,
        )
    else:
        header = agency.agency_name if rng.random() < 0.7 else agency.aliases[1]
        doc.document["agency_name"] = header
        render_evaluation_document(doc, rng, year=spec.year, header_name=header, project_count=PROJECTS_PER_EVALUATION)
    trailing = rng.random() >= 0.05
    text, entry = doc.finish(trailing_newline=trailing)
    entry["encoding"] = "utf-8-bom" if rng.random() < 0.02 else "utf-8"
    entry["line_ends"] = "crlf" if rng.random() < 0.03 else "lf"
    return text, entry


def encode(text: str, entry: dict[str, Any]) -> bytes:
    if entry["line_ends"] == "crlf":
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if entry["encoding"] == "utf-8-bom" else data


def _work(args: tuple[DocumentSpec | SeriesDocument, bool]) -> tuple[str, bytes, dict[str, Any]]:
    spec, detail = args
    if isinstance(spec, SeriesDocument):
        data, entry = render_series_document(spec)
    else:
        text, entry = render(spec)
        data = encode(text, entry)
    if not detail:
        entry.pop("rows")
    return spec.file_name, data, entry


def plan_budget_series(scale: int, seed: int, reserved: set[str], pdf_share: float) -> list[SeriesDocument]:
    """Every series' documents; at ×1 the last budget is a PDF whatever the share."""
    docs = [doc for agency in plan_series(scale, seed, reserved) for doc in series_documents(agency, seed, pdf_share)]
    if scale == 1 and not any(d.pdf for d in docs):
        last_budget = max((d for d in docs if d.kind == "budget"), key=lambda d: d.year)
        docs[docs.index(last_budget)] = SeriesDocument(last_budget.agency, "budget", last_budget.year, seed, True)
    return docs


def generate(
    specs: list[DocumentSpec | SeriesDocument], *, detail: bool, jobs: int = 1
) -> Iterator[tuple[str, bytes, dict]]:
    work = [(spec, detail) for spec in specs]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(_work, work, chunksize=max(1, len(work) // (jobs * 8)))
    else:
        yield from map(_work, work)


def _append_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})


def _subject_rows(existing: set[str]) -> list[dict[str, str]]:
    rows = []
    for path, name in vocab.FUNCTIONAL.items():
        code = "".join(path)
        if code in existing:
            continue
        aliases = []
        for depth in (2, 1):
            old = vocab.FUNCTIONAL_OLD_NAMES.get(path[:depth])
            if old:
                names = [vocab.FUNCTIONAL[path[:d]] for d in range(1, len(path) + 1)]
                names[: len(old)] = old
                aliases.append("/".join(names))
                break
        rows.append(
            {
                "classification": "functional",
                "subject_code": code,
                "class_code": path[0],
                "kind_code": path[1] if len(path) > 1 else "",
                "item_code": path[2] if len(path) > 2 else "",
                "subject_level": ("class", "kind", "item")[len(path) - 1],
                "name": name,
                "aliases": "|".join(aliases),
            }
        )
    return rows


def write_reference(
    reference_src: Path, out: Path, specs: list[DocumentSpec], entries: list[dict[str, Any]], *, scale: int, seed: int
) -> None:
    """The project's reference seeds plus rows for the synthetic districts, agencies, subjects and documents."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(reference_src, out)
    with (out / "districts.csv").open(encoding="utf-8", newline="") as handle:
        known_districts = {row["district_id"] for row in csv.DictReader(handle)}
    used = {spec.agency.district_id for spec in specs} | {e["district_id"] for e in entries}
    _append_csv(
        out / "districts.csv",
        [
            {
                "district_id": d,
                "name_zh": full,
                "name_en": en,
                "aliases": "|".join(dict.fromkeys([short, full, f"上海市{full}"])),
            }
            for d, short, full, en in vocab.DISTRICTS
            if d in used and d not in known_districts
        ],
    )
    agencies = {spec.agency.agency_id: spec.agency for spec in specs}
    _append_csv(
        out / "agencies.csv",
        [
            {
                "agency_id": a.agency_id,
                "agency_name": a.agency_name,
                "district_id": a.district_id,
                "parent_agency_name": a.parent,
                "aliases": "|".join(a.aliases),
            }
            for a in sorted(agencies.values(), key=lambda a: a.agency_id)
        ],
    )
    with (out / "budget_subjects.csv").open(encoding="utf-8", newline="") as handle:
        known_codes = {row["subject_code"] for row in csv.DictReader(handle) if row["classification"] == "functional"}
    _append_csv(out / "budget_subjects.csv", _subject_rows(known_codes))
    _append_csv(
        out / "document_registry.csv",
        [
            {
                "sha256": e["sha256"],
                "district_id": e["district_id"],
                "fiscal_year": str(e["fiscal_year"]),
                "agency_id": e["agency_id"],
                "source_url": "",
                "published_on": "",
                "description": f"synthetic (budgetwh synth --scale {scale} --seed {seed}): {e['doc_type']}",
            }
            for e in entries
            if not e.get("self_identified")
        ],
    )


def write_corpus(
    out_dir: Path,
    *,
    scale: int,
    seed: int,
    reference_src: Path,
    detail: bool | None = None,
    jobs: int = 1,
    pdf_share: float = PDF_SHARE,
) -> dict[str, Any]:
    """Write out_dir/raw/*.txt (and *.pdf), out_dir/reference/*.csv and out_dir/manifest.json; returns the
    manifest."""
    detail = scale <= 10 if detail is None else detail
    reserved = existing_agency_names(reference_src)
    specs = plan(scale, seed, reserved)
    series_docs = plan_budget_series(scale, seed, reserved, pdf_share)
    raw = out_dir / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    entries = []
    total_bytes = 0
    for file_name, data, entry in generate([*specs, *series_docs], detail=detail, jobs=jobs):
        (raw / file_name).write_bytes(data)
        entry["bytes"] = len(data)
        total_bytes += len(data)
        entries.append(entry)
    write_reference(reference_src, out_dir / "reference", specs, entries, scale=scale, seed=seed)
    totals: dict[str, Any] = {"documents": len(entries), "bytes": total_bytes}
    for name in SEED_NAMES[1:]:
        totals[name] = sum(e["counts"][name] for e in entries)
    totals["statements"] = sum(e["counts"].get("statements", 0) for e in entries)
    totals["pdf_documents"] = sum(1 for e in entries if e.get("source_format") == "pdf")
    totals["line_items.amount_yuan"] = f"{sum(Decimal(e['sums']['line_items.amount_yuan']) for e in entries):.2f}"
    manifest = {
        "format": FORMAT_VERSION,
        "generator": "budgetwh synth",
        "scale": scale,
        "seed": seed,
        "detail": detail,
        "totals": totals,
        "districts": sorted({e["district_id"] for e in entries}),
        "agencies": len({e["agency_id"] or e["agency_name"] for e in entries}),
        "series": len({e["series_id"] for e in entries if "series_id" in e}),
        "fiscal_years": sorted({e["fiscal_year"] for e in entries}),
        "documents": sorted(entries, key=lambda e: e["file_name"]),
    }
    with (out_dir / "manifest.json").open("w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1 if detail else None, sort_keys=False)
        handle.write("\n")
    return manifest
