"""单位预算 (unit budget, 普陀 layout): 编制说明 narrative in 万元 with stated changes against last year's 执行数, the
standard tables in 元 (财务收支预算总表, 收入/支出预算总表, 功能分类 tables, 经济分类, 三公 in 万元), the other
statements, and project target forms at the end.

The budget is generated first as one consistent set of numbers (basic = personnel + public, total = basic +
project, parents = sum of children, the 三公 figures equal their economic-classification lines); the tables and
the narrative then print it, and the few deliberate inconsistencies are noted in the manifest."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder, grouped, money, wan, wan_text
from budgetwh.synth.forms import Project, make_project, render_unit_budget_form

CHINESE_ORDINALS = "一二三四五六七八九十"


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


def _round(value: float) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def make_budget(rng: random.Random, year: int, form_count: int) -> Budget:
    wage = rng.randint(150, 3000) * 10_000 + rng.randint(0, 9_999)
    personnel_items = {
        ("208", "05", "05"): _round(wage * 0.16),
        ("208", "05", "06"): _round(wage * 0.08),
        ("210", "11", "02"): _round(wage * rng.uniform(0.08, 0.12)),
        ("221", "02", "01"): _round(wage * 0.07),
    }
    retirement = {}
    if rng.random() < 0.7:
        retirement[rng.choice(vocab.RETIREMENT_ITEMS)] = _round(wage * rng.uniform(0.001, 0.03))
    economic_personnel = {
        ("301", "01"): _round(wage * 0.25),
        ("301", "02"): _round(wage * 0.15),
        ("301", "07"): _round(wage * 0.35),
        ("301", "08"): personnel_items[("208", "05", "05")],
        ("301", "09"): personnel_items[("208", "05", "06")],
        ("301", "10"): personnel_items[("210", "11", "02")],
        ("301", "12"): _round(wage * 0.03),
        ("301", "13"): personnel_items[("221", "02", "01")],
        ("301", "99"): _round(wage * rng.uniform(0.05, 0.3)),
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
    first_share = _round(main_basic * rng.uniform(0.5, 0.9)) if len(mains) == 2 else main_basic
    forms = [make_project(rng, year, rng.randint(5, 9), phased_share=0.3) for _ in range(form_count)]
    extra = rng.randint(0, 40) * 100_000
    projects_total = sum(p.annual for p in forms) + extra
    items = [FunctionalItem(path, amount) for path, amount in {**personnel_items, **retirement}.items()]
    items.append(FunctionalItem(mains[0], first_share, projects_total))
    if len(mains) == 2:
        items.append(FunctionalItem(mains[1], main_basic - first_share))
    for item in items:
        item.prior_execution = _round(item.total * rng.uniform(0.6, 1.45))
    items.sort(key=lambda i: i.path)
    return Budget(items, economic_personnel, economic_public, projects_total, forms)


def _name(path: tuple[str, ...]) -> str:
    return vocab.FUNCTIONAL[path]


def _subject_path(rng: random.Random, path: tuple[str, str, str]) -> str:
    names = [_name(path[:1]), _name(path[:2]), _name(path)]
    for depth in (2, 1):
        old = vocab.FUNCTIONAL_OLD_NAMES.get(path[:depth])
        if old and rng.random() < 0.5:
            names[: len(old)] = old
            break
    return f"{names[0]}(类){names[1]}(款){names[2]}(项)"


def _pct_change(new: Decimal, old: Decimal) -> Decimal:
    return (new - old) / old * 100


def _half_up(value: Decimal) -> Decimal:
    return abs(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


class _Narrative:
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
        stated = {
            "stated_change_pct": None,
            "stated_change_yuan": None,
            "stated_direction": None,
            "compare_basis": None,
            "compare_fiscal_year": None,
            **(change or {}),
        }
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
            **stated,
        )


def _change_yuan(new_wan: Decimal, old_wan: Decimal, year: int, basis_text: str) -> tuple[str, dict]:
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


def render_unit_budget(
    doc: DocumentBuilder,
    rng: random.Random,
    *,
    year: int,
    district_name: str,
    agency_name: str,
    second_name: str | None,
    form_count: int,
) -> None:
    budget = make_budget(rng, year, form_count)
    prior = year - 1
    printed_agency = f"{agency_name}（{second_name}）" if second_name else agency_name
    doc.document["agency_name"] = printed_agency
    narrative = _Narrative(doc, year)

    doc.add("")
    doc.add(f"# 上海市{district_name}{year}年区级单位预算")
    doc.add("")
    doc.add(f"预算单位：{printed_agency}")
    doc.add("")
    doc.add("# 目 录")
    doc.add("")
    for entry in (
        "一、单位主要职能",
        "二、单位机构设置",
        "三、名词解释",
        "四、单位预算编制说明",
        "五、单位预算表",
        f"  - 1. {year}年单位财务收支预算总表",
        f"  - 2. {year}年单位收入预算总表",
        f"  - 3. {year}年单位支出预算总表",
        f"  - 5. {year}年单位一般公共预算支出功能分类预算表",
        "六、其他相关情况说明",
        "七、项目经费情况说明",
        "八、绩效目标",
    ):
        doc.add(f"- {entry}" if not entry.startswith(" ") else entry)
    doc.add("")
    doc.add(f"## {printed_agency}主要职能")
    doc.add("")
    doc.add(f"{printed_agency}是{district_name}人民政府直属的行政事业单位。")
    doc.add("")
    doc.add("主要职能包括：")
    doc.add("")
    for number, duty in enumerate(
        ("承担本领域的统筹规划、综合协调和监督考核工作。", "负责相关公共服务的组织实施。", "完成上级交办的其他任务。"),
        start=1,
    ):
        doc.add(f"{number}. {duty}")
    doc.add("")
    doc.add(f"## {printed_agency}机构设置")
    doc.add("")
    doc.add(f"{printed_agency}设{rng.randint(3, 12)}个内设机构，包括：办公室、综合科、业务科。")
    doc.add("")
    doc.add("## 名词解释")
    doc.add("")
    doc.add(
        "（一）基本支出预算：是预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。"
    )
    doc.add("")
    doc.add("（二）项目支出预算：是预算单位为完成特定工作任务和事业发展目标，在基本支出之外编制的年度支出计划。")
    doc.add("")

    # 编制说明: totals with stated changes, then one paragraph per functional item
    doc.add(f"## {year}年单位预算编制说明")
    doc.add("")
    total_wan = wan(budget.total)
    prior_total_wan = wan(sum(i.prior_execution for i in budget.items))
    change_text, change = _change_yuan(total_wan, prior_total_wan, prior, "预算执行数")
    line = doc.add(
        f"{year}年，{printed_agency}收入预算{wan_text(total_wan)}万元，其中：财政拨款收入{wan_text(total_wan)}万元，"
        f"{change_text}；事业收入0万元；事业单位经营收入0万元；其他收入0万元。"
    )
    raw_total = f"{wan_text(total_wan)}万元"
    narrative.figure(
        line, 1, label=f"{printed_agency}收入预算", amount_yuan=total_wan * 10000, unit="万元", raw=raw_total
    )
    narrative.figure(
        line, 2, label="财政拨款收入", amount_yuan=total_wan * 10000, unit="万元", raw=raw_total, change=change
    )
    for cell, label in enumerate(("事业收入", "事业单位经营收入", "其他收入"), start=3):
        narrative.figure(line, cell, label=label, amount_yuan=Decimal(0), unit="万元", raw="0万元")
    doc.add("")
    line = doc.add(
        f"支出预算总额为{wan_text(total_wan)}万元，其中：财政拨款支出预算{wan_text(total_wan)}万元，{change_text}。"
        f"财政拨款支出预算中，一般公共预算拨款支出预算{wan_text(total_wan)}万元，{change_text}；"
        f"政府性基金拨款支出预算0万元，与{prior}年预算持平；国有资本经营预算拨款支出预算为0，与{prior}年预算持平。"
    )
    flat_budget = {"stated_direction": "flat", "compare_basis": "prior_budget", "compare_fiscal_year": prior}
    narrative.figure(
        line, 1, label="支出预算总额为", item="支出预算总额", amount_yuan=total_wan * 10000, unit="万元", raw=raw_total
    )
    narrative.figure(
        line, 2, label="财政拨款支出预算", amount_yuan=total_wan * 10000, unit="万元", raw=raw_total, change=change
    )
    narrative.figure(
        line,
        3,
        label="一般公共预算拨款支出预算",
        amount_yuan=total_wan * 10000,
        unit="万元",
        raw=raw_total,
        change=change,
    )
    narrative.figure(
        line, 4, label="政府性基金拨款支出预算", amount_yuan=Decimal(0), unit="万元", raw="0万元", change=flat_budget
    )
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
    doc.add("财政拨款收入支出变动的主要原因是项目及人员增减变动。")
    doc.add("")
    doc.add("财政拨款支出主要内容如下：")
    doc.add("")
    for number, item in enumerate(budget.items, start=1):
        path_text = _subject_path(rng, item.path)
        amount_wan, prior_wan = wan(item.total), wan(item.prior_execution)
        if prior_wan == 0:
            prior_wan = Decimal("0.01")
        computed = _pct_change(amount_wan, prior_wan)
        stated = _half_up(computed)
        if rng.random() < 0.15:
            truncated = abs(computed).quantize(Decimal(1), rounding=ROUND_DOWN)
            if truncated != stated:
                doc.note(
                    "stated_change_pct_disagrees", doc.next_line, stated=str(truncated), computed=f"{computed:.2f}"
                )
                stated = truncated
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
        narrative.figure(
            line,
            1,
            label=f"{number}. “{path_text}”科目",
            item=path_text,
            amount_yuan=amount_wan * 10000,
            unit="万元",
            raw=amount_raw,
        )
        narrative.figure(
            line,
            2,
            label=f"{prior}年当年预算执行数为",
            item=path_text,
            amount_yuan=prior_wan * 10000,
            unit="万元",
            raw=prior_raw,
            phase="execution",
            fiscal_year=prior,
        )
        narrative.figure(
            line,
            3,
            label=f"{year}年预算安排",
            item=path_text,
            amount_yuan=amount_wan * 10000,
            unit="万元",
            raw=amount_raw,
            change=change,
        )
        doc.add("")

    _financial_summary(doc, rng, budget, year, printed_agency)
    _coded_tables(doc, rng, budget, year, printed_agency)
    _economic_table(doc, rng, budget, year, printed_agency)
    three_public = _three_public_table(doc, rng, budget, year, printed_agency)
    _other_statements(doc, rng, budget, year, agency_name, narrative, three_public)
    for index, project in enumerate(budget.form_projects):
        _project_statement(doc, rng, project, year, agency_name, narrative)
        render_unit_budget_form(
            doc,
            rng,
            project,
            year=year,
            agency_name=agency_name,
            last_in_document=index == len(budget.form_projects) - 1,
        )


def _table_head(doc: DocumentBuilder, rng: random.Random, title: str, agency: str, unit: str = "元") -> None:
    doc.add(f"## {title}")
    doc.add("")
    doc.add(f"{rng.choice(('编制单位', '编制单位', '编制部门'))}：{agency}")
    doc.add("")
    doc.add(f"单位：{unit}")
    doc.add("")


# internal table id → (printed title, contract table_kind): what the tables reader writes
TABLES = {
    "financial_summary_income": ("{year}年单位财务收支预算总表", "financial_summary"),
    "financial_summary_expenditure": ("{year}年单位财务收支预算总表", "financial_summary"),
    "income_budget": ("{year}年单位收入预算总表", "revenue"),
    "expenditure_budget": ("{year}年单位支出预算总表", "expenditure"),
    "general_budget_functional": ("{year}年单位一般公共预算支出功能分类预算表", "general_public_functional"),
    "general_budget_economic": ("{year}年单位一般公共预算基本支出部门预算经济分类预算表", "basic_economic"),
    "three_public_budget": ("{year}年单位“三公”经费和机关运行经费预算表", "three_public"),
}
# the measure of each 三公 column, from its header
THREE_PUBLIC_MEASURES = {
    "合计": "total",
    "因公出国(境)费": "outbound_travel",
    "公务接待费": "official_reception",
    "公务用车购置及运行费/小计": "official_vehicles",
    "公务用车购置及运行费/购置费": "vehicle_purchase",
    "公务用车购置及运行费/运行费": "vehicle_operation",
}


def _cell(
    doc: DocumentBuilder,
    line: int,
    column: int,
    table: str,
    measure: str,
    label: str,
    amount: int,
    text: str,
    *,
    item_name: str | None,
    row_level: str,
    codes: tuple = (None, None, None),
    unit: str = "元",
    amount_yuan: Decimal | None = None,
) -> None:
    title, kind = TABLES[table]
    doc.expect(
        "line_items",
        source_line=line,
        cell_index=column + 1,
        table_name=title.format(year=doc.fiscal_year),
        table_kind=kind,
        class_code=codes[0],
        kind_code=codes[1],
        item_code=codes[2],
        item_name_raw=item_name,
        label_raw=label,
        measure=measure,
        phase="budget",
        fiscal_year=doc.fiscal_year,
        amount_yuan=money(amount_yuan if amount_yuan is not None else amount),
        source_unit=unit,
        amount_raw=text,
        row_level=row_level,
        quantity=None,
        quantity_unit=None,
        stated_change_pct=None,
        stated_change_yuan=None,
        stated_direction=None,
        compare_basis=None,
        compare_fiscal_year=None,
    )


def _financial_summary(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    _table_head(doc, rng, f"{year}年单位财务收支预算总表", agency)
    doc.row("本年收入", "", "本年支出", "", "", "", "")
    doc.row("项目", "预算数", "项目", "预算数", "", "", "")
    doc.row("", "", "", "合计", "基本支出", "", "项目支出")
    doc.row("", "", "", "", "人员经费", "公用经费", "")
    total = budget.total
    left = [
        ("一、财政拨款收入", total),
        ("1. 一般公共预算资金", total),
        ("2. 政府性基金", None),
        ("3. 国有资本经营预算", None),
        ("二、事业收入", None),
        ("三、事业单位经营收入", None),
        ("四、其他收入", None),
    ]
    fixed_paths = set(vocab.PERSONNEL_ITEMS) | set(vocab.RETIREMENT_ITEMS)
    main_items = [i for i in budget.items if i.path not in fixed_paths]
    main_basic = sum(i.basic for i in main_items)
    main_personnel = budget.personnel - sum(i.basic for i in budget.items if i.path in fixed_paths)
    # the personnel part of the main items' basic spending, shared in proportion to their basic amounts
    personnel_of: dict[tuple[str, ...], int] = {}
    remaining = main_personnel
    for index, item in enumerate(main_items):
        share = remaining if index == len(main_items) - 1 else _round(main_personnel * item.basic / main_basic)
        personnel_of[item.path] = min(share, item.basic)
        remaining -= personnel_of[item.path]
    right = []
    for path, class_total, _basic, project in (row for row in budget.tree() if len(row[0]) == 1):
        members = [i for i in budget.items if i.path[:1] == path]
        personnel = sum(personnel_of.get(i.path, i.basic) for i in members)
        public = sum(i.basic - personnel_of[i.path] for i in members if i.path in personnel_of)
        right.append((f"{CHINESE_ORDINALS[len(right)]}、{_name(path)}", class_total, personnel, public, project))
    measures = {
        3: ("total", "合计"),
        4: ("personnel", "人员经费"),
        5: ("public", "公用经费"),
        6: ("project", "项目支出"),
    }
    for index in range(max(len(left), len(right))):
        left_name, left_amount = left[index] if index < len(left) else ("", None)
        right_row = right[index] if index < len(right) else None
        cells = [left_name, grouped(left_amount) if left_amount else ""]
        if right_row:
            cells += [right_row[0]] + [grouped(v) if v else "" for v in right_row[1:]]
        else:
            cells += [""] * 5
        line = doc.row(*cells)
        if left_amount:
            _cell(
                doc,
                line,
                1,
                "financial_summary_income",
                "total",
                "预算数",
                left_amount,
                cells[1],
                item_name=left_name,
                row_level="line",
            )
        if right_row:
            for column, value in zip((3, 4, 5, 6), right_row[1:], strict=True):
                if value:
                    measure, label = measures[column]
                    _cell(
                        doc,
                        line,
                        column,
                        "financial_summary_expenditure",
                        measure,
                        label,
                        value,
                        cells[column],
                        item_name=right_row[0],
                        row_level="line",
                    )
    totals = [total, budget.personnel, budget.public, budget.projects_total]
    cells = ["收入总计", grouped(total), "支出总计"] + [grouped(v) if v else "" for v in totals]
    line = doc.row(*cells)
    _cell(
        doc,
        line,
        1,
        "financial_summary_income",
        "total",
        "预算数",
        total,
        cells[1],
        item_name="收入总计",
        row_level="total",
    )
    for column, value in zip((3, 4, 5, 6), totals, strict=True):
        if value:
            measure, label = measures[column]
            _cell(
                doc,
                line,
                column,
                "financial_summary_expenditure",
                measure,
                label,
                value,
                cells[column],
                item_name="支出总计",
                row_level="total",
            )
    doc.add("")


def _codes(path: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    padded = list(path) + [None] * (3 - len(path))
    return padded[0], padded[1], padded[2]


def _level(path: tuple[str, ...]) -> str:
    return ("class", "kind", "item")[len(path) - 1]


def _coded_tables(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    tree = budget.tree()
    # 收入预算总表: every amount is 财政拨款收入
    _table_head(doc, rng, f"{year}年单位收入预算总表", agency)
    doc.row("项目", "", "", "收入预算", "", "", "", "", "")
    doc.row(
        "功能分类科目编码",
        "",
        "",
        "功能分类科目名称",
        "合计",
        "财政拨款收入",
        "事业收入",
        "事业单位经营收入",
        "其他收入",
    )
    doc.row("类", "款", "项", "", "", "", "", "", "")
    kinds = [path for path, *_ in tree if len(path) == 2]
    off_by = rng.choice(kinds) if rng.random() < 0.2 else None
    for path, total, _basic, _project in tree:
        printed = total
        if path == off_by:
            printed = total + rng.choice((-100, -1, 1, 10, 100))
            doc.note(
                "parent_not_sum_of_children",
                doc.next_line,
                table="income_budget",
                code="".join(path),
                printed=str(printed),
                children_sum=str(total),
            )
        codes = _codes(path)
        text = grouped(printed)
        line = doc.row(*(c or "" for c in codes), _name(path), text, text, "", "", "")
        for column, measure, label in ((4, "total", "合计"), (5, "fiscal_appropriation", "财政拨款收入")):
            _cell(
                doc,
                line,
                column,
                "income_budget",
                measure,
                label,
                printed,
                text,
                item_name=_name(path),
                row_level=_level(path),
                codes=codes,
            )
    text = grouped(budget.total)
    line = doc.row("合计", "", "", "", text, text, "", "", "")
    for column, measure, label in ((4, "total", "合计"), (5, "fiscal_appropriation", "财政拨款收入")):
        _cell(
            doc, line, column, "income_budget", measure, label, budget.total, text, item_name="合计", row_level="total"
        )
    doc.add("")
    doc.add("")
    doc.add("")

    unnamed = rng.choice([p for p, *_ in tree if len(p) == 1]) if rng.random() < 0.2 else None
    for title, table, head, zeros in (
        (f"{year}年单位支出预算总表", "expenditure_budget", "支出预算", "0"),
        (f"{year}年单位一般公共预算支出功能分类预算表", "general_budget_functional", "一般公共预算支出", ""),
    ):
        _table_head(doc, rng, title, agency)
        doc.row("项目", "", "", head, "", "", "")
        doc.row("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出")
        doc.row("类", "款", "项", "", "", "", "")
        for path, total, basic, project in tree:
            codes = _codes(path)
            name = _name(path)
            if table == "expenditure_budget" and path == unnamed:
                doc.note("name_not_printed", doc.next_line, table=table, code="".join(path))
                name = ""
            values = [total, basic, project]
            texts = [grouped(v) if v else zeros for v in values]
            line = doc.row(*(c or "" for c in codes), name, *texts)
            for column, value, text, (measure, label) in zip(
                (4, 5, 6),
                values,
                texts,
                (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")),
                strict=True,
            ):
                if text:
                    _cell(
                        doc,
                        line,
                        column,
                        table,
                        measure,
                        label,
                        value,
                        text,
                        item_name=name or None,
                        row_level=_level(path),
                        codes=codes,
                    )
        values = [budget.total, budget.basic, budget.projects_total]
        texts = [grouped(v) if v else zeros for v in values]
        line = doc.row("合计", "", "", "", *texts)
        for column, value, text, (measure, label) in zip(
            (4, 5, 6), values, texts, (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")), strict=True
        ):
            if text:
                _cell(doc, line, column, table, measure, label, value, text, item_name="合计", row_level="total")
        doc.add("")

    for title, head, label in (
        (f"{year}年单位政府性基金预算支出功能分类预算表", "政府性基金预算支出", "政府性基金预算财政拨款"),
        (f"{year}年单位国有资本经营预算支出功能分类预算表", "国有资本经营财政拨款预算支出", "国有资本经营预算财政拨款"),
    ):
        _table_head(doc, rng, title, agency)
        doc.row("项目", "", "", head, "", "", "")
        doc.row("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出")
        doc.row("类", "款", "项", "", "", "", "")
        doc.row("合计", "", "", "", "", "", "")
        doc.add("")
        doc.add(f"注：本单位{year}年无{label}安排的预算，故本表为空表。")
        doc.add("")


def _economic_table(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> None:
    _table_head(doc, rng, f"{year}年单位一般公共预算基本支出部门预算经济分类预算表", agency)
    doc.row("项目", "", "一般公共预算基本支出", "", "", "")
    doc.row("经济分类科目编码", "", "部门经济分类科目名称", "合计", "人员经费", "公用经费")
    doc.row("类", "款", "", "", "", "")
    kinds = {
        **{k: ("personnel", v) for k, v in budget.economic_personnel.items()},
        **{k: ("public", v) for k, v in budget.economic_public.items()},
    }
    names = {**vocab.ECONOMIC_PERSONNEL, **vocab.ECONOMIC_PUBLIC}
    for cls in sorted({k[0] for k in kinds}):
        members = sorted(k for k in kinds if k[0] == cls)
        side = kinds[members[0]][0]
        rows = [((cls,), sum(kinds[k][1] for k in members))] + [(k, kinds[k][1]) for k in members]
        for path, amount in rows:
            text = grouped(amount)
            personnel, public = (text, "") if side == "personnel" else ("", text)
            if rng.random() < 0.03:
                doc.add("")  # a page break inside the table
            line = doc.row(path[0], path[1] if len(path) > 1 else "", names[path], text, personnel, public)
            codes = (path[0], path[1] if len(path) > 1 else None, None)
            level = "kind" if len(path) > 1 else "class"
            _cell(
                doc,
                line,
                3,
                "general_budget_economic",
                "total",
                "合计",
                amount,
                text,
                item_name=names[path],
                row_level=level,
                codes=codes,
            )
            column, label = (4, "人员经费") if side == "personnel" else (5, "公用经费")
            _cell(
                doc,
                line,
                column,
                "general_budget_economic",
                side,
                label,
                amount,
                text,
                item_name=names[path],
                row_level=level,
                codes=codes,
            )
    values = [budget.basic, budget.personnel, budget.public]
    texts = [grouped(v) for v in values]
    line = doc.row("合计", "", "", *texts)
    for column, value, text, (measure, label) in zip(
        (3, 4, 5), values, texts, (("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")), strict=True
    ):
        _cell(
            doc,
            line,
            column,
            "general_budget_economic",
            measure,
            label,
            value,
            text,
            item_name="合计",
            row_level="total",
        )
    doc.add("")


def _wan_cell(value: Decimal) -> str:
    return "0" if value == 0 else f"{value:.2f}"


def _three_public_table(doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str) -> dict:
    _table_head(doc, rng, f"{year}年单位“三公”经费和机关运行经费预算表", agency, unit="万元")
    reception = wan(budget.economic_public.get(("302", "17"), 0))
    running = wan(budget.economic_public.get(("302", "31"), 0))
    purchase = Decimal(0) if rng.random() < 0.8 else Decimal(rng.randint(10, 30))
    abroad = Decimal(0) if rng.random() < 0.85 else wan(rng.randint(1, 20) * 10_000)
    car = purchase + running
    total = abroad + reception + car
    doc.row(f"{year}年“三公”经费预算数", "", "", "", "", "", f"{year}年机关运行经费预算数")
    doc.row("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", "")
    doc.row("", "", "", "小计", "购置费", "运行费", "")
    values = [total, abroad, reception, car, purchase, running]
    texts = [_wan_cell(v) for v in values]
    line = doc.row(*texts, "")
    names = [
        "合计",
        "因公出国(境)费",
        "公务接待费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/购置费",
        "公务用车购置及运行费/运行费",
    ]
    for column, (value, text, name) in enumerate(zip(values, texts, names, strict=True)):
        _cell(
            doc,
            line,
            column,
            "three_public_budget",
            THREE_PUBLIC_MEASURES[name],
            name.split("/")[-1],
            0,
            text,
            item_name=name,
            row_level="total" if name == "合计" else "line",
            unit="万元",
            amount_yuan=value * 10000,
        )
    doc.add("")
    doc.add("")
    doc.add("")
    return {
        "total": total,
        "abroad": abroad,
        "reception": reception,
        "car": car,
        "purchase": purchase,
        "running": running,
    }


def _other_statements(
    doc: DocumentBuilder, rng: random.Random, budget: Budget, year: int, agency: str, narrative: _Narrative, three: dict
) -> None:
    prior = year - 1
    flat = {"stated_direction": "flat", "compare_basis": "prior_budget", "compare_fiscal_year": prior}

    def w(value: Decimal) -> str:
        return f"{wan_text(value)}万元"

    doc.add("## 其他相关情况说明")
    doc.add("")
    doc.add(f"### 一、{year}年“三公”经费预算情况说明")
    doc.add("")
    line = doc.add(f"{year}年“三公”经费预算数为{w(three['total'])}，与{prior}年预算持平。其中：")
    narrative.figure(
        line,
        1,
        label=f"{year}年“三公”经费预算数为",
        item=f"{year}年“三公”经费预算数",
        amount_yuan=three["total"] * 10000,
        unit="万元",
        raw=w(three["total"]),
        change=flat,
    )
    doc.add("")
    line = doc.add(f"（一）因公出国（境）费{w(three['abroad'])}，与{prior}年预算持平，主要原因是厉行节约")
    narrative.figure(
        line,
        1,
        label="（一）因公出国（境）费",
        item="因公出国（境）费",
        amount_yuan=three["abroad"] * 10000,
        unit="万元",
        raw=w(three["abroad"]),
        change=flat,
    )
    doc.add("")
    line = doc.add(
        f"（二）公务车购置及运行费{w(three['car'])}，其中：公务用车购置费{w(three['purchase'])}，与{prior}年预算持平；"
        f"公务用车运行费{w(three['running'])}，与{prior}年预算持平，主要原因是厉行节约。"
    )
    narrative.figure(
        line,
        1,
        label="（二）公务车购置及运行费",
        item="公务车购置及运行费",
        amount_yuan=three["car"] * 10000,
        unit="万元",
        raw=w(three["car"]),
    )
    narrative.figure(
        line,
        2,
        label="公务用车购置费",
        amount_yuan=three["purchase"] * 10000,
        unit="万元",
        raw=w(three["purchase"]),
        change=flat,
    )
    narrative.figure(
        line,
        3,
        label="公务用车运行费",
        amount_yuan=three["running"] * 10000,
        unit="万元",
        raw=w(three["running"]),
        change=flat,
    )
    doc.add("")
    line = doc.add(f"（三）公务接待费{w(three['reception'])}。与{prior}年预算持平，主要原因是厉行节约。")
    narrative.figure(
        line,
        1,
        label="（三）公务接待费",
        item="公务接待费",
        amount_yuan=three["reception"] * 10000,
        unit="万元",
        raw=w(three["reception"]),
        change=flat,
    )
    doc.add("")
    doc.add("### 二、机关运行经费预算")
    doc.add("")
    doc.add("本单位无机关运行经费。")
    doc.add("")
    doc.add("### 三、政府采购情况")
    doc.add("")
    parts = [Decimal(rng.randint(0, 5000)) / 100 * rng.choice((0, 1, 10)) for _ in range(3)]
    parts = [p.quantize(Decimal("0.01")) for p in parts]
    purchase_total = sum(parts, Decimal(0))
    line = doc.add(
        f"{year}年度本单位政府采购预算{w(purchase_total)}，其中：政府采购货物预算{w(parts[0])}、"
        f"政府采购工程预算{w(parts[1])}、政府采购服务预算{w(parts[2])}"
    )
    narrative.figure(
        line,
        1,
        label=f"{year}年度本单位政府采购预算",
        amount_yuan=purchase_total * 10000,
        unit="万元",
        raw=w(purchase_total),
    )
    for cell, (label, value) in enumerate(
        zip(("政府采购货物预算", "政府采购工程预算", "政府采购服务预算"), parts, strict=True), start=2
    ):
        narrative.figure(line, cell, label=label, amount_yuan=value * 10000, unit="万元", raw=w(value))
    doc.add("")
    doc.add("### 四、绩效目标设置情况")
    doc.add("")
    project_count = len(budget.form_projects) + rng.randint(0, 6)
    projects_wan = wan(budget.projects_total, 0)
    line = doc.add(f"{year}年度，本单位编报绩效目标的项目共{project_count}个，涉及项目预算资金{w(projects_wan)}。")
    doc.expect(
        "line_items",
        source_line=line,
        cell_index=1,
        table_name="narrative",
        class_code=None,
        kind_code=None,
        item_code=None,
        item_name_raw="本单位编报绩效目标的项目共",
        label_raw="本单位编报绩效目标的项目共",
        measure="count",
        phase="budget",
        fiscal_year=year,
        amount_yuan=None,
        source_unit="个",
        amount_raw=f"共{project_count}个",
        row_level="line",
        quantity=money(project_count),
        quantity_unit="个",
        stated_change_pct=None,
        stated_change_yuan=None,
        stated_direction=None,
        compare_basis=None,
        compare_fiscal_year=None,
    )
    narrative.figure(
        line, 2, label="涉及项目预算资金", amount_yuan=projects_wan * 10000, unit="万元", raw=w(projects_wan)
    )
    doc.add("")
    doc.add("### 五、国有资产占有情况")
    doc.add("")
    cars = rng.randint(0, 6)
    line = doc.add(
        f"截至{prior}年12月31日，{agency}共有车辆{cars}辆，其中：执法执勤用车0辆、其他用车{cars}辆；"
        "单价100万元（含）以上设备（不含车辆）0台（套）。"
    )
    narrative.figure(line, 1, label="单价", amount_yuan=Decimal(1_000_000), unit="万元", raw="100万元")
    doc.add("")
    line = doc.add(
        f"{year}年部门预算安排购置车辆0辆，其中：执法执勤用车0辆、其他用车0辆；"
        "部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。"
    )
    narrative.figure(line, 1, label="部门预算安排购置单价", amount_yuan=Decimal(1_000_000), unit="万元", raw="100万元")
    doc.add("")


def _project_statement(
    doc: DocumentBuilder, rng: random.Random, project: Project, year: int, agency: str, narrative: _Narrative
) -> None:
    doc.add(f"## {project.name}项目经费情况说明")
    doc.add("")
    for heading, text in (
        ("一、项目概述", project.goal),
        ("二、立项依据", "《关于进一步加强项目预算管理的实施意见》。"),
        ("三、实施主体", f"本项目由{agency}负责实施。"),
        ("四、实施方案", "按照合同规定对服务单位进行监督、考核。"),
        (
            "五、实施周期",
            f"项目实施周期为{project.start[:4]}年{int(project.start[5:7])}月{int(project.start[8:])}日至"
            f"{project.end[:4]}年{int(project.end[5:7])}月{int(project.end[8:])}日。",
        ),
    ):
        doc.add(f"### {heading}")
        doc.add("")
        doc.add(text)
        doc.add("")
    doc.add("### 六、年度预算安排")
    doc.add("")
    if rng.random() < 0.6:
        total, annual = f"{grouped(project.total)}元", f"{grouped(project.annual)}元"
        line = doc.add(f"项目财政资金总预算安排金额为{total}，当年预算安排金额为{annual}。")
        narrative.figure(
            line,
            1,
            label="项目财政资金总预算安排金额为",
            item="项目财政资金总预算安排金额",
            amount_yuan=Decimal(project.total),
            unit="元",
            raw=total,
        )
        narrative.figure(
            line,
            2,
            label="当年预算安排金额为",
            item="当年预算安排金额",
            amount_yuan=Decimal(project.annual),
            unit="元",
            raw=annual,
        )
    else:
        doc.add("项目经费按合同约定分期支付。")
    doc.add("")
    doc.add("### 七、绩效目标")
    doc.add("")
    doc.add(project.annual_goal)
    doc.add("")
