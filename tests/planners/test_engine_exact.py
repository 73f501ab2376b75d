"""The engine's one rounding without Fractions (`planners.figures.exact`, issue 19.3) gives exactly what
`money.to_decimal(Fraction(...))` gives — the same digits AND the same exponent (repr), so the figures of the
engine stay identical to the Fraction-based ones. Hand-picked edge cases, then hypothesis over coefficients of
1–40 digits and exponents from −15 to 12."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.figures.exact import dec_ratio, exact_form, ratio
from planners.model.money import to_decimal

EDGES = ["0", "0.00", "-0", "-0.000", "0E+5", "5E+3", "5137.00", "212.80", "-3.10", "0.000001230", "123",
         "1E+27", "1E+28", "1E+30", "9999999999999999999999999999", "99999999999999999999999999990",
         "12345678901234567890123456789.5", "1.2345678901234567890123456789", "-5E+1",
         # s20-frac: a whole number of more than 28 digits at exponent 0, its last digits zeros (rounded exactly
         # to 28 digits), or not; a fraction that normalizes to a whole number
         "5E+30", "-5E+30", "1234567890123456789012345678E+5", "1234567890123456789012345678.0E+5",
         "1.00000000000000000000000000001E+40", "-7.000E+2", "0E-40", "-0E+40"]


@pytest.mark.parametrize("text", EDGES)
def test_edges(text: str) -> None:
    v = Decimal(text)
    assert repr(exact_form(v)) == repr(to_decimal(Fraction(v)))
    for d in (1, 3, 7, 12, 27720):
        assert repr(dec_ratio(v, Decimal(d))) == repr(to_decimal(Fraction(v) / d))


def test_by_hand() -> None:
    # An exact quotient keeps the fewest digits down to exponent 0; a rounded one keeps 28 digits.
    assert repr(exact_form(Decimal("5137.00"))) == "Decimal('5137')"
    assert repr(exact_form(Decimal("5E+3"))) == "Decimal('5000')"
    assert repr(exact_form(Decimal("212.80"))) == "Decimal('212.8')"
    assert repr(exact_form(Decimal("-0.00"))) == "Decimal('0')"
    assert repr(dec_ratio(Decimal("10.00"), Decimal(4))) == "Decimal('2.5')"
    assert repr(dec_ratio(Decimal("1.00"), Decimal(3))) == "Decimal('0.3333333333333333333333333333')"
    assert repr(ratio(200, 8)) == "Decimal('25')"


decimals = st.builds(lambda c, e: Decimal(c).scaleb(e),
                     st.integers(min_value=-(10**40), max_value=10**40), st.integers(min_value=-45, max_value=45))


@settings(max_examples=600, deadline=None)
@given(decimals, st.integers(min_value=1, max_value=10**9))
def test_as_to_decimal_gives_it(v: Decimal, d: int) -> None:
    assert repr(exact_form(v)) == repr(to_decimal(Fraction(v)))
    assert repr(dec_ratio(v, Decimal(d))) == repr(to_decimal(Fraction(v) / d))
    n, m = (Fraction(v) / d).as_integer_ratio()
    assert repr(ratio(n * 7, m * 7)) == repr(to_decimal(Fraction(v) / d))  # reduced or not: the same
