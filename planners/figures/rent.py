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
amounts as exact `Decimal`s (`exact.EXACT`); the tenants' parts are integers over one denominator (× A). A line's
own figures are rounded straight from its exact numerator and A (`exact.dec_ratio`), exactly as `money.to_decimal`
rounds the rational.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, localcontext
from functools import cached_property, lru_cache

from planners.figures.exact import EXACT, Ratio, dec_ratio, exact_form, ratio_sum, reduced
from planners.figures.space import Keys, Parts, Pot, split_parts
from planners.model import AllocationKey, FinancingLine, FinancingSource, Scenario
from planners.model.money import CONTEXT
from planners.model.prebuilt import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:  # a type only: `fractions` is imported where a Fraction is made (issue 19.3, s20-frac)
    from fractions import Fraction

_CUSTOM = AllocationKey.CUSTOM
_DZERO = Decimal(0)
_NOTHING: Ratio = (0, 1)
DEFAULT_GRANT_LOAN_TERMS: tuple[Decimal, int] = (Decimal(3), 30)


def annuity(principal: Fraction, interest_pct: Fraction, years: int | None) -> Fraction:
    """The yearly payment that repays `principal` over `years` at `interest_pct` % (exact)."""
    from fractions import Fraction

    if not years or years <= 0:
        return Fraction(0)
    factor = _annuity_factor(*interest_pct.as_integer_ratio(), years)
    return principal / years if factor is None else principal * Fraction(*factor)


def annuity_ratio(principal: Decimal, interest_pct: Decimal, years: int | None) -> Ratio:
    """`annuity` of an exact Decimal principal as integers (numerator, denominator > 0, not reduced): the engine
    rounds it once (`exact.signed_ratio`) or adds it (`exact.ratio_sum`) without a Fraction (issue 19.3)."""
    if not years or years <= 0:
        return _NOTHING
    pn, pd = principal.as_integer_ratio()
    factor = _annuity_factor(*interest_pct.as_integer_ratio(), years)
    if factor is None:
        return pn, pd * years
    fn, fd = factor
    return pn * fn, pd * fd


@lru_cache(maxsize=256)
def _annuity_factor(pct_numerator: int, pct_denominator: int, years: int) -> Ratio | None:
    """r·(1 + r)^n / ((1 + r)^n − 1) for r = the interest % / 100 = a / B, as reduced integers (the denominator
    positive), or None where r = 0 or (1 + r)^n = 1 (then P / n). With G = (B + a)^n and H = B^n the factor is
    a·G / (B·(G − H)): integers only. Kept between runs: a power to 30 or 40 is most of an annuity's cost, and a
    plan's terms rarely change."""
    a, b = pct_numerator, pct_denominator * 100
    growth, base = (b + a) ** years, b**years
    if a == 0 or growth == base:
        return None
    return reduced(a * growth, b * (growth - base))


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
    """The financing's figures, exact: the sums of the lines' amounts as exact Decimals, the annuities as
    integers (numerator, denominator > 0, not reduced; `annuity_ratio`), so the engine rounds each once."""

    annuities: list[Ratio]  # per line, 0 unless repaid
    by_source: dict[FinancingSource, Decimal]  # every source, zero included
    total: Decimal
    grant: Decimal
    capital_cost: Ratio
    grant_annuity: Ratio  # the grant as if borrowed on `terms`
    terms: tuple[Decimal, int]


def compute_financing(financing: list[FinancingLine]) -> Financing:
    annuities = []
    by_source = dict.fromkeys(FinancingSource, _DZERO)
    add = EXACT.add  # every digit kept: the sums are exact
    for line in financing:
        amount = line.amount
        by_source[line.source] = add(by_source[line.source], amount)
        annuities.append(annuity_ratio(amount, line.interest_pct, line.years) if line.is_repaid else _NOTHING)
    grant = by_source[FinancingSource.GRANT]
    terms = grant_loan_terms(financing)
    total = _DZERO
    for value in by_source.values():
        total = add(total, value)
    return Financing(
        annuities=annuities,
        by_source=by_source,
        total=total,
        grant=grant,
        capital_cost=ratio_sum(annuities),
        grant_annuity=annuity_ratio(grant, terms[0], terms[1]),
        terms=terms,
    )


class Annual:
    """Equipment and services a year, and each tenant's part (tenants' order).

    Kept as the engine needs them: the per-line figures rounded, the sums as exact Decimals (equipment × the
    common denominator `equipment_scale`), the tenants' parts as integers over one denominator (`Parts`). The
    Fraction views are made when first asked for (the yearly figures use them)."""

    def __init__(self, investments: list[Decimal], equipment_annual: list[Decimal], in_project: Decimal,
                 equipment_scaled: Decimal, equipment_scale: int, equipment_parts: Parts, equipment_unknown: Decimal,
                 services: Decimal, services_parts: Parts) -> None:
        self.investments = investments  # per equipment line: quantity × unit price, rounded as `to_decimal` rounds
        self.equipment_annual = equipment_annual  # per equipment line, rounded as `to_decimal` rounds
        self.in_project = in_project  # Σ quantity × unit price of the lines bought in the project, exact
        self.equipment_scaled = equipment_scaled  # equipment a year × equipment_scale, exact
        self.equipment_scale = equipment_scale
        self.equipment_shares = equipment_parts  # each tenant's part (dedicated + shared) × equipment_scale
        self.equipment_unknown = equipment_unknown  # lines naming no tenant of the scenario × equipment_scale
        self.services = services  # Σ services a year, exact
        self.services_shares = services_parts

    @cached_property
    def equipment_in_project(self) -> Fraction:
        from fractions import Fraction

        return Fraction(self.in_project)

    @cached_property
    def equipment_total(self) -> Fraction:
        from fractions import Fraction

        return Fraction(self.equipment_scaled) / self.equipment_scale

    @cached_property
    def equipment_parts(self) -> list[Fraction]:
        from fractions import Fraction

        d = self.equipment_shares.denominator * self.equipment_scale
        return [Fraction(x, d) for x in self.equipment_shares.numerators]

    @cached_property
    def equipment_unallocated(self) -> Fraction:
        """→ the owner: the unallocated part of shared lines and the lines naming no tenant."""
        from fractions import Fraction

        return (self.equipment_shares.rest + Fraction(self.equipment_unknown)) / self.equipment_scale

    @cached_property
    def services_total(self) -> Fraction:
        from fractions import Fraction

        return Fraction(self.services)

    @cached_property
    def services_parts(self) -> list[Fraction]:
        return self.services_shares.fractions

    @cached_property
    def services_unallocated(self) -> Fraction:
        return self.services_shares.rest


def rounded_ratio(numerator: Decimal, denominator: int) -> Decimal:
    """numerator / denominator (an exact Decimal over a positive integer), rounded once to 28 significant
    digits, with the same digits and exponent as `money.to_decimal(Fraction(numerator) / denominator)`."""
    if denominator == 1:
        return exact_form(numerator)
    return dec_ratio(numerator, Decimal(denominator))


def _common_denominator(scenario: Scenario) -> tuple[int, dict[Decimal, int]]:
    """A: the least common multiple of the numerators of the lifetimes of the lines the tenants buy, and for
    each such lifetime L = a/b the whole multiplier b·A/a, so that price / L = price · multiplier / A."""
    ratios = {line.lifetime_years: line.lifetime_years.as_integer_ratio()
              for line in scenario.equipment if not line.in_project}
    common = math.lcm(*(a for a, _b in ratios.values())) if ratios else 1
    if common == 0:
        raise ZeroDivisionError("an equipment line has a lifetime of 0 years")
    return abs(common), {life: b * (abs(common) // a) for life, (a, b) in ratios.items()}


@dataclass
class LineSums:
    """The equipment and service lines of one scenario summed (the loops of `compute_annual`): each equipment
    line's own figures, the sums per tenant and per key (× `common`), the services' pot. Made for the tenants'
    ids `ids` (their positions index `dedicated`); kept between edits that change none of these lines or
    tenants (a room's edit, issue 19.2), since only their split by the keys follows the rooms."""

    ids: list[str]
    investments: list[Decimal]
    annual: list[Decimal]
    in_project: Decimal
    total: Decimal
    common: int
    dedicated: list[Decimal]
    unknown: Decimal
    pot: Pot
    services: Decimal
    services_pot: Pot

    @classmethod
    def of(cls, scenario: Scenario) -> LineSums:
        ids = [t.id for t in scenario.tenants]
        index = {tid: i for i, tid in enumerate(ids)}
        n = len(ids)
        common, multiplier = _common_denominator(scenario)
        common_d = Decimal(common)
        investments: list[Decimal] = []
        annual: list[Decimal] = []
        zero = Decimal(0)
        in_project = zero
        dedicated = [zero] * n
        unknown = zero
        pot = Pot(index)
        by_key, custom = pot._by_key, pot._custom
        divide = CONTEXT.divide
        index_get: Callable[[str | None], int | None] = index.get  # type: ignore[assignment]  # get(None) is None
        with localcontext(EXACT):  # every digit kept: each sum is (kr. a year) × common, exactly
            for line in scenario.equipment:
                quantity = line.quantity
                investment = line.unit_price * quantity
                investments.append(exact_form(investment))
                # The whole factors multiplied as ints first: one Decimal product each (exact: the same Decimal)
                if line.in_project:
                    in_project += investment  # already in the capital cost: only the service a year
                    scaled = line.annual_service * (quantity * common)
                else:
                    scaled = line.annual_service * (quantity * common) + investment * multiplier[line.lifetime_years]
                # dec_ratio(scaled, common_d), inlined: the correctly rounded quotient; an exact one in to_decimal's
                # form
                q = divide(scaled, common_d)
                annual.append(exact_form(q) if q * common_d == scaled else q)
                shared = line.shared
                if shared is not None:
                    key = shared.key
                    if key == _CUSTOM:
                        given = tuple(shared.shares.items())
                        custom[given] = custom.get(given, zero) + scaled
                    else:
                        by_key[key] = by_key.get(key, zero) + scaled
                else:
                    i = index_get(line.tenant)  # None: no tenant, or an id that is no tenant of the scenario
                    if i is not None:
                        dedicated[i] += scaled
                    else:
                        unknown += scaled  # names no tenant of the scenario (invalid input): the owner's
            # Every line went to exactly one of these sums: their total is the equipment's, exactly (the same digits and
            # exponent in any order), without a second addition per line.
            total = sum(dedicated, unknown) + sum(by_key.values(), zero) + sum(custom.values(), zero)
        services_pot = Pot(index)
        services = zero
        with localcontext(EXACT):
            for service in scenario.running.services:
                services += service.annual
                services_pot.add(service.shared, service.annual)
        return cls(ids, investments, annual, in_project, total, common, dedicated, unknown, pot, services,
                   services_pot)


def compute_annual(scenario: Scenario, keys: Keys, sums: LineSums | None = None) -> Annual:
    """Equipment and services a year and each tenant's part, from the lines' sums (`sums`: kept between edits,
    for the scenario's tenants; None: summed here)."""
    if sums is None:
        sums = LineSums.of(scenario)
    split = split_parts(sums.pot, keys)
    # Each tenant's part: dedicated + shared, over the shared parts' denominator (× common).
    ratios = [d.as_integer_ratio() for d in sums.dedicated]
    den = math.lcm(split.denominator, *(d for _n, d in ratios))
    scale = den // split.denominator
    equipment_parts = Parts([a * (den // d) + x * scale for (a, d), x in zip(ratios, split.numerators, strict=True)],
                            den, split.rest_numerator, split.rest_denominator)
    return Annual(sums.investments, sums.annual, sums.in_project, sums.total, sums.common, equipment_parts,
                  sums.unknown, sums.services, split_parts(sums.services_pot, keys))
