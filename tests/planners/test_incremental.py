"""Incremental figures (issue 19.2): after random edits, the figures `PlanFigures` keeps — computing again only
the scenarios an edit touched — equal a full recompute of every scenario exactly (`==` on every figure), and a
scenario no edit touched is not computed again."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.figures.engine import compute
from planners.figures.incremental import PlanFigures
from planners.model import Plan, RoomLine, RoomType
from tests.planners.plans import rich_plan
from tests.planners.strategies import plans, positive

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EDITS = ("room_area", "add_room", "delete_room", "tenant_staff", "gross_factor", "financing",
         "replace_scenario", "rename", "plan_years")


def _edit(plan: Plan, pf: PlanFigures, kind: str, k: int, value: Decimal) -> set[int]:
    """Apply one edit to scenario k (or the plan) and tell `pf` what it touched, as the GUI session does.
    Returns the positions of the scenarios the edit changed (every one for a plan-level edit)."""
    sc = plan.scenarios[k]
    if kind == "room_area" and sc.rooms:
        sc.rooms[0].net_m2 = value
    elif kind == "add_room":
        sc.rooms.append(RoomLine(RoomType.OFFICE, value, vacant=True))
    elif kind == "delete_room" and sc.rooms:
        del sc.rooms[-1]
    elif kind == "tenant_staff" and sc.tenants:
        sc.tenants[0].staff = value  # moves the headcount key: every shared split changes
    elif kind == "gross_factor":
        sc.gross_factor = Decimal(1) + value / 1000
    elif kind == "financing" and sc.financing:
        sc.financing[0].amount = value * 1000
    elif kind == "replace_scenario":
        # A reload gives a new object holding different lines: never mistaken for the one computed before.
        fresh = copy.deepcopy(sc)
        fresh.rooms.append(RoomLine(RoomType.WAITING, value, vacant=True))
        plan.scenarios[k] = fresh
        return {k}
    elif kind == "rename":
        sc.name = f"{sc.name} (ny)"
    elif kind == "plan_years":
        plan.years = [*plan.years, plan.years[-1] + 1]  # spreads the budget over one more year
        pf.touch_plan()
        return set(range(len(plan.scenarios)))
    else:
        return set()
    pf.touch(sc)
    return {k}


@SETTINGS
@given(plan=plans(max_scenarios=3, max_tenants=4, max_rooms=6),
       edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 2), positive(200)), max_size=8))
def test_incremental_figures_equal_a_full_recompute_after_every_edit(plan: Plan, edits: list) -> None:
    pf = PlanFigures(plan)
    assert pf.all() == {sc.name: compute(plan, sc) for sc in plan.scenarios}
    for kind, k, value in edits:
        k %= len(plan.scenarios)
        before = pf.computed
        touched = _edit(plan, pf, kind, k, value)
        for sc in plan.scenarios:
            assert pf.figures(sc) == compute(plan, sc)  # exactly: every Decimal, every list, every flag
        # Only what the edit touched was computed again.
        assert pf.computed - before == len(touched)


def test_untouched_scenarios_keep_their_figures_object() -> None:
    plan = rich_plan()
    second = copy.deepcopy(plan.scenarios[0])
    second.name = "Nybyg"
    plan.scenarios.append(second)
    pf = PlanFigures(plan)
    first = {sc.name: pf.figures(sc) for sc in plan.scenarios}
    edited = plan.scenarios[0]
    edited.rooms.append(RoomLine(RoomType.OFFICE, Decimal("12.5"), vacant=True))
    pf.touch(edited)
    again = pf.all()
    assert again[edited.name].net_m2 == first[edited.name].net_m2 + Decimal("12.5")
    for sc in plan.scenarios[1:]:
        assert again[sc.name] is first[sc.name]
