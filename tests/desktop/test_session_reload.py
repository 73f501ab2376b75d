"""The session reads back only what an edit changed (issue 13, point 5): after every kind of edit, undo and redo,
the plan it holds is the plan in the file — values, order and row ids."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import pytest

from desktop.session import PlanSession
from planners.model import Allocation, AllocationKey, RoomLine, RoomType, RunningRate, Tenant, TenantKind
from planners.store.operations import (
    AddLine,
    DeleteLines,
    MoveLine,
    Operation,
    SetPlanFields,
    SetRunningRate,
    UpdateLine,
)
from planners.store.planfile import create_plan_file
from tests.planners.plans import rich_plan, row_ids


@pytest.fixture
def session(tmp_path: Path, qapp):  # noqa: ANN001, ANN201
    s = PlanSession(create_plan_file(tmp_path / "p.sundhedshus", rich_plan()))
    yield s
    s.close()


def _same_as_file(session: PlanSession) -> None:
    fresh = session.file.load()
    assert session.plan == fresh
    assert row_ids(session.plan) == row_ids(fresh)


def _edits(session: PlanSession) -> list[Operation]:
    s = session.scenario
    sid = s.row_id
    assert sid is not None
    gp = s.tenants[0]
    return [
        UpdateLine("room", s.rooms[1].row_id, {"net_m2": D(50)}),  # type: ignore[arg-type]
        UpdateLine("room", s.rooms[2].row_id,  # type: ignore[arg-type]
                   {"shared": Allocation(AllocationKey.CUSTOM, {"gp": D(20), "fys": D(80)})}),  # fmt: skip
        MoveLine("room", s.rooms[0].row_id, 3),  # type: ignore[arg-type]
        AddLine(sid, "room", RoomLine(RoomType.OFFICE, D(9), 1, "Nyt kontor", vacant=True), 1),
        AddLine(sid, "tenant", Tenant("ny", "Ny lejer", TenantKind.OTHER)),
        DeleteLines("equipment", (s.equipment[0].row_id,)),  # type: ignore[arg-type]
        DeleteLines("tenant", (gp.row_id,)),  # type: ignore[arg-type]  (its rooms become vacant, shares drop it)
        UpdateLine("tenant", s.tenants[1].row_id, {"id": "fysio"}),  # type: ignore[arg-type]
        SetRunningRate(sid, RunningRate.CLEANING, D(151)),
        SetPlanFields({"title": "Ny titel", "years": [2018, 2019, 2020, 2021]}),
    ]


def walk_edits(session: PlanSession, edits: Callable[[PlanSession], list[Operation]],
               check: Callable[[PlanSession], None]) -> None:  # fmt: skip
    """Every edit of `edits(session)` in turn, then undo of them all, then redo of them all: `check` after each."""
    count = len(edits(session))
    for k in range(count):
        op = edits(session)[k]  # ids as they stand now (earlier edits moved and deleted lines)
        assert session.run(op, "ændring") is not None, op
        check(session)
    for _ in range(count):
        session.undo_stack.undo()
        check(session)
    for _ in range(count):
        session.undo_stack.redo()
        check(session)


def test_after_every_edit_undo_and_redo_the_session_holds_the_file(session: PlanSession) -> None:
    walk_edits(session, _edits, _same_as_file)


def test_a_cell_edit_reads_back_only_its_line(session: PlanSession) -> None:
    room = session.scenario.rooms[1]
    statements: list[str] = []
    conn = session.file._conn
    assert conn is not None
    conn.set_trace_callback(statements.append)
    try:
        session.run(UpdateLine("room", room.row_id, {"net_m2": D(47)}), "ændr areal")  # type: ignore[arg-type]
    finally:
        conn.set_trace_callback(None)
    # The edit's 5 statements (BEGIN, the room and its shares, UPDATE, COMMIT) and its history entry (issue 18.1: one
    # INSERT in the same transaction), then the room and its shares read back: nothing else of the plan. (Was 10
    # before issue 19.2: the scenario's row and tenants, which validating needs, are now the session's in memory.)
    assert len(statements) == 8, statements
    assert sum(s.startswith("INSERT INTO history") for s in statements) == 1
    assert session.scenario.rooms[1].net_m2 == 47
