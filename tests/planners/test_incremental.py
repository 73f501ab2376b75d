"""Incremental figures (issue 19.2): after random edits, the figures `PlanFigures` keeps — computing again only
the scenarios an edit touched — equal a full recompute of every scenario exactly (`==` on every figure), and a
scenario no edit touched is not computed again."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.figures import incremental
from planners.figures.engine import compute
from planners.figures.incremental import KeyFigures, PlanFigures
from planners.figures.space import RoomSums
from planners.figures.whatif import shared_space
from planners.model import Allocation, AllocationKey, Plan, RoomLine, RoomType, Scenario, Tenant, TenantKind
from planners.model.results import ScenarioFigures
from tests.planners.plans import rich_plan
from tests.planners.strategies import decimals, plans, positive, room_lines

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


def _assert_key_figures(key: KeyFigures, full: ScenarioFigures) -> None:
    """Every key figure is the full recompute's, exactly: its value and its printed form (digits and exponent)."""
    for f in dataclasses.fields(KeyFigures):
        assert repr(getattr(key, f.name)) == repr(getattr(full, f.name)), f.name


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
            _assert_key_figures(pf.key_figures(sc), compute(plan, sc))
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


# --- lines replaced, as the GUI session replaces them: the room sums by the difference (issue 19.2) ---------------

LINE_EDITS = ("room_area", "room_count", "room_place", "add_room", "delete_room", "move_room", "duplicate_room",
              "equipment", "tenant_staff", "add_tenant", "nothing")


@st.composite
def _line_edit(draw: st.DrawFn, sc: Scenario) -> tuple[str, Callable[[Scenario], None]]:
    """One edit of `sc`'s lines that replaces line objects (never changes one in place), as the session does
    when it reads an edited line back."""
    kind = draw(st.sampled_from(LINE_EDITS))
    ids = [t.id for t in sc.tenants]
    rooms = sc.rooms
    k = draw(st.integers(0, max(len(rooms) - 1, 0)))
    if kind == "room_area" and rooms:
        new = dataclasses.replace(rooms[k], net_m2=draw(positive(60, 2)))
        return kind, lambda s: s.rooms.__setitem__(k, new)
    if kind == "room_count" and rooms:
        new = dataclasses.replace(rooms[k], count=draw(st.integers(0, 5)))
        return kind, lambda s: s.rooms.__setitem__(k, new)
    if kind == "room_place" and rooms:  # another tenant, a key, shares, vacant: the line moves between sums
        placed = draw(room_lines(ids))
        new = dataclasses.replace(rooms[k], tenant=placed.tenant, shared=placed.shared, vacant=placed.vacant)
        return kind, lambda s: s.rooms.__setitem__(k, new)
    if kind == "add_room":
        line = draw(room_lines(ids))
        return kind, lambda s: s.rooms.insert(k, line)
    if kind == "delete_room" and rooms:
        return kind, lambda s: s.rooms.__delitem__(k)
    if kind == "move_room" and len(rooms) > 1:
        return kind, lambda s: s.rooms.insert(0, s.rooms.pop(k))
    if kind == "duplicate_room" and rooms:  # an equal line (equal values, its own object): summed twice
        copy_ = dataclasses.replace(rooms[k])
        return kind, lambda s: s.rooms.append(copy_)
    if kind == "equipment" and sc.equipment:
        j = draw(st.integers(0, len(sc.equipment) - 1))
        eq = dataclasses.replace(sc.equipment[j], quantity=draw(st.integers(1, 4)))
        return kind, lambda s: s.equipment.__setitem__(j, eq)
    if kind == "tenant_staff" and sc.tenants:
        j = draw(st.integers(0, len(sc.tenants) - 1))
        tenant = dataclasses.replace(sc.tenants[j], staff=draw(decimals(0, 8, 1)))
        return kind, lambda s: s.tenants.__setitem__(j, tenant)
    if kind == "add_tenant":  # other tenants: every sum again
        tenant = Tenant(id=f"n{len(sc.tenants)}", name="Ny", kind=TenantKind.OTHER, clinicians=Decimal(1))
        return kind, lambda s: s.tenants.append(tenant)
    return "nothing", lambda s: None


@SETTINGS
@given(data=st.data(), plan=plans(max_scenarios=2, max_tenants=4, max_rooms=8, max_equipment=4))
def test_figures_from_sums_kept_by_difference_equal_a_full_recompute(data: st.DataObject, plan: Plan) -> None:
    """Random edits that replace, add, delete and move lines (`touch_lines`): after each, every scenario's
    figures equal a full recompute exactly — `==` on every figure and the same printed form (each Decimal's
    digits and exponent) — and a room's edit sums no scenario's lines again."""
    pf = PlanFigures(plan)
    assert pf.all() == {sc.name: compute(plan, sc) for sc in plan.scenarios}
    for _ in range(data.draw(st.integers(1, 12))):
        k = data.draw(st.integers(0, len(plan.scenarios) - 1))
        sc = plan.scenarios[k]
        kind, apply = data.draw(_line_edit(sc))
        summed = pf.summed
        apply(sc)
        pf.touch_lines(sc)
        for other in plan.scenarios:
            full = compute(plan, other)
            if data.draw(st.booleans()):  # the panel's figures first (as the GUI after an edit), the rest after
                _assert_key_figures(pf.key_figures(other), full)
            kept = pf.figures(other)
            assert kept == full, kind
            assert repr(kept) == repr(full), kind
            assert pf.shared_space(other) == shared_space(other), kind
        if kind != "add_tenant":
            assert pf.summed == summed, kind  # the rooms were brought up to date by the difference


def test_room_sums_by_difference_drop_a_key_no_line_uses() -> None:
    """A key's sum leaves the room sums with its last line (as a sum over the lines has no such key), so the
    split's denominators are the same integers as a full recompute's: a custom map of 0 m² left behind would add
    a denominator of its own."""
    plan = rich_plan()
    sc = plan.scenarios[0]
    pf = PlanFigures(plan)
    pf.figures(sc)
    shares = {sc.tenants[0].id: Decimal("33.3")}
    odd = RoomLine(RoomType.WAITING, Decimal("7.25"), shared=Allocation(AllocationKey.CUSTOM, shares))
    sc.rooms.append(odd)
    pf.touch_lines(sc)
    assert pf.figures(sc) == compute(plan, sc)
    sc.rooms.remove(odd)
    pf.touch_lines(sc)
    assert repr(pf.figures(sc)) == repr(compute(plan, sc))
    sums = pf._entries[id(sc)].rooms
    assert tuple(shares.items()) not in sums.custom
    assert sums == RoomSums.of(sc)
    assert pf.summed == 1


def test_key_figures_leave_the_rest_to_the_first_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a line edit the key figures (the panel's) are the engine's first part only: the tenants' rent and the
    cost lines are finished when the figures are first read, once, and equal a full recompute."""
    finished: list[object] = []
    real = incremental.finish
    monkeypatch.setattr(incremental, "finish", lambda begun: finished.append(begun) or real(begun))
    plan = rich_plan()
    sc = plan.scenarios[0]
    pf = PlanFigures(plan)
    pf.figures(sc)
    sc.rooms.append(RoomLine(RoomType.OFFICE, Decimal("12.5"), vacant=True))
    pf.touch_lines(sc)
    finished.clear()
    key = pf.key_figures(sc)
    assert pf.shared_space(sc) == shared_space(sc)
    assert not finished
    _assert_key_figures(key, compute(plan, sc))
    assert pf.figures(sc) == compute(plan, sc)
    assert pf.figures(sc) is pf.figures(sc)
    assert pf.key_figures(sc) is key
    assert len(finished) == 1
