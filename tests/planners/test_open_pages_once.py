"""Issue 19 (second round): an editing open checks the file's pages (`quick_check`) once, on the read-only
connection, when neither the file nor a journal beside it changed before the editing connection's first read; if
anything changed in between, the editing connection checks them again, as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planners.store import planfile, reading
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = reading._quick_check

    def counted(conn: sqlite3.Connection) -> list[str]:
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(reading, "_quick_check", counted)
    return calls


def test_an_unchanged_file_is_page_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    calls = _counting(monkeypatch)
    PlanFile.open(path).close()
    assert len(calls) == 1
    PlanFile.open(path, readonly=True).close()
    assert len(calls) == 2


def test_a_file_changed_after_the_check_is_page_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    calls = _counting(monkeypatch)
    states = iter(range(100))
    monkeypatch.setattr(planfile, "_file_state", lambda p: (next(states),))  # every look finds it changed
    PlanFile.open(path).close()
    assert len(calls) == 2


def test_the_state_holds_the_change_counter(tmp_path: Path) -> None:
    """A commit that kept the size and landed within the file system's time granularity still shows: the header's
    change counter is part of the state."""
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    before = planfile._file_state(path)
    data = bytearray(path.read_bytes())
    data[24:28] = (int.from_bytes(data[24:28], "big") + 1).to_bytes(4, "big")
    import os

    st = os.stat(path)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and time, as a fast write could leave them
    assert planfile._file_state(path) != before


def test_the_page_check_is_one_read_transaction(tmp_path: Path) -> None:
    """Every table's `quick_check` in one read transaction (one shared lock, one look for a hot journal), not one
    transaction per statement; a caller's own transaction is kept and not ended."""
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert reading._quick_check(conn) == ["ok"]
        checks = [i for i, s in enumerate(statements) if s.startswith("PRAGMA quick_check")]
        assert len(checks) > 10
        assert statements.index("BEGIN") < checks[0] and statements.index("COMMIT") > checks[-1]
        assert statements.count("BEGIN") == 1 and not conn.in_transaction
        statements.clear()
        conn.execute("BEGIN")
        assert reading._quick_check(conn) == ["ok"]
        assert conn.in_transaction and "COMMIT" not in statements  # the caller's transaction, left to the caller
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_failing_page_check_leaves_no_transaction_open(tmp_path: Path) -> None:
    """A check that fails ends its own transaction, so the whole check run after it (`_pages_result`) can begin its
    own."""
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, factory=_FailingOnCheck)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            reading._quick_check(conn)
        assert not conn.in_transaction
        conn.execute("BEGIN")  # as the next check would
        conn.execute("COMMIT")
    finally:
        conn.close()


class _FailingOnCheck(sqlite3.Connection):
    """A connection whose `quick_check` statements fail as a damaged page's would."""

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.startswith("PRAGMA quick_check"):
            raise sqlite3.DatabaseError("database disk image is malformed")
        return super().execute(sql, *args)  # type: ignore[arg-type]


def test_the_checking_connection_keeps_a_small_page_cache(tmp_path: Path) -> None:
    """The connection an open checks and reads on keeps `READING_CACHE_KIB` of pages, not SQLite's 2 MB: the check
    reads every page once, and a page read again costs less than new memory filled for it."""
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    conn, _, tmp = reading._open_checked(path)
    try:
        assert tmp is None
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -reading.READING_CACHE_KIB
    finally:
        conn.close()
