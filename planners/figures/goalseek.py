"""Goal-seek (issue 15.3): the value of one what-if lever that meets a target, and the rent that covers the house.

- `grant_keeping_rent`: the grant (in total) at which a tenant pays what it pays today (its current rent).
- `construction_for_rent` / `gross_factor_for_rent`: the construction rate (as a change in percent) or the gross
  factor (the gross area = net × factor) at which a rent target is met: the house's rent per gross m² with grant,
  or one tenant's cost a year.
- `covering_rent`: the rent per m² at which the house covers its building cost (capital + running) from the
  area let to tenants (equal to the rent rate where nothing is vacant).

Every seek runs the what-if (`planners.figures.whatif`) with one lever moved, on top of the levers given, with
the financing balanced (the balancing line takes the change: a larger grant means a smaller loan).

The solver works on a grid of the lever's natural unit (the øre for a grant, 0,01 % for the construction rate,
0,0001 for the gross factor) and returns the grid value whose figure comes nearest the target:
- first by linear interpolation between the bracket's ends (exact rational arithmetic): where the relation is
  linear (the grant against a tenant's rent; the construction rate against a rent), that lands on the answer
  at once, and it is accepted only when the target lies between the figures at the two neighbouring grid
  values (a check that needs no assumption of linearity); a guess that misses narrows the bracket and the next
  guess is made in it (a relation linear in pieces, as when the balancing loan reaches 0 kr., takes a few);
- else by bisection on the grid between the bracket's ends (monotone relations, such as the rent per m² against
  the gross area, where the area also divides).
`exact` says whether the figure at the value found equals the target exactly (as in the hand-computed tests);
otherwise it is the nearest the lever's unit allows. A target outside what the bracket can reach is refused with
a `PlanError` in Danish that says what the bracket's ends give.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planners.figures.engine import compute
from planners.figures.whatif import Levers, WhatIfResult, what_if, what_if_scenario
from planners.model import Plan, Scenario
from planners.model.errors import PlanError
from planners.model.i18n import translate
from planners.model.money import format_kr, format_number, to_decimal
from planners.model.results import ScenarioFigures

GRANT_UNIT = Fraction(1, 100)  # the øre
CONSTRUCTION_UNIT = Fraction(1, 100)  # 0,01 %
GROSS_FACTOR_UNIT = Fraction(1, 10_000)
CONSTRUCTION_RANGE = (Fraction(-90), Fraction(400))  # % change: the bracket searched
GROSS_FACTOR_RANGE = (Fraction(1), Fraction(3))
INTERPOLATIONS = 6  # guesses by interpolation before bisection takes over
MAX_STEPS = 80  # bisection on a grid of at most 2^80 points always ends well before this
NO_LEVERS = Levers()  # the scenario as it is


@dataclass(frozen=True)
class RentTarget:
    """A rent to meet: the house's rent per gross m² a year with grant (`tenant_id` None), or what one tenant
    pays a year in all."""

    amount: Decimal
    tenant_id: str | None = None


@dataclass(frozen=True)
class Seek:
    """What a goal-seek found: the lever's value, the levers with it, their what-if and how close it came."""

    value: Decimal
    levers: Levers
    result: WhatIfResult
    achieved: Decimal  # the figure at `value`
    target: Decimal
    exact: bool  # achieved == target exactly
    evaluations: int  # how many times the figures were computed


@dataclass(frozen=True)
class CoveringRent:
    """The rent per m² a year at which the rent pays the building cost (capital + running) in full."""

    per_let_m2: Decimal  # building cost ÷ the gross area let to tenants (vacancy borne by the tenants)
    per_gross_m2: Decimal  # building cost ÷ the whole gross area (the engine's rent rate)
    let_gross_m2: Decimal
    building_cost: Decimal


class _Figure:
    """The figure a seek watches, computed for a lever value (counts evaluations)."""

    def __init__(self, plan: Plan, scenario: Scenario, levers: Levers, set_lever: Callable[[Levers, Decimal], Levers],
                 read: Callable[[ScenarioFigures], Decimal]) -> None:
        self.plan, self.scenario, self.levers = plan, scenario, levers
        self.set_lever, self.read = set_lever, read
        self.base = compute(plan, scenario)
        self.evaluations = 0

    def __call__(self, x: Fraction) -> Fraction:
        self.evaluations += 1
        copy_ = what_if_scenario(self.plan, self.scenario, self.set_lever(self.levers, _decimal(x)), self.base)
        return Fraction(self.read(compute(self.plan, copy_)))


def _decimal(x: Fraction) -> Decimal:
    """A grid value (a whole number of a decimal unit) as its exact Decimal."""
    return to_decimal(x)


def _between(t: Fraction, a: Fraction, b: Fraction) -> bool:
    return min(a, b) <= t <= max(a, b)


def _solve(f: _Figure, target: Fraction, lo: Fraction, hi: Fraction, unit: Fraction,
           describe: Callable[[Fraction, str], str]) -> Fraction:
    """The grid value in [lo, hi] (multiples of `unit`) whose figure is nearest `target` (see the docstring)."""
    n_lo, n_hi = lo / unit, hi / unit
    assert n_lo.denominator == 1 and n_hi.denominator == 1
    a, b = int(n_lo), int(n_hi)
    fa, fb = f(a * unit), f(b * unit)
    if not _between(target, fa, fb):
        raise _unreachable(describe, a * unit, fa, b * unit, fb)
    cache: dict[int, Fraction] = {a: fa, b: fb}

    def at(k: int) -> Fraction:
        if k not in cache:
            cache[k] = f(k * unit)
        return cache[k]

    def best(*ks: int) -> int:
        return min(ks, key=lambda k: (abs(at(k) - target), k))

    # Interpolation: where the relation is linear the first guess lands on the answer; where it is linear in
    # pieces (the balancing loan reaching 0 kr.) a few guesses, each narrowing the bracket, find the piece.
    for _ in range(INTERPOLATIONS):
        if b - a <= 1 or at(a) == at(b):
            break
        guess = a + (target - at(a)) * (b - a) / (at(b) - at(a))
        k = max(a, min(b, round(guess)))
        if at(k) == target:
            return k * unit
        left, right = max(a, k - 1), min(b, k + 1)
        if _between(target, at(left), at(k)) or _between(target, at(k), at(right)):
            return best(left, k, right) * unit
        if _between(target, at(a), at(k)):
            b = k
        else:
            a = k
    # Bisection on the grid: keep [a, b] with the target between its figures.
    for _ in range(MAX_STEPS):
        if b - a <= 1:
            break
        m = (a + b) // 2
        if at(m) == target:
            return m * unit
        if _between(target, at(a), at(m)):
            b = m
        else:
            a = m
    return best(a, b) * unit


def _unreachable(describe: Callable[[Fraction, str], str], x_lo: Fraction, f_lo: Fraction, x_hi: Fraction,
                 f_hi: Fraction) -> PlanError:
    # Every value is a function of the language: the lever and the amounts are written as the reader's language
    # writes them (42.000 kr. / DKK 42,000), whenever the error is read.
    return PlanError("Målet kan ikke nås: {low} giver {f_low}, og {high} giver {f_high}",
                     low=lambda lang: describe(x_lo, lang), f_low=lambda lang: format_kr(to_decimal(f_lo), lang),
                     high=lambda lang: describe(x_hi, lang), f_high=lambda lang: format_kr(to_decimal(f_hi), lang))


def _reader(plan: Plan, scenario: Scenario, target: RentTarget) -> Callable[[ScenarioFigures], Decimal]:
    if target.tenant_id is None:
        return lambda fig: fig.rent_per_gross_m2
    if scenario.tenant(target.tenant_id) is None:
        raise PlanError("Scenariet har ingen lejer med id «{id}».", id=target.tenant_id)
    tid = target.tenant_id
    return lambda fig: next(t.total for t in fig.tenants if t.tenant_id == tid)


def _finish(f: _Figure, x: Fraction, target: Fraction) -> Seek:
    value = _decimal(x)
    levers = f.set_lever(f.levers, value)
    result = what_if(f.plan, f.scenario, levers, f.base)
    achieved = f.read(result.figures)
    return Seek(value, levers, result, achieved, to_decimal(target), Fraction(achieved) == target, f.evaluations)


def _balanced(levers: Levers) -> Levers:
    return levers if levers.settle else dataclasses.replace(levers, balance=True)


def grant_keeping_rent(plan: Plan, scenario: Scenario, tenant_id: str, levers: Levers = NO_LEVERS) -> Seek:
    """The grant (in total, to the øre) at which tenant `tenant_id` pays its current rent a year."""
    tenant = scenario.tenant(tenant_id)
    if tenant is None or tenant.current_annual_rent is None:
        name = tenant.name if tenant is not None else tenant_id
        raise PlanError("{lejer} har ingen nuværende husleje at holde.", lejer=name)
    base = compute(plan, what_if_scenario(plan, scenario, dataclasses.replace(levers, grant=None)))
    f = _Figure(plan, scenario, _balanced(levers), lambda lv, v: dataclasses.replace(lv, grant=v),
                _reader(plan, scenario, RentTarget(tenant.current_annual_rent, tenant_id)))
    top = Fraction(base.establishment_total).__ceil__()  # a grant beyond the whole cost changes nothing more
    x = _solve(f, Fraction(tenant.current_annual_rent), Fraction(0), Fraction(top), GRANT_UNIT,
               lambda g, lang: translate("et tilskud på {kr}", lang, kr=format_kr(_decimal(g), lang)))
    return _finish(f, x, Fraction(tenant.current_annual_rent))


def construction_for_rent(plan: Plan, scenario: Scenario, target: RentTarget, levers: Levers = NO_LEVERS) -> Seek:
    """The change of the construction rate (in %, to 0,01 %) at which `target` is met."""
    f = _Figure(plan, scenario, _balanced(levers),
                lambda lv, v: dataclasses.replace(lv, construction_change_pct=v), _reader(plan, scenario, target))
    lo, hi = CONSTRUCTION_RANGE
    x = _solve(f, Fraction(target.amount), lo, hi, CONSTRUCTION_UNIT,
               lambda p, lang: translate("byggepris {pct} %", lang, pct=format_number(_decimal(p), 2, lang)))
    return _finish(f, x, Fraction(target.amount))


def gross_factor_for_rent(plan: Plan, scenario: Scenario, target: RentTarget, levers: Levers = NO_LEVERS) -> Seek:
    """The gross factor (to 0,0001; gross area = net × factor) at which `target` is met."""
    f = _Figure(plan, scenario, _balanced(levers), lambda lv, v: dataclasses.replace(lv, gross_factor=v),
                _reader(plan, scenario, target))
    lo, hi = GROSS_FACTOR_RANGE
    x = _solve(f, Fraction(target.amount), lo, hi, GROSS_FACTOR_UNIT,
               lambda g, lang: translate("bruttofaktor {factor}", lang, factor=format_number(_decimal(g), 4, lang)))
    return _finish(f, x, Fraction(target.amount))


def covering_rent(plan: Plan, scenario: Scenario, levers: Levers = NO_LEVERS) -> CoveringRent:
    """The rent per m² at which the house covers its building cost, for the scenario with `levers` applied."""
    figures = what_if(plan, scenario, levers).figures
    let = Fraction(figures.gross_m2) - Fraction(figures.vacant_gross_m2)
    building = Fraction(figures.building_cost)
    return CoveringRent(
        per_let_m2=to_decimal(building / let) if let else Decimal(0),
        per_gross_m2=figures.rent_per_gross_m2,
        let_gross_m2=to_decimal(let),
        building_cost=figures.building_cost,
    )
