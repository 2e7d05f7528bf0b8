"""`make bench` / `budgetwh bench`: what a build and its products cost, from ×1 to ×1000 synthetic corpora, compared
with the goals (targets.py). Not a test: figures measured in one run on this machine, printed and written to
build/bench/ (JSON).

Each corpus is built by `budgetwh build` itself (the build's own run_build and stages, in a project of the bench's
own: project.py, buildrun.py), so the bench measures what a user runs: each stage's seconds and peak memory, the
full build and, at the largest scale, one document removed and added again (the incremental path). Then what the
products cost: the pages' queries and analyst queries (dashboard.py), a cold page load in Chromium and the site's
size (site.py); the first build of a fresh clone on the real documents; the suite's time from the last `make test`
(suite.py). Other parts of the project add figures through registry.py.

Modules, bottom up: measure (wall, CPU, peak memory of a process tree), targets (the goals, in one place),
registry (extensions), dbt_timing, dashboard, site, suite, warehouse, project, buildrun, scale, report, pdf,
command."""

from budgetwh.bench.command import main, register, run
from budgetwh.bench.dashboard import page_queries, resolve_query
from budgetwh.bench.dbt_timing import plain_sql_script, split_dbt_timing, union_seconds
from budgetwh.bench.warehouse import compare_marts, incremental_models

__all__ = [
    "compare_marts",
    "incremental_models",
    "main",
    "page_queries",
    "plain_sql_script",
    "register",
    "resolve_query",
    "run",
    "split_dbt_timing",
    "union_seconds",
]
