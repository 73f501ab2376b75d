"""Small figures the GUI shows beside a value being edited, so that `desktop/` holds no arithmetic on money,
areas or shares (issue 13.3): a running rate's cost a year, the total of a custom key's shares, whether the
financing is off balance.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from planners.model.money import to_decimal

# The same tolerance as the check "financing_unbalanced" (planners.checks.findings.FINANCING_TOLERANCE): the
# figures panel colours the difference exactly when the check reports it.
FINANCING_TOLERANCE = Decimal(1)


def running_rate_cost(rate: Decimal, gross_m2: Decimal) -> Decimal:
    """A running rate per gross m² a year × the gross area: its cost a year (exact, rounded once)."""
    return to_decimal(Fraction(rate) * Fraction(gross_m2))


def shares_total(shares: Iterable[Decimal]) -> Decimal:
    """The total of a custom key's percentages (should be 100), exact."""
    return to_decimal(sum((Fraction(s) for s in shares), Fraction(0)))


def financing_off_balance(financing_difference: Decimal) -> bool:
    """Whether financing misses the establishment total by more than the check's tolerance (1 kr.)."""
    return abs(financing_difference) > FINANCING_TOLERANCE
