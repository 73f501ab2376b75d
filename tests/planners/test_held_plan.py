"""Issue 19.2: an edit validated against the plan held in memory (`held`) does exactly what the same edit does
when the core reads the scenario from the file; lines added and deleted move the others in one statement and
the positions stay 0, 1, 2 … (also from a file whose positions had gaps)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.model import Allocation, AllocationKey, RoomLine, RoomType, Tenant, TenantKind
from planners.model.errors import InvalidPlan
from planners.store.operations import AddLine, DeleteLines, Operation, UpdateLine
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan
from tests.planners.test_operations import OPS, rid, sid


@pytest.fixture
def two_files(tmp_path: Path) -> Iterator[tuple[PlanFile, PlanFile]]:
    """The same plan in two files: one edited with the plan held, one without."""
    with create_plan_file(tmp_path / "a.sundhedshus", rich_plan()):
        pass
    shutil.copyfile(tmp_path / "a.sundhedshus", tmp_path / "b.sundhedshus")
    with PlanFile.open(tmp_path / "a.sundhedshus") as a, PlanFile.open(tmp_path / "b.sundhedshus") as b:
        yield a, b


def _positions(pf: PlanFile, table: str, scenario_id: int) -> list[int]:
    return [p for (p,) in pf.conn.execute(f"SELECT position FROM {table} WHERE scenario_id = ? ORDER BY position",
                                          (scenario_id,))]  # fmt: skip


@pytest.mark.parametrize("name", list(OPS))
def test_held_plan_gives_the_same_edit_and_undo(two_files: tuple[PlanFile, PlanFile], name: str) -> None:
    a, b = two_files
    op = OPS[name](a.load())
    done_a = a.apply(op, held=a.load())
    done_b = b.apply(op)
    assert done_a == done_b
    assert a.load() == b.load()
    undone_a = a.apply(done_a.inverse, held=a.load())
    undone_b = b.apply(done_b.inverse)
    assert undone_a == undone_b
    assert a.load() == b.load()


def test_refusals_are_the_same_with_the_plan_held(two_files: tuple[PlanFile, PlanFile]) -> None:
    a, b = two_files
    plan = a.load()
    wrong: list[Operation] = [
        AddLine(sid(plan), "room", RoomLine(RoomType.OFFICE, D(12), tenant="nobody"), 1),  # no such tenant
        AddLine(sid(plan), "room", RoomLine(RoomType.OFFICE, D(-3), vacant=True), 0),  # negative area
        AddLine(sid(plan), "tenant", Tenant(plan.scenarios[0].tenants[0].id, "Twin", TenantKind.GP_PRACTICE), 2),
        UpdateLine("room", rid(plan, "rooms", 1), {"net_m2": D(0)}),
        UpdateLine("room", rid(plan, "rooms", 1), {"tenant": None, "shared": Allocation(AllocationKey.CUSTOM,
                                                                                        {"nobody": D(100)})}),
    ]  # fmt: skip
    for op in wrong:
        with pytest.raises(InvalidPlan) as held:
            a.apply(op, held=plan)
        with pytest.raises(InvalidPlan) as read:
            b.apply(op)
        assert [(p.path, p.message_da) for p in held.value.problems] == \
            [(p.path, p.message_da) for p in read.value.problems]
    assert a.load() == b.load() == plan  # nothing changed


@pytest.mark.parametrize("gaps", [False, True])
def test_lines_added_and_deleted_keep_positions_0_to_n(two_files: tuple[PlanFile, PlanFile], gaps: bool) -> None:
    a, _b = two_files
    plan = a.load()
    scenario = sid(plan)
    if gaps:  # a file from elsewhere: positions 5, 7, 9 …, ordered the same
        a.conn.execute("UPDATE room SET position = position * 2 + 5 WHERE scenario_id = ?", (scenario,))
    labels = [r.label for r in plan.scenarios[0].rooms]
    new = RoomLine(RoomType.STORAGE, D(5), label="Nyt depot", vacant=True)
    added = a.apply(AddLine(scenario, "room", new, 2), held=a.load())
    rooms = a.load().scenarios[0].rooms
    assert [r.label for r in rooms] == [*labels[:2], "Nyt depot", *labels[2:]]
    assert _positions(a, "room", scenario) == list(range(len(labels) + 1))
    a.apply(DeleteLines("room", (rooms[0].row_id,)), held=a.load())  # type: ignore[arg-type]
    assert [r.label for r in a.load().scenarios[0].rooms] == [*labels[1:2], "Nyt depot", *labels[2:]]
    assert _positions(a, "room", scenario) == list(range(len(labels)))
    a.apply(added.inverse, held=a.load())
    assert [r.label for r in a.load().scenarios[0].rooms] == labels[1:]
    assert _positions(a, "room", scenario) == list(range(len(labels) - 1))


def test_a_held_plan_without_the_files_lines_is_not_used(two_files: tuple[PlanFile, PlanFile]) -> None:
    """A plan held from before a line was added (out of date) does not place the next line wrong: its lines
    are not the file's, so the core reads the scenario."""
    a, b = two_files
    stale = a.load()
    op = AddLine(sid(stale), "room", RoomLine(RoomType.OFFICE, D(9), label="Første", vacant=True), 0)
    a.apply(op)
    b.apply(op)
    second = AddLine(sid(stale), "room", RoomLine(RoomType.OFFICE, D(8), label="Anden", vacant=True), 1)
    assert a.apply(second, held=stale) == b.apply(second)
    assert a.load() == b.load()
