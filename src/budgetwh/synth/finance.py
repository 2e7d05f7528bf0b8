"""The money of one synthetic agency over consecutive years: its budget per 功能分类 项 (basic and project spending),
the economic split of its basic spending, its 三公 and 机关运行经费, and what it spent (决算). Each year is drawn
from the year before, so that the budgets of consecutive years and the 决算 of a budgeted year carry the same
figures: what year Y's narrative states as its change is the change against the Y−1 document's own figure, and a
决算's 年初预算 is the budget document's figure of that year."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from budgetwh.synth import vocab

Path = tuple[str, ...]
HUNDRED = 100  # 决算 amounts are whole hundreds of yuan: printed in 万元 with two decimals, they add up exactly


@dataclass
class YearFinances:
    year: int
    # 一般公共预算 per 功能分类 项: (basic, project) in yuan
    items: dict[Path, tuple[int, int]]
    # basic spending per economic 类/款 (301…, 302…, 303…, 310…), in yuan
    economic: dict[Path, int]
    # 三公 in yuan, whole hundreds: outbound travel, reception, vehicle purchase, vehicle operation
    three_public: tuple[int, int, int, int]
    office_operation: int  # 机关运行经费, whole hundreds of yuan

    @property
    def total(self) -> int:
        return sum(b + p for b, p in self.items.values())

    @property
    def basic(self) -> int:
        return sum(b for b, _ in self.items.values())

    @property
    def project(self) -> int:
        return sum(p for _, p in self.items.values())

    def item_total(self, path: Path) -> int:
        basic, project = self.items[path]
        return basic + project


@dataclass
class FinalAccounts:
    """What was spent in a budgeted year, beside the 年初预算 (the year's budget figures)."""

    year: int
    budget: YearFinances
    items: dict[Path, tuple[int, int]]  # executed (basic, project), whole hundreds of yuan
    economic: dict[Path, int]
    three_public: tuple[int, int, int, int]
    office_operation: int
    other_income: int  # non-appropriation income, kept to the closing balance
    opening_balance: int
    appropriation_balance: int  # 年初 = 年末 财政拨款结转和结余
    prior_total: int  # last year's 收入支出总计, for the stated change
    reasons: dict[Path, str] = field(default_factory=dict)
    # printed 年末结转和结余 minus the balancing figure: a summary that does not balance (a publisher's slip)
    closing_error: int = 0

    @property
    def closing_balance(self) -> int:
        return self.opening_balance + self.other_income + self.closing_error

    @property
    def total(self) -> int:
        return sum(b + p for b, p in self.items.values())

    @property
    def basic(self) -> int:
        return sum(b for b, _ in self.items.values())

    @property
    def project(self) -> int:
        return sum(p for _, p in self.items.values())


def _round(value: float, quantum: int) -> int:
    return max(quantum, int(round(value / quantum)) * quantum)


def _split(rng: random.Random, total: int, keys: list[Path], quantum: int = 1) -> dict[Path, int]:
    """`total` spread over `keys` at random, in multiples of `quantum`, summing exactly."""
    weights = [rng.random() + 0.2 for _ in keys]
    scale = sum(weights)
    parts = [int(total * w / scale) // quantum * quantum for w in weights]
    parts[0] += total - sum(parts)
    return dict(zip(keys, parts, strict=True))


def _economic(rng: random.Random, basic: int, quantum: int = 1) -> dict[Path, int]:
    personnel_kinds = [p for p in vocab.ECONOMIC_PERSONNEL if len(p) == 2]
    public_kinds = [p for p in vocab.ECONOMIC_PUBLIC if len(p) == 2]
    personnel = basic * rng.randint(80, 92) // 100 // quantum * quantum
    chosen_personnel = [p for p in personnel_kinds if p[0] == "301" or rng.random() < 0.5]
    chosen_public = [p for p in public_kinds if rng.random() < 0.6] or public_kinds[:1]
    return {
        **_split(rng, personnel, chosen_personnel, quantum),
        **_split(rng, basic - personnel, chosen_public, quantum),
    }


def first_year(rng: random.Random, year: int, *, department: bool = False) -> YearFinances:
    """A department (街道办事处 with its units) spends on many 项, a unit on a few."""
    paths = list(vocab.PERSONNEL_ITEMS) + list(vocab.RETIREMENT_ITEMS[: rng.randint(1, 2)])
    if department:
        others = [p for p in vocab.STREET_ITEMS if p not in vocab.PERSONNEL_ITEMS + vocab.RETIREMENT_ITEMS]
        paths += rng.sample(others, rng.randint(10, min(22, len(others))))
    else:
        paths += rng.sample(vocab.MAIN_ITEMS, rng.randint(2, 4))
    items: dict[Path, tuple[int, int]] = {}
    for path in sorted(paths):
        if path in vocab.PERSONNEL_ITEMS or path in vocab.RETIREMENT_ITEMS:
            items[path] = (rng.randint(200_000, 6_000_000), 0)
        else:
            basic = rng.randint(1_000_000, 20_000_000) if rng.random() < 0.5 else 0
            items[path] = (basic, rng.randint(100_000, 40_000_000))
    return _with_details(rng, year, items)


def _with_details(rng: random.Random, year: int, items: dict[Path, tuple[int, int]]) -> YearFinances:
    basic = sum(b for b, _ in items.values())
    three = (
        _round(rng.random() * 40_000, HUNDRED) if rng.random() < 0.3 else 0,
        _round(rng.random() * 30_000, HUNDRED),
        _round(rng.random() * 300_000, HUNDRED) if rng.random() < 0.3 else 0,
        _round(rng.random() * 250_000, HUNDRED),
    )
    office = _round(basic * rng.uniform(0.03, 0.1), HUNDRED)
    return YearFinances(year, items, _economic(rng, basic), three, office)


def next_year(rng: random.Random, prior: YearFinances) -> YearFinances:
    """Year Y from Y−1: every item moves by up to a third, a main item is now and then dropped or added."""
    items: dict[Path, tuple[int, int]] = {}
    for path, (basic, project) in prior.items.items():
        if path not in vocab.PERSONNEL_ITEMS and rng.random() < 0.08 and len(prior.items) > 6:
            continue
        factor = rng.choice((1.0, rng.uniform(0.75, 1.3), rng.uniform(0.9, 1.12)))
        items[path] = (round(basic * factor), round(project * rng.uniform(0.7, 1.35)) if project else 0)
    if rng.random() < 0.2:
        new = [p for p in vocab.MAIN_ITEMS if p not in items]
        if new:
            items[rng.choice(new)] = (0, rng.randint(100_000, 10_000_000))
    return _with_details(rng, prior.year + 1, dict(sorted(items.items())))


def series(rng: random.Random, first: int, last: int, *, department: bool = False) -> dict[int, YearFinances]:
    """Budgets of years first−1 … last (first−1 is printed only as the change the first document states)."""
    years = {first - 1: first_year(rng, first - 1, department=department)}
    for year in range(first, last + 1):
        years[year] = next_year(rng, years[year - 1])
    return years


EXECUTION_REASONS = (
    "预算按充分保障预估，实际执行基本贴合预期",
    "人员进出及退休变化，减少人员经费开支",
    "部分项目按合同进度支付，剩余资金于明年继续使用",
    "严格执行过紧日子要求，压减一般性支出",
    "项目实施方案调整，相关经费调减",
)


def final_accounts(rng: random.Random, budget: YearFinances) -> FinalAccounts:
    items: dict[Path, tuple[int, int]] = {}
    reasons: dict[Path, str] = {}
    for path, (basic, project) in budget.items.items():
        spent_basic = _round(basic * rng.uniform(0.9, 1.0), HUNDRED) if basic else 0
        spent_project = _round(project * rng.uniform(0.6, 1.0), HUNDRED) if project else 0
        items[path] = (spent_basic, spent_project)
        reasons[path] = rng.choice(EXECUTION_REASONS)
    spent = sum(b for b, _ in items.values())
    three = tuple(_round(v * rng.uniform(0.4, 1.0), HUNDRED) if v else 0 for v in budget.three_public)
    total = sum(b + p for b, p in items.values())
    return FinalAccounts(
        year=budget.year,
        budget=budget,
        items=items,
        economic=_economic(rng, spent, HUNDRED),
        three_public=three,  # type: ignore[arg-type]
        office_operation=_round(budget.office_operation * rng.uniform(0.85, 1.05), HUNDRED),
        other_income=_round(rng.uniform(1_000, 90_000), HUNDRED) if rng.random() < 0.3 else 0,
        opening_balance=_round(rng.uniform(0, 800_000), HUNDRED),
        appropriation_balance=_round(rng.uniform(0, 300_000), HUNDRED) if rng.random() < 0.5 else 0,
        prior_total=_round(total * rng.uniform(0.85, 1.15), HUNDRED),
        reasons=reasons,
        closing_error=HUNDRED if rng.random() < 0.05 else 0,
    )
