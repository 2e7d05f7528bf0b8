"""A synthetic project of a performance-target form: its funds, dates, goals and indicators grouped the way the
national framework orders them (产出, 效益, 满意度), and what ingest records for each indicator row: the labels it
carries down (the last level-1 and level-2 printed) and whether each was printed on the row or carried."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder


@dataclass
class Indicator:
    level1: str  # label as printed at level 1 (2023: 产出指标 …; 2020: 产出目标 …)
    level2: str | None  # label as printed at level 2 (None: the 2020 满意度 rows have none)
    name: str
    target: str | None  # None = blank cell
    remark: str | None = None


@dataclass
class Project:
    name: str
    start: str
    end: str
    total: int  # yuan
    annual: int
    carryover: int | None
    other: int | None
    annual_other: int | None
    nature: str | None
    category: str | None
    indicators: list[Indicator] = field(default_factory=list)
    goal: str = ""
    annual_goal: str = ""


def _target(rng: random.Random, level2: str) -> str | None:
    if rng.random() < 0.03:
        return None
    kind = rng.choice(vocab.TARGET_KINDS.get(level2, ("qualitative",)))
    if rng.random() < 0.25:
        return rng.choice(vocab.TARGET_LITERALS[kind])
    template = rng.choice(vocab.TARGET_TEMPLATES[kind])
    a = rng.randint(1, 11)
    return template.format(
        p=rng.choice((80, 85, 90, 95, 98, 100)),
        n=rng.choice((1, 2, 4, 12, 20, 40, 85, 120, 500, 1360, 6000)),
        d=rng.choice(("12.5", "78.85", "3.2", "508")),
        s=rng.choice((80, 85, 90)),
        h=rng.choice((1, 2, 24, 48)),
        a=a,
        b=a + 1,
        y=rng.randint(2018, 2025),
    )


def _indicator_name(rng: random.Random, level2: str, subject: str) -> str:
    pattern = rng.choice(vocab.INDICATOR_PATTERNS[level2])
    obj = subject if rng.random() < 0.4 else rng.choice(vocab.OBJECTS)
    return pattern.format(o=obj)


def make_indicators(rng: random.Random, count: int, subject: str) -> list[Indicator]:
    """`count` indicators grouped the way the national framework orders them (产出, 效益, 满意度)."""
    output_l2 = ["数量指标", "质量指标", "时效指标"] + (["成本指标"] if rng.random() < 0.5 else [])
    outcome_l2 = ["社会效益指标"] + rng.sample(["经济效益指标", "生态效益指标", "可持续影响指标"], rng.randint(0, 2))
    groups = [("产出指标", l2) for l2 in output_l2] + [("效益指标", l2) for l2 in outcome_l2]
    groups.append(("满意度指标", "服务对象满意度指标"))
    count = max(count, len(groups))
    sizes = [1] * len(groups)
    for _ in range(count - len(groups)):
        sizes[rng.randrange(len(groups))] += 1
    indicators = []
    for (level1, level2), size in zip(groups, sizes, strict=True):
        for _ in range(size):
            indicators.append(Indicator(level1, level2, _indicator_name(rng, level2, subject), _target(rng, level2)))
    return indicators


def prose(rng: random.Random, subject: str, fewest: int, most: int) -> str:
    """A few sentences of the kind that fill 项目概况 and 年度目标 cells (no figures: narratives are parsed)."""
    return "".join(rng.sample(vocab.GOALS, rng.randint(fewest, most))).format(o=subject)


def make_project(rng: random.Random, year: int, indicator_count: int, *, phased_share: float = 0.15) -> Project:
    obj = rng.choice(vocab.OBJECTS)
    name = rng.choice(vocab.PROJECT_PATTERNS).format(o=obj)
    if rng.random() < 0.3:
        name = f"{year}年{name}"
    annual = rng.choice((1, 2, 5, 10)) * rng.randint(3_000, 900_000) * rng.choice((1, 1, 1, 10))
    phased = rng.random() < phased_share
    first, last = (year - rng.randint(0, 2), year + rng.randint(0, 2)) if phased else (year, year)
    total = annual * (last - first + 1) if phased else annual
    return Project(
        name=name,
        start=f"{first}-{rng.choice(('01-01', '01-01', '03-01', '12-01'))}",
        end=f"{last}-12-31",
        total=total,
        annual=annual,
        carryover=0,
        other=0,
        annual_other=0,
        nature="阶段性项目" if phased else "经常性项目",
        category="特定目标类",
        indicators=make_indicators(rng, indicator_count, obj),
        goal=prose(rng, obj, 2, 4),
        annual_goal=prose(rng, obj, 1, 3),
    )


class LabelState:
    """What ingest carries down: the last level-1 and level-2 labels printed."""

    def __init__(self) -> None:
        self.level1: str | None = None
        self.level2: str | None = None

    def printed(self, level1: str | None, level2: str | None) -> tuple[bool, bool]:
        if level1 is not None and level2 is not None:
            self.level1, self.level2 = level1, level2
            return True, True
        if level1 is not None:
            self.level1, self.level2 = level1, None
            return True, False
        if level2 is not None:
            self.level2 = level2
            return False, True
        return False, False


def expect_indicator(
    doc: DocumentBuilder,
    line: int,
    project_line: int,
    position: int,
    state: LabelState,
    printed: tuple,
    indicator: Indicator,
    target: str | None,
    remark: str | None,
) -> None:
    doc.expect(
        "indicators",
        source_line=line,
        project_line=project_line,
        level1_raw=state.level1,
        level2_raw=state.level2,
        indicator_name=indicator.name,
        target_raw=target,
        remark_raw=remark,
        row_position=position,
        level1_is_carried=not printed[0],
        level2_is_carried=not printed[1],
    )


def expect_form_project(
    doc: DocumentBuilder,
    *,
    source_line: int,
    agency_name: str,
    competent_dept_raw: str | None,
    project: Project,
    nature_raw: str | None,
    category_raw: str | None,
    yuan: dict[str, str | None],
    raw: dict[str, str | None],
    people: tuple[str | None, str | None, str | None] = (None, None, None),
) -> None:
    """The projects row ingest gives for a form's project. `yuan` and `raw` hold the funds the form prints, by part
    (total, annual, fiscal, annual_fiscal, carryover, other, annual_other; what a form leaves out is None); `people`
    the masked owner, contact and phone. Keywords in the seed's column order, which the manifest keeps."""
    owner, contact, phone = people
    doc.expect(
        "projects",
        source_line=source_line,
        agency_name=agency_name,
        competent_dept_raw=competent_dept_raw,
        project_name=project.name,
        project_nature_raw=nature_raw,
        project_category_raw=category_raw,
        start_date=project.start,
        end_date=project.end,
        total_funds_yuan=yuan.get("total"),
        annual_funds_yuan=yuan.get("annual"),
        fiscal_funds_yuan=yuan.get("fiscal"),
        annual_fiscal_appropriation_yuan=yuan.get("annual_fiscal"),
        carryover_yuan=yuan.get("carryover"),
        other_funds_yuan=yuan.get("other"),
        annual_other_funds_yuan=yuan.get("annual_other"),
        total_funds_raw=raw.get("total"),
        annual_funds_raw=raw.get("annual"),
        fiscal_funds_raw=raw.get("fiscal"),
        annual_fiscal_appropriation_raw=raw.get("annual_fiscal"),
        carryover_raw=raw.get("carryover"),
        other_funds_raw=raw.get("other"),
        owner_masked=owner,
        contact_masked=contact,
        phone_masked=phone,
        form_kind="target_form",
    )
