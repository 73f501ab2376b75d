"""`format_number` groups with `format`'s own thousands separator (s17-summary, issue 19): the text is the one the
earlier hand-made grouping gave, for every number a display can get, in both languages."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planners.model.money import _DISPLAY, decimals_shown, format_kr, format_number, format_pct, round_kr


def _by_hand(x: Decimal | int, decimals: int, lang: str) -> str:
    """The grouping as money.py did it before: the 'f' digits of the rounded absolute value, split in threes."""
    thousands, point = (",", ".") if lang == "en" else (".", ",")
    value = _DISPLAY.quantize(Decimal(x), Decimal(1).scaleb(-decimals))
    if not value:
        value = abs(value)
    sign = "-" if value < 0 else ""
    whole, _, frac = format(abs(value), "f").partition(".")
    head = len(whole) % 3 or 3
    grouped = thousands.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    return f"{sign}{grouped}{point}{frac}" if decimals > 0 else sign + grouped


numbers = st.one_of(
    st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False,
                places=None),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([Decimal("-0"), Decimal("-0.4"), Decimal("0.5"), Decimal("-0.5"), Decimal("999.95"),
                     Decimal("1E+3"), Decimal("1234567.891"), Decimal("-1000"), 0, 100, -999]),
)


@settings(max_examples=3000, deadline=None)
@given(numbers, st.integers(min_value=0, max_value=5), st.sampled_from(["da", "en"]))
def test_format_number_is_the_grouping_by_hand(x: Decimal | int, decimals: int, lang: str) -> None:
    assert format_number(x, decimals, lang) == _by_hand(x, decimals, lang)


@settings(max_examples=3000, deadline=None)
@given(numbers, st.sampled_from(["da", "en"]))
def test_format_kr_is_the_whole_kroner_grouped(x: Decimal | int, lang: str) -> None:
    """`format_kr` formats `round_kr`'s whole kroner itself (s20-cold): the text `format_number` gives them."""
    n = _by_hand(round_kr(Decimal(x)), 0, lang)
    assert format_kr(Decimal(x), lang) == (f"DKK {n}" if lang == "en" else f"{n} kr.")


@settings(max_examples=1000, deadline=None)
@given(numbers, st.integers(min_value=0, max_value=3), st.sampled_from(["da", "en"]))
def test_format_pct_is_the_percent_grouped(x: Decimal | int, decimals: int, lang: str) -> None:
    sign, digits, exponent = Decimal(x).as_tuple()
    n = _by_hand(Decimal((sign, digits, int(exponent) + 2)), decimals, lang)  # × 100, every digit kept
    assert format_pct(Decimal(x), decimals, lang) == (f"{n}%" if lang == "en" else f"{n} %")


def test_known_texts() -> None:
    assert format_number(Decimal("1234567.891"), 2) == "1.234.567,89"
    assert format_number(Decimal("1234567.891"), 2, "en") == "1,234,567.89"
    assert format_number(Decimal("-0.04"), 1) == "0,0"  # no "-0"
    assert format_number(Decimal("-1234.5"), 0) == "-1.235"  # half up, away from zero
    assert format_number(999, 0) == "999" and format_number(1000, 0) == "1.000"
    assert format_kr(Decimal("-2.5")) == "-3 kr." and format_kr(Decimal("1234567"), "en") == "DKK 1,234,567"
    assert format_kr(Decimal("-0.4")) == "0 kr." and format_kr(Decimal("999999.5")) == "1.000.000 kr."
    assert format_number(Decimal("-1234567.25"), 1) == "-1.234.567,3" and format_number(Decimal("1E+3"), 3) == "1.000,000"


def _decimals_by_the_tuple(x: Decimal | int, most: int) -> int:
    """`decimals_shown` as money.py wrote it before s20-cold: the normalized value's exponent from `as_tuple`."""
    exponent = Decimal(x).normalize().as_tuple().exponent
    return max(0, min(most, -exponent)) if isinstance(exponent, int) else 0


@settings(max_examples=3000, deadline=None)
@given(st.one_of(numbers, st.decimals(allow_nan=True, allow_infinity=True, places=None),
                 st.sampled_from([Decimal("0E-12"), Decimal("1E+999999"), Decimal("1E-999999"), Decimal("97.50"),
                                  Decimal("1.00000000000000000000000000001"), Decimal("-Infinity")])),
       st.integers(min_value=-1, max_value=8))
def test_decimals_shown_is_the_normalized_exponent(x: Decimal | int, most: int) -> None:
    if isinstance(x, Decimal) and x.is_snan():
        return  # normalize refuses a signalling NaN either way
    assert decimals_shown(x, most) == _decimals_by_the_tuple(x, most)


def test_decimals_shown_known() -> None:
    assert [decimals_shown(Decimal(v)) for v in ("4", "2.5", "0.25", "0.125", "4.00", "1E+3", "-0.5")] == [0, 1, 2, 2, 0, 0, 1]
    assert decimals_shown(Decimal("12.3456"), 6) == 4 and decimals_shown(Decimal("NaN")) == 0
