"""Plans with time lines for the annex's yearly sheet (issue 17.4): the bundled templates given time lines, and a
hypothesis strategy that gives a generated plan one (phased rooms, move-ins and move-outs, indexed rent and
running costs, market rents per tenant, per m² and by default, annuity, serial and interest-only loans, loans
starting later, cost lines in phases, financing given for a year, both splits and every rent basis)."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal as D

from hypothesis import strategies as st

from planners.model import Plan, Scenario
from planners.model.timeline import (
    CostSplit,
    FinancingYear,
    LoanTerms,
    MarketRentDefault,
    Phase,
    RentBasis,
    Repayment,
    TenantTerms,
    TimeLine,
)
from tests.planners.annex_plans import templates


def steady(plan: Plan) -> Plan:
    """The plan with a time line that changes nothing but adds a present value: every scenario's first year must
    equal today's steady-state figures."""
    out = copy.deepcopy(plan)
    for sc in out.scenarios:
        sc.timeline = TimeLine(discount_pct=D("5.5"), discount_source="LCCbyg")
    return out


def phased(plan: Plan) -> Plan:
    """Every scenario: the second half of the tenants move in from the third year, the last room comes in a
    phase from the second year, rents indexed 2 %, running costs 1,5 %, market rent by default, a serial loan
    and two interest-only years on the first repaid line, Sæby split on every other scenario."""
    out = copy.deepcopy(plan)
    for s, sc in enumerate(out.scenarios):
        first = max(out.years) + 1
        tenants = [TenantTerms(t.id, move_in=first + 2) for t in sc.tenants[len(sc.tenants) // 2:]]
        if sc.tenants:
            tenants.append(TenantTerms(sc.tenants[0].id, market_total=D("375000")))
        repaid = [i for i, f in enumerate(sc.financing) if f.is_repaid]
        loans = [LoanTerms(i, Repayment.SERIAL if k % 2 else Repayment.ANNUITY, 2 if k == 0 else 0)
                 for k, i in enumerate(repaid)]
        sc.timeline = TimeLine(
            rent_index_pct=D(2), rent_index_source="nettoprisindeks, skøn", running_index_pct=D("1.5"),
            discount_pct=D("5.5"), rent_basis=list(RentBasis)[s % 3],
            cost_split=CostSplit.LEASE_AREA if s % 2 else CostSplit.KEYS,
            tenants=tenants, loans=loans,
            phases=[Phase("Etape 2", first + 1, [len(sc.rooms) - 1])] if sc.rooms else [],
        )
    out.market_rent = MarketRentDefault(D(1100), "skøn")
    return out


def dated(plan: Plan) -> Plan:
    """`phased`, and on every scenario: the last cost line built in the phase (paid in its first year), the last
    repaid line given for the phase's first year (it pays from then), the first grant given for the third
    operating year."""
    out = phased(plan)
    for sc in out.scenarios:
        first = max(out.years) + 1
        tl = sc.timeline
        if not tl.phases:
            tl.phases = [Phase("Etape 2", first + 1)]
        if sc.costs:
            tl.phases[0].costs = [len(sc.costs) - 1]
        repaid = [i for i, f in enumerate(sc.financing) if f.is_repaid]
        grants = [i for i, f in enumerate(sc.financing) if not f.is_repaid]
        tl.financing_years = ([FinancingYear(repaid[-1], tl.phases[0].first_year)] if repaid else []) + (
            [FinancingYear(grants[0], first + 2)] if grants else [])
    return out


def template_cases() -> dict[str, Plan]:
    out: dict[str, Plan] = {}
    for name, plan in templates().items():
        out[f"steady_{name}"] = steady(plan)
        out[f"phased_{name}"] = phased(plan)
    out["dated_example"] = dated(templates()["example"])
    return out


@st.composite
def with_timeline(draw: st.DrawFn, plan: Plan) -> Plan:
    """`plan` with a drawn time line on its applied scenario."""
    plan = copy.deepcopy(plan)
    sc: Scenario = plan.scenario()
    first = max(plan.years) + 1
    n_years = draw(st.integers(1, 12))
    years = st.integers(first - 1, first + n_years)
    tenants = []
    for t in sc.tenants:
        if draw(st.booleans()):
            move_in = draw(st.none() | years)
            move_out = draw(st.none() | years)
            kind = draw(st.integers(0, 2))
            tenants.append(TenantTerms(
                t.id, move_in, move_out,
                market_per_m2=draw(st.decimals(0, 3000, places=2)) if kind == 1 else None,
                market_total=draw(st.decimals(0, 10**6, places=2)) if kind == 2 else None,
            ))
    loans = []
    for i, f in enumerate(sc.financing):
        if f.is_repaid and draw(st.booleans()):
            loans.append(LoanTerms(i, draw(st.sampled_from(list(Repayment))), draw(st.integers(0, 6)),
                                   draw(st.none() | st.integers(first - 2, first + 3))))
    phases = []
    costs_left = list(range(len(sc.costs)))
    if sc.rooms:
        for k in range(draw(st.integers(0, 2))):
            rooms = draw(st.lists(st.integers(0, len(sc.rooms) - 1), max_size=3, unique=True))
            # cost lines the phase builds (each line in one phase at most)
            costs = draw(st.lists(st.sampled_from(costs_left), max_size=2, unique=True)) if costs_left else []
            costs_left = [c for c in costs_left if c not in costs]
            phases.append(Phase(f"Etape {k + 2}", draw(years), rooms, costs))
    financing_years = [FinancingYear(i, draw(years)) for i in range(len(sc.financing)) if draw(st.booleans())]
    sc.timeline = TimeLine(
        first_year=draw(st.none() | st.just(first + 1)), years=n_years,
        rent_index_pct=draw(st.decimals(0, 5, places=1)), running_index_pct=draw(st.decimals(0, 5, places=1)),
        discount_pct=draw(st.none() | st.decimals(0, 8, places=1)),
        rent_basis=draw(st.sampled_from(list(RentBasis))), cost_split=draw(st.sampled_from(list(CostSplit))),
        tenants=tenants, loans=loans, phases=phases, financing_years=financing_years,
    )
    if draw(st.booleans()):
        plan.market_rent = MarketRentDefault(draw(st.decimals(0, 3000, places=2)), "skøn")
    return plan


def replace_timeline(plan: Plan, **changes: object) -> Plan:
    out = copy.deepcopy(plan)
    sc = out.scenario()
    sc.timeline = dataclasses.replace(sc.timeline, **changes)  # type: ignore[arg-type]
    return out
