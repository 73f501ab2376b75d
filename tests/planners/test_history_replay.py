"""A merge's result brought into my copy as ONE edit (issue 18.4): `replay.operations_to(current, target)` turns
the plan in a file into the target, the file then reads as the target, and the edit's inverse gives the plan back
(one undo step). Random edit sequences (hypothesis) and the two-person case of the issue."""

from __future__ import annotations

import copy
import shutil
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.history.diff import diff_plans
from planners.history.merge import merge_plans
from planners.history.replay import batch_to, foreign_objects
from planners.interchange.plan_json import load_json
from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    Plan,
    RoomLine,
    RoomType,
    Tenant,
    TenantKind,
)
from planners.model.linekinds import LINES, LineKind
from planners.reference import example_path
from planners.store.operations import UpdateLine
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan

EDITS = st.lists(st.tuples(st.sampled_from(["set", "set", "add", "delete", "move", "tenant", "plan", "drop_tenant"]),
                           st.integers(0, 50)), max_size=8)  # fmt: skip


def _edit(plan: Plan, sequence: list[tuple[str, int]]) -> tuple[Plan, set[int]]:
    """`sequence` applied to a copy of `plan`; the identities of the lines it added (they have no row id in the
    file, or one another line has)."""
    plan = copy.deepcopy(plan)
    s = plan.scenarios[0]
    added: set[int] = set()
    for n, (what, k) in enumerate(sequence):
        value = 100 + n
        if what == "plan":
            plan.address = f"Vej {value}"
        elif what == "set" and s.rooms:
            s.rooms[k % len(s.rooms)].net_m2 = D(value)
        elif what == "add":
            line: Any = RoomLine(RoomType.OFFICE, D(value), 1, f"nyt {value}", vacant=True) if k % 2 else \
                CostLine(CostCategory.OTHER, f"ny {value}", amount=D(value))  # fmt: skip
            line.row_id = s.rooms[0].row_id if s.rooms else None  # a row id another line has: the copies' clash
            LINES[LineKind.ROOM if k % 2 else LineKind.COST].lines_of(s).insert(k % 3, line)
            added.add(id(line))
        elif what == "delete" and len(s.costs) > 1:
            del s.costs[k % len(s.costs)]
        elif what == "move" and len(s.rooms) > 1:
            s.rooms.insert(0, s.rooms.pop(k % len(s.rooms)))
        elif what == "tenant":
            tenant = Tenant(f"t{value}", f"Lejer {value}", TenantKind.PSYCHOLOGIST, clinicians=D(1))
            s.tenants.append(tenant)
            added.add(id(tenant))
            room = RoomLine(RoomType.CONSULTATION, D(12), 1, f"Rum til {value}", tenant=tenant.id)
            s.rooms.append(room)
            added.add(id(room))
        elif what == "drop_tenant" and len(s.tenants) > 1:
            gone = s.tenants.pop(k % len(s.tenants))
            for room in s.rooms:  # as deleting a tenant does (DESIGN §3)
                if room.tenant == gone.id:
                    room.tenant, room.vacant = None, True
            for kind in (LineKind.ROOM, LineKind.EQUIPMENT, LineKind.SERVICE):
                for line in LINES[kind].lines_of(s):
                    if getattr(line, "tenant", None) == gone.id:
                        line.tenant, line.shared = None, Allocation(AllocationKey.AREA)
                    shared = getattr(line, "shared", None)
                    if shared is not None and gone.id in (shared.shares or {}):
                        line.shared = Allocation(shared.key, {t: p for t, p in shared.shares.items() if t != gone.id})
    return plan, added


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(EDITS)
def test_the_file_reads_as_the_target_and_the_inverse_gives_it_back(tmp_path_factory: Any, sequence: list) -> None:
    path = tmp_path_factory.mktemp("replay") / "p.sundhedshus"
    with create_plan_file(path, rich_plan()) as f:
        current = f.load()
        target, added = _edit(current, sequence)
        changes = f.apply(batch_to(current, target, "flet", added), "flet")
        after = f.load()
        assert diff_plans(target, after, figures=False).empty, diff_plans(target, after, figures=False).text()
        f.apply(changes.inverse, "fortryd: flet")
        assert diff_plans(current, f.load(), by_row_id=True, figures=False).empty


def test_two_people_merge_in_one_edit_with_the_one_conflict_resolved(tmp_path: Path) -> None:
    """The partnership (mine) and the municipality (theirs) each edit a copy of the example; both change the
    construction cost's rate. Merged in mine as one edit, choosing theirs for the conflict."""
    mine_path, theirs_path = tmp_path / "mine.sundhedshus", tmp_path / "deres.sundhedshus"
    create_plan_file(mine_path, load_json(example_path())).close()
    shutil.copy(mine_path, theirs_path)
    with PlanFile.open(mine_path) as f:
        s = f.load().scenarios[0]
        f.apply(UpdateLine("tenant", s.tenants[0].row_id, {"clinicians": D(5)}), "ændr behandlere")  # type: ignore[arg-type]
        cost = next(c for c in s.costs if c.per_m2 is not None)
        f.apply(UpdateLine("cost", cost.row_id, {"per_m2": D(15000)}), "ændr pris pr. m²")  # type: ignore[arg-type]
    with PlanFile.open(theirs_path) as f:
        s = f.load().scenarios[0]
        f.apply(UpdateLine("tenant", s.tenants[1].row_id, {"staff": D(3)}), "ændr ansatte")  # type: ignore[arg-type]
        f.apply(UpdateLine("cost", cost.row_id, {"per_m2": D(16000)}), "ændr pris pr. m²")  # type: ignore[arg-type]
        f.apply(UpdateLine("room", s.rooms[0].row_id, {"count": s.rooms[0].count + 1}), "ændr antal")  # type: ignore[arg-type]
    with PlanFile.open(mine_path) as f:
        origin = f.origin()
        assert origin is not None
        mine = f.load()
        with PlanFile.open(theirs_path, readonly=True) as other:
            theirs = other.load()
        first = merge_plans(origin.plan, mine, theirs)
        assert [c.field for c in first.conflicts] == ["per_m2"]
        result = merge_plans(origin.plan, mine, theirs, {first.conflicts[0].key: "theirs"})
        assert result.clean
        f.apply(batch_to(mine, result.plan, "flet", foreign_objects(theirs)), "flet «deres» ind")
        merged = f.load().scenarios[0]
        assert merged.tenants[0].clinicians == D(5)  # mine
        assert merged.tenants[1].staff == D(3)  # theirs
        assert next(c for c in merged.costs if c.row_id == cost.row_id).per_m2 == D(16000)  # the conflict: theirs
        assert merged.rooms[0].count == s.rooms[0].count + 1  # theirs
        assert f.history()[-1].text == "flet «deres» ind"  # one entry for the whole merge
