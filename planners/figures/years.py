"""The rent over the years (issue 17.2–17.3): per operating year, each tenant's cost rent, market rent and rent
charged, and the owner's income, running costs, capital costs per loan, vacancy, surplus and cash balance; and a
present value at a chosen discount rate. Exact rationals inside, `Decimal` out (`planners.model.yearly`).

Rules (docs/years.md says the same for a reader):
- Operating years: `TimeLine.first_year` (default: the year after the plan's last project year) for
  `TimeLine.years` years (default: the longest repaid loan, else KommuneKredit's normal maximum of 25 years).
- A tenant is in the house from its move-in year (default the first) to its move-out year (its last year,
  inclusive; default the end). A room of a phase is in use from the phase's first year; before that it neither
  costs running costs nor counts in any area. A dedicated room of a tenant not in the house is vacant; shared
  rooms, equipment and services are split over the tenants in the house by their keys (so a custom share of an
  absent tenant falls to the owner), and equipment dedicated to an absent tenant is the owner's cost.
- Capital cost: every repaid financing line (as the steady-state engine), paid from its first year (default the
  first operating year) over its `years`: first `interest_only_years` of interest only, then annuity or serial
  repayment over the rest of the term. An annuity without interest-only years pays exactly the steady-state
  annuity every year of its term, and nothing after it.
- Index: running costs, equipment service and services grow by the running index, (1 + i)^k in year k (k = 0 the
  first operating year: the rates entered are that year's prices); market rents by the rent index; capital costs
  are not indexed. Cost rent follows the year's costs, so under the cost basis Σ rents + vacancy = the year's costs.
- Sæby split (`CostSplit.LEASE_AREA`): shared rooms by basis area (the area key: dedicated net m²), shared
  equipment and services by each tenant's lease area over the whole gross area in use (the vacant part falls to
  the owner).
- Present value: Σ amount_k / (1 + d)^(k + 1), amounts at the end of each year, discounted to the start of the
  first operating year.
- Establishment in the operating years: a cost line in a phase is paid in the phase's first year; a financing
  line given for a year (`FinancingYear`: a grant's year, a loan's payout) is received in that year, whole. A
  repaid line given for an operating year starts its payments that year (its `LoanTerms.first_year` still
  rules where set) and is owed from then on: the capital cost of what a phase builds starts with the phase when
  its loan is given for the phase's first year. The cash balance starts at the opening balance (establishment
  of the operating years − financing of the operating years: what the project years fronted or hold) and each
  year changes by income − costs + financing received − establishment paid. Lines in no phase and financing
  without a year are the project years', as before (opening balance 0).
With no phases, no moves, no indexing, annuities only and the split by keys, the first year equals the
steady-state figures of `planners.figures.engine.compute`.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from planners.figures.choice import select_scenario as _select
from planners.figures.establishment import compute_establishment
from planners.figures.market import charged_space, market_rent
from planners.figures.rent import annuity, compute_annual
from planners.figures.space import Keys, compute_space
from planners.model import Allocation, AllocationKey, CostCategory, Plan, Scenario, Tenant
from planners.model.money import CONTEXT, dsum, exact_sub, to_decimal
from planners.model.prebuilt import dataclass, replace
from planners.model.timeline import KOMMUNEKREDIT_MAX_YEARS, CostSplit, Repayment, TimeLine
from planners.model.yearly import LoanYear, PresentValues, TenantYear, YearFigures, YearsFigures

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import Any

_ZERO = Fraction(0)
_HUNDRED = Fraction(100)


def operating_years(plan: Plan, scenario: Scenario) -> tuple[int, int]:
    """(first, last) operating year of the scenario."""
    tl = scenario.timeline
    first = tl.first_year if tl.first_year is not None else (max(plan.years) + 1 if plan.years else 1)
    count = tl.years
    if count is None or count <= 0:
        terms = [f.years for f in scenario.financing if f.is_repaid and f.years and f.years > 0]
        count = max(terms) if terms else KOMMUNEKREDIT_MAX_YEARS
    return first, first + count - 1


@dataclass
class _LoanSchedule:
    line: int
    payment: dict[int, tuple[Fraction, Fraction, Fraction]]  # year → (interest, repayment, balance after)
    given: int | None = None  # the year the line is given for (None: the project years)


def loan_schedule(principal: Fraction, interest_pct: Fraction, years: int, repayment: Repayment,
                  interest_only_years: int, first_year: int) -> dict[int, tuple[Fraction, Fraction, Fraction]]:
    """Year → (interest, repayment, balance at the end of the year), exact, for the whole term."""
    out: dict[int, tuple[Fraction, Fraction, Fraction]] = {}
    if years <= 0:
        return out
    r = interest_pct / _HUNDRED
    io = max(0, min(interest_only_years, years))
    rest = years - io
    payment = annuity(principal, interest_pct, rest) if rest else _ZERO
    balance = principal
    for j in range(years):
        interest = balance * r
        if j < io:
            repaid = _ZERO if rest else (balance if j == years - 1 else _ZERO)  # all interest-only: a bullet
        elif repayment is Repayment.SERIAL:
            repaid = principal / rest
        else:
            repaid = payment - interest
        balance -= repaid
        out[first_year + j] = (interest, repaid, balance)
    return out


def _present(tenant: Tenant, tl: TimeLine, year: int, first: int) -> bool:
    terms = tl.tenant_terms(tenant.id)
    move_in = terms.move_in if terms is not None and terms.move_in is not None else first
    move_out = terms.move_out if terms is not None else None
    return move_in <= year and (move_out is None or year <= move_out)


def scenario_in_year(scenario: Scenario, year: int, first: int) -> tuple[Scenario, list[bool]]:
    """The scenario as it stands in `year`: the tenants in the house, the rooms in use (a dedicated room of an
    absent tenant vacant), and which of the scenario's tenants are present."""
    tl = scenario.timeline
    present = [_present(t, tl, year, first) for t in scenario.tenants]
    ids = {t.id for t, p in zip(scenario.tenants, present, strict=True) if p}
    later = {i for ph in tl.phases if ph.first_year > year for i in ph.rooms}
    rooms = []
    for i, room in enumerate(scenario.rooms):
        if i in later:
            continue
        if room.tenant is not None and room.tenant not in ids:
            room = replace(room, tenant=None, vacant=True)
        if room.shared is not None and tl.cost_split is CostSplit.LEASE_AREA:
            room = replace(room, shared=Allocation(AllocationKey.AREA))  # common area by basis area (Sæby)
        rooms.append(room)
    tenants = [t for t, p in zip(scenario.tenants, present, strict=True) if p]
    return replace(scenario, tenants=tenants, rooms=rooms), present


def cost_line_amounts(plan: Plan, sc: Scenario) -> list[Fraction]:
    """Each cost line's amount, exact (as the establishment budget counts it: the basis-free equipment line
    stands for the equipment bought in the project, a line in a cycle or ignored counts 0)."""
    space, keys = compute_space(sc)
    annual = compute_annual(sc, keys)
    est = compute_establishment(sc.costs, plan.years, space.gross, annual.equipment_in_project)
    out = [_ZERO] * len(sc.costs)
    for amount in est.lines:
        out[amount.index] = Fraction(amount.amount) / est.scale
        line = sc.costs[amount.index]
        carrier = line.category is CostCategory.EQUIPMENT and not line.has_basis and not amount.ignored
        if carrier and not out[amount.index]:
            out[amount.index] = Fraction(annual.equipment_in_project)
    return out


def dated_money(plan: Plan, sc: Scenario) -> tuple[dict[int, Fraction], dict[int, Fraction]]:
    """(establishment paid, financing received) by year: the cost lines of each phase in its first year, each
    financing line in the year it is given for. Years of the project (before operation) included."""
    tl = sc.timeline
    paid: dict[int, Fraction] = {}
    if any(ph.costs for ph in tl.phases):
        amounts = cost_line_amounts(plan, sc)
        for i, amount in enumerate(amounts):
            phase = tl.cost_phase(i)
            if phase is not None:
                paid[phase.first_year] = paid.get(phase.first_year, _ZERO) + amount
    received: dict[int, Fraction] = {}
    for i, line in enumerate(sc.financing):
        year = tl.financing_year(i)
        if year is not None:
            received[year] = received.get(year, _ZERO) + Fraction(line.amount)
    return paid, received


def _lease_area_parts(sub: Scenario, keys: Keys, weights: list[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    """Equipment and services by the Sæby key: dedicated equipment to its tenant, everything shared by lease area
    over the whole gross area in use (`weights`, each tenant's share; the rest is the owner's)."""
    n = len(keys.ids)
    equipment = [_ZERO] * n
    shared = _ZERO
    for line in sub.equipment:
        per_unit = Fraction(line.annual_service)
        if not line.in_project:
            per_unit += Fraction(line.unit_price) / Fraction(line.lifetime_years)
        cost = line.quantity * per_unit
        if line.shared is not None:
            shared += cost
        elif line.tenant is not None and line.tenant in keys.index:
            equipment[keys.index[line.tenant]] += cost
    services = sum((Fraction(s.annual) for s in sub.running.services), _ZERO)
    return ([e + shared * w for e, w in zip(equipment, weights, strict=True)], [services * w for w in weights])


def compute_years(plan: Plan, scenario: Scenario | str | None = None) -> YearsFigures:
    """The yearly series of one scenario (the one given, named, or applied for)."""
    sc = _select(plan, scenario)
    tl = sc.timeline
    first, last = operating_years(plan, sc)
    run_growth = 1 + Fraction(tl.running_index_pct) / _HUNDRED
    rent_growth = 1 + Fraction(tl.rent_index_pct) / _HUNDRED
    discount = 1 + Fraction(tl.discount_pct) / _HUNDRED if tl.discount_pct is not None else None
    running_rates = sum((Fraction(v) for v in sc.running.per_gross_m2.values()), _ZERO)

    schedules: list[_LoanSchedule] = []
    for i, line in enumerate(sc.financing):
        if not line.is_repaid:
            continue
        terms = tl.loan_terms(i)
        given = tl.financing_year(i)
        start = max(first, given) if given is not None else first  # a loan given for a later year pays from it
        schedules.append(_LoanSchedule(i, loan_schedule(
            Fraction(line.amount), Fraction(line.interest_pct), line.years or 0,
            terms.repayment if terms else Repayment.ANNUITY,
            terms.interest_only_years if terms else 0,
            terms.first_year if terms and terms.first_year is not None else start,
        ), given))

    paid, received = dated_money(plan, sc)
    opening = (sum((v for y, v in paid.items() if y >= first), _ZERO)
               - sum((v for y, v in received.items() if y >= first), _ZERO))

    rows: list[YearFigures] = []
    cash = opening
    pv_income = pv_cost = pv_surplus = _ZERO
    pv_tenants = [_ZERO] * len(sc.tenants)
    shapes: dict[tuple[object, ...], tuple[Any, Any, tuple[list[Fraction], list[Fraction]]]] = {}
    for k, year in enumerate(range(first, last + 1)):
        sub, present = scenario_in_year(sc, year, first)
        # The same tenants and rooms give the same areas and splits: computed once per distinct year shape.
        shape = (tuple(present), len(sub.rooms), tuple(r.vacant for r in sub.rooms))
        if shape not in shapes:
            space, keys = compute_space(sub)
            annual = compute_annual(sub, keys)
            if tl.cost_split is CostSplit.LEASE_AREA:
                weights = [a / space.net if space.net else _ZERO for a in space.allocated]
                parts = _lease_area_parts(sub, keys, weights)
            else:
                parts = (annual.equipment_parts, annual.services_parts)
            shapes[shape] = (space, annual, parts)
        space, annual, (equipment_parts, services_parts) = shapes[shape]
        gross = space.gross
        run_index = run_growth ** k
        rent_index = rent_growth ** k

        loans = []
        capital_q = _ZERO
        for sched in schedules:
            interest, repaid, balance = sched.payment.get(year, (_ZERO, _ZERO, None))
            if balance is None:  # before the first payment the whole loan is owed, after the term nothing
                starts = min(sched.payment) if sched.payment else year
                received_by_now = sched.given is None or sched.given <= year  # not owed before it is given
                balance = (Fraction(sc.financing[sched.line].amount) if year < starts and received_by_now
                           else _ZERO)
            capital_q += interest + repaid
            loans.append(LoanYear(sched.line, to_decimal(interest + repaid), to_decimal(interest),
                                  to_decimal(repaid), to_decimal(balance)))
        running_q = running_rates * gross * run_index
        rate = (capital_q + running_q) / gross if gross else _ZERO

        equipment_q = annual.equipment_total * run_index
        services_q = annual.services_total * run_index

        capital = to_decimal(capital_q)
        running = to_decimal(running_q)
        equipment = to_decimal(equipment_q)
        services = to_decimal(services_q)
        total = CONTEXT.add(CONTEXT.add(CONTEXT.add(capital, running), equipment), services)

        tenants: list[TenantYear] = []
        income_q = _ZERO
        j = 0  # position among the tenants present
        for i, t in enumerate(sc.tenants):
            if not present[i]:
                tenants.append(TenantYear(t.id, False, Decimal(0), Decimal(0), Decimal(0), Decimal(0),
                                          Decimal(0), None, Decimal(0), Decimal(0)))
                continue
            lease_q = space.allocated[j] * space.gross_factor
            space_q = lease_q * rate
            eq_q = equipment_parts[j] * run_index
            sv_q = services_parts[j] * run_index
            j += 1
            market_q = market_rent(plan, tl.tenant_terms(t.id), lease_q, rent_index)
            charged_q = charged_space(tl.rent_basis, space_q, market_q)
            space_d, eq_d, sv_d, charged_space_d = (to_decimal(space_q), to_decimal(eq_q), to_decimal(sv_q),
                                                    to_decimal(charged_q))
            charged_total_q = charged_q + eq_q + sv_q
            income_q += charged_total_q
            if discount is not None:
                pv_tenants[i] += charged_total_q / discount ** (k + 1)
            tenants.append(TenantYear(
                tenant_id=t.id, present=True, lease_gross_m2=to_decimal(lease_q), space_cost_rent=space_d,
                equipment_share=eq_d, services_share=sv_d,
                cost_rent=CONTEXT.add(CONTEXT.add(space_d, eq_d), sv_d),
                market_rent=to_decimal(market_q) if market_q is not None else None,
                space_charged=charged_space_d, charged=CONTEXT.add(CONTEXT.add(charged_space_d, eq_d), sv_d),
            ))
        total_q = capital_q + running_q + equipment_q + services_q
        surplus_q = income_q - total_q
        paid_q, received_q = paid.get(year, _ZERO), received.get(year, _ZERO)
        cash += surplus_q + received_q - paid_q
        factor = 1 / discount ** (k + 1) if discount is not None else None
        if factor is not None:
            pv_income += income_q * factor
            pv_cost += total_q * factor
            pv_surplus += surplus_q * factor
        income = dsum(t.charged for t in tenants)
        rows.append(YearFigures(
            year=year, gross_m2=to_decimal(gross), tenants=tenants, loans=loans, capital_cost=capital,
            running_cost=running, equipment_cost=equipment, services_cost=services, total_cost=total,
            vacancy_cost=exact_sub(total, dsum(t.cost_rent for t in tenants)),
            income=income, surplus=exact_sub(income, total), cash_balance=to_decimal(cash),
            discount_factor=to_decimal(factor) if factor is not None else None,
            establishment=to_decimal(paid_q), financing_received=to_decimal(received_q),
        ))
    pv = None
    if tl.discount_pct is not None:
        pv = PresentValues(tl.discount_pct, to_decimal(pv_income), to_decimal(pv_cost), to_decimal(pv_surplus),
                           {t.id: to_decimal(v) for t, v in zip(sc.tenants, pv_tenants, strict=True)})
    return YearsFigures(sc.name, first, last, tl.rent_basis, tl.cost_split, tl.rent_index_pct,
                        tl.running_index_pct, rows, pv, opening_balance=to_decimal(opening))


def years_dict(y: YearsFigures) -> dict[str, object]:
    """The yearly series as `summary --json` writes them (key `rent_years`; docs/years.md), unrounded."""
    pv = y.present_value
    return {
        "first_year": y.first_year,
        "last_year": y.last_year,
        "rent_basis": y.rent_basis.value,
        "cost_split": y.cost_split.value,
        "rent_index_pct": y.rent_index_pct,
        "running_index_pct": y.running_index_pct,
        "opening_balance": y.opening_balance,
        "series": [
            {
                "year": r.year, "gross_m2": r.gross_m2, "capital_cost": r.capital_cost,
                "running_cost": r.running_cost, "equipment_cost": r.equipment_cost,
                "services_cost": r.services_cost, "total_cost": r.total_cost, "vacancy_cost": r.vacancy_cost,
                "income": r.income, "surplus": r.surplus, "establishment": r.establishment,
                "financing_received": r.financing_received, "cash_balance": r.cash_balance,
                "loans": [{"line": lo.line, "payment": lo.payment, "interest": lo.interest,
                           "repayment": lo.repayment, "balance": lo.balance} for lo in r.loans],
                "tenants": [{"id": t.tenant_id, "present": t.present, "lease_gross_m2": t.lease_gross_m2,
                             "space_cost_rent": t.space_cost_rent, "equipment_share": t.equipment_share,
                             "services_share": t.services_share, "cost_rent": t.cost_rent,
                             "market_rent": t.market_rent, "space_charged": t.space_charged,
                             "charged": t.charged} for t in r.tenants],
            }  # fmt: skip
            for r in y.years
        ],
        "present_value": None if pv is None else {
            "discount_pct": pv.discount_pct, "income": pv.income, "total_cost": pv.total_cost,
            "surplus": pv.surplus, "tenants": dict(pv.tenants),
        },
    }
