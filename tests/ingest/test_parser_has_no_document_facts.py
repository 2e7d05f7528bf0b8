"""Parser code recognises layouts; it must not know documents (file names, project names, amounts)."""

from __future__ import annotations

from pathlib import Path


def test_src_names_no_file_or_project(project_root, seeds):
    code = "\n".join(p.read_text(encoding="utf-8") for p in (project_root / "src").rglob("*.py"))
    facts = {Path(d["file_name"]).stem for d in seeds["documents"]}
    facts |= {p["project_name"] for p in seeds["projects"] if len(p["project_name"]) >= 6}
    facts |= {r["amount_raw"] for r in seeds["line_items"] if len(r["amount_raw"]) >= 6}
    leaked = sorted(f for f in facts if f in code)
    assert leaked == []
