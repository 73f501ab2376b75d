"""Exact JSON numbers and strings (`planners.interchange.exactjson`), written by hand: the digits of the Decimal
without exponent, integral values as integers, no −0; strings exactly as `json.dumps(ensure_ascii=False)`."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.interchange.exactjson import dumps, number_text

BY_HAND = [("0", "0"), ("-0", "0"), ("0.000", "0"), ("-0.000", "0"), ("-0E+3", "0"), ("5E+3", "5000"),
           ("1.2300", "1.23"), ("5.00", "5"), ("-3.10", "-3.1"), ("1E-7", "0.0000001"), ("12.5E-1", "1.25"),
           ("123456789012345678901234567890123.50", "123456789012345678901234567890123.5")]


@pytest.mark.parametrize(("value", "text"), BY_HAND)
def test_numbers_by_hand(value: str, text: str) -> None:
    assert number_text(Decimal(value)) == text


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_no_number_that_is_not_finite(value: str) -> None:
    with pytest.raises(ValueError):
        number_text(Decimal(value))


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=-(10**45), max_value=10**45), st.integers(min_value=-40, max_value=20))
def test_a_number_reads_back_as_the_same_value(coefficient: int, exponent: int) -> None:
    value = Decimal(coefficient).scaleb(exponent)
    text = number_text(value)
    assert "e" not in text.lower() and not text.startswith("-0") or text.startswith("-0.")
    assert json.loads(text, parse_float=Decimal, parse_int=Decimal) == value


@given(st.text())
def test_strings_as_json_writes_them(text: str) -> None:
    assert dumps({text: [text, None, True, False]}, indent=None) == json.dumps({text: [text, None, True, False]},
                                                                              ensure_ascii=False)
