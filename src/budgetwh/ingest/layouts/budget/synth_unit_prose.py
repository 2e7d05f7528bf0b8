"""The 编制说明 of a synthetic 2022 单位预算 in 万元: the income and spending totals with their stated change against
last year's 执行数, then one paragraph per functional 项 (its subject path, last year's 执行数, this year's budget and
the percentage change, now and then truncated instead of rounded: a deliberate slip noted in the manifest)."""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from budgetwh.ingest.layouts.budget.synth_unit_budget import Budget, FunctionalItem, subject_name
from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder, money, wan, wan_text

NO_CHANGE = {
    "stated_change_pct": None,
    "stated_change_yuan": None,
    "stated_direction": None,
    "compare_basis": None,
    "compare_fiscal_year": None,
}


class NarrativeFigures:
    """Expected line items of narrative figures (the 万元 statements)."""

    def __init__(self, doc: DocumentBuilder, year: int) -> None:
        self.doc = doc
        self.year = year

    def figure(
        self,
        line: int,
        cell: int,
        *,
        label: str,
        item: str | None = None,
        amount_yuan: Decimal,
        unit: str,
        raw: str,
        phase: str = "budget",
        fiscal_year: int | None = None,
        change: dict | None = None,
    ) -> None:
        self.doc.expect(
            "line_items",
            source_line=line,
            cell_index=cell,
            table_name="narrative",
            class_code=None,
            kind_code=None,
            item_code=None,
            item_name_raw=item if item is not None else label,
            label_raw=label,
            measure="total",
            phase=phase,
            fiscal_year=fiscal_year or self.year,
            amount_yuan=money(amount_yuan),
            source_unit=unit,
            amount_raw=raw,
            row_level="line",
            quantity=None,
            quantity_unit=None,
            **{**NO_CHANGE, **(change or {})},
        )

    def wan(self, line: int, cell: int, label: str, value: Decimal, **fields) -> None:
        """A figure printed as '<value>万元' (the narrative's usual way)."""
        self.figure(
            line, cell, label=label, amount_yuan=value * 10000, unit="万元", raw=f"{wan_text(value)}万元", **fields
        )


def change_yuan(new_wan: Decimal, old_wan: Decimal, year: int, basis_text: str) -> tuple[str, dict]:
    """'比2021年预算执行数减少373.79万元' and the stated_* fields it gives."""
    basis = "prior_execution" if "执行" in basis_text else "prior_budget"
    diff = new_wan - old_wan
    if diff == 0:
        return f"与{year}年{basis_text}持平", {
            "stated_direction": "flat",
            "compare_basis": basis,
            "compare_fiscal_year": year,
        }
    verb = "增加" if diff > 0 else "减少"
    text = f"比{year}年{basis_text}{verb}{wan_text(abs(diff))}万元"
    return text, {
        "stated_change_yuan": money(diff * 10000),
        "stated_direction": "increase" if diff > 0 else "decrease",
        "compare_basis": basis,
        "compare_fiscal_year": year,
    }


def budget_statement(
    doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str
) -> NarrativeFigures:
    """The 编制说明 section; returns the figures' recorder, which the later statements go on using."""
    narrative = NarrativeFigures(doc, year)
    doc.add(f"## {year}年单位预算编制说明")
    doc.add("")
    _totals(doc, narrative, budget, year, agency)
    doc.add("财政拨款收入支出变动的主要原因是项目及人员增减变动。")
    doc.add("")
    doc.add("财政拨款支出主要内容如下：")
    doc.add("")
    for number, item in enumerate(budget.items, start=1):
        _item_paragraph(doc, rng, narrative, number, item, year)
    return narrative


def _totals(doc: DocumentBuilder, narrative: NarrativeFigures, budget: Budget, year: int, agency: str) -> None:
    prior = year - 1
    total_wan = wan(budget.total)
    prior_total_wan = wan(sum(i.prior_execution for i in budget.items))
    change_text, change = change_yuan(total_wan, prior_total_wan, prior, "预算执行数")
    line = doc.add(
        f"{year}年，{agency}收入预算{wan_text(total_wan)}万元，其中：财政拨款收入{wan_text(total_wan)}万元，"
        f"{change_text}；事业收入0万元；事业单位经营收入0万元；其他收入0万元。"
    )
    narrative.wan(line, 1, f"{agency}收入预算", total_wan)
    narrative.wan(line, 2, "财政拨款收入", total_wan, change=change)
    for cell, label in enumerate(("事业收入", "事业单位经营收入", "其他收入"), start=3):
        narrative.wan(line, cell, label, Decimal(0))
    doc.add("")
    line = doc.add(
        f"支出预算总额为{wan_text(total_wan)}万元，其中：财政拨款支出预算{wan_text(total_wan)}万元，{change_text}。"
        f"财政拨款支出预算中，一般公共预算拨款支出预算{wan_text(total_wan)}万元，{change_text}；"
        f"政府性基金拨款支出预算0万元，与{prior}年预算持平；国有资本经营预算拨款支出预算为0，与{prior}年预算持平。"
    )
    flat_budget = {"stated_direction": "flat", "compare_basis": "prior_budget", "compare_fiscal_year": prior}
    narrative.wan(line, 1, "支出预算总额为", total_wan, item="支出预算总额")
    narrative.wan(line, 2, "财政拨款支出预算", total_wan, change=change)
    narrative.wan(line, 3, "一般公共预算拨款支出预算", total_wan, change=change)
    narrative.wan(line, 4, "政府性基金拨款支出预算", Decimal(0), change=flat_budget)
    narrative.figure(
        line,
        5,
        label="国有资本经营预算拨款支出预算为",
        item="国有资本经营预算拨款支出预算",
        amount_yuan=Decimal(0),
        unit="万元",
        raw="0",
        change=flat_budget,
    )
    doc.add("")


def _subject_path(rng: random.Random, path: tuple[str, str, str]) -> str:
    names = [subject_name(path[:1]), subject_name(path[:2]), subject_name(path)]
    for depth in (2, 1):
        old = vocab.FUNCTIONAL_OLD_NAMES.get(path[:depth])
        if old and rng.random() < 0.5:
            names[: len(old)] = old
            break
    return f"{names[0]}(类){names[1]}(款){names[2]}(项)"


def _stated_pct(doc: DocumentBuilder, rng: random.Random, amount_wan: Decimal, prior_wan: Decimal) -> Decimal:
    """The percentage change as printed: rounded half-up, or (now and then) truncated, which the manifest notes."""
    computed = (amount_wan - prior_wan) / prior_wan * 100
    stated = abs(computed).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if rng.random() < 0.15:
        truncated = abs(computed).quantize(Decimal(1), rounding=ROUND_DOWN)
        if truncated != stated:
            doc.note("stated_change_pct_disagrees", doc.next_line, stated=str(truncated), computed=f"{computed:.2f}")
            stated = truncated
    return stated


def _item_paragraph(
    doc: DocumentBuilder, rng: random.Random, narrative: NarrativeFigures, number: int, item: FunctionalItem, year: int
) -> None:
    prior = year - 1
    path_text = _subject_path(rng, item.path)
    amount_wan, prior_wan = wan(item.total), wan(item.prior_execution)
    if prior_wan == 0:
        prior_wan = Decimal("0.01")
    stated = _stated_pct(doc, rng, amount_wan, prior_wan)
    if amount_wan == prior_wan or stated == 0:
        compare = f"与{prior}年预算执行数持平"
        change = {"stated_direction": "flat", "compare_basis": "prior_execution", "compare_fiscal_year": prior}
    else:
        sign = 1 if amount_wan > prior_wan else -1
        compare = f"比{prior}年预算执行数{'增加' if sign > 0 else '减少'}{stated}%"
        change = {
            "stated_change_pct": money(sign * stated),
            "stated_direction": "increase" if sign > 0 else "decrease",
            "compare_basis": "prior_execution",
            "compare_fiscal_year": prior,
        }
    amount_raw, prior_raw = f"{wan_text(amount_wan)}万元", f"{wan_text(prior_wan)}万元"
    line = doc.add(
        f"{number}. “{path_text}”科目{amount_raw}，主要用于{rng.choice(('人员经费支出', '日常运转', '项目支出'))}。"
        f"{prior}年当年预算执行数为{prior_raw}，{year}年预算安排{amount_raw}，{compare}。"
        f"主要原因是：{rng.choice(('人员增减变动', '项目及人员增减变动', '缴费基数调整'))}。"
    )
    narrative.wan(line, 1, f"{number}. “{path_text}”科目", amount_wan, item=path_text)
    narrative.wan(
        line, 2, f"{prior}年当年预算执行数为", prior_wan, item=path_text, phase="execution", fiscal_year=prior
    )
    narrative.wan(line, 3, f"{year}年预算安排", amount_wan, item=path_text, change=change)
    doc.add("")
