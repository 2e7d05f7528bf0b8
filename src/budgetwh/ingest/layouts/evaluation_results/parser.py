"""财政支出项目绩效评价结果: one result block per evaluated project (项目名称, 决算金额, 评价分值, 评价结论 …).
Grades travel with their scheme; a document that prints grades but not the score bands gets
`published_unstated`."""

from __future__ import annotations

import re

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.text.cells import Row, parse_amount, parse_number, squash
from budgetwh.ingest.text.records import EvaluationRecord, ProjectRecord, row_id

_AMOUNT = re.compile(r"^(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)$")
_SCORE = re.compile(r"^(?P<num>-?\d+(?:\.\d+)?)\s*分?$")
_GRADE = re.compile(r"等次\s*为\s*[“\"']?\s*(?P<grade>[^”\"'\s]+?)\s*[”\"']?\s*$")
# A document states its bands when it prints a grade next to a score range (优 ≥ 90, 90分以上为优 …).
_BANDS = re.compile(
    r"(\d+\s*分?\s*(?:以上|及以上|以下|至|-|～|~)\s*(?:\d+\s*分?)?\s*(?:为|[:：])\s*[优良中差])|"
    r"([优良中差]\s*[:：(（]\s*\d+)"
)
REQUIRED = ("项目名称", "决算金额", "评价分值", "评价结论")


def _value(row: Row) -> str:
    return next((c for _, c in row.filled[1:]), "")


def parse_evaluation_results(
    rows: list[Row],
    *,
    document_id: str,
    file_name: str,
    agency_name: str,
    full_text: str,
) -> tuple[list[ProjectRecord], list[EvaluationRecord]]:
    scheme = "published_stated" if _BANDS.search(full_text) else "published_unstated"
    starts = [i for i, r in enumerate(rows) if r.is_tabular and squash(r.cell(0)) == "项目名称" and _value(r)]
    projects: list[ProjectRecord] = []
    evaluations: list[EvaluationRecord] = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(rows)
        block = {squash(r.cell(0)): r for r in rows[start:end] if r.is_tabular and r.cell(0)}
        missing = [label for label in REQUIRED if label not in block]
        if missing:
            raise IngestError(
                file_name,
                f"evaluation block '{_value(rows[start])}' lacks {', '.join(missing)}"
                + (": the document looks truncated" if end == len(rows) else ""),
                rows[start].line,
            )
        name_row, amount_row, score_row, grade_row = (block[label] for label in REQUIRED)
        amount_text, score_text, conclusion = _value(amount_row), _value(score_row), _value(grade_row)
        amount_match = _AMOUNT.match(amount_text)
        if not amount_match:
            raise IngestError(file_name, f"决算金额 '{amount_text}' is not an amount in 万元 or 元", amount_row.line)
        amount = parse_amount(
            amount_match["num"], unit=amount_match["unit"], file_name=file_name, line=amount_row.line, what="决算金额"
        )
        score_match = _SCORE.match(score_text)
        if not score_match:
            raise IngestError(file_name, f"评价分值 '{score_text}' is not a score", score_row.line)
        score = parse_number(score_match["num"], file_name=file_name, line=score_row.line, what="评价分值")
        if not 0 <= score <= 100:
            raise IngestError(file_name, f"评价分值 '{score_text}' is outside 0–100", score_row.line)
        grade_match = _GRADE.search(conclusion)
        project_id = row_id(document_id, name_row.line)
        projects.append(
            ProjectRecord(
                project_id=project_id,
                document_id=document_id,
                source_line=name_row.line,
                agency_name=agency_name,
                competent_dept_raw=None,
                project_name=_value(name_row),
                form_kind="evaluation",
            )
        )
        evaluations.append(
            EvaluationRecord(
                evaluation_id=row_id(document_id, score_row.line),
                project_id=project_id,
                document_id=document_id,
                source_line=score_row.line,
                final_amount_yuan=amount,
                score=score,
                grade_raw=grade_match["grade"] if grade_match else None,
                grade_scheme=scheme,
                project_name=_value(name_row),
                final_amount_raw=amount_text,
                final_amount_line=amount_row.line,
                score_raw=score_text,
                conclusion_raw=conclusion,
            )
        )
    if not starts:
        raise IngestError(file_name, "no evaluation result block (项目名称 | …) found")
    return projects, evaluations
