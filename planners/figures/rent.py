"""Financing, annual costs and their split between tenants (DESIGN §4 "Financing", "Annual costs and rent"),
in exact rationals.

- Annuity A = P·r / (1 − (1 + r)^−n), r = interest % / 100, and P/n where r = 0; computed exactly as
  P·r·(1 + r)^n / ((1 + r)^n − 1) (the same number: (1 + r)^n is an exact rational for a whole n).
- The capital cost counts every loan or own line with `repaid_by_rent` (`FinancingLine.is_repaid`; a loan is
  ticked unless the user takes the tick off, issue 14.4); a repaid line without `years` (invalid input) counts 0 kr.
- "Without grant" adds the grant as if borrowed on the first repaid loan line's terms (in list order), else the
  first repaid own line's, else 30 years at 3 %. Lines without `years` are passed over when choosing the terms.
- Equipment a year per line = quantity × (annual service + unit price / lifetime where the tenants buy it
  themselves); dedicated lines go to their tenant, shared ones are split by their key. Services are split by
  their keys.

Speed (issue 19.3): equipment a year is rational (price / lifetime), so the loop over the lines puts every line
over one common denominator A (the least common multiple of the lifetimes' numerators) and adds the scaled
amounts as exact `Decimal`s (`space.EXACT`); the sums are divided by A once, as Fractions. A line's own figures
are rounded straight from its exact numerator and A, exactly as `money.to_decimal` rounds the rational.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from planners.figures.space import EXACT, Keys, Pot, exact_sum, split
from planners.model import FinancingLine, FinancingSource, Scenario
from planners.model.money import CONTEXT

_ZERO = Fraction(0)
_HUNDRED = Fraction(100)
DEFAULT_GRANT_LOAN_TERMS: tuple[Decimal, int] = (Decimal(3), 30)


def annuity(principal: Fraction, interest_pct: Fraction, years: int | None) -> Fraction:
    """The yearly payment that repays `principal` over `years` at `interest_pct` % (exact)."""
    if not years or years <= 0:
        return _ZERO
    r = interest_pct / _HUNDRED
    growth = (1 + r) ** years
    if r == 0 or growth == 1:
        return principal / years
    return principal * r * growth / (growth - 1)


def grant_loan_line(financing: list[FinancingLine]) -> int | None:
    """The position of the line whose terms the grant is "borrowed" on (None: `DEFAULT_GRANT_LOAN_TERMS`); the
    annex refers to the same line's cells."""
    for wanted in ("loan", "own"):
        for i, line in enumerate(financing):
            if line.years is None or line.years <= 0 or not line.is_repaid:
                continue
            if (line.source == FinancingSource.LOAN) == (wanted == "loan"):
                return i
    return None


def grant_loan_terms(financing: list[FinancingLine]) -> tuple[Decimal, int]:
    """(interest %, years) on which the grant is "borrowed" for the rent without grant."""
    i = grant_loan_line(financing)
    if i is None:
        return DEFAULT_GRANT_LOAN_TERMS
    line = financing[i]
    assert line.years is not None
    return line.interest_pct, line.years


@dataclass
class Financing:
    annuities: list[Fraction]  # per line, 0 unless repaid
    by_source: dict[FinancingSource, Fraction]  # every source, zero included
    total: Fraction
    grant: Fraction
    capital_cost: Fraction
    grant_annuity: Fraction  # the grant as if borrowed on `terms`
    terms: tuple[Decimal, int]


def compute_financing(financing: list[FinancingLine]) -> Financing:
    annuities = []
    by_source = dict.fromkeys(FinancingSource, _ZERO)
    for line in financing:
        amount = Fraction(line.amount)
        by_source[line.source] += amount
        annuities.append(annuity(amount, Fraction(line.interest_pct), line.years) if line.is_repaid else _ZERO)
    grant = by_source[FinancingSource.GRANT]
    terms = grant_loan_terms(financing)
    return Financing(
        annuities=annuities,
        by_source=by_source,
        total=sum(by_source.values(), _ZERO),
        grant=grant,
        capital_cost=sum(annuities, _ZERO),
        grant_annuity=annuity(grant, Fraction(terms[0]), terms[1]),
        terms=terms,
    )


@dataclass
class Annual:
    """Equipment and services a year, and each tenant's part (tenants' order)."""

    investments: list[Decimal]  # per equipment line: quantity × unit price, rounded as `to_decimal` rounds
    equipment_annual: list[Decimal]  # per equipment line, rounded as `to_decimal` rounds
    equipment_in_project: Fraction
    equipment_total: Fraction
    equipment_parts: list[Fraction]
    equipment_unallocated: Fraction  # → the owner
    services_total: Fraction
    services_parts: list[Fraction]
    services_unallocated: Fraction  # → the owner


def rounded_ratio(numerator: Decimal, denominator: int) -> Decimal:
    """numerator / denominator (an exact Decimal over a positive integer), rounded once to 28 significant
    digits, with the same digits and exponent as `money.to_decimal(Fraction(numerator) / denominator)`: both
    divide two integers whose exact quotient is the same rational (the ideal exponent of the quotient is 0)."""
    n, d = numerator.as_integer_ratio()
    return CONTEXT.divide(Decimal(n), Decimal(d * denominator))


def _common_denominator(scenario: Scenario) -> tuple[int, dict[Decimal, int]]:
    """A: the least common multiple of the numerators of the lifetimes of the lines the tenants buy, and for
    each such lifetime L = a/b the whole multiplier b·A/a, so that price / L = price · multiplier / A."""
    ratios = {line.lifetime_years: Decimal(line.lifetime_years).as_integer_ratio()
              for line in scenario.equipment if not line.in_project}
    common = math.lcm(*(a for a, _b in ratios.values())) if ratios else 1
    if common == 0:
        raise ZeroDivisionError("an equipment line has a lifetime of 0 years")
    return abs(common), {life: b * (abs(common) // a) for life, (a, b) in ratios.items()}


def compute_annual(scenario: Scenario, keys: Keys) -> Annual:
    n = len(keys.ids)
    common, multiplier = _common_denominator(scenario)
    investments: list[Decimal] = []
    annual: list[Decimal] = []
    zero = Decimal(0)
    in_project = zero
    total = zero
    dedicated = [zero] * n
    unknown = zero
    pot = Pot(keys.index)
    with localcontext(EXACT):  # every digit kept: each sum is (kr. a year) × common, exactly
        for line in scenario.equipment:
            investment = line.unit_price * line.quantity
            investments.append(rounded_ratio(investment, 1))
            if line.in_project:
                in_project += investment  # already in the capital cost: only the service a year
                scaled = line.annual_service * line.quantity * common
            else:
                scaled = line.annual_service * line.quantity * common + investment * multiplier[line.lifetime_years]
            annual.append(rounded_ratio(scaled, common))
            total += scaled
            if line.shared is not None:
                pot.add(line.shared, scaled)
            elif line.tenant is not None and line.tenant in keys.index:
                dedicated[keys.index[line.tenant]] += scaled
            else:
                unknown += scaled  # names no tenant of the scenario (invalid input): the owner's
    shared_parts, shared_unallocated = split(pot, keys)
    equipment_parts = [(Fraction(d) + s) / common for d, s in zip(dedicated, shared_parts, strict=True)]

    services_pot = Pot(keys.index)
    services: list[Decimal] = []
    for service in scenario.running.services:
        services.append(service.annual)
        services_pot.add(service.shared, service.annual)
    services_parts, services_unallocated = split(services_pot, keys)
    return Annual(
        investments=investments,
        equipment_annual=annual,
        equipment_in_project=Fraction(in_project),
        equipment_total=Fraction(total) / common,
        equipment_parts=equipment_parts,
        equipment_unallocated=(shared_unallocated + Fraction(unknown)) / common,
        services_total=exact_sum(services),
        services_parts=services_parts,
        services_unallocated=services_unallocated,
    )
