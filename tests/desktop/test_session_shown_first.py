"""Issue 19.4: a session shows the plan after reading the lines of the scenario shown; the other scenarios' lines are
read after the window's first paint, or the moment anything asks for them. Every reader of `session.plan` still gets
the whole plan, equal to a fresh read of the file."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

import desktop.session as session_mod
from desktop.session import PlanSession
from planners.figures.engine import compute
from planners.store import schema
from planners.store.planfile import PlanFile, read_plan
from tests.planners.plans import rich_plan_file

APPLIED = "Nybyg – 5 praksisser"  # rich_plan's scenario applied for: the one shown first


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return rich_plan_file(tmp_path / "p.sundhedshus")


@pytest.fixture
def session(path: Path, qapp: Any) -> Iterator[PlanSession]:
    s = PlanSession(PlanFile.open(path))
    yield s
    s.close()


def _pending(session: PlanSession) -> list[str]:
    return [s.__dict__["name"] for s in session.plan.scenarios if type(s) is not session_mod.Scenario]


def test_only_the_scenario_shown_is_read_at_first(session: PlanSession) -> None:
    assert session.scenario.name == APPLIED
    assert len(session.scenario.rooms) == 5
    assert _pending(session) == ["Ombygning 🏥"]
    assert session.figures is not None  # the panel's figures need no other scenario


def test_the_plan_equals_a_fresh_read_however_it_is_read(session: PlanSession, path: Path) -> None:
    fresh = read_plan(path)
    assert session.plan == fresh  # comparing reads the rest first
    assert _pending(session) == []
    assert [len(s.rooms) for s in session.plan.scenarios] == [5, 5]


@pytest.mark.parametrize("how", ["rooms", "running", "copy", "deepcopy", "replace", "pickle", "repr", "select", "edit"])
def test_every_way_to_the_other_lines_reads_them(path: Path, qapp: Any, how: str) -> None:
    session = PlanSession(PlanFile.open(path))
    try:
        other = session.plan.scenarios[0]
        if how == "rooms":
            assert len(other.rooms) == 5
        elif how == "running":
            assert len(other.running.services) == 2
        elif how == "copy":
            assert len(copy.copy(other).tenants) == 3
        elif how == "deepcopy":
            assert copy.deepcopy(session.plan) == read_plan(path)
        elif how == "replace":
            assert len(dataclasses.replace(other, notes="x").equipment) == 3
        elif how == "pickle":
            assert pickle.loads(pickle.dumps(session.plan)) == read_plan(path)
        elif how == "repr":
            assert "Frokoststue" in repr(other)
        elif how == "select":
            session.select_scenario(other.row_id)  # type: ignore[arg-type]
            assert len(session.lines("room")) == 5
        else:  # an edit of the scenario shown or the plan needs no other scenario: the rest is read as it is then
            from planners.store.operations import SetPlanFields, UpdateLine

            assert session.run(SetPlanFields({"title": "Ny"}), "ændr titel") is not None
            room = session.scenario.rooms[0]
            assert session.run(UpdateLine("room", room.row_id, {"label": "Stue"}), "ændr") is not None  # type: ignore[arg-type]
        assert session.plan == read_plan(path)
        assert _pending(session) == []
    finally:
        session.close()


def test_the_rest_is_read_after_the_first_paint(session: PlanSession, qtbot: Any) -> None:
    assert _pending(session)
    window = QLabel("plan")
    qtbot.addWidget(window)
    session.complete_after_paint(window)
    window.show()
    qtbot.waitUntil(lambda: not _pending(session), timeout=5000)
    assert [len(s.rooms) for s in session.plan.scenarios] == [5, 5]


def test_a_readonly_plan_changed_before_the_rest_is_read_is_checked_again(path: Path, qapp: Any) -> None:
    """Nobody holds a lock for a reader: the rest is read only from the file as the open checked it."""
    import sqlite3

    session = PlanSession(PlanFile.open(path, readonly=True))
    try:
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("UPDATE room SET label = 'Ændret' WHERE label = 'Frokoststue'")
        finally:
            other.close()
        assert [r.label for r in session.plan.scenarios[0].rooms].count("Ændret") == 1
        assert session.plan == read_plan(path)
    finally:
        session.close()


def test_the_main_window_reads_the_rest_once_it_shows_the_plan(path: Path, window: Any, qtbot: Any) -> None:
    """The window showing the session starts the rest's read at its next paint (a filter on that window only, not
    on the application: see `PlanSession.complete_after_paint`)."""
    assert window.open_path(path)
    session = window.session
    qtbot.waitUntil(lambda: not _pending(session), timeout=5000)
    assert session.plan == read_plan(path)


def test_readonly_plan_changed_before_the_rest_is_read_shows_the_files_figures(path: Path, qapp: Any) -> None:
    """A reader (the plan opened read-only: a colleague has it) holds no lock. When the file changed before the rest
    is read, `_shown_first.complete` merges the file's values into the held objects and `_reread` recomputes: the
    figures kept by identity are dropped, so the panel shows the file's figures (it kept the old ones before)."""
    session = PlanSession(PlanFile.open(path, readonly=True))
    try:
        shown = session.scenario
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("UPDATE room SET net_m2 = '999' WHERE scenario_id = ?", (shown.row_id,))
        finally:
            other.close()
        session.complete_plan()  # what the timer after the first paint does
        qapp.processEvents()  # the queued `_reread`
        assert session.plan == read_plan(path)  # the held plan is the file's …
        assert session.figures == compute(session.plan, session.scenario)  # … and so are its figures
    finally:
        session.close()


def test_a_failed_read_of_the_rest_leaves_no_scenario_silently_empty(path: Path, qapp: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """When reading the rest fails (a network drive gone for a moment: sqlite3 'disk I/O error'), the other scenarios
    stay pending and the next touch reads them again — never plain with the empty lists of the head read (zero
    figures, an empty copy or compare export)."""
    session = PlanSession(PlanFile.open(path))
    try:
        def failing(conn: Any, scenarios: Any) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        with monkeypatch.context() as m:
            m.setattr(schema, "read_lines_of", failing)
            with pytest.raises(Exception):  # noqa: B017,PT011 - the RefusedFile the crash dialog shows
                session.complete_plan()
        other = session.plan.scenarios[0]
        assert len(other.rooms) == len(read_plan(path).scenarios[0].rooms)  # pending again: read on this touch
    finally:
        session.close()


def test_the_file_read_beside_the_plan_held_leaves_it_whole(session: PlanSession, path: Path) -> None:
    """The merge reads the file beside the plan held (`file_plan`) while the other scenario may still be unread:
    the plan held gets each line once, and the read is the file's, another object."""
    assert _pending(session) == ["Ombygning 🏥"]
    read = session.file_plan()
    assert [len(s.rooms) for s in session.plan.scenarios] == [5, 5]
    assert read is not session.plan
    assert read == read_plan(path) == session.plan
