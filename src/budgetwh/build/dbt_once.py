"""`python -m budgetwh.build.dbt_once <dbt build arguments>`: `dbt build`, then the docs site, in one dbt process.

Two `dbt` commands cost two start-ups (importing dbt, reading the project) and two parses, and `dbt docs generate`
compiles every node again although the build has just compiled them all. Here the project is parsed once, the
build runs on that manifest, and the docs are generated from the same manifest (`--no-compile`: the build left
every node's compiled SQL in it), so target/ holds what the two commands wrote: run_results.json of the build,
manifest.json with compiled code, catalog.json and index.html.

Runs in its own process (the build stage starts it with the candidate's environment and its output going to the
candidate's dbt.log), because dbt keeps process-wide state. Exit codes are dbt's (0 ok, 1 a node failed, 2 dbt could
not run), and 3 when the build passed but the docs could not be generated."""

from __future__ import annotations

import sys

BUILD_FAILED, DBT_ERROR, DOCS_FAILED = 1, 2, 3


def _exit_code(result) -> int:
    if result.exception is not None:
        return DBT_ERROR
    return 0 if result.success else BUILD_FAILED


def main(argv: list[str]) -> int:
    from dbt.cli.main import dbtRunner

    parsed = dbtRunner().invoke(["parse", *_project_args(argv)])
    if not parsed.success:
        return DBT_ERROR
    runner = dbtRunner(manifest=parsed.result)
    code = _exit_code(runner.invoke(["build", *argv]))
    if code != 0:
        return code
    docs = runner.invoke(["docs", "generate", "--no-compile", *_project_args(argv)])
    return 0 if _exit_code(docs) == 0 else DOCS_FAILED


def _project_args(argv: list[str]) -> list[str]:
    """The arguments that say where the project is (parse and docs take those, not the build's selection)."""
    kept = []
    for flag in ("--project-dir", "--profiles-dir", "--target"):
        if flag in argv:
            kept += [flag, argv[argv.index(flag) + 1]]
    return kept


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
