"""Synthetic disclosure documents for scale tests and benchmarks.

`budgetwh synth --scale N --out DIR` writes DIR/raw/*.txt in the three layouts of the real documents, with their
messiness (merged-down label cells, shifted columns, 万元 narratives with stated changes, the target formats of the
real forms, occasional inconsistencies), DIR/reference/ (the project's reference seeds plus registry, agency,
district and subject rows for the synthetic documents) and DIR/manifest.json (what each document contains, so tests
can check ingest against it). Deterministic for a seed; people are stand-ins (张三 …, 138-0013 numbers)."""
