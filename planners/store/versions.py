"""Named versions of a plan (issue 18.2): "Gem version…" marks the plan as it is now with a name and a date
("Sendt til ministeriet 20-03-2019"), kept in the plan file.

A version keeps a snapshot of the plan's rows (as the origin does, `planners.store.origin`), so it opens read
exactly as it was, row ids included: compared with now, its lines pair with today's by row id. Saving one is one
transaction with its history entry ("gem version «…»"). Versions are never changed or deleted.
"""

from __future__ import annotations

import sqlite3

from planners.model import Plan
from planners.model.errors import PlanError
from planners.model.i18n import N_, Message
from planners.model.prebuilt import dataclass
from planners.store import history, origin, schema


@dataclass(frozen=True)
class Version:
    name: str
    at: str  # ISO 8601 UTC
    who: str
    history_seq: int | None  # the last history entry it includes


def create_table(conn: sqlite3.Connection) -> None:
    conn.execute(schema.VERSION_DDL)


def save(conn: sqlite3.Connection, name: str, who: str) -> Version:
    """Mark the plan as it is now as version `name` (one transaction, with its history entry)."""
    name = name.strip()
    if not name:
        raise PlanError("En version skal have et navn")
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM version WHERE name = ?", (name,)).fetchone():
            raise PlanError("Der er allerede en version med navnet «{name}»", name=name)
        at = history.now()
        seq = conn.execute("SELECT max(seq) FROM history").fetchone()[0]
        conn.execute("INSERT INTO version (name, at, who, history_seq, snapshot) VALUES (?, ?, ?, ?, ?)",
                     (name, at, who, seq, origin.snapshot(conn)))  # fmt: skip
        history.record(conn, f"gem version «{name}»", who, at=at)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return Version(name, at, who, seq)


def listed(conn: sqlite3.Connection) -> list[Version]:
    """The versions, oldest first."""
    rows = conn.execute("SELECT name, at, who, history_seq FROM version ORDER BY id").fetchall()
    return [Version(r[0], r[1], r[2], r[3]) for r in rows]


def load(conn: sqlite3.Connection, name: str) -> Plan:
    """The plan as it was when version `name` was saved."""
    row = conn.execute("SELECT snapshot FROM version WHERE name = ?", (name,)).fetchone()
    if row is None:
        names: object = ", ".join(f"«{v.name}»" for v in listed(conn)) or Message.of(N_("ingen"))
        raise PlanError("Planen har ingen version «{name}». Versioner: {names}", name=name, names=names)
    return origin.plan_from_snapshot(row[0])
