"""Signed differences as the what-if panel shows them (planners.model.money.format_change)."""

from __future__ import annotations

from decimal import Decimal as D

from planners.model.money import format_change


def test_kroner_square_metres_and_points() -> None:
    assert format_change(D(25_000), "kr") == "+25.000 kr."
    assert format_change(D("-2083.33"), "kr") == "−2.083 kr."
    assert format_change(D("46.3"), "m2") == "+46,3 m²"
    assert format_change(D("-0.0625"), "pct") == "−6,3 procentpoint"  # 6,25 points, half up
    assert format_change(D("0.025"), "pct", "en") == "+2.5 pp."
    assert format_change(D(1234), "kr", "en") == "+DKK 1,234"


def test_zero_as_shown_is_plus_minus_zero() -> None:
    assert format_change(D(0), "kr") == "±0"
    assert format_change(D("0.4"), "kr") == "±0"  # 0,4 kr. shows as 0 kr.
    assert format_change(D("-0.04"), "m2") == "±0"
    assert format_change(D("0.5"), "kr") == "+1 kr."  # half up, as format_kr
