"""Opening a plan does not read its history (issue 18.1: 10.000 entries open as fast as none), yet damage to the
history is still found: its pages and values are checked when the history is first read, and a damaged
history leaves the plan itself usable."""

from __future__ import annotations

import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.model.errors import RefusedFile
from planners.store import filecheck, history
from planners.store.operations import UpdateLine
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan


def _plan_with_history(tmp_path: Path, entries: int) -> Path:
    path = tmp_path / "p.sundhedshus"
    with create_plan_file(path, rich_plan()) as f:
        room = f.load().scenarios[0].rooms[0]
        assert room.row_id is not None
        for n in range(entries):
            f.apply(UpdateLine("room", room.row_id, {"net_m2": D(10 + n)}), "ændr areal")
    return path


def test_open_runs_no_statement_over_the_history_table(tmp_path: Path) -> None:
    path = _plan_with_history(tmp_path, 3)
    seen: list[str] = []
    real_connect = sqlite3.connect

    def spying(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[call-overload]
        conn.set_trace_callback(seen.append)
        return conn

    sqlite3.connect = spying  # type: ignore[assignment]
    try:
        with PlanFile.open(path) as f:
            f.load()
    finally:
        sqlite3.connect = real_connect
    # Reading its schema (table_xinfo) is cheap and stays; reading its rows or pages is what grew with it.
    reads = ("from history", 'from "history"', "quick_check('history')", "quick_check;", "quick_check\n")
    touching = [s for s in seen if any(r in s.lower() + "\n" for r in reads) or s.strip().lower() == "pragma quick_check"]
    assert touching == []
    assert any("quick_check('room')" in s for s in seen)  # the plan's own tables are still checked


def test_a_damaged_history_value_is_refused_when_read_and_the_plan_still_opens(tmp_path: Path) -> None:
    path = _plan_with_history(tmp_path, 2)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE history SET who = ? WHERE seq = 2", (b"\xff\xfe binary",))
    conn.close()
    with PlanFile.open(path) as f:
        assert f.load().scenarios  # the plan opens and reads
        with pytest.raises(RefusedFile) as info:
            f.history()
    assert "history" in str(info.value.message_da if hasattr(info.value, "message_da") else info.value)


def test_a_damaged_value_in_a_plan_table_is_still_refused_at_open(tmp_path: Path) -> None:
    path = _plan_with_history(tmp_path, 1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE room SET label = ? WHERE id = (SELECT min(id) FROM room)", (b"\xff\xfe",))
    conn.close()
    with pytest.raises(RefusedFile):
        PlanFile.open(path)


def test_the_history_is_the_only_table_left_to_its_reader() -> None:
    assert filecheck.CHECKED_WHEN_READ == {"history"}
    assert "history" in filecheck.expected_schema().columns


def test_restore_reads_the_history_through_the_check(tmp_path: Path) -> None:
    path = _plan_with_history(tmp_path, 3)
    with PlanFile.open(path) as f:
        before = f.load().scenarios[0].rooms[0].net_m2
        assert before == D(12)  # 10, 11, 12 in turn
        history.restore_to(f, 2)  # right after the first edit (entry 1 is "Planen er oprettet")
        assert f.load().scenarios[0].rooms[0].net_m2 == D(10)
        assert f._history_checked


def test_a_new_plan_names_the_author_given_in_its_first_history_entry(tmp_path) -> None:  # noqa: ANN001
    """The app passes its "Dit navn" setting when it makes a plan (issue 18.1); without it, the login name."""
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path
    from planners.store import history
    from planners.store.planfile import create_plan_file

    named = create_plan_file(tmp_path / "a.sundhedshus", load_json(template_path("remote")), author="Mette Holm")
    unnamed = create_plan_file(tmp_path / "b.sundhedshus", load_json(template_path("remote")))
    try:
        assert [(e.who, e.text) for e in named.history()] == [("Mette Holm", "Planen er oprettet")]
        assert [e.who for e in unnamed.history()] == [history.login_name()]
    finally:
        named.close()
        unnamed.close()
