"""Rendering seed rows: the fast path (fields joined by commas) must write exactly what the csv module writes, also
for the rare fields that need quoting, and typed values must be written the way the seeds spell them."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from budgetwh.ingest.text.records import IndicatorRecord, LineItemRecord, ProjectRecord
from budgetwh.ingest.text.writing import render_csv, render_rows


def _indicator(name: str, target: str | None, remark: str | None = None) -> IndicatorRecord:
    return IndicatorRecord(
        indicator_id="doc_x:L9",
        project_id="doc_x:L1",
        document_id="doc_x",
        source_line=9,
        level1_raw="产出指标",
        level2_raw=None,
        indicator_name=name,
        target_raw=target,
        remark_raw=remark,
        row_position=3,
        level1_is_carried=True,
        level2_is_carried=False,
    )


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name",
    ["完成率", "a,b", 'say "yes"', "two\nlines", "carriage\rreturn", "crlf\r\n", ",", '"', "", " padded "],
)
def test_a_field_needing_quotes_is_quoted_as_csv_quotes_it(name):
    rendered = render_rows(IndicatorRecord, [_indicator(name, "≥95%", "x\ty")]).decode("utf-8")
    expected = _csv_line(
        ["doc_x:L9", "doc_x:L1", "doc_x", "9", "产出指标", "", name, "≥95%", "x\ty", "3", "true", "false"]
    )
    assert rendered == expected
    if "\r" not in name:  # csv (3.11) leaves a lone CR unquoted; reading.py turns every CR into a line end anyway
        assert next(csv.reader(io.StringIO(rendered)))[6] == name


def test_typed_values_are_written_as_the_seeds_spell_them():
    project = ProjectRecord(
        project_id="doc_x:L1",
        document_id="doc_x",
        source_line=1,
        agency_name=None,
        competent_dept_raw="某局",
        project_name="某项目",
        start_date=date(2022, 1, 1),
        total_funds_yuan=Decimal("171500"),
        annual_funds_yuan=Decimal("1E+2"),
    )
    row = next(csv.DictReader(io.StringIO(render_csv(ProjectRecord, [project]).decode("utf-8"))))
    assert row["agency_name"] == ""
    assert row["start_date"] == "2022-01-01"
    assert row["end_date"] == ""
    assert row["total_funds_yuan"] == "171500.00"
    assert row["annual_funds_yuan"] == "100.00"
    assert row["form_kind"] == "target_form"


def test_rows_render_in_order_and_nothing_renders_as_nothing():
    items = [
        LineItemRecord(
            line_item_id=f"doc_x:L{line}:C2",
            document_id="doc_x",
            source_line=line,
            source_page=None,
            cell_index=2,
            table_name="2022年单位收入预算总表",
            table_kind="revenue",
            row_label_raw="一般公共服务",
            column_path_raw="收入预算/合计",
            class_code="201",
            kind_code=None,
            item_code=None,
            item_name_raw="一般公共服务",
            measure="total",
            phase="budget",
            fiscal_year=2022,
            amount_yuan=Decimal("12.5"),
            source_unit="元",
            amount_raw="12.5",
            stated_change_pct=Decimal("-94"),
        )
        for line in (7, 8)
    ]
    lines = render_rows(LineItemRecord, items).decode("utf-8").splitlines()
    assert [line.split(",")[0] for line in lines] == ["doc_x:L7:C2", "doc_x:L8:C2"]
    assert lines[0].split(",")[3] == ""  # a text document's row has no page
    assert lines[0].split(",")[16] == "12.50"
    assert lines[0].split(",")[19] == "-94.00"
    assert render_rows(LineItemRecord, []) == b""


def test_commas_in_several_fields_are_quoted_as_csv_quotes_them():
    record = _indicator("a,b", "1,000,000", "c,d\te")
    expected = _csv_line(
        ["doc_x:L9", "doc_x:L1", "doc_x", "9", "产出指标", "", "a,b", "1,000,000", "c,d\te", "3", "true", "false"]
    )
    assert render_rows(IndicatorRecord, [record, _indicator("x", 'say "1,0"')]).decode("utf-8") == expected + (
        _csv_line(["doc_x:L9", "doc_x:L1", "doc_x", "9", "产出指标", "", "x", 'say "1,0"', "", "3", "true", "false"])
    )
