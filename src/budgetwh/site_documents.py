"""The documents, published beside the pages so that every cited line opens where it was printed. A text document is
served as HTML with one anchor per line (`/documents/<document_id>/#L<n>`); a PDF is served as published
(`/documents/<document_id>/<file name>#page=<n>`) beside the HTML of its converted text, whose lines carry the same
anchors and the page they sit on. Personal data never reaches the site: texts are masked with the ingest's masking
and the masked names are then dropped entirely (a surname and a star is still a clue)."""

from __future__ import annotations

import html
import re
import shutil
import urllib.parse
from pathlib import Path

from budgetwh import paths

DOCUMENTS_DIR = "documents"
PAGE_MARKER = re.compile(r"^<!-- page (\d+) -->$")
MASKED_NAME = re.compile(r"[\u4e00-\u9fff]\*")
NAME_REMOVED = "〔姓名已隐去〕"
DOC_TYPE_LABELS = {
    "project_performance_targets": "项目绩效目标 Project performance targets",
    "unit_budget": "单位预算 Unit budget",
    "department_budget": "部门预算 Department budget",
    "unit_final_accounts": "单位决算 Unit final accounts",
    "department_final_accounts": "部门决算 Department final accounts",
    "performance_evaluation_results": "绩效评价结果 Evaluation results",
}


def site_text(text: str) -> str:
    from budgetwh.ingest.text.masking import mask_text

    return MASKED_NAME.sub(NAME_REMOVED, mask_text(text))


def _document_rows(db_path: Path) -> list[dict[str, object]]:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        present = {
            row[0]
            for row in con.execute(
                "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = 'dim_documents'"
            ).fetchall()
        }
        wanted = ["document_id", "file_name", "doc_type", "title_raw", "agency_name", "fiscal_year", "source_url"]
        columns = [c for c in wanted if c in present]
        cursor = con.execute(f"select {', '.join(columns)} from marts.dim_documents order by document_id")
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _line_html(number: int, text: str, page: int | None, pdf_href: str | None) -> str:
    cells = "".join(f"<span class=c>{html.escape(cell)}</span>" for cell in text.split("\t"))
    page_link = ""
    if pdf_href and page:
        page_link = f' <a class=pg href="{pdf_href}#page={page}">PDF 第 {page} 页 page {page}</a>'
    number_link = f'<a class=n href="#L{number}">{number}</a>'
    return f"<div class=l id=L{number}>{number_link}<span class=t>{cells}</span>{page_link}</div>"


DOCUMENT_CSS = """
body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:0;color:#111827}
header{padding:1rem;border-bottom:1px solid #e5e7eb;position:sticky;top:0;background:#fff}
nav a,header a{color:#1d4ed8}
h1{font-size:1.15rem;margin:.5rem 0}
main{font:13px/1.55 ui-monospace,"WenQuanYi Micro Hei Mono",monospace;padding:.5rem 0}
.l{display:flex;gap:.75rem;padding:0 1rem;scroll-margin-top:9rem}
.l:target{background:#fef3c7;outline:2px solid #f59e0b}
.n{color:#6b7280;min-width:3.5em;text-align:right;text-decoration:none;flex:none}
.t{white-space:pre-wrap;overflow-wrap:anywhere}
.c+.c{margin-left:1.5em}
.pg{display:none;white-space:nowrap}
.l:target .pg{display:inline}
.page{margin:.75rem 1rem .25rem;padding-top:.25rem;border-top:1px dashed #9ca3af;font-family:system-ui,sans-serif}
"""


def document_page(row: dict[str, object], lines: list[str], pdf_name: str | None, converted: bool) -> str:
    title = str(row.get("title_raw") or row["file_name"])
    agency = str(row.get("agency_name") or "")
    kind = DOC_TYPE_LABELS.get(str(row.get("doc_type")), "文件 Document")
    links = ['<a href="/">总览 Overview</a>', '<a href="/documents/">文件 Documents</a>']
    extra = []
    if pdf_name:
        extra.append(f'<a href="{urllib.parse.quote(pdf_name)}">PDF 原件 Published PDF</a>')
    if row.get("source_url"):
        extra.append(f'<a href="{html.escape(str(row["source_url"]))}" rel="noopener">发布网址 Publisher\'s page</a>')
    note = (
        "PDF 转换的文本：行号与数据中的行号一致，选中的行旁边有打开 PDF 该页的链接。"
        " Text converted from the PDF: line numbers are the ones the data cites; a cited line links to its PDF page."
        if converted
        else "公开文件的文本（个人信息已隐去）；行号与数据中的行号一致。"
        " The public document's text (personal data removed); line numbers are the ones the data cites."
    )
    body = []
    page = None
    pdf_href = urllib.parse.quote(pdf_name) if pdf_name else None
    for number, line in enumerate(lines, start=1):
        marker = PAGE_MARKER.match(line.strip())
        if marker:
            page = int(marker.group(1))
            target = f' <a href="{pdf_href}#page={page}">打开 PDF 第 {page} 页 open page {page}</a>' if pdf_href else ""
            body.append(f"<div class=page id=P{page}>第 {page} 页 Page {page}{target}</div>")
            body.append(_line_html(number, "", None, None))
            continue
        body.append(_line_html(number, line, page, pdf_href))
    heading = f"{html.escape(title)} · {html.escape(agency)} {html.escape(str(row.get('fiscal_year') or ''))}"
    return (
        "<!doctype html><html lang=zh><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{heading} · 文件 Document</title><style>{DOCUMENT_CSS}</style></head><body>"
        f"<header><nav>{' / '.join(links)}</nav><h1>{heading}</h1>"
        f"<div>{html.escape(kind)} · {len(lines)} 行 lines{' · ' if extra else ''}{' · '.join(extra)}</div>"
        f"<p>{note}</p></header><main>{''.join(body)}</main></body></html>"
    )


def publish_documents(db_path: Path, site: Path, root: Path | None = None) -> int:
    """Write every document of the warehouse into `site/documents/`; returns how many were written. A document
    whose raw file is missing here is skipped (its citations then say so through the missing page, never a wrong
    one)."""
    root = root or paths.project_root()
    out_root = site / DOCUMENTS_DIR
    written = 0
    for row in _document_rows(db_path):
        file_name = str(row["file_name"])
        raw = paths.raw_dir(root) / file_name
        out = out_root / str(row["document_id"])
        pdf_name = None
        if file_name.lower().endswith(".pdf"):
            converted = root / "seeds" / "converted" / f"{file_name}.txt"
            if not converted.is_file():
                continue
            text = converted.read_text(encoding="utf-8")
            if raw.is_file():
                out.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(raw, out / file_name)
                pdf_name = file_name
        elif raw.is_file():
            text = raw.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        else:
            continue
        lines = site_text(text).split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the final newline ends the last line; it starts no line of its own
        out.mkdir(parents=True, exist_ok=True)
        page = document_page(row, lines, pdf_name, converted=file_name.lower().endswith(".pdf"))
        (out / "index.html").write_text(page, encoding="utf-8")
        written += 1
    return written
