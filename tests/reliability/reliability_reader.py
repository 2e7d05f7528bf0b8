"""An analyst in a loop: read-only connections to the live warehouse, querying every mart, until a stop file appears.
Run as a separate process by test_readers_during_build.py; prints one JSON summary line when it stops.

    python reliability_reader.py DB STOP_FILE MODE [PAUSE_SECONDS]
    MODE: reconnect   a new connection for every query (sees each swap at once)
          hold        one connection kept for many queries (keeps reading the file it opened, across swaps)
          cli         the analysts' shell, `duckdb -readonly DB -c …`, one process per query

A query's result is the state's signature: the row count of every table in schema marts, read in one statement
through one connection, so a mix of two builds would show as a signature no build ever published."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HOLD_QUERIES = 25  # a holding reader reconnects after this many queries, to pick up the newest build now and then
PAUSE_SECONDS = 0.05  # between queries (default): a busy analyst, not a benchmark (2 cores are shared with the build)
TABLES_SQL = "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"


def signature_sql(tables: list[str]) -> str:
    counts = ", ".join(f"'{t}=' || (select count(*) from marts.\"{t}\")" for t in tables)
    return f"select concat_ws(' ', {counts})"


def signature(con) -> str:
    tables = [r[0] for r in con.execute(TABLES_SQL).fetchall()]
    return con.execute(signature_sql(tables)).fetchone()[0]


def cli_signature(duckdb_cli: str, db: str) -> str:
    # two statements, one process, one connection: the table list and the counts come from the same file
    tables = subprocess.run(
        [duckdb_cli, "-readonly", "-noheader", "-csv", db, "-c", TABLES_SQL],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    sql = TABLES_SQL + ";\n" + signature_sql(tables) + ";"
    proc = subprocess.run(
        [duckdb_cli, "-readonly", "-noheader", "-list", db, "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if proc.returncode != 0 or proc.stderr.strip():
        raise RuntimeError(proc.stderr.strip() or f"duckdb exited {proc.returncode}")
    lines = proc.stdout.splitlines()
    listed, result = lines[: len(lines) - 1], lines[-1]
    if listed != tables:  # the file changed between the two processes: ask again
        return cli_signature(duckdb_cli, db)
    return result


def main() -> int:
    db, stop, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    pause = float(sys.argv[4]) if len(sys.argv) > 4 else PAUSE_SECONDS
    import duckdb

    duckdb_cli = str(Path(sys.executable).with_name("duckdb"))
    states: Counter[str] = Counter()
    errors: list[str] = []
    queries = connections = 0
    con = None
    while not stop.exists():
        try:
            if mode == "cli":
                states[cli_signature(duckdb_cli, db)] += 1
                connections += 1
            else:
                if con is None:
                    con = duckdb.connect(db, read_only=True)
                    connections += 1
                states[signature(con)] += 1
                if mode == "reconnect" or (queries + 1) % HOLD_QUERIES == 0:
                    con.close()
                    con = None
        except Exception as exc:  # counted, never fatal: the test asserts there are none
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
            if con is not None:
                con.close()
                con = None
        queries += 1
        time.sleep(pause)
    if con is not None:
        con.close()
    print(
        json.dumps(
            {"mode": mode, "queries": queries, "connections": connections, "errors": errors, "states": dict(states)}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
