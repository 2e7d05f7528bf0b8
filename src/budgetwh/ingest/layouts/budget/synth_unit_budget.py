"""The numbers of a synthetic 2022 单位预算 (普陀 text layout, read by this layout's tables and narrative readers),
generated first as one consistent set: basic = personnel + public, total = basic + project, parents = sum of
children, the 三公 figures equal their economic-classification lines. The tables and the narrative
(synth_unit*.py) then print it, and the few deliberate inconsistencies are noted in the manifest."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from budgetwh.ingest.layouts.target_forms.synth_project import Project, make_project
from budgetwh.synth import vocab


@dataclass
class FunctionalItem:
    path: tuple[str, str, str]
    basic: int
    project: int = 0
    prior_execution: int = 0

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass
class Budget:
    items: list[FunctionalItem]
    economic_personnel: dict[tuple[str, str], int]
    economic_public: dict[tuple[str, str], int]
    projects_total: int
    form_projects: list[Project] = field(default_factory=list)

    @property
    def personnel(self) -> int:
        return sum(self.economic_personnel.values())

    @property
    def public(self) -> int:
        return sum(self.economic_public.values())

    @property
    def basic(self) -> int:
        return self.personnel + self.public

    @property
    def total(self) -> int:
        return self.basic + self.projects_total

    def tree(self) -> list[tuple[tuple[str, ...], int, int, int]]:
        """(code path, total, basic, project) for every class, kind and item, in code order."""
        sums: dict[tuple[str, ...], list[int]] = {}
        for item in self.items:
            for depth in (1, 2, 3):
                acc = sums.setdefault(item.path[:depth], [0, 0, 0])
                acc[0] += item.total
                acc[1] += item.basic
                acc[2] += item.project
        return [(path, *sums[path]) for path in sorted(sums)]


def round_half_up(value: float) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def make_budget(rng: random.Random, year: int, form_count: int) -> Budget:
    wage = rng.randint(150, 3000) * 10_000 + rng.randint(0, 9_999)
    personnel_items = {
        ("208", "05", "05"): round_half_up(wage * 0.16),
        ("208", "05", "06"): round_half_up(wage * 0.08),
        ("210", "11", "02"): round_half_up(wage * rng.uniform(0.08, 0.12)),
        ("221", "02", "01"): round_half_up(wage * 0.07),
    }
    retirement = {}
    if rng.random() < 0.7:
        retirement[rng.choice(vocab.RETIREMENT_ITEMS)] = round_half_up(wage * rng.uniform(0.001, 0.03))
    economic_personnel = {
        ("301", "01"): round_half_up(wage * 0.25),
        ("301", "02"): round_half_up(wage * 0.15),
        ("301", "07"): round_half_up(wage * 0.35),
        ("301", "08"): personnel_items[("208", "05", "05")],
        ("301", "09"): personnel_items[("208", "05", "06")],
        ("301", "10"): personnel_items[("210", "11", "02")],
        ("301", "12"): round_half_up(wage * 0.03),
        ("301", "13"): personnel_items[("221", "02", "01")],
        ("301", "99"): round_half_up(wage * rng.uniform(0.05, 0.3)),
    }
    if retirement:
        economic_personnel[("303", "02")] = next(iter(retirement.values()))
    for kind in (("303", "09"), ("303", "99")):
        if rng.random() < 0.5:
            economic_personnel[kind] = rng.randint(10, 500) * 100 + rng.choice((0, 58, 60))
    public_kinds = [k for k in vocab.ECONOMIC_PUBLIC if len(k) == 2]
    chosen = sorted(rng.sample(public_kinds, rng.randint(6, len(public_kinds))))
    economic_public = {k: rng.randint(5, 3000) * 100 + rng.choice((0, 0, 35, 84)) for k in chosen}
    mains = sorted(rng.sample(vocab.MAIN_ITEMS, rng.randint(1, 2)))
    fixed = sum(personnel_items.values()) + sum(retirement.values())
    main_basic = sum(economic_personnel.values()) + sum(economic_public.values()) - fixed
    first_share = round_half_up(main_basic * rng.uniform(0.5, 0.9)) if len(mains) == 2 else main_basic
    forms = [make_project(rng, year, rng.randint(5, 9), phased_share=0.3) for _ in range(form_count)]
    extra = rng.randint(0, 40) * 100_000
    projects_total = sum(p.annual for p in forms) + extra
    items = [FunctionalItem(path, amount) for path, amount in {**personnel_items, **retirement}.items()]
    items.append(FunctionalItem(mains[0], first_share, projects_total))
    if len(mains) == 2:
        items.append(FunctionalItem(mains[1], main_basic - first_share))
    for item in items:
        item.prior_execution = round_half_up(item.total * rng.uniform(0.6, 1.45))
    items.sort(key=lambda i: i.path)
    return Budget(items, economic_personnel, economic_public, projects_total, forms)


def subject_name(path: tuple[str, ...]) -> str:
    return vocab.FUNCTIONAL[path]
