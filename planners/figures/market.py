"""Market rent beside cost rent (issue 17.1): a tenant's market rent for its premises in a year, and the rent
charged under the scenario's rent basis.

The market rent is the rent of the *premises* (as Hirtshals' 375.000 kr. a year for 730 m², FACTS.md): a tenant's
own total a year, else its own rate per gross m² a year, else the plan's default rate, times the tenant's lease area
(allocated gross m²) that year; indexed by the rent index from the first operating year. Equipment and shared
services are charged at cost beside it under every basis. No market rent known → the premises are charged at
cost under every basis (and the checks say so where the basis needs one).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from planners.model import Plan
from planners.model.money import exact_sub, to_decimal
from planners.model.timeline import RentBasis, TenantTerms, has_market_rent, rent_terms_in_use  # noqa: F401 (their home before)
from planners.model.yearly import TenantYear


def market_rent(plan: Plan, terms: TenantTerms | None, lease_gross: Fraction, index: Fraction) -> Fraction | None:
    """The premises at market rent in a year whose rent index factor is `index`; None where not known."""
    if terms is not None and terms.market_total is not None:
        return Fraction(terms.market_total) * index
    if terms is not None and terms.market_per_m2 is not None:
        return Fraction(terms.market_per_m2) * lease_gross * index
    if plan.market_rent is not None:
        return Fraction(plan.market_rent.per_m2) * lease_gross * index
    return None


def charged_space(basis: RentBasis, cost: Fraction, market: Fraction | None) -> Fraction:
    """The premises as charged: at cost, at market, or the lower of the two (cost where market is unknown)."""
    if market is None or basis is RentBasis.COST:
        return cost
    if basis is RentBasis.MARKET:
        return market
    return min(cost, market)


def charged_against_market(year: TenantYear) -> Decimal | None:
    """The premises as charged minus their market rent in one year (negative: below market); None where the
    market rent is not known. Exact: both are the engine's unrounded figures."""
    return None if year.market_rent is None else exact_sub(year.space_charged, year.market_rent)


def area_tolerance(lease_gross_m2: Decimal, tolerance_pct: Decimal) -> tuple[Decimal, Decimal]:
    """The lease area's range under an area-deviation clause of ± `tolerance_pct` % (the Sæby lease: ±15 %),
    exact."""
    share = Fraction(tolerance_pct) / 100
    area = Fraction(lease_gross_m2)
    return to_decimal(area * (1 - share)), to_decimal(area * (1 + share))
