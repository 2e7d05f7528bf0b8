"""财政支出项目绩效评价结果 (嘉定 layout): the agency above the title, then one 绩效评价结果信息表 per evaluated
project."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from budgetwh.synth import vocab
from budgetwh.synth.builder import DocumentBuilder, money

BANDS = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))


def grade_of(score: Decimal) -> str:
    return next(grade for floor, grade in BANDS if score >= floor)


def render_evaluation_document(
    doc: DocumentBuilder, rng: random.Random, *, year: int, header_name: str, project_count: int
) -> None:
    doc.add("")
    doc.add(header_name)
    doc.add(f"{year}年度财政支出项目绩效评价结果")
    doc.add("")
    if rng.random() < 0.3:
        doc.add("评价等次：90分以上为优，80分至89分为良，60分至79分为中，60分以下为差。")
        doc.add("")
        scheme = "published_stated"
    else:
        scheme = "published_unstated"
    for _ in range(project_count):
        obj = rng.choice(vocab.OBJECTS)
        name = rng.choice(vocab.PROJECT_PATTERNS).format(o=obj)
        if rng.random() < 0.4:
            name = f"{year - 1}-{year} 年度{name}" if rng.random() < 0.5 else f"{year} 年{name}"
        score = Decimal(rng.randint(6500, 9900)) / 100
        score_text = rng.choice((f"{score} 分", f"{score} 分", f"{score}分"))
        grade = grade_of(score)
        if rng.random() < 0.03:
            wrong = rng.choice([g for _, g in BANDS if g != grade])
            doc.note("grade_disagrees_with_score", doc.next_line + 5, score=str(score), grade=wrong, expected=grade)
            grade = wrong
        amount_wan = Decimal(rng.randint(100, 300000)) / 100
        if rng.random() < 0.2:
            amount_wan = amount_wan.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        in_yuan = rng.random() < 0.05
        amount_text = f"{int(amount_wan * 10000)} 元" if in_yuan else f"{amount_wan} 万元"
        conclusion = rng.choice((f"等次为“{grade}”", f"等次为 “{grade}”"))
        doc.add("绩效评价结果信息表")
        doc.add("")
        name_line = doc.row("项目名称", name)
        amount_line = doc.row("决算金额", amount_text)
        score_line = doc.row("评价分值", score_text)
        doc.row("评价结论", conclusion)
        for label, texts in vocab.EVALUATION_TEXTS.items():
            doc.row(label, rng.choice(texts).format(o=obj))
        doc.add("")
        doc.expect(
            "projects",
            source_line=name_line,
            agency_name=header_name,
            competent_dept_raw=None,
            project_name=name,
            form_kind="evaluation",
        )
        doc.expect(
            "evaluations",
            source_line=score_line,
            project_line=name_line,
            final_amount_yuan=money(amount_wan * 10000),
            score=money(score),
            grade_raw=grade,
            grade_scheme=scheme,
            project_name=name,
            final_amount_raw=amount_text,
            final_amount_line=amount_line,
            score_raw=score_text,
            conclusion_raw=conclusion,
        )
