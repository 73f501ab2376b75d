"""Numbers as the engine keeps them and as people read them.

Two halves:
- **Exact values inside the engine.** The figures are computed as exact rationals (`fractions.Fraction`: every
  formula of DESIGN §4 is +, −, × and ÷, so nothing is ever rounded while a figure is being computed) and turned
  into `Decimal` once, at the end, correctly rounded to Python's default context (28 significant digits,
  `ROUND_HALF_EVEN`). `to_decimal`, `exact_sub` and `dsum` are the few helpers for that.
- **Display.** `round_kr` is the ONE rounding function for display: whole kroner, half up (2,50 kr. → 3 kr.).
  `format_kr`, `format_m2`, `format_pct` and `format_number` write Danish numbers (`.` thousands, `,` decimals;
  English with `lang="en"`). Never round a figure and then compute with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from planners.model.i18n import N_, translate

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:  # a type only: a summary imports no `fractions` (issue 19.3, s20-frac)
    from fractions import Fraction

# Python's default decimal context, written out so the figures never depend on the caller's thread context.
CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN, Emax=999999, Emin=-999999,
                  traps=[InvalidOperation, DivisionByZero, Overflow])
# Addition, subtraction and multiplication in this context are exact (the result keeps every digit). Never
# divide in it: 1/3 has no end.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, DivisionByZero, Overflow])
# Quantizing a large amount to whole kroner must not run out of digits.
_DISPLAY = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP,
                   traps=[InvalidOperation, DivisionByZero, Overflow])

ONE_KRONE = Decimal(1)


# --- exact values --------------------------------------------------------------------------------------------


def to_decimal(q: Fraction | int) -> Decimal:
    """The exact rational `q`, correctly rounded once to 28 significant digits."""
    if isinstance(q, int):
        return CONTEXT.plus(Decimal(q))
    if q.denominator == 1:
        return CONTEXT.plus(Decimal(q.numerator))
    return CONTEXT.divide(Decimal(q.numerator), Decimal(q.denominator))


def exact_sub(a: Decimal, b: Decimal) -> Decimal:
    """a − b with every digit kept (the result may have more than 28 digits)."""
    return _EXACT.subtract(a, b)


def dsum(values: Iterable[Decimal]) -> Decimal:
    """Σ values added left to right in the default context: exactly what a reader's `sum(values)` gives.

    Used where a figure must equal the sum a reader computes from the others (DESIGN §4 invariants). Each sum is
    rounded as `CONTEXT.add(total, v)` rounds it, by the + operator inside that context: about half the cost of the
    method, which parses its arguments (60 tenants' totals 134.000 → 40.000 instructions; issue 19, s20-frac). The
    values are taken before the context is entered, so a generator's own arithmetic runs in the caller's context.
    """
    items = list(values)
    with localcontext(CONTEXT):
        return sum(items, Decimal(0))


# --- display -------------------------------------------------------------------------------------------------


def round_kr(x: Decimal) -> Decimal:
    """Whole kroner, half up (2,50 → 3; −2,50 → −3). For display only: never compute with the result."""
    rounded = _DISPLAY.quantize(x, ONE_KRONE)
    return rounded if rounded else abs(rounded)  # no "−0"


# The quantum of each number of decimals a display asks for (0, 1, 2: made once, not at every call).
_QUANTA = tuple(Decimal(1).scaleb(-d) for d in range(4))
_HUNDRED = Decimal(100)


def format_number(x: Decimal | int, decimals: int = 0, lang: str = "da") -> str:
    """`x` rounded half up to `decimals` places, with thousands separators: '1.234,5' (da) or '1,234.5' (en).

    The digits are `format`'s own: the 'f' form of the rounded value, with its ',' thousands separator (issue 19:
    a summary formats ~400 numbers; grouping them in Python was ≈ 0,5 ms of it). English writes it as it is;
    Danish swaps the two marks. The point, where there is one, is the `decimals + 1`-th character from the end
    ('f' writes exactly the quantum's places), so the swap is a replace and a slice (a `str.translate` table cost
    ≈ 0,5 µs a number; s20-cold)."""
    quantum = _QUANTA[decimals] if 0 <= decimals < 4 else Decimal(1).scaleb(-decimals)
    value = _DISPLAY.quantize(x if type(x) is Decimal else Decimal(x), quantum)
    if not value:
        value = abs(value)  # no "-0"
    text = f"{value:,f}"  # (an f-string formats without a call of `format`)
    if lang == "en":
        return text
    if decimals <= 0:
        return text.replace(",", ".")
    return f"{text[:-decimals - 1].replace(',', '.')},{text[-decimals:]}"


def format_kr(x: Decimal | None, lang: str = "da") -> str:
    """'1.234.567 kr.' (da) or 'DKK 1,234,567' (en): whole kroner, half up. None (no figure) → '–'."""
    if x is None:
        return "–"
    # `round_kr`'s whole kroner (and no "−0"), written here (≈ 285 amounts a summary): `format_number(…, 0)` would
    # only quantize them again.
    rounded = _DISPLAY.quantize(x, ONE_KRONE)
    if not rounded:
        rounded = abs(rounded)
    if lang == "en":
        return f"DKK {rounded:,f}"
    return f"{rounded:,f}".replace(",", ".") + " kr."


def format_m2(x: Decimal | None, decimals: int = 1, lang: str = "da") -> str:
    """'1.234,5 m²' (da) or '1,234.5 m²' (en). None → '–'."""
    if x is None:
        return "–"
    return f"{format_number(x, decimals, lang)} m²"


def format_pct(fraction: Decimal | None, decimals: int = 1, lang: str = "da") -> str:
    """A fraction as a percentage: 0.125 → '12,5 %' (da, with a space as Danish writes it) or '12.5%' (en)."""
    if fraction is None:
        return "–"
    n = format_number(_EXACT.multiply(fraction, _HUNDRED), decimals, lang)
    return f"{n}%" if lang == "en" else f"{n} %"


def format_change(diff: Decimal, unit: str, lang: str = "da") -> str:
    """A difference with its sign, as a what-if or a comparison shows it: '+1.234 kr.', '−46,3 m²',
    '+2,5 procentpoint' (unit "kr", "m2" or "pct": a difference of two fractions); '±0' where it is zero (as
    displayed: a difference below half a krone shows as '±0')."""
    size = abs(diff)
    if unit == "kr":
        text = format_kr(size, lang)
        shown = round_kr(size)
    elif unit == "m2":
        text = format_m2(size, 1, lang)
        shown = _DISPLAY.quantize(size, Decimal("0.1"))
    else:
        shown = _DISPLAY.quantize(_EXACT.multiply(size, Decimal(100)), Decimal("0.1"))
        text = format_number(shown, 1, lang) + (" pp." if lang == "en" else " procentpoint")
    if not shown:
        return "±0"
    return ("+" if diff > 0 else "−") + text


_MONTHS = (N_("januar"), N_("februar"), N_("marts"), N_("april"), N_("maj"), N_("juni"), N_("juli"),
           N_("august"), N_("september"), N_("oktober"), N_("november"), N_("december"))


def format_date(day: date, lang: str = "da") -> str:
    """A date as a reader writes it: "5. marts 2018" (or "5 March 2018"), not ISO's 2018-03-05."""
    month = translate(_MONTHS[day.month - 1], lang)
    return translate("{day}. {month} {year}", lang, day=day.day, month=month, year=day.year)


def decimals_shown(x: Decimal | int, most: int = 2) -> int:
    """How many decimals a count, norm or share needs on screen, at most `most`: 4 → 0, 2.5 → 1, 0.25 → 2."""
    # The normalized value's exponent, without `as_tuple` (whose named tuple is made in Python, ≈ 0,5 µs): a
    # normalized value has no trailing zeros, so it is integral exactly where its exponent is ≥ 0, and its exponent
    # is −k exactly where it has the quantum of 10^−k (`same_quantum` compares exponents).
    value = Decimal(x).normalize()
    if not value.is_finite() or value == value.to_integral_value():
        return 0
    for k in range(1, most):
        if value.same_quantum(_QUANTA[k] if k < 4 else Decimal(1).scaleb(-k)):
            return k
    return max(0, most)


def format_count(x: Decimal | int, lang: str = "da") -> str:
    """A count, norm or head count as people write it: '4', '0,25' (da) / '0.25' (en)."""
    return format_number(x, decimals_shown(x), lang)
