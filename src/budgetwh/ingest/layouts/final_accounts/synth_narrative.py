"""The 情况说明 of a synthetic 决算: totals against last year, income and spending shares, the 年初预算 (or 全年预算) /
支出决算 / completion rate of the 一般公共预算 total and of every 项 with its reason, 三公 budget against actual."""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from budgetwh.synth import subjects
from budgetwh.synth.blocks import Block, Heading, Para, wan2
from budgetwh.synth.builder import money
from budgetwh.synth.finance import FinalAccounts

CENT = Decimal("0.01")
TOTAL_REASONS = ("人员变动", "项目支出调整", "业务量变化")


def _item_paragraphs(
    fa: FinalAccounts, budget_word: str, budget_phase: str, notes: list[dict], rng: random.Random
) -> list[Block]:
    """One paragraph per 项: its budget, 决算 and completion rate (now and then truncated), and the reason."""
    blocks: list[Block] = []
    for number, path in enumerate(fa.items, start=1):
        budget, final = wan2(fa.budget.item_total(path)), wan2(sum(fa.items[path]))
        names = [subjects.name(path[:d]) for d in (1, 2, 3)]
        item_truncated = rng.random() < 0.1
        rate = _rate(final, budget, item_truncated)
        text = (
            f"{number}、{names[0]}（类）{names[1]}（款）{names[2]}（项）。主要用于：{names[2]}相关支出。"
            f"{budget_word}为{budget}万元，支出决算为{final}万元"
        )
        final_figure: dict[str, Any] = {
            "amount_yuan": money(final * 10000),
            "phase": "final_account",
            "codes": list(path),
        }
        if rate is not None:
            text += f"，完成{budget_word}的{rate}%"
            final_figure["stated_rate_pct"] = f"{rate}"
            if item_truncated and rate != _rate(final, budget, False):
                notes.append({"kind": "stated_rate_truncated", "stated": f"{rate}", "item": "".join(path)})
        text += "。" + (
            "决算数与预算数基本持平。" if final == budget else f"决算数小于预算数的主要原因：{fa.reasons[path]}。"
        )
        blocks.append(
            Para(
                text, ({"amount_yuan": money(budget * 10000), "phase": budget_phase, "codes": list(path)}, final_figure)
            )
        )
    return blocks


def _rate(final: Decimal, budget: Decimal, truncate: bool) -> Decimal | None:
    if not budget:
        return None
    return (final / budget * 100).quantize(CENT, rounding=ROUND_DOWN if truncate else ROUND_HALF_UP)


def _pct(part: int, whole: int) -> str:
    return f"{(Decimal(part) / Decimal(whole) * 100).quantize(CENT, rounding=ROUND_HALF_UP)}" if whole else "0.00"


def narrative(fa: FinalAccounts, *, scope: str, agency_name: str, rng: random.Random) -> tuple[list[Block], list[dict]]:
    """The 情况说明 paragraphs, and the deliberate inconsistencies (truncated rates) they print."""
    year, notes = fa.year, []
    closing = fa.closing_balance
    if fa.closing_error:
        notes.append(
            {
                "kind": "summary_does_not_balance",
                "table_kind": "income_expenditure_summary",
                "printed_closing_yuan": money(closing),
                "balancing_closing_yuan": money(closing - fa.closing_error),
            }
        )
    grand, prior = fa.total + fa.other_income + fa.opening_balance, fa.prior_total
    delta = wan2(grand) - wan2(prior)
    verb, trend = ("增加", "增长") if delta >= 0 else ("减少", "下降")
    change_pct = (abs(delta) / wan2(prior) * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    budget_word, budget_phase = ("全年预算", "adjusted_budget") if rng.random() < 0.15 else ("年初预算", "budget")
    budget_total, final_total = wan2(fa.budget.total), wan2(fa.total)
    truncate = rng.random() < 0.1
    total_rate = _rate(final_total, budget_total, truncate)
    if truncate and total_rate != _rate(final_total, budget_total, False):
        notes.append({"kind": "stated_rate_truncated", "stated": f"{total_rate}", "item": "total"})
    blocks: list[Block] = [
        Heading(f"第三部分{agency_name}{year}年度{scope}决算情况说明"),
        Para("一、收入支出决算总体情况说明"),
        Para(
            f"{agency_name}{year}年度收入支出总计{wan2(grand)}万元。与{year - 1}年度相比，收入支出总计{verb}"
            f"{abs(delta)}万元，{trend}{change_pct}%。主要原因：{rng.choice(TOTAL_REASONS)}。",
            (
                {
                    "amount_yuan": money(wan2(grand) * 10000),
                    "phase": "final_account",
                    "stated_change_yuan": money(abs(delta) * 10000),
                    "compare_fiscal_year": year - 1,
                },
            ),
        ),
        Para("二、收入决算情况说明"),
        Para(
            f"本年收入合计{wan2(fa.total + fa.other_income)}万元，其中：财政拨款收入{final_total}万元，占"
            f"{_pct(fa.total, fa.total + fa.other_income)}%；其他收入{wan2(fa.other_income)}万元，占"
            f"{_pct(fa.other_income, fa.total + fa.other_income)}%。"
        ),
        Para("三、支出决算情况说明"),
        Para(
            f"本年支出合计{final_total}万元，其中：基本支出{wan2(fa.basic)}万元，占{_pct(fa.basic, fa.total)}%；"
            f"项目支出{wan2(fa.project)}万元，占{_pct(fa.project, fa.total)}%。年末结转和结余{wan2(closing)}万元。"
        ),
        Para("五、一般公共预算财政拨款支出决算情况说明"),
        Para(
            f"一般公共预算财政拨款支出{budget_word}为{budget_total}万元，支出决算为{final_total}万元，完成{budget_word}的"
            f"{total_rate}%。决算数小于预算数的主要原因：{rng.choice(('项目按进度支付', '压减一般性支出'))}。其中：",
            (
                {"amount_yuan": money(budget_total * 10000), "phase": budget_phase},
                {
                    "amount_yuan": money(final_total * 10000),
                    "phase": "final_account",
                    "stated_rate_pct": f"{total_rate}",
                },
            ),
        ),
    ]
    blocks += _item_paragraphs(fa, budget_word, budget_phase, notes, rng)
    three_budget, three_final = wan2(sum(fa.budget.three_public)), wan2(sum(fa.three_public))
    three_rate = _rate(three_final, three_budget, False)
    blocks += [
        Para("七、财政拨款“三公”经费支出决算情况说明"),
        Para(
            f"“三公”经费财政拨款支出年初预算为{three_budget}万元，支出决算为{three_final}万元"
            + (f"，完成预算的{three_rate}%。" if three_rate is not None else "。")
        ),
        Para("十一、其他重要事项的情况说明"),
        Para(f"机关运行经费支出{wan2(fa.office_operation)}万元。"),
    ]
    return blocks, notes
