"""After an edit the session computes at once only the figures the panel and the rooms page show (`key_figures`: the
engine's first part), and the rest when first read — by the checks, a moment after the panel is painted (issue 19.2).
Both are always those of a full recompute of the plan in the file."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.numbers import show_m2
from desktop.panel import FiguresPanel
from desktop.session import PlanSession
from planners.figures import incremental
from planners.figures.engine import compute
from planners.figures.incremental import KeyFigures
from planners.model import RoomLine, RoomType
from planners.store.operations import AddLine, DeleteLines, MoveLine, Operation, UpdateLine
from planners.store.planfile import create_plan_file
from tests.desktop.test_session_reload import walk_edits
from tests.planners.plans import rich_plan, row_ids


@pytest.fixture
def session(tmp_path: Path, qapp):  # noqa: ANN001, ANN201
    s = PlanSession(create_plan_file(tmp_path / "p.sundhedshus", rich_plan()))
    s.complete_plan()  # the other scenarios' lines, as after the first paint (`_assert_current` reads the file)
    yield s
    s.close()


def _assert_current(session: PlanSession) -> None:
    """The session's key figures and figures are a full recompute's of the plan as the file holds it now."""
    plan = session.file.load()
    full = compute(plan, next(s for s in plan.scenarios if s.row_id == session.scenario_id))
    for f in dataclasses.fields(KeyFigures):
        assert repr(getattr(session.key_figures, f.name)) == repr(getattr(full, f.name)), f.name
    assert session.figures == full


def _edits(session: PlanSession) -> list[Operation]:
    s = session.scenario
    sid = s.row_id
    assert sid is not None
    return [
        AddLine(sid, "room", RoomLine(RoomType.OFFICE, D(12), 1, "Nyt kontor", vacant=True), 1),
        UpdateLine("room", s.rooms[2].row_id, {"net_m2": D("31.5")}),  # type: ignore[arg-type]
        DeleteLines("room", (s.rooms[0].row_id,)),  # type: ignore[arg-type]
        UpdateLine("tenant", s.tenants[0].row_id, {"staff": D(7)}),  # type: ignore[arg-type]
        DeleteLines("equipment", (s.equipment[0].row_id,)),  # type: ignore[arg-type]
    ]


def test_after_every_edit_undo_and_redo_the_figures_are_a_full_recompute(session: PlanSession) -> None:
    walk_edits(session, _edits, _assert_current)


def test_the_rest_of_the_figures_follow_the_panel(session: PlanSession, qapp,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    panel = FiguresPanel(session)
    qapp.processEvents()  # the checks of the open, and with them the figures
    finished: list[object] = []
    real = incremental.finish
    monkeypatch.setattr(incremental, "finish", lambda begun: finished.append(begun) or real(begun))
    sid = session.scenario_id
    gross = session.key_figures.gross_m2
    session.run(AddLine(sid, "room", RoomLine(RoomType.OFFICE, D(20), 1, "Nyt kontor", vacant=True), 0), "tilføj rum")
    assert session.key_figures.gross_m2 > gross
    assert panel.labels["gross_m2"].text() == show_m2(session.key_figures.gross_m2)
    assert not finished  # the panel shows the new figures; the tenants' rent and the cost lines are still to come
    assert session.findings_due()
    qapp.processEvents()  # after the paint: the checks read the figures, which are finished now, once
    assert len(finished) == 1
    assert not session.findings_due()
    _assert_current(session)
    assert len(finished) == 1


_STEPS = st.lists(st.tuples(st.sampled_from(("add", "delete", "delete3", "area", "move", "undo", "redo")),
                            st.integers(0, 40), st.integers(1, 90)), min_size=1, max_size=10)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])  # fmt: skip
@given(steps=_STEPS)
def test_random_edits_keep_the_plan_and_the_figures_those_of_the_file(tmp_path_factory: pytest.TempPathFactory,
                                                                       qapp, steps: list) -> None:  # noqa: ANN001
    """Random adds (at any place), deletes of one or three lines, area edits, moves, undos and redos of rooms and
    equipment through the session: after each, the plan it holds is the file's (values, order, row ids) and its key
    figures and figures are a full recompute's (the lines read back in place, the plan file's kept orders, the
    engine's two parts)."""
    folder = tmp_path_factory.mktemp("random")
    session = PlanSession(create_plan_file(folder / "p.sundhedshus", rich_plan()))
    session.complete_plan()  # as after the first paint: the plan held whole before the file is read beside it
    try:
        for kind, k, value in steps:
            sc = session.scenario
            sid = sc.row_id
            assert sid is not None
            rooms, equipment = sc.rooms, sc.equipment
            op: Operation | None = None
            if kind == "add":
                op = AddLine(sid, "room", RoomLine(RoomType.OFFICE, D(value), 1, f"Rum {k}", vacant=True),
                             k % (len(rooms) + 1))  # fmt: skip
            elif kind == "delete" and equipment:
                op = DeleteLines("equipment", (equipment[k % len(equipment)].row_id,))  # type: ignore[arg-type]
            elif kind == "delete3" and len(rooms) > 3:
                op = DeleteLines("room", tuple(rooms[(k + j) % len(rooms)].row_id for j in (0, 1, 3)))  # type: ignore[arg-type]
            elif kind == "area" and rooms:
                op = UpdateLine("room", rooms[k % len(rooms)].row_id, {"net_m2": D(value) / 2})  # type: ignore[arg-type]
            elif kind == "move" and rooms:
                op = MoveLine("room", rooms[k % len(rooms)].row_id, value % len(rooms))  # type: ignore[arg-type]
            elif kind == "undo":
                session.undo_stack.undo()
            elif kind == "redo":
                session.undo_stack.redo()
            if op is not None:
                assert session.run(op, "ændring") is not None, op
            fresh = session.file.load()
            assert session.plan == fresh
            assert row_ids(session.plan) == row_ids(fresh)
            _assert_current(session)
            qapp.processEvents()
    finally:
        session.close()
