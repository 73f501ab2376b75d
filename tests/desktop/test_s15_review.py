"""Review of s15-try (issue 19): defects found, each proved by a test that fails on b3bbaaf."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import desktop.session as session_mod
from desktop.session import PlanSession
from planners.figures.engine import compute
from planners.store import schema
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from tests.planners.plans import rich_plan


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "p.sundhedshus"
    create_plan_file(p, rich_plan()).close()
    return p


def _pending(session: PlanSession) -> list[str]:
    return [s.__dict__["name"] for s in session.plan.scenarios if type(s) is not session_mod.Scenario]


def test_readonly_plan_changed_before_the_rest_is_read_shows_the_files_figures(path: Path, qapp: Any) -> None:
    """A reader (the plan opened read-only: a colleague has it) holds no lock. When the file changed before the rest
    is read, `_shown_first.complete` merges the file's values into the held objects and `_reread` recomputes — but
    PlanFigures still holds the shown scenario's figures by identity, so the panel keeps the old figures."""
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
        assert session.figures == compute(session.plan, session.scenario)  # … but its figures are not (fails)
    finally:
        session.close()


def test_a_failed_read_of_the_rest_leaves_no_scenario_silently_empty(path: Path, qapp: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`complete` turns every pending scenario into a plain `Scenario` BEFORE `PlanFile.load`; when the load fails (a
    network drive gone for a moment: sqlite3 'disk I/O error'), the other scenarios stay plain with the empty lists
    of the head read: no retry, no error on the next touch, zero figures, an empty copy or compare export."""
    session = PlanSession(PlanFile.open(path))
    try:
        def failing(conn: Any, scenarios: Any) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        with monkeypatch.context() as m:
            m.setattr(schema, "read_lines_of", failing)
            with pytest.raises(Exception):  # noqa: B017,PT011 - the RefusedFile the crash dialog shows
                session.complete_plan()
        other = session.plan.scenarios[0]
        assert len(other.rooms) == len(read_plan(path).scenarios[0].rooms)  # fails: 0 rooms against 5
    finally:
        session.close()
