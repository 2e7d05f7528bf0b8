"""The quality gate: Great Expectations suites over the marts, run as one checkpoint after `dbt build`.

dbt tests say each model is internally sound (keys, relationships, accepted values). The gate asks what a reader of
the published numbers needs on top: do the marts still account for every row the documents gave, do amounts,
scores and shares obey the rules of the disclosures, and is there no personal data left in anything we publish.

Modules: `catalogue` (the marts and their grains), `personal` (personal data: names read from the raw documents,
phone-shaped strings), `rawdocs` (one pass over the raw documents: fingerprints and names), `snapshot` (a mart read
into pandas with repeated strings shared), `derived` (the runtime facts the expectations compare against),
`metrics` (a vectorised GX metric), `expectations` (the suites' building blocks), `suites` (the expectations, the
source of the JSON in gx/), `project` (writes gx/), `checkpoint` (runs it, one mart in memory at a time), `batches`
(GX holds one mart's batch at a time), `datadocs` (offline Data Docs), `command` (`budgetwh check`)."""
