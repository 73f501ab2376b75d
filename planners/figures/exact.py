"""Exact sums and the one rounding of the engine, on scaled integers and exact `Decimal`s (issue 19.3).

Every figure is an exact rational rounded once to 28 significant digits (`money.CONTEXT`), with the digits AND the
exponent that `money.to_decimal(Fraction(n, d))` gives: `CONTEXT.divide(Decimal(n), Decimal(d))` of two integers,
whose ideal exponent is 0. The helpers here give that same result without building a `Fraction` (each reduces by
a gcd) and, where the value is an exact `Decimal` already, without going through integers at all:

- `exact_form(v)`: an exact Decimal v as `to_decimal(Fraction(v))` gives it. An exact quotient keeps the fewest
  digits down to exponent 0 (5137.00 → 5137, 212.80 → 212.8, 5E+3 → 5000); a value of more than 28 significant
  digits is rounded (then every one of the 28 digits is kept).
- `ratio(n, d)`: integers n / d (d > 0), reduced or not — the same digits either way.
- `dec_ratio(v, d)`: an exact Decimal over a positive Decimal integer: `CONTEXT.divide(v, d)` is the correctly
  rounded quotient (the same value as the integers' division); only an exact quotient's exponent can differ (its
  ideal exponent is v's), so an exact one goes through `exact_form`.

- `signed_ratio(n, d)`: the same for any d ≠ 0 (a negative d is moved to n, so 0 / −5 is 0, never −0).

A rational that is not an exact Decimal (an annuity, the rent rate: a division) is kept as a `Ratio`, integers
(numerator, denominator), added by `ratio_sum` and reduced once where it is used many times (`reduced`): the few
operations the engine needs, without importing `fractions` for a one-shot command (issue 19.3, s20-frac).

`EXACT` adds and multiplies finite decimals with every digit kept (scaled integers, never rounded); `Inexact` is
trapped, so a rounding could never pass unnoticed. Inside `localcontext(EXACT)` the operators `+` and `*` are
the cheapest way to use it (no method call per operation).
"""

from __future__ import annotations

import math
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact, InvalidOperation

from planners.model.money import CONTEXT

EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, Inexact])

Ratio = tuple[int, int]  # an exact rational: (numerator, denominator ≠ 0), not necessarily reduced

_ZERO = Decimal(0)
_divide = CONTEXT.divide
_normalize = CONTEXT.normalize
_add = CONTEXT.add
_multiply = EXACT.multiply


def _by_integers(v: Decimal) -> Decimal:
    n, d = v.as_integer_ratio()
    return _divide(Decimal(n), Decimal(d))


def exact_form(v: Decimal) -> Decimal:
    """`money.to_decimal(Fraction(v))` for an exact finite Decimal v, digit for digit and exponent too."""
    r = _normalize(v)  # the fewest digits; rounded to 28 digits where v has more
    if r != v:
        return _by_integers(v)  # more than 28 significant digits: the division rounds (and keeps 28 digits)
    # + 0: an exact sum's exponent is the smaller of its operands', so this is r's value at exponent 0 where r
    # is a whole number (5E+3 → 5000) and r itself below it (212.8); 0 and −0 give 0. A whole number of more
    # than 28 digits at exponent 0 is rounded to 28 digits — exactly, its last digits being zeros — as the
    # integers' division rounds it too (5E+30 → 5.000…E+30). (Three operations where a quantize to exponent 0
    # and its comparisons took five; s20-frac.)
    return _add(r, _ZERO)


def ratio(n: int, d: int) -> Decimal:
    """n / d (integers, d > 0) rounded once: `to_decimal(Fraction(n, d))` digit for digit."""
    return _divide(Decimal(n), Decimal(d))


def signed_ratio(n: int, d: int) -> Decimal:
    """n / d (integers, d ≠ 0) rounded once: `to_decimal(Fraction(n, d))` digit for digit, sign and all."""
    if d < 0:
        n, d = -n, -d
    return _divide(Decimal(n), Decimal(d))


def reduced(n: int, d: int) -> Ratio:
    """n / d in lowest terms with a positive denominator: `Fraction(n, d)`'s numerator and denominator."""
    g = math.gcd(n, d)
    if d < 0:
        g = -g
    return n // g, d // g


def ratio_sum(values: list[Ratio]) -> Ratio:
    """Σ values, exact, over the least common multiple of their denominators."""
    if not values:
        return 0, 1
    common = math.lcm(*(d for _n, d in values))
    return sum(n * (common // d) for n, d in values), common


def dec_ratio(v: Decimal, d: Decimal) -> Decimal:
    """v / d (v an exact Decimal, d a positive Decimal integer) rounded once, as `to_decimal(Fraction(v) / d)`."""
    if not v:
        return _ZERO
    q = _divide(v, d)
    if _multiply(q, d) == v:  # exact: only the exponent can differ from the integers' division
        return _add(_normalize(q), _ZERO)  # `exact_form(q)`: q has at most 28 digits, normalize never rounds it
    return q  # rounded: 28 digits, the same as the integers' division gives


