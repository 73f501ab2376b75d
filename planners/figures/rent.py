"""Financing, annual costs and their split between tenants (DESIGN §4 "Financing", "Annual costs and rent"),
in exact rationals.

- Annuity A = P·r / (1 − (1 + r)^−n), r = interest % / 100, and P/n where r = 0; computed exactly as
  P·r·(1 + r)^n / ((1 + r)^n − 1) (the same number: (1 + r)^n is an exact rational for a whole n).
- The capital cost counts every `loan` line and every own line with `repaid_by_rent` (`FinancingLine.is_repaid`);
  a repaid line without `years` (invalid input) counts 0 kr.
- "Without grant" adds the grant as if borrowed on the first loan line's terms (in list order), else the first
  repaid own line's, else 30 years at 3 %. Lines without `years` are passed over when choosing the terms.
- Equipment a year per line = quantity × (annual service + unit price / lifetime where the tenants buy it
  themselves); dedicated lines go to their tenant, shared ones are split by their key. Services are split by
  their keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planners.figures.space import Keys, Pot, split
from planners.model import FinancingLine, FinancingSource, Scenario

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


def grant_loan_terms(financing: list[FinancingLine]) -> tuple[Decimal, int]:
    """(interest %, years) on which the grant is "borrowed" for the rent without grant."""
    for wanted in ("loan", "own"):
        for line in financing:
            if line.years is None or line.years <= 0 or not line.is_repaid:
                continue
            if (line.source == FinancingSource.LOAN) == (wanted == "loan"):
                return line.interest_pct, line.years
    return DEFAULT_GRANT_LOAN_TERMS


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

    investments: list[Fraction]  # per equipment line: quantity × unit price
    equipment_annual: list[Fraction]  # per equipment line
    equipment_in_project: Fraction
    equipment_total: Fraction
    equipment_parts: list[Fraction]
    equipment_unallocated: Fraction  # → the owner
    services_total: Fraction
    services_parts: list[Fraction]
    services_unallocated: Fraction  # → the owner


def compute_annual(scenario: Scenario, keys: Keys) -> Annual:
    n = len(keys.ids)
    investments: list[Fraction] = []
    annual: list[Fraction] = []
    in_project = _ZERO
    dedicated = [_ZERO] * n
    unknown = _ZERO
    pot = Pot(keys.index)
    for line in scenario.equipment:
        investment = line.quantity * Fraction(line.unit_price)
        investments.append(investment)
        per_unit = Fraction(line.annual_service)
        if line.in_project:
            in_project += investment  # already in the capital cost: only the service a year
        else:
            per_unit += Fraction(line.unit_price) / Fraction(line.lifetime_years)
        cost = line.quantity * per_unit
        annual.append(cost)
        if line.shared is not None:
            pot.add(line.shared, cost)
        elif line.tenant is not None and line.tenant in keys.index:
            dedicated[keys.index[line.tenant]] += cost
        else:
            unknown += cost  # names no tenant of the scenario (invalid input): the owner's
    shared_parts, shared_unallocated = split(pot, keys)
    equipment_parts = [d + s for d, s in zip(dedicated, shared_parts, strict=True)]

    services_pot = Pot(keys.index)
    services_total = _ZERO
    for service in scenario.running.services:
        amount = Fraction(service.annual)
        services_total += amount
        services_pot.add(service.shared, amount)
    services_parts, services_unallocated = split(services_pot, keys)
    return Annual(
        investments=investments,
        equipment_annual=annual,
        equipment_in_project=in_project,
        equipment_total=sum(annual, _ZERO),
        equipment_parts=equipment_parts,
        equipment_unallocated=shared_unallocated + unknown,
        services_total=services_total,
        services_parts=services_parts,
        services_unallocated=services_unallocated,
    )
