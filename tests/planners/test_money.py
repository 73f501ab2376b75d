"""Display rounding and Danish number formats (planners.model.money), and the exact helpers the engine uses."""

from __future__ import annotations

from decimal import Decimal as D
from decimal import localcontext
from fractions import Fraction

import pytest

from planners.model.money import (
    dsum,
    exact_sub,
    format_kr,
    format_m2,
    format_number,
    format_pct,
    round_kr,
    to_decimal,
)


@pytest.mark.parametrize(("value", "expected"), [
    ("2.50", 3), ("2.49", 2), ("-2.50", -3), ("-2.49", -2), ("0.5", 1), ("1.5", 2), ("0", 0),
    ("123456789012345678901234567.5", D("123456789012345678901234568")),  # more digits than the context holds
])
def test_round_kr_is_half_up(value: str, expected: int | D) -> None:
    assert round_kr(D(value)) == expected


def test_round_kr_never_shows_minus_zero() -> None:
    assert str(round_kr(D("-0.4"))) == "0"


def test_round_kr_does_not_depend_on_the_callers_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 5
        assert round_kr(D("1234567.5")) == 1234568


@pytest.mark.parametrize(("value", "da", "en"), [
    ("1234567", "1.234.567 kr.", "DKK 1,234,567"),
    ("1234566.5", "1.234.567 kr.", "DKK 1,234,567"),
    ("999.49", "999 kr.", "DKK 999"),
    ("1000", "1.000 kr.", "DKK 1,000"),
    ("0", "0 kr.", "DKK 0"),
    ("-0.2", "0 kr.", "DKK 0"),
    ("-45000.5", "-45.001 kr.", "DKK -45,001"),
])
def test_format_kr(value: str, da: str, en: str) -> None:
    assert format_kr(D(value)) == da
    assert format_kr(D(value), lang="en") == en


def test_format_none_is_a_dash() -> None:
    assert format_kr(None) == "–" and format_m2(None) == "–" and format_pct(None) == "–"


def test_format_m2_and_pct() -> None:
    assert format_m2(D("1234.56")) == "1.234,6 m²"
    assert format_m2(D("1234.56"), lang="en") == "1,234.6 m²"
    assert format_m2(D("12"), decimals=0) == "12 m²"
    assert format_pct(D("0.125")) == "12,5 %"
    assert format_pct(D("0.125"), lang="en") == "12.5%"
    assert format_pct(D("0.51129"), decimals=2) == "51,13 %"
    assert format_pct(D("-0.0005")) == "-0,1 %"  # half up, away from zero


def test_format_number() -> None:
    assert format_number(D("1234567.891"), 2) == "1.234.567,89"
    assert format_number(D("1234567.891"), 2, "en") == "1,234,567.89"
    assert format_number(D("0.005"), 2) == "0,01"
    assert format_number(12, 0) == "12"
    assert format_number(D("123"), 0) == "123"


def test_to_decimal_rounds_once_to_28_digits() -> None:
    assert to_decimal(Fraction(1, 3)) == D("0.3333333333333333333333333333")
    assert to_decimal(Fraction(2, 3)) == D("0.6666666666666666666666666667")
    assert to_decimal(Fraction(5, 2)) == D("2.5")
    assert to_decimal(7) == 7
    with localcontext() as ctx:  # independent of the caller's context
        ctx.prec = 3
        assert to_decimal(Fraction(1, 3)) == D("0.3333333333333333333333333333")


def test_exact_sub_keeps_every_digit_so_a_readers_sum_gives_the_total() -> None:
    total = D("1000000.000000000000000000001")
    parts = [D("0.3333333333333333333333333333"), D("123.4567890123456789012345679")]
    rest = exact_sub(total, dsum(parts))
    assert sum(parts) + rest == total
    assert dsum(parts) == sum(parts)
