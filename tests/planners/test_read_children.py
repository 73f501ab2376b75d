"""Issue 19 (s18-summary): a line kind's child rows (shares, a cost line's bases and spread) are asked with the lines'
ids as one JSON array (`json_each`) instead of one `?` per line. The lines read are those of the list of marks: every
child row, in the same order, for any number of lines (also beyond what an SQLite build binds as parameters)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from planners.model import AllocationKey
from planners.store import schema
from planners.store.planfile import create_plan_file
from planners.store.reading import _connect
from tests.planners.plans import rich_plan


def _by_marks(conn: sqlite3.Connection, sql: str, ids: list[int]) -> list[sqlite3.Row]:
    """Child rows as the list of marks asked them before s18-summary (`{marks}` in `sql`), in its order."""
    return conn.execute(sql.format(marks=", ".join("?" * len(ids))), ids).fetchall()


def test_every_child_row_in_the_same_order(tmp_path: Path) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = _connect(path, "ro")
    conn.row_factory = sqlite3.Row
    try:
        for kind in ("room", "equipment", "service"):
            lines = [line for _, line in schema.read_lines(conn, kind)]
            table, column = schema.SHARE_TABLE[kind]
            rows = _by_marks(conn, f"SELECT * FROM {table} WHERE {column} IN ({{marks}}) ORDER BY rowid",
                             [line.row_id for line in lines])  # fmt: skip
            assert rows, kind  # the rich plan has shares of each kind
            for line in lines:
                expected = [(r["tenant"], Decimal(r["percent"])) for r in rows if r[column] == line.row_id]
                assert list(line.shared.shares.items() if line.shared else []) == expected
        costs = [line for _, line in schema.read_lines(conn, "cost")]
        ids = [line.row_id for line in costs]
        of = _by_marks(conn, "SELECT * FROM cost_of WHERE cost_line_id IN ({marks}) ORDER BY position", ids)
        spread = _by_marks(conn, "SELECT * FROM cost_spread WHERE cost_line_id IN ({marks}) ORDER BY rowid", ids)
        assert of and spread
        for line in costs:
            assert [c.value for c in line.of] == [r["category"] for r in of if r["cost_line_id"] == line.row_id]
            assert list(line.spread.items()) == [(r["year"], Decimal(r["percent"])) for r in spread
                                                 if r["cost_line_id"] == line.row_id]  # fmt: skip
    finally:
        conn.close()


def test_more_lines_than_the_build_binds(tmp_path: Path) -> None:
    """With at most 20 parameters a statement (a build's limit, here lowered), a scenario of 60 shared rooms is read
    whole, as an unlimited connection reads it."""
    plan = rich_plan()
    scenario = plan.scenarios[-1]
    custom = next(r for r in scenario.rooms if r.shared is not None and r.shared.key is AllocationKey.CUSTOM)
    scenario.rooms.extend(custom for _ in range(60))
    path = tmp_path / "many.sundhedshus"
    create_plan_file(path, plan).close()
    conn = _connect(path, "ro")
    try:
        expected = schema.read_whole_plan(conn)
    finally:
        conn.close()
    assert sum(len(s.rooms) for s in expected.scenarios) > 60
    limited = _connect(path, "ro")  # a fresh connection: no statement prepared before the limit
    try:
        limited.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 20)
        assert schema.read_whole_plan(limited) == expected
    finally:
        limited.close()
