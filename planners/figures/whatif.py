"""What if? The workshop's levers applied to an in-memory copy of a scenario, and its figures against the plan's
(issue 13.3, issue 15.2). Pure: the plan and the scenario are never touched; the GUI only calls `what_if`.

The levers (`Levers`; None or zero leaves the scenario's own value):
- `gross_factor`: the scenario's gross factor.
- `construction_change_pct`: every per-m² construction rate changed by this percent (+10 = 10 % dearer).
- `grant`: the grant in total; the first grant line takes the change (further grant lines stay), and a scenario
  without a grant line gets one at the top.
- `interest_pct`: the first loan's rate (else the first own money the rent repays); every repaid line moves by
  the same step and keeps its rate relative to it (a municipality's 2 % does not become the bank's 3,5 %).
  Never below 0 %.
- `loan_years`: the first repaid line's term; every repaid line with a term moves by the same step (at least
  one year).
- `running_per_m2`: the running rates' total per gross m² a year; each rate keeps its part of the total (the
  last rate takes the remainder, so the total is exact); where every rate is 0, all of it is utilities.
- `shared_key`: the allocation key of every shared room (area, headcount or equal; a custom key's shares are
  dropped).
- `balance`: keep financing where it stood against the establishment total (balanced stays balanced; an
  existing gap is kept) by putting the change on the balancing line; `settle` instead puts the WHOLE difference
  on it, so financing equals the establishment total exactly ("Udlign finansieringen",
  `planners.figures.balance`). The balancing line is `balance_line` (an index into the scenario's own
  financing lines), else the first loan, else the first own
  money the rent repays, else the first own money. A balancing line never goes below 0 kr. (`balance`);
  `settle` refuses that with a `PlanError`.

`what_if` returns the copy, its figures and the plan's, the whole-house key figures with their differences,
and for every tenant the cost a year and a month, against the plan and against today's rent.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, localcontext
from fractions import Fraction

from planners.figures.balance import balancing_amount_for
from planners.figures.engine import compute
from planners.figures.space import EXACT
from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    FinancingLine,
    FinancingSource,
    Plan,
    RunningRate,
    Scenario,
)
from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)
from planners.model.i18n import translate
from planners.model.money import CONTEXT, dsum, exact_sub, to_decimal
from planners.model.prebuilt import dataclass
from planners.model.results import ScenarioFigures

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MONTHS = 12
GRANT_LINE_TEXT = "Tilskud fra puljen"  # the text of a grant line the lever adds (Danish; stored as typed)


@dataclass(frozen=True)
class Levers:
    """The assumptions the workshop sets. None (or 0 %) leaves the scenario's own value."""

    gross_factor: Decimal | None = None
    construction_change_pct: Decimal = ZERO
    grant: Decimal | None = None
    interest_pct: Decimal | None = None
    loan_years: int | None = None
    running_per_m2: Decimal | None = None
    shared_key: AllocationKey | None = None
    balance: bool = True
    settle: bool = False
    balance_line: int | None = None


# --- the scenario's own values (what a lever starts from) -----------------------------------------------------


def grant_total(scenario: Scenario) -> Decimal:
    return dsum(f.amount for f in scenario.financing if f.source is FinancingSource.GRANT)


def construction_rate(scenario: Scenario) -> Decimal | None:
    """The first per-m² construction rate (what the lever shows), None where there is none."""
    return next((c.per_m2 for c in scenario.costs if c.category is CostCategory.CONSTRUCTION
                 and c.per_m2 is not None), None)  # fmt: skip


def changed_rate(rate: Decimal, change_pct: Decimal) -> Decimal:
    """`rate` changed by `change_pct` percent (what the construction lever makes of a per-m² rate)."""
    return CONTEXT.divide(CONTEXT.multiply(rate, CONTEXT.add(HUNDRED, change_pct)), HUNDRED)


def _repaid(scenario: Scenario) -> list[FinancingLine]:
    """Loans first, then own money the rent repays: the lines whose terms the interest and term levers show."""
    lines = [f for f in scenario.financing if f.source is FinancingSource.LOAN and f.is_repaid]
    return lines + [f for f in scenario.financing if f.source.is_own and f.is_repaid]


def interest_rate(scenario: Scenario) -> Decimal | None:
    """The interest of the first loan (else of the first own money the rent repays)."""
    lines = _repaid(scenario)
    return lines[0].interest_pct if lines else None


def loan_years(scenario: Scenario) -> int | None:
    """The term of the first loan with a term (else of the first own money the rent repays)."""
    return next((f.years for f in _repaid(scenario) if f.years is not None), None)


def running_total(scenario: Scenario) -> Decimal:
    """The running rates' total per gross m² a year."""
    return dsum(scenario.running.per_gross_m2.values())


def shared_key(scenario: Scenario) -> AllocationKey | None:
    """The key every shared room uses, None where they differ or there is no shared room."""
    keys = {r.shared.key for r in scenario.rooms if r.shared is not None}
    return keys.pop() if len(keys) == 1 else None


def balancing_index(scenario: Scenario) -> int | None:
    """The financing line that takes up a difference: the first loan, else own money the rent repays, else own."""
    tests: tuple[Callable[[FinancingLine], bool], ...] = (
        lambda f: f.source is FinancingSource.LOAN,
        lambda f: f.source.is_own and f.repaid_by_rent,
        lambda f: f.source.is_own,
    )
    for test in tests:
        for i, f in enumerate(scenario.financing):
            if test(f):
                return i
    return None


def changes_anything(scenario: Scenario, levers: Levers) -> bool:
    """Whether the levers differ from the scenario's own values (an untouched lever changes nothing)."""
    return (levers.gross_factor not in (None, scenario.gross_factor) or bool(levers.construction_change_pct)
            or levers.grant not in (None, grant_total(scenario))
            or levers.interest_pct not in (None, interest_rate(scenario))
            or levers.loan_years not in (None, loan_years(scenario))
            or levers.running_per_m2 not in (None, running_total(scenario))
            or (levers.shared_key is not None and levers.shared_key is not shared_key(scenario))
            or levers.settle)  # fmt: skip


# --- the copy -------------------------------------------------------------------------------------------------


def _scaled_rates(rates: dict[RunningRate, Decimal], total: Decimal) -> dict[RunningRate, Decimal]:
    """Each rate keeping its part of the new `total`; the last non-zero rate takes the remainder (exact)."""
    old = dsum(rates.values())
    out = dict.fromkeys(rates, ZERO)
    if not old:
        out[RunningRate.UTILITIES] = total
        return out
    nonzero = [r for r, v in rates.items() if v]
    given = ZERO
    for r in nonzero[:-1]:
        out[r] = to_decimal(Fraction(rates[r]) * Fraction(total) / Fraction(old))
        given = CONTEXT.add(given, out[r])
    out[nonzero[-1]] = exact_sub(total, given)
    return out


def what_if_scenario(plan: Plan, scenario: Scenario, levers: Levers,
                     plan_figures: ScenarioFigures | None = None) -> Scenario:
    """A deep copy of `scenario` with the levers applied (the plan and the scenario are not touched).
    `plan_figures`: the scenario's own figures where the caller has them (saves computing them again)."""
    import copy  # here: the levers are the workshop's, and this module is imported at start (`SharedSpace`)

    s = copy.deepcopy(scenario)
    added = 0  # lines added at the top of the financing (`balance_line` counts the scenario's own lines)
    if levers.gross_factor is not None:
        s.gross_factor = levers.gross_factor
    if levers.construction_change_pct:
        change = levers.construction_change_pct
        s.costs = [dataclasses.replace(c, per_m2=changed_rate(c.per_m2, change))
                   if c.category is CostCategory.CONSTRUCTION and c.per_m2 is not None else c
                   for c in s.costs]  # fmt: skip
    if levers.grant is not None:
        grants = [i for i, f in enumerate(s.financing) if f.source is FinancingSource.GRANT]
        if grants:
            # The first grant line takes the change; any further grant lines stay as they are.
            others = dsum(s.financing[i].amount for i in grants[1:])
            first = grants[0]
            s.financing[first] = dataclasses.replace(s.financing[first],
                                                     amount=max(ZERO, exact_sub(levers.grant, others)))
        elif levers.grant > 0:
            s.financing.insert(0, FinancingLine(FinancingSource.GRANT, levers.grant, text=GRANT_LINE_TEXT))
            added = 1
    first_rate = interest_rate(scenario)
    if levers.interest_pct is not None and first_rate is not None:
        step = exact_sub(levers.interest_pct, first_rate)
        s.financing = [dataclasses.replace(f, interest_pct=max(ZERO, CONTEXT.add(f.interest_pct, step)))
                       if f.is_repaid else f for f in s.financing]  # fmt: skip
    first_years = loan_years(scenario)
    if levers.loan_years is not None and first_years is not None:
        years_step = levers.loan_years - first_years
        s.financing = [dataclasses.replace(f, years=max(1, f.years + years_step))
                       if f.is_repaid and f.years is not None else f for f in s.financing]  # fmt: skip
    if levers.running_per_m2 is not None and levers.running_per_m2 != running_total(scenario):
        s.running.per_gross_m2 = _scaled_rates(s.running.per_gross_m2, levers.running_per_m2)
    if levers.shared_key is not None:
        s.rooms = [dataclasses.replace(r, shared=Allocation(levers.shared_key)) if r.shared is not None else r
                   for r in s.rooms]  # fmt: skip
    at = levers.balance_line + added if levers.balance_line is not None else balancing_index(s)
    if at is not None and not 0 <= at < len(s.financing):
        at = None
    if levers.settle and at is not None:
        s.financing[at] = dataclasses.replace(s.financing[at], amount=balancing_amount_for(plan, s, at))
    elif levers.balance and at is not None:
        before = plan_figures if plan_figures is not None else compute(plan, scenario)
        after = compute(plan, s)
        # Keep the gap the plan already had (zero in a balanced plan): only the levers' change moves the line.
        change = exact_sub(exact_sub(after.establishment_total, after.financing_total), -before.financing_difference)
        amount = exact_sub(s.financing[at].amount, -change)
        s.financing[at] = dataclasses.replace(s.financing[at], amount=max(ZERO, amount))
    return s


# --- the result -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TenantWhatIf:
    """What one tenant pays in the what-if, against the plan and against today's rent (None: no rent today)."""

    tenant_id: str
    name: str
    annual: Decimal
    monthly: Decimal
    plan_annual: Decimal
    plan_monthly: Decimal
    change_annual: Decimal  # what-if − plan
    change_monthly: Decimal
    current_annual: Decimal | None
    current_monthly: Decimal | None
    against_today_annual: Decimal | None  # what-if − today
    against_today_monthly: Decimal | None


@dataclass(frozen=True)
class HouseFigure:
    """One whole-house key figure: the what-if's value, the plan's and the difference."""

    key: str
    label_da: str
    unit: str  # "kr", "m2" or "pct" (a fraction)
    value: Decimal
    plan: Decimal
    difference: Decimal


@dataclass(frozen=True)
class WhatIfResult:
    levers: Levers
    scenario: Scenario  # the copy
    figures: ScenarioFigures  # of the copy
    plan_figures: ScenarioFigures  # of the scenario as it is
    house: tuple[HouseFigure, ...]
    tenants: tuple[TenantWhatIf, ...]
    changed: bool  # whether the levers differ from the scenario's own values


@dataclass(frozen=True)
class SharedSpace:
    """How much of the house is shared: shared net m², the gross m² that stands for, and its part of the net."""

    net_m2: Decimal
    gross_m2: Decimal
    share: Decimal  # a fraction of the net area (0 where the house has no rooms)


def shared_space(scenario: Scenario) -> SharedSpace:
    """The shared rooms' area (net and gross) and their share of the house (issue 15.4). The figures panel
    shows it after every edit: two exact decimal sums over the rooms (as `compute_space` sums the net), not the
    whole space with its keys and a Fraction a room (issue 19.2: 21 ms of an edit on the XL plan)."""
    with localcontext(EXACT):  # every digit kept: the sums are exact, as Fractions of each room would be
        whole = sum((r.net_m2 * r.count for r in scenario.rooms), Decimal(0))
        shared = sum((r.net_m2 * r.count for r in scenario.rooms if r.shared is not None), Decimal(0))
    return shared_space_of(whole, shared, scenario.gross_factor)


def shared_space_of(whole: Decimal, shared: Decimal, gross_factor: Decimal) -> SharedSpace:
    """`SharedSpace` from the exact net area of every room and of the shared ones (`incremental.PlanFigures`
    keeps them between edits)."""
    net = Fraction(shared)
    share = net / Fraction(whole) if whole else Fraction(0)
    return SharedSpace(to_decimal(net), to_decimal(net * Fraction(gross_factor)), to_decimal(share))


# The whole-house rows: key of ScenarioFigures (or of SharedSpace, prefixed "shared_"), Danish label, unit.
HOUSE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("gross_m2", "Bruttoareal", "m2"),
    ("shared_gross_m2", "Fællesareal (brutto)", "m2"),
    ("shared_share", "Fællesarealets andel af huset", "pct"),
    ("construction_rate", "Byggepris pr. m²", "kr"),  # only where the scenario has a per-m² construction rate
    ("establishment_total", "Anlægsudgifter i alt", "kr"),
    ("grant", "Tilskud fra puljen", "kr"),
    ("grant_share", "Tilskudsandel", "pct"),
    ("financing_difference", "Finansiering minus udgifter", "kr"),
    ("annual_cost_total", "Årlige udgifter i alt", "kr"),
    ("rent_per_gross_m2", "Husleje pr. m² med tilskud", "kr"),
    ("rent_per_gross_m2_without_grant", "Husleje pr. m² uden tilskud", "kr"),
)


def _house_value(key: str, figures: ScenarioFigures, shared: SharedSpace, scenario: Scenario) -> Decimal:
    if key == "construction_rate":
        rate = construction_rate(scenario)
        return rate if rate is not None else ZERO
    if key == "shared_gross_m2":
        return shared.gross_m2
    if key == "shared_share":
        return shared.share
    value = getattr(figures, key)
    assert isinstance(value, Decimal)
    return value


def monthly(annual: Decimal) -> Decimal:
    """An amount a year as an amount a month (the exact twelfth, rounded once to 28 digits)."""
    return to_decimal(Fraction(annual) / MONTHS)


def _tenants(figures: ScenarioFigures, plan_figures: ScenarioFigures) -> tuple[TenantWhatIf, ...]:
    before = {t.tenant_id: t for t in plan_figures.tenants}
    out = []
    for t in figures.tenants:
        p = before.get(t.tenant_id)
        plan_annual = p.total if p is not None else ZERO
        change = exact_sub(t.total, plan_annual)
        today = t.current_annual_rent
        against = exact_sub(t.total, today) if today is not None else None
        out.append(TenantWhatIf(
            tenant_id=t.tenant_id, name=t.name,
            annual=t.total, monthly=t.per_month,
            plan_annual=plan_annual, plan_monthly=p.per_month if p is not None else ZERO,
            change_annual=change, change_monthly=monthly(change),
            current_annual=today, current_monthly=monthly(today) if today is not None else None,
            against_today_annual=against, against_today_monthly=monthly(against) if against is not None else None,
        ))  # fmt: skip
    return tuple(out)


def what_if(plan: Plan, scenario: Scenario, levers: Levers, plan_figures: ScenarioFigures | None = None
            ) -> WhatIfResult:
    """The levers applied to a copy of `scenario`: its figures, the whole house's and every tenant's, against
    the plan (`plan_figures`: the scenario's own figures where the caller has them already)."""
    base = plan_figures if plan_figures is not None else compute(plan, scenario)
    copy_ = what_if_scenario(plan, scenario, levers, base)
    figures = compute(plan, copy_)
    shared_now, shared_then = shared_space(scenario), shared_space(copy_)
    house = []
    for key, label, unit in HOUSE_ROWS:
        if key == "construction_rate" and construction_rate(scenario) is None:
            continue
        value = _house_value(key, figures, shared_then, copy_)
        before = _house_value(key, base, shared_now, scenario)
        house.append(HouseFigure(key, label, unit, value, before, exact_sub(value, before)))
    return WhatIfResult(levers, copy_, figures, base, tuple(house), _tenants(figures, base),
                        changes_anything(scenario, levers))


def label(row: HouseFigure, lang: str = "da") -> str:
    """A whole-house row's label in `lang`."""
    return translate(row.label_da, lang)


# --- a lever's scale (the panel's sliders move in whole steps; typed values are kept exactly) --------------------


def to_steps(value: Decimal, unit: Decimal) -> int:
    """The slider position nearest `value` in steps of `unit` (half away from zero)."""
    return int(CONTEXT.divide(value, unit).to_integral_value())


def from_steps(steps: int, unit: Decimal) -> Decimal:
    """The value of a slider position: `steps` × `unit`, exact."""
    return CONTEXT.multiply(Decimal(steps), unit)


def percent_of(amount: Decimal, pct: Decimal) -> Decimal:
    """`pct` percent of `amount` ("50 %" typed into the grant's field halves the scenario's grant), exact."""
    return to_decimal(Fraction(amount) * Fraction(pct) / 100)
