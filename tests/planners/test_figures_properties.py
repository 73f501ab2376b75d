"""Invariants of the budget engine (DESIGN §4), proved over generated plans (hypothesis).

Every expected value here is computed independently of the engine (from the plan) or is a relation between
figures. "Exactly" means `==` on Decimals. Where a relation cannot be exact in 28-digit arithmetic (doubling:
2 × round(2/3) ≠ round(4/3) in the last digit) it is asserted to 1 part in 10^24.
"""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.figures.engine import compute
from planners.model import AllocationKey, CostCategory, Plan, RoomLine, RoomType, Scenario
from planners.model.results import ScenarioFigures
from tests.planners.strategies import plans, positive

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TINY = Decimal("1e-24")


def _close(a: Decimal | None, b: Decimal | None, scale: Decimal = Decimal(0)) -> bool:
    """Equal to 1 part in 10^24 of the larger of a, b and `scale` (or exactly where both are None)."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= TINY * max(abs(a), abs(b), abs(scale), Decimal(1))


# --- 1. tenant totals + vacancy cost = total annual cost, exactly, for every plan ------------------------------


def _unallocated(amount: Decimal, allocation, ids: set[str]) -> Decimal:
    """The part of a shared amount no tenant gets, from the plan (independently of the engine)."""
    if not ids:
        return amount
    if allocation.key is AllocationKey.CUSTOM:
        given_pct = sum((p for tid, p in allocation.shares.items() if tid in ids), Decimal(0))
        return amount * (100 - given_pct) / 100
    return Decimal(0)


@SETTINGS
@given(plans())
def test_tenant_totals_plus_vacancy_equal_the_annual_cost_exactly(plan: Plan) -> None:
    f = compute(plan)
    assert sum(t.total for t in f.tenants) + f.vacancy_cost == f.annual_cost_total
    # The parts add up as a reader adds them.
    for t in f.tenants:
        assert t.space_rent + t.equipment_share + t.services_share == t.total
    assert f.capital_cost + f.running_cost == f.building_cost
    assert f.building_cost + f.equipment_annual_total + f.services_total == f.annual_cost_total


@SETTINGS
@given(plans())
def test_vacancy_cost_is_vacant_gross_times_rate_plus_what_no_tenant_gets(plan: Plan) -> None:
    sc = plan.scenario()
    f = compute(plan)
    ids = {t.id for t in sc.tenants}
    expected = f.vacant_gross_m2 * f.rent_per_gross_m2
    if f.gross_m2 == 0:
        expected += f.building_cost  # the rate is 0: the building cost is the owner's
    for e in sc.equipment:
        per_unit = e.annual_service + (0 if e.in_project else e.unit_price / e.lifetime_years)
        cost = e.quantity * per_unit
        if e.shared is not None:
            expected += _unallocated(cost, e.shared, ids)
    for s in sc.running.services:
        expected += _unallocated(s.annual, s.shared, ids)
    assert abs(f.vacancy_cost - expected) <= Decimal("1e-12")


# --- 2. years sum to the establishment total (plans without inconsistencies) ---------------------------------


@SETTINGS
@given(plans(consistent=True))
def test_years_sum_to_the_establishment_total(plan: Plan) -> None:
    f = compute(plan)
    assert sum(f.by_year.values()) == f.establishment_total
    assert sorted(f.by_year) == plan.years
    assert sum(f.by_category.values()) == f.establishment_total
    assert f.eligible_total + f.non_eligible_total == f.establishment_total
    for line in f.cost_lines:
        assert sum(line.by_year.values()) == line.amount
    for cat, row in f.by_category_year.items():
        assert sum(row.values()) == f.by_category[cat]
    assert sum(f.equipment_by_year.values()) == f.equipment_in_project
    assert f.cycle_lines == [] and f.ignored_equipment_lines == []


@SETTINGS
@given(plans())
def test_every_plan_year_appears_and_line_amounts_make_the_total(plan: Plan) -> None:
    f = compute(plan)
    assert set(plan.years) <= set(f.by_year)
    carried = any(c.category is CostCategory.EQUIPMENT and not c.has_basis for c in plan.scenario().costs)
    lines_total = sum(line.amount for line in f.cost_lines) + (0 if carried else f.equipment_in_project)
    assert _close(lines_total, f.establishment_total)
    for i in f.cycle_lines + f.ignored_equipment_lines:
        assert f.cost_lines[i].amount == 0


# --- 3. shared lines are split completely -------------------------------------------------------------------


@SETTINGS
@given(plans())
def test_shared_rooms_are_split_completely(plan: Plan) -> None:
    sc = plan.scenario()
    f = compute(plan)
    assert sum(t.allocated_net_m2 for t in f.tenants) + f.vacant_net_m2 == f.net_m2
    assert sum(t.allocated_gross_m2 for t in f.tenants) + f.vacant_gross_m2 == f.gross_m2
    # The vacant area from the plan: vacant lines, and the part of shared lines no tenant gets.
    ids = {t.id for t in sc.tenants}
    expected = Decimal(0)
    for r in sc.rooms:
        if r.vacant:
            expected += r.count * r.net_m2
        elif r.shared is not None:
            expected += _unallocated(r.count * r.net_m2, r.shared, ids)
    assert abs(f.vacant_net_m2 - expected) <= Decimal("1e-18")
    assert f.equipment_in_project == sum(
        (e.quantity * e.unit_price for e in sc.equipment if e.in_project), Decimal(0))


# --- 4. more area for one tenant never lowers its rent -------------------------------------------------------


@SETTINGS
@given(plans(min_tenants=1), st.data())
def test_more_area_for_a_tenant_never_lowers_its_rent(plan: Plan, data: st.DataObject) -> None:
    sc = plan.scenario()
    before = compute(plan)
    k = data.draw(st.integers(0, len(sc.tenants) - 1))
    bigger = copy.deepcopy(plan)
    extra = data.draw(positive(50, 1))
    bigger.scenario().rooms.append(RoomLine(RoomType.OFFICE, extra, tenant=sc.tenants[k].id))
    after = compute(bigger)
    old, new = before.tenants[k], after.tenants[k]
    assert new.allocated_net_m2 > old.allocated_net_m2
    assert new.space_rent >= old.space_rent
    assert new.equipment_share >= old.equipment_share
    assert new.services_share >= old.services_share
    assert new.total >= old.total


# --- 5. doubling every price doubles every amount ------------------------------------------------------------


def _doubled(plan: Plan) -> Plan:
    p = copy.deepcopy(plan)
    for sc in p.scenarios:
        for t in sc.tenants:
            if t.current_annual_rent is not None:
                t.current_annual_rent *= 2
        for e in sc.equipment:
            e.unit_price *= 2
            e.annual_service *= 2
        for c in sc.costs:
            if c.amount is not None:
                c.amount *= 2
            if c.per_m2 is not None:
                c.per_m2 *= 2
        for fl in sc.financing:
            fl.amount *= 2
        sc.running.per_gross_m2 = {k: v * 2 for k, v in sc.running.per_gross_m2.items()}
        for s in sc.running.services:
            s.annual *= 2
    return p


UNCHANGED = {"scenario", "gross_factor", "net_m2", "gross_m2", "vacant_net_m2", "vacant_gross_m2", "grant_share",
             "equipment_eligible", "grant_loan_terms", "cycle_lines", "ignored_equipment_lines"}
TENANT_UNCHANGED = {"tenant_id", "name", "clinicians", "dedicated_net_m2", "allocated_net_m2",
                    "allocated_gross_m2", "change_pct"}


def _assert_doubled(a: object, b: object, scale: Decimal, path: str) -> None:
    if isinstance(a, Decimal):
        assert isinstance(b, Decimal)
        assert _close(2 * a, b, scale), (path, a, b)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), path
        for k in a:
            _assert_doubled(a[k], b[k], scale, f"{path}[{k}]")
    elif a is None:
        assert b is None, path


@SETTINGS
@given(plans())
def test_doubling_every_price_doubles_every_amount(plan: Plan) -> None:
    f1, f2 = compute(plan), compute(_doubled(plan))
    scale = 2 * max(f1.annual_cost_total, f1.establishment_total, f1.financing_total)
    for field in dataclasses.fields(ScenarioFigures):
        a, b = getattr(f1, field.name), getattr(f2, field.name)
        if field.name in UNCHANGED:
            assert a == b, field.name
        elif field.name == "tenants":
            for t1, t2 in zip(a, b, strict=True):
                for tf in dataclasses.fields(t1):
                    x, y = getattr(t1, tf.name), getattr(t2, tf.name)
                    if tf.name in TENANT_UNCHANGED:
                        assert x == y, tf.name
                    else:
                        _assert_doubled(x, y, scale, f"tenants.{tf.name}")
        elif field.name in ("cost_lines", "financing_lines", "equipment_lines"):
            for l1, l2 in zip(a, b, strict=True):
                for lf in dataclasses.fields(l1):
                    x, y = getattr(l1, lf.name), getattr(l2, lf.name)
                    if isinstance(x, Decimal | dict) and lf.name != "index":
                        _assert_doubled(x, y, scale, f"{field.name}.{lf.name}")
                    else:
                        assert x == y, lf.name
        else:
            _assert_doubled(a, b, scale, field.name)


# --- 6. reordering lines changes no figure -------------------------------------------------------------------


def _is_carrier_like(c) -> bool:
    return c.category is CostCategory.EQUIPMENT and not c.has_basis


def _permute(items: list, order: list[int]) -> list:
    return [items[i] for i in order]


def _normalised(f: ScenarioFigures, cost_order: list[int], equipment_order: list[int]) -> dict:
    """The figures as a dict, lines put back in the original order (`*_order[i]` = original index of line i)."""
    d = dataclasses.asdict(f)
    cost = sorted(({**c, "index": cost_order[c["index"]]} for c in d["cost_lines"]), key=lambda c: c["index"])
    d["cost_lines"] = cost
    d["cycle_lines"] = sorted(cost_order[i] for i in d["cycle_lines"])
    d["ignored_equipment_lines"] = sorted(cost_order[i] for i in d["ignored_equipment_lines"])
    d["equipment_lines"] = sorted(({**e, "index": equipment_order[e["index"]]} for e in d["equipment_lines"]),
                                  key=lambda e: e["index"])
    d["tenants"] = sorted(d["tenants"], key=lambda t: t["tenant_id"])
    return d


def _order_keeping_basis_free_equipment(costs: list, order: list[int]) -> list[int]:
    """The order, with the basis-free equipment lines put back in their own relative order (the FIRST one
    carries the equipment: their order is meaningful)."""
    carriers = [i for i in range(len(costs)) if _is_carrier_like(costs[i])]
    slots = [k for k, i in enumerate(order) if i in carriers]
    order = list(order)
    for slot, i in zip(slots, carriers, strict=True):
        order[slot] = i
    return order


@SETTINGS
@given(plans(), st.data())
def test_reordering_lines_changes_no_figure(plan: Plan, data: st.DataObject) -> None:
    sc: Scenario = plan.scenario()
    rooms = data.draw(st.permutations(range(len(sc.rooms))))
    equipment = data.draw(st.permutations(range(len(sc.equipment))))
    costs = _order_keeping_basis_free_equipment(sc.costs, data.draw(st.permutations(range(len(sc.costs)))))
    services = data.draw(st.permutations(range(len(sc.running.services))))
    other = copy.deepcopy(plan)
    osc = other.scenario()
    osc.rooms = _permute(osc.rooms, rooms)
    osc.equipment = _permute(osc.equipment, equipment)
    osc.costs = _permute(osc.costs, costs)
    osc.running.services = _permute(osc.running.services, services)
    identity_c, identity_e = list(range(len(sc.costs))), list(range(len(sc.equipment)))
    assert _normalised(compute(other), costs, equipment) == _normalised(compute(plan), identity_c, identity_e)


@SETTINGS
@given(plans(), st.data())
def test_reordering_tenants_changes_no_tenant_figure(plan: Plan, data: st.DataObject) -> None:
    sc = plan.scenario()
    other = copy.deepcopy(plan)
    other.scenario().tenants = _permute(other.scenario().tenants, data.draw(st.permutations(range(len(sc.tenants)))))
    f1, f2 = compute(plan), compute(other)
    identity_c, identity_e = list(range(len(sc.costs))), list(range(len(sc.equipment)))
    d1, d2 = _normalised(f1, identity_c, identity_e), _normalised(f2, identity_c, identity_e)
    # The three remainders are Σ over the tenants in their list order: equal to 28 digits, not to the last one.
    for name, scale in (("vacancy_cost", f1.annual_cost_total), ("vacant_net_m2", f1.net_m2),
                        ("vacant_gross_m2", f1.gross_m2)):
        assert _close(d1.pop(name), d2.pop(name), scale), name
    assert d1 == d2


# --- exactness: the engine's figures are the exact values rounded once ---------------------------------------


@SETTINGS
@given(plans(min_tenants=1))
def test_space_rent_is_allocated_gross_times_rate(plan: Plan) -> None:
    f = compute(plan)
    for t in f.tenants:
        # Each figure is its exact value rounded once: the product of the rounded ones is within a few units
        # of the 28th digit.
        assert _close(t.allocated_gross_m2 * f.rent_per_gross_m2, t.space_rent, f.annual_cost_total)
