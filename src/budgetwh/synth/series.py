"""Budget series: one synthetic agency's 部门预算 or 单位预算 over consecutive years and the 决算 of a budgeted year,
in the layouts of 2023 onwards, as text or (a share of them) as PDF. The documents identify themselves (title
lines name district, year and agency), so they need no registry row.

Every document of a series draws the agency's money from the series' own random stream, so each can be rendered
alone and still carry the figures of its neighbours: year Y's stated change against Y−1 is the change against the
Y−1 document's printed figure, and the 决算's 年初预算 is the budget document's figure of that year."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

from budgetwh.ingest.layouts.budget.synth import budget_blocks
from budgetwh.ingest.layouts.final_accounts.synth import final_accounts_blocks
from budgetwh.synth import finance, vocab
from budgetwh.synth.blocks import render_text
from budgetwh.synth.builder import DocumentBuilder, _sum

BUDGET_YEARS = (2023, 2026)  # the layouts these generators print
LENGTH = 3  # budgets per series: first year 2023 or 2024
# Neighbourhoods: a 部门 is the 街道办事处 (consolidating its units), a 单位 one of its service centres.
PLACES = (
    "东湖",
    "西林",
    "南桥",
    "北苑",
    "长桥",
    "新泾",
    "华阳",
    "江宁",
    "石门",
    "临江",
    "望湖",
    "松溪",
    "青石",
    "白鹤",
    "金桥",
    "银杏",
    "枫林",
    "梅陇",
    "桃浦",
    "杏花",
    "荷花",
    "竹园",
    "兰亭",
    "菊泉",
    "凌云",
    "清河",
    "明珠",
    "安亭",
    "永丰",
    "泰和",
    "福田",
    "瑞金",
    "康乐",
    "宁海",
    "长风",
    "曹杨",
    "宜川",
    "真如",
    "甘泉",
    "石泉",
)
UNIT_SUFFIX = "街道社区事务受理服务中心"
DOC_TYPES = {("部门", "budget"): "department_budget", ("单位", "budget"): "unit_budget"}
DOC_TYPES |= {
    ("部门", "final_accounts"): "department_final_accounts",
    ("单位", "final_accounts"): "unit_final_accounts",
}


@dataclass(frozen=True)
class SeriesAgency:
    series_id: str
    district_id: str
    district_name: str
    scope: str  # 部门 / 单位
    agency_name: str
    first_year: int


def series_pool(
    districts: tuple[tuple[str, str, str, str], ...], reserved: set[str]
) -> list[tuple[str, str, str, str]]:
    """(district_id, district name, scope, agency name) for every neighbourhood agency not named like a real one."""
    pool = []
    for place in PLACES:
        for district_id, _short, full, _en in districts:
            for scope, name in (
                ("部门", f"上海市{full}人民政府{place}街道办事处"),
                ("单位", f"上海市{full}{place}{UNIT_SUFFIX}"),
            ):
                if name not in reserved:
                    pool.append((district_id, full, scope, name))
    return pool


def plan_series(scale: int, seed: int, reserved: set[str]) -> list[SeriesAgency]:
    """One series per unit of scale; ×1 stays in 普陀 (the district of the real budgets)."""
    districts = tuple(d for d in vocab.DISTRICTS if d[0] == "putuo") if scale == 1 else vocab.DISTRICTS
    pool = series_pool(districts, reserved)
    rng = random.Random(f"budgetwh-synth-series:{seed}:{scale}")
    chosen = rng.sample(range(len(pool)), min(scale, len(pool)))
    agencies = []
    for unit in range(scale):
        district_id, district_name, scope, name = pool[chosen[unit % len(chosen)]]
        if unit >= len(chosen):  # more series than neighbourhoods: a numbered service centre
            name = name.removesuffix(UNIT_SUFFIX).removesuffix("街道办事处") + f"第{unit // len(chosen) + 1}服务中心"
            scope = "单位"
        first = BUDGET_YEARS[0] + rng.randrange(BUDGET_YEARS[1] - BUDGET_YEARS[0] - LENGTH + 2)
        agencies.append(SeriesAgency(f"s{unit:05d}", district_id, district_name, scope, name, first))
    return agencies


@dataclass(frozen=True)
class SeriesDocument:
    agency: SeriesAgency
    kind: str  # budget / final_accounts
    year: int
    seed: int
    pdf: bool

    @property
    def file_name(self) -> str:
        suffix = "pdf" if self.pdf else "txt"
        return f"{self.agency.district_id}_{self.year}_{self.agency.series_id}_{self.kind}.{suffix}"

    @property
    def doc_type(self) -> str:
        return DOC_TYPES[self.agency.scope, self.kind]


def series_documents(agency: SeriesAgency, seed: int, pdf_share: float) -> list[SeriesDocument]:
    """The series' budgets and the 决算 of its second year (the first when that is the last year printed)."""
    rng = random.Random(f"budgetwh-synth-series-docs:{seed}:{agency.series_id}")
    years = range(agency.first_year, agency.first_year + LENGTH)
    final_year = years[1] if years[1] <= 2025 else years[0]
    docs = [SeriesDocument(agency, "budget", year, seed, rng.random() < pdf_share) for year in years]
    docs.append(SeriesDocument(agency, "final_accounts", final_year, seed, rng.random() < pdf_share))
    return docs


def _finances(doc: SeriesDocument) -> dict[int, finance.YearFinances]:
    rng = random.Random(f"budgetwh-synth-money:{doc.seed}:{doc.agency.series_id}")
    first = doc.agency.first_year
    return finance.series(rng, first, first + LENGTH - 1, department=doc.agency.scope == "部门")


def _blocks(doc: SeriesDocument, rng: random.Random) -> tuple[list, list[dict]]:
    years = _finances(doc)
    agency = doc.agency
    if doc.kind == "budget":
        return budget_blocks(
            years[doc.year],
            years[doc.year - 1],
            scope=agency.scope,
            district_name=agency.district_name,
            agency_name=agency.agency_name,
            rng=rng,
        )
    money_rng = random.Random(f"budgetwh-synth-spent:{doc.seed}:{agency.series_id}:{doc.year}")
    accounts = finance.final_accounts(money_rng, years[doc.year])
    return final_accounts_blocks(accounts, scope=agency.scope, agency_name=agency.agency_name, rng=rng)


def render_series_document(doc: SeriesDocument) -> tuple[bytes, dict[str, Any]]:
    """The document's bytes and its manifest entry: table rows by line (text) or by page (PDF), and the narrative
    figures ingest must read (`statements`)."""
    rng = random.Random(f"budgetwh-synth-series-doc:{doc.seed}:{doc.agency.series_id}:{doc.kind}:{doc.year}")
    blocks, notes = _blocks(doc, rng)
    agency = doc.agency
    entry: dict[str, Any] = {
        "file_name": doc.file_name,
        "doc_type": doc.doc_type,
        "district_id": agency.district_id,
        "fiscal_year": doc.year,
        "agency_id": None,  # given by ingest from the printed name
        "agency_name": agency.agency_name,
        "series_id": agency.series_id,
        "self_identified": True,
        "source_format": "pdf" if doc.pdf else "text",
        "inconsistencies": notes,
        "personal_data": [],
        "encoding": "utf-8",
        "line_ends": "lf",
    }
    if doc.pdf:
        from budgetwh.synth.pdf import render_pdf

        data, pages, places = render_pdf(blocks, title=doc.file_name, fiscal_year=doc.year)
        sha256 = hashlib.sha256(data).hexdigest()
        document_id = "doc_" + sha256[:12]
        items = [{**row, "source_page": page, "document_id": document_id} for page, row in places]
        line_items = [{k: v for k, v in i.items() if k != "kind"} for i in items if i["kind"] == "line_items"]
        statements = [{k: v for k, v in i.items() if k != "kind"} for i in items if i["kind"] == "statements"]
        entry |= {"document_id": document_id, "sha256": sha256, "page_count": pages}
    else:
        builder = DocumentBuilder(doc.file_name, doc.doc_type, agency.district_id, doc.year, "")
        render_text(builder, blocks)
        statements = builder.expected.pop("statements", [])
        text, built = builder.finish()
        data = text.encode("utf-8")
        line_items = built["rows"]["line_items"]
        entry |= {
            "document_id": built["document_id"],
            "sha256": built["sha256"],
            "line_count": built["line_count"],
        }
        statements = [{**s, "document_id": built["document_id"]} for s in statements]
    entry["counts"] = {
        "projects": 0,
        "indicators": 0,
        "line_items": len(line_items),
        "evaluations": 0,
        "statements": len(statements),
    }
    entry["sums"] = {
        "projects.total_funds_yuan": "0.00",
        "indicators.non_blank_targets": 0,
        "line_items.amount_yuan": _sum(i["amount_yuan"] for i in line_items),
        "evaluations.final_amount_yuan": "0.00",
    }
    entry["rows"] = {
        "projects": [],
        "indicators": [],
        "line_items": line_items,
        "evaluations": [],
        "statements": statements,
    }
    return data, entry
