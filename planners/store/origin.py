"""The origin of a plan file (issue 18.4): the plan as it was when this line of copies began, kept in the file.

A three-way merge needs what two copies had in common. Until every edit is recorded in the file (history,
issue 18.1), the file keeps one "origin snapshot": every row of the plan's tables, as JSON, with a random token
naming it. It is taken when the file is made (`create_plan_file`), when an older file is upgraded to version 4,
and when a merge writes its result. A copy of the file (`cp`, mail, "Gem kopi som…") carries the same token and
snapshot, so two copies that share a token share that origin: their row ids name the same lines (SQLite copies
them) and the snapshot is the base of the merge. Files with different tokens have no common history: they are
compared, never merged.

The snapshot keeps the rows themselves (not the JSON format of `planners.interchange`, which the store may not
import and which has no row ids): reading it back is creating the schema in memory, inserting the rows and
reading the plan as from a file, row ids included.

Edits never touch the origin. Its price is one copy of the plan's rows in the file (a few tens of kB).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from planners.model import Plan
from planners.model.prebuilt import dataclass
from planners.store import schema

TABLE = "origin"

# Tables a snapshot leaves out: the origin itself, SQLite's own, the history and the named versions.
_NOT_PLAN = (TABLE, "sqlite_sequence", "history", "version")


@dataclass(frozen=True)
class Origin:
    token: str  # names the origin; equal tokens = copies of one plan since this point
    taken_at: str  # ISO 8601, UTC
    plan: Plan  # the plan at that point, row ids set


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute(schema.ORIGIN_DDL)


def _plan_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    return [r[0] for r in rows if r[0] not in _NOT_PLAN and not r[0].startswith("sqlite_")]


def snapshot(conn: sqlite3.Connection) -> str:
    """Every row of the plan's tables as JSON: {table: {"columns": [...], "rows": [[...], ...]}}."""
    out: dict[str, dict[str, list]] = {}
    for table in _plan_tables(conn):
        cur = conn.execute(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in cur.description]
        out[table] = {"columns": columns, "rows": [list(r) for r in cur.fetchall()]}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def mark(conn: sqlite3.Connection, token: str | None = None) -> str:
    """Take the origin now (inside the caller's transaction): the plan as it is, under a new token (or `token`)."""
    import secrets  # here, not at the top: with hashlib and random ≈ 2 ms CPU of every start (issue 19)

    token = token or secrets.token_hex(16)
    taken_at = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute("INSERT OR REPLACE INTO origin (id, token, taken_at, snapshot) VALUES (1, ?, ?, ?)",
                 (token, taken_at, snapshot(conn)))  # fmt: skip
    return token


def token(conn: sqlite3.Connection) -> str | None:
    """The origin's token; None for a file without one."""
    try:
        row = conn.execute("SELECT token FROM origin WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table
        return None
    return None if row is None else str(row[0])


def read(conn: sqlite3.Connection) -> Origin | None:
    """The origin of the plan open on `conn`, its plan read back with row ids; None without one."""
    try:
        row = conn.execute("SELECT token, taken_at, snapshot FROM origin WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    if row is None:
        return None
    return Origin(str(row[0]), str(row[1]), plan_from_snapshot(row[2]))


def tick_loans(conn: sqlite3.Connection) -> None:
    """Version 4 → 5 (`planners.store.migrations`): the snapshot's loans paid back by the rent, as the file's own
    rows are ticked by the same step (a loan's tick counts from version 5, issue 14.4)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "origin" not in tables:
        return
    row = conn.execute("SELECT snapshot FROM origin WHERE id = 1").fetchone()
    if row is None:
        return
    data = json.loads(row[0])
    financing = data.get("financing")
    if not isinstance(financing, dict) or not {"source", "repaid_by_rent"} <= set(financing.get("columns", [])):
        return
    source, tick = financing["columns"].index("source"), financing["columns"].index("repaid_by_rent")
    for line in financing["rows"]:
        if line[source] == "loan":
            line[tick] = 1
    conn.execute("UPDATE origin SET snapshot = ? WHERE id = 1",
                 (json.dumps(data, ensure_ascii=False, separators=(",", ":")),))  # fmt: skip


def plan_from_snapshot(text: str) -> Plan:
    """The plan a `snapshot` holds, row ids set: its rows inserted into the schema made in memory, then read."""
    data = json.loads(text)
    mem = sqlite3.connect(":memory:", isolation_level=None)
    mem.row_factory = sqlite3.Row
    try:
        schema.create_schema(mem)  # foreign keys stay off: rows go in table by table
        for table, content in data.items():
            columns = content["columns"]
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            mem.executemany(f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})', content["rows"])
        return schema.read_whole_plan(mem)
    finally:
        mem.close()
