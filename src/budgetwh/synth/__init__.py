"""Synthetic disclosure documents for scale tests and benchmarks.

`budgetwh synth --scale N --out DIR` writes DIR/raw/ in the layouts of the real documents, with their messiness
(merged-down label cells, shifted columns, 万元 narratives with stated changes, the target formats of the real
forms, occasional inconsistencies), and per unit of scale one budget series: an agency's 部门/单位预算 of three
consecutive years and the 决算 of one of them, a share written as PDF (synth/series.py; the generators sit beside
their layouts in ingest/layouts/*/synth.py). Also DIR/reference/ (the project's reference seeds plus registry,
agency, district and subject rows for the documents that need them) and DIR/manifest.json (what each document
contains, so tests can check ingest against it). Deterministic for a seed; people are stand-ins (张三 …, 138-0013
numbers)."""
