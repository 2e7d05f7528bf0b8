"""The wording of figures in running text: the patterns of an amount, a count, a comparison with last year, a
share, a rate and a reason, and how a family (预算 or 决算) names the phase of a figure and the basis of a comparison
(`Wording`). Pure functions of a phrase: narrative_figures.py finds the figures of a paragraph with them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budgetwh.ingest.text.cells import parse_amount, parse_number

NUMBER = r"\d[\d,]*(?:\.\d+)?"
# a minus printed before a figure (-12.34 / －12.34 / −12.34 / 负12.34); a hyphen after a digit joins a range instead
_SIGN = r"(?:(?<![\d.])[-－−]|负)"
_MINUS = frozenset("-－−负")
_VERB = r"增加|减少|增长|下降|上升|降低"
# a percentage printed right after a change in money (增加X万元，增长Y% / 增加X万元（增长Y%）) belongs to the same
# change
_PCT_TAIL = rf"(?:\s*[，,（(]\s*(?P<verb2>{_VERB}|增幅|降幅)(?:为)?\s*(?P<num2>{_SIGN}?{NUMBER})\s*%\s*[)）]?)?"
_MONEY = r"亿元|万元|元"
AMOUNT = re.compile(rf"(?P<num>{_SIGN}?{NUMBER})\s*(?P<unit>{_MONEY})")
# "为0，与2021年预算持平": a figure printed without its unit, directly compared with last year.
BARE_AMOUNT = re.compile(rf"为\s*(?P<num>{_SIGN}?{NUMBER})(?=\s*[，,]\s*(?:与|比|较)\s*\d{{4}}\s*年)")
# the year compared with: printed (2023年 / 2023年度) or 上年 (the year before the document's)
_YEAR_OF = r"(?:(?P<year>\d{4})\s*年|上一?年)"
# 比/较 + the year, or 同比 (against the year before, as 上年)
CHANGE = re.compile(
    rf"(?:(?:比|较)\s*{_YEAR_OF}|同比)(?P<basis>[^，。；,;]*?)"
    rf"(?P<verb>{_VERB})\s*(?P<num>{_SIGN}?{NUMBER})\s*(?P<unit>%|{_MONEY}){_PCT_TAIL}"
)
# 比年初预算减少X万元(，下降Z%): the year's outcome against the same year's budget. The contract's compare_basis is
# for other years and the difference is no budget of its own (the rate and both amounts are printed elsewhere), so
# the phrase is read as no figure at all
WITHIN_YEAR = re.compile(
    rf"(?:比|较)\s*(?:年初|全年|调整后?)预算数?\s*(?:{_VERB}|多|少)\s*{_SIGN}?{NUMBER}\s*(?:%|{_MONEY}){_PCT_TAIL}"
)
FLAT = re.compile(rf"(?:(?:与|比|较)\s*{_YEAR_OF}|同比)(?P<basis>[^，。；,;]*?)持平")
# 决算 wording: "。与Y年度相比，收入支出总计减少X万元，下降Z%" / "…相比，财政拨款收入支出总计持平"
COMPARED = re.compile(
    rf"与\s*{_YEAR_OF}度?\s*相比\s*[，,]?\s*(?P<basis>[^，。；,;\d]*?)"
    rf"(?:(?P<verb>{_VERB})\s*(?P<num>{_SIGN}?{NUMBER})\s*(?P<unit>%|{_MONEY}){_PCT_TAIL}|(?P<flat>持平))"
)
COUNT = re.compile(r"共(?P<num>\d+)(?P<unit>个|项|辆|台|套)")
SHARE = re.compile(rf"占\s*[^，。；,;\d%]{{0,20}}?\s*(?P<num>{NUMBER})\s*%")
# 完成年初预算的Z% / 完成率Z% / (决算数)为年初预算的Z%
RATE = re.compile(rf"(?:完成\s*[^，。；,;\d%]{{0,12}}?|为(?:年初|全年|调整后?)?预算数?的)\s*(?P<num>{NUMBER})\s*%")
# 主要原因是 / 原因主要是 / 原因为 / 差异原因：
REASON = re.compile(
    r"(?:主要原因(?:是|为)?\s*[:：]?|原因主要(?:是|为)\s*[:：]?|原因(?:是|为)\s*[:：]?|原因\s*[:：])\s*(?P<reason>[^。；;]*)"
)
# the budget subject a paragraph is about: “…”科目, “…（项）”, or unquoted 类(类)款(款)项(项) as 决算 print it
SUBJECT = re.compile(r"“([^”]+)”科目")
QUOTED_PATH = re.compile(r"“([^“”]*[（(]项[）)])”")
PATH = re.compile(r"[^\s，。；、:：“”\d]+?[（(]类[）)][^，。；:：“”\d]*?[（(]款[）)][^，。；:：“”\d]*?[（(]项[）)]")
# a numbered paragraph about a 类 or 款 (1、一般公共服务支出（类）。年初预算为…)
LEAD_PATH = re.compile(
    r"^\s*(?:\d+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*"
    r"(?P<path>[^\s，。；、:：“”\d]+?[（(][类款][）)](?:[^，。；:：“”\d]*?[（(][款项][）)])?)\s*(?:[。：:，,]|$)"
)
YEAR = re.compile(r"(\d{4})\s*年")
CLAUSE_BREAK = re.compile(r"[，。；：、,;:]")
SENTENCE_BREAK = re.compile(r"[。；;]")
_LEADING = re.compile(r"^(?:\d+\.\s*|[（(][一二三四五六七八九十]+[)）]|其中[:：]?|\s)+")
_TRAILING = re.compile(r"(?:为|是|约)$")
# between a figure and the comparison that follows it: punctuation, or its share or rate (占X% / 完成…的Z% / 为…的Z%)
GAP_ALLOWED = re.compile(r"^(?:[\s，,。]|(?:占|完成|为)[^，。；;%]{0,30}%)*$")
# or the rest of the figure's sentence, when the comparison opens the next one ("X万元，主要用于…。比Y年预算减少…"):
# no figure and no reason between them, so the comparison can qualify nothing else
DETACHED_GAP = re.compile(r"^(?:[\s，,]|(?:占|完成|为)[^，。；;%]{0,30}%)*(?:(?!原因)[^。；;!?！？\d%])*。\s*$")
SHARE_GAP = re.compile(r"^[\s，,]*$")
# what a 决算 phrase calls the budget or the outcome it prints ("“三公”经费…支出年初预算为" → the subject before it)
PHASE_WORDS = re.compile(r"(?:年初预算|全年预算|调整后预算|调整预算|预算|支出决算|决算)数?$")
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
INCREASE = {"增加", "增长", "上升", "增幅"}
_MEASURE_SUFFIXES = (("基本支出", "basic"), ("项目支出", "project"), ("人员经费", "personnel"), ("公用经费", "public"))
CENT = Decimal("0.01")


# figures printed in full-width forms (１２．５万元, 增长８％): read as ASCII, one character for one (offsets kept)
_FULLWIDTH = str.maketrans("０１２３４５６７８９％", "0123456789%")
_FULLWIDTH_FIGURE = re.compile(r"[０-９％]")
_FULLWIDTH_POINT = re.compile(r"(?<=[0-9０-９])．(?=[0-9０-９])")


def halfwidth(text: str) -> str:
    """The text with full-width digits, decimal points and percent signs as ASCII, every offset unchanged."""
    if _FULLWIDTH_FIGURE.search(text) is None:
        return text
    return _FULLWIDTH_POINT.sub(".", text).translate(_FULLWIDTH)


@dataclass(frozen=True, slots=True)
class Wording:
    """How a family words its figures. `final_accounts`: a 决算 (an unqualified figure is a 决算数, a comparison with
    last year is against last year's 决算); otherwise a 预算 (an unqualified figure is this year's 预算数)."""

    final_accounts: bool = False

    def phase(self, context: str) -> str:
        """The phase of a figure from the phrase that introduces it."""
        return _final_phase(context) if self.final_accounts else _budget_phase(context)

    def basis(self, text: str) -> str:
        """What a comparison compares with, from the words between its year and its verb."""
        return _final_basis(text) if self.final_accounts else _budget_basis(text)


BUDGET = Wording(final_accounts=False)
FINAL_ACCOUNTS = Wording(final_accounts=True)


def _budget_basis(text: str) -> str:
    return "prior_execution" if "执行" in text else "prior_budget"


def _final_basis(text: str) -> str:
    # a 决算 compares with last year's 决算 unless it names a budget (一般公共预算 names a fund, not a budget)
    text = _FUND_NAMES.sub("", text)
    return "prior_budget" if "预算" in text and "决算" not in text and "执行" not in text else "prior_execution"


def _budget_phase(context: str) -> str:
    if "决算" in context:
        return "final_account"
    if "执行" in context:
        return "execution"
    if "全年预算" in context or "调整预算" in context or "调整后预算" in context:
        return "adjusted_budget"
    return "budget"


def _final_phase(context: str) -> str:
    context = _FUND_NAMES.sub("", context)  # 一般公共预算 names a fund, not a phase
    if "决算" in context:
        return "final_account"
    if "全年预算" in context or "调整预算" in context or "调整后预算" in context:
        return "adjusted_budget"
    if "预算" in context:
        return "budget"
    if "执行" in context:
        return "execution"
    return "final_account"


def clean_label(label: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", label)).strip()


# the phase a label may end with after its measure (基本支出预算X万元, 项目支出决算数为X万元)
_PHASE_TAIL = re.compile(r"(?:预算|决算|执行)数?$")


def measure_of(label: str) -> str:
    name = clean_label(label)
    name = _PHASE_TAIL.sub("", name) or name
    for suffix, measure in _MEASURE_SUFFIXES:
        if name.endswith(suffix):
            return measure
    return "total"


def subject_of(text: str) -> str | None:
    for pattern in (SUBJECT, QUOTED_PATH):
        match = pattern.search(text)
        if match:
            return match.group(1)
    match = PATH.search(text) or LEAD_PATH.match(text)
    return (match.group("path") if match.re is LEAD_PATH else match.group(0)) if match else None


def changes_in(text: str) -> list[re.Match[str]]:
    found = sorted([*CHANGE.finditer(text), *FLAT.finditer(text), *COMPARED.finditer(text)], key=lambda m: m.start())
    kept: list[re.Match[str]] = []
    for match in found:  # two wordings may read one comparison: the first (leftmost) reading stands
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def outside_spans(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] without the spans (sorted, not overlapping) that fall in it."""
    parts: list[str] = []
    position = start
    for a, b in spans:
        if b <= position or a >= end:
            continue
        parts.append(text[position:a])
        position = b
    parts.append(text[position:end])
    return "".join(parts)


def _signed(number: str) -> tuple[Decimal, str]:
    """(1 or -1, the digits): the printed minus of a figure, which parse_amount (amounts of tables) refuses."""
    return (Decimal(-1), number[1:]) if number[0] in _MINUS else (Decimal(1), number)


def parse_pct(text: str, what: str, file_name: str, line: int) -> Decimal:
    sign, digits = _signed(text)
    value = parse_number(digits, file_name=file_name, line=line, what=what).quantize(CENT)
    return sign * value if value else value


def parse_yuan(text: str, unit: str, what: str, file_name: str, line: int) -> Decimal:
    sign, digits = _signed(text)
    yuan = parse_amount(digits, unit=unit, file_name=file_name, line=line, what=what)
    return sign * yuan if yuan else yuan  # no -0.00


def change_fields(
    change: re.Match[str], wording: Wording, fiscal_year: int, file_name: str, line: int
) -> dict[str, object]:
    fields: dict[str, object] = {
        "compare_basis": wording.basis(change["basis"]),
        "compare_fiscal_year": int(change["year"]) if change["year"] else fiscal_year - 1,
    }
    if change.re is FLAT or (change.re is COMPARED and change["flat"]):
        fields["stated_direction"] = "flat"
        return fields
    sign = Decimal(1) if change["verb"] in INCREASE else Decimal(-1)
    if change["unit"] == "%":
        value = fields["stated_change_pct"] = sign * parse_pct(change["num"], "stated change", file_name, line)
    else:
        yuan = parse_yuan(change["num"], change["unit"], "stated change", file_name, line)
        value = fields["stated_change_yuan"] = sign * yuan
    # 增加-5万元 (a minus after the verb) is a decrease
    fields["stated_direction"] = "decrease" if value < 0 or (value == 0 and sign < 0) else "increase"
    if change["num2"] is not None:
        sign2 = Decimal(1) if change["verb2"] in INCREASE else Decimal(-1)
        fields["stated_change_pct"] = sign2 * parse_pct(change["num2"], "stated change", file_name, line)
    return fields
