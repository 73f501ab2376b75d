"""Repairs of issue 14.4 computed by the core, by hand: a new tenant's part of agreed shares, the spread over
the years fitted to the project's years (only years above 0 % count), a tenant id made from its name, and the
repayment tick (own money the rent does not repay is left out of the rent; a loan always counts)."""

from __future__ import annotations

from decimal import Decimal as D

from planners import guide
from planners.checks.findings import run_checks
from planners.figures.engine import compute
from planners.figures.repairs import fitted_spread, fitted_spreads, free_tenant_id, include_new_tenant
from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    FinancingLine,
    FinancingSource,
    RoomLine,
    RoomType,
    Service,
    Tenant,
    TenantKind,
)


def _scenario_with_shares():  # noqa: ANN202
    plan = guide.empty_plan("Prøve", 2027)
    sc = plan.scenarios[0]
    sc.tenants = [Tenant("a", "A", TenantKind.GP_PRACTICE, clinicians=D(2)),
                  Tenant("b", "B", TenantKind.MIDWIFE, clinicians=D(1)),
                  Tenant("ny", "Ny", TenantKind.DIETITIAN, clinicians=D(1))]  # fmt: skip
    sc.rooms = [RoomLine(RoomType.WAITING, D(40), label="Venteværelse",
                         shared=Allocation(AllocationKey.CUSTOM, {"a": D(60), "b": D(40)})),
                RoomLine(RoomType.MEETING, D(20), label="Mødelokale",
                         shared=Allocation(AllocationKey.CUSTOM, {"a": D(50), "b": D(30)}))]  # fmt: skip
    sc.running.services = [Service("Reception", D(1000), Allocation(AllocationKey.CUSTOM, {"a": D(100)})),
                           Service("IT", D(1000), Allocation(AllocationKey.AREA))]  # fmt: skip
    return plan, sc


def test_a_new_tenant_gets_an_equal_part_of_every_split_that_sums_to_100() -> None:
    _plan, sc = _scenario_with_shares()
    fixes = include_new_tenant(sc, "ny")
    # The waiting room (60/40 = 100) and the reception (100) change; the meeting room (80 %) and the area key do not.
    assert [(f.kind, f.index, f.name) for f in fixes] == [("room", 0, "Venteværelse"), ("service", 0, "Reception")]
    # By hand: two tenants share → each keeps 2/3 of its part: 60·2/3 = 40, 40·2/3 = 26,666… → 26,67; the new
    # tenant takes the rest, 100 − 66,67 = 33,33 (one third, rounded).
    assert fixes[0].shared.shares == {"a": D("40.00"), "b": D("26.67"), "ny": D("33.33")}
    # One tenant shares → 100·1/2 = 50 each.
    assert fixes[1].shared.shares == {"a": D("50.00"), "ny": D("50.00")}
    assert all(sum(f.shared.shares.values()) == 100 for f in fixes)
    # A tenant already in a split is left alone.
    sc.rooms[0].shared = Allocation(AllocationKey.CUSTOM, {"a": D(60), "b": D(30), "ny": D(10)})
    assert [f.index for f in include_new_tenant(sc, "ny") if f.kind == "room"] == []


def test_the_spread_is_fitted_to_the_project_years() -> None:
    years = [2027, 2028, 2029]
    # 2026 at 0 % is dropped; 2030 moves to 2029 (the last year); 60 + 20 = 80 → 75 % and 25 %.
    assert fitted_spread({2026: D(0), 2027: D(60), 2030: D(20)}, years) == {2027: D("75.00"), 2029: D("25.00")}
    # Before the first year: onto the first; a year inside the span but not a project year: the one before it.
    assert fitted_spread({2025: D(50), 2029: D(50)}, years) == {2027: D(50), 2029: D(50)}
    assert fitted_spread({2027: D(50), 2029: D(50)}, [2027, 2029]) == {2027: D(50), 2029: D(50)}
    assert fitted_spread({2028: D(40)}, [2027, 2029]) == {2027: D(100)}
    # Thirds: 100/3 → 33,33 and 33,33, the last year takes 33,34.
    assert fitted_spread({2027: D(1), 2028: D(1), 2029: D(1)}, years) == {2027: D("33.33"), 2028: D("33.33"),
                                                                          2029: D("33.34")}  # fmt: skip
    assert fitted_spread({2027: D(0)}, years) == {}  # nothing left: spread evenly (an empty spread)


def test_only_years_above_0_count_and_one_fix_covers_every_line() -> None:
    plan = guide.empty_plan("Prøve", 2027)  # years 2027 and 2028
    sc = plan.scenarios[0]
    sc.costs = [CostLine(CostCategory.CONSTRUCTION, "Byggeri", amount=D(1000), spread={2026: D(0), 2027: D(100)}),
                CostLine(CostCategory.CONSULTANCY, "Rådgivning", amount=D(100), spread={2027: D(50), 2029: D(50)}),
                CostLine(CostCategory.OTHER, "Andet", amount=D(100), spread={2027: D(30), 2028: D(30)})]  # fmt: skip
    codes = [(f.code, f.ref.index) for f in run_checks(plan, sc, compute(plan, sc.name))
             if f.code.startswith("spread")]  # fmt: skip
    # The first line's 2026 is at 0 %: not a year used, no finding (it was one before issue 14.4).
    assert ("spread_year_outside", 0) not in codes
    assert ("spread_year_outside", 1) in codes and ("spread_not_100", 2) in codes
    fixes = fitted_spreads(sc, plan.years)
    assert [f.index for f in fixes] == [1, 2]
    assert fixes[0].spread == {2027: D(50), 2028: D(50)} and fixes[1].spread == {2027: D(50), 2028: D(50)}
    for fix in fixes:
        sc.costs[fix.index].spread = fix.spread
    assert not [f for f in run_checks(plan, sc, compute(plan, sc.name)) if f.code.startswith("spread")]


def test_a_tenant_id_is_made_from_its_name() -> None:
    assert free_tenant_id("Fysioterapi Nord", set()) == "fysioterapi_nord"
    assert free_tenant_id("Fysioterapi Nord", {"fysioterapi_nord"}) == "fysioterapi_nord_2"
    assert free_tenant_id("Læger (kopi)", set()) == "læger_kopi"
    assert free_tenant_id("…", set()) == "lejer"


def test_own_money_or_a_loan_the_rent_does_not_repay_is_left_out_of_the_rent() -> None:
    plan = guide.empty_plan("Prøve", 2027)
    sc = plan.scenarios[0]
    sc.tenants = [Tenant("a", "A", TenantKind.GP_PRACTICE, clinicians=D(2))]
    sc.rooms = [RoomLine(RoomType.CONSULTATION, D(100), tenant="a")]
    sc.costs = [CostLine(CostCategory.CONSTRUCTION, "Byggeri", amount=D(1_500_000))]
    own = FinancingLine(FinancingSource.OWN_PRACTICE, D(1_000_000), interest_pct=D(0), years=10, repaid_by_rent=True)
    loan = FinancingLine(FinancingSource.LOAN, D(500_000), interest_pct=D(0), years=5)
    sc.financing = [own, loan]
    # By hand, at 0 % interest an annuity is P / n: 1.000.000 / 10 = 100.000 and 500.000 / 5 = 100.000 a year.
    assert compute(plan, sc.name).capital_cost == D(200_000)
    own.repaid_by_rent = False  # the tick taken off: the own money is not paid back by the rent
    assert compute(plan, sc.name).capital_cost == D(100_000)
    # A loan is ticked by default; with its tick taken off it leaves the rent too (issue 14.4).
    assert loan.repaid_by_rent and loan.is_repaid
    loan.repaid_by_rent = False
    assert compute(plan, sc.name).capital_cost == D(0) and not loan.is_repaid
