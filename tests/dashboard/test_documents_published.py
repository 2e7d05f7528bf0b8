"""`budgetwh pages` publishes the documents the pages cite: a text document as HTML with one anchor per line, a PDF
as published beside the HTML of its converted text, whose lines link to their PDF page; personal data is removed
from every text the site serves; and compressible files get a gzip copy that the local server sends to a browser
that accepts it."""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

import duckdb

from budgetwh import pages, site_documents
from budgetwh.serve import serve_in_background

FORM = (
    "财政项目支出绩效目标申报表\n"
    "项目名称\t道路养护项目\n"
    "项目负责人\t王小明\t联系电话\t13912345678\n"
    "年度资金申请总额\t120.00\n"
)
CONVERTED = (
    "<!-- converted from PDF by budgetwh (pdf-text v1): sha256 00, 2 pages -->\n"
    "\n"
    "<!-- page 1 -->\n"
    "## 上海市某区2025年区级部门预算\n"
    "联系人：李大伟\n"
    "<!-- page 2 -->\n"
    "合计\t1,234.56\t1,000.00\n"
)


def warehouse_with(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.dim_documents (document_id varchar, file_name varchar, doc_type varchar, "
            "title_raw varchar, agency_name varchar, fiscal_year integer, source_url varchar)"
        )
        for document_id, file_name, doc_type in rows:
            con.execute(
                "insert into marts.dim_documents values (?, ?, ?, '某文件', '某单位', 2025, 'https://example.gov.cn/a')",
                [document_id, file_name, doc_type],
            )
    return db


def test_a_text_document_is_served_masked_with_one_anchor_per_line(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "raw" / "form.txt").write_text(FORM, encoding="utf-8")
    db = warehouse_with(tmp_path, [("doc_aaaaaaaaaaaa", "form.txt", "project_performance_targets")])
    site = tmp_path / "site"
    assert site_documents.publish_documents(db, site, root) == 1
    page = (site / "documents" / "doc_aaaaaaaaaaaa" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<div class=l id=L(\d+)>", page) == ["1", "2", "3", "4"]  # the final newline starts no line
    line2 = re.search(r"<div class=l id=L2>.*?</div>", page).group(0)
    assert "道路养护项目" in line2
    assert "王小明" not in page and "王*" not in page and "13912345678" not in page
    assert "139****5678" in page and site_documents.NAME_REMOVED in page
    assert 'href="https://example.gov.cn/a"' in page and "<title>某文件 · 某单位 2025 · 文件 Document</title>" in page


def test_a_pdf_is_published_beside_its_converted_text_with_links_to_its_pages(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "seeds" / "converted").mkdir(parents=True)
    (root / "data" / "raw" / "budget.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (root / "seeds" / "converted" / "budget.pdf.txt").write_text(CONVERTED, encoding="utf-8")
    db = warehouse_with(
        tmp_path,
        [("doc_bbbbbbbbbbbb", "budget.pdf", "department_budget"), ("doc_cccccccccccc", "gone.txt", "unit_budget")],
    )
    site = tmp_path / "site"
    # a document whose file is missing is skipped, not invented
    assert site_documents.publish_documents(db, site, root) == 1
    folder = site / "documents" / "doc_bbbbbbbbbbbb"
    assert (folder / "budget.pdf").read_bytes() == b"%PDF-1.4 not really a pdf"
    page = (folder / "index.html").read_text(encoding="utf-8")
    line7 = re.search(r"<div class=l id=L7>.*?</div>", page).group(0)  # the 合计 row, printed on page 2
    assert "1,234.56" in line7 and 'href="budget.pdf#page=2"' in line7
    line5 = re.search(r"<div class=l id=L5>.*?</div>", page).group(0)
    assert 'href="budget.pdf#page=1"' in line5 and "李大伟" not in page and "李*" not in page
    assert '<div class=page id=P2>第 2 页 Page 2 <a href="budget.pdf#page=2">' in page
    assert not (site / "documents" / "doc_cccccccccccc").exists()


def test_compressible_files_get_a_gzip_copy_the_server_sends(tmp_path: Path) -> None:
    script = "const x = 1;\n" * 2000
    (tmp_path / "app.js").write_text(script, encoding="utf-8")
    (tmp_path / "data.parquet").write_bytes(bytes(5000))
    (tmp_path / "index.html").write_text("<p>tiny</p>", encoding="utf-8")
    before, after = pages.compress_site(tmp_path)
    assert before == len(script) and 0 < after < before / 20
    assert gzip.decompress((tmp_path / "app.js.gz").read_bytes()).decode() == script
    assert not (tmp_path / "data.parquet.gz").exists() and not (tmp_path / "index.html.gz").exists()
    server, url = serve_in_background(tmp_path)
    try:
        request = urllib.request.Request(f"{url}/app.js", headers={"Accept-Encoding": "gzip, br"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"] == "text/javascript"
            assert gzip.decompress(response.read()).decode() == script
        with urllib.request.urlopen(f"{url}/app.js") as response:  # no Accept-Encoding: the file as it is
            assert response.headers["Content-Encoding"] is None and response.read().decode() == script
        request = urllib.request.Request(f"{url}/app.js", headers={"Accept-Encoding": "gzip", "Range": "bytes=0-4"})
        with urllib.request.urlopen(request) as response:  # a range is answered from the file as it is
            assert response.status == 206 and response.read() == b"const"
    finally:
        server.shutdown()
        server.server_close()
