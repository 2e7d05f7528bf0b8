"""Ingest: raw disclosure documents → extracted seed CSVs.

reading (bytes → normalised text) → masking (personal data out before anything else sees the text) → layout
detection (from content) → one parser per document kind → records → writing (all-or-nothing CSVs).
`parse_document` is a pure function of one document and the reference seeds, so documents can be parsed in
parallel and, later, on a cluster.
"""
