"""Danish numbers in the GUI: ONE `QLocale` for entry and display.

Display goes through `planners.model.money` (the one place that rounds, half up); entry is parsed here with the
separators of the Danish `QLocale` into an exact `Decimal` (never a float): "1.234,5" → Decimal("1234.5").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale

from planners.model import money

LOCALE = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
GROUP = LOCALE.groupSeparator() or "."
POINT = LOCALE.decimalPoint() or ","
_SHAPE = re.compile(r"^[+-]?\d+(\.\d+)?$")
# Where the thousands separator may stand: groups of exactly three digits ("1.234.567"). "2.5" is then not
# 25 but no number at all: an English decimal point must not silently multiply a value by ten.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")


def parse_decimal(text: str) -> Decimal | None:
    """A number typed the Danish way ("1.234,5", "-3", "12,50 kr.") as an exact Decimal; None if it is not one.

    Spaces (also no-break spaces), a trailing unit and the thousands separators are ignored."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    for unit in ("kr.", "kr", "m²", "%"):
        if s.endswith(unit):
            s = s[: -len(unit)]
    if GROUP in s and not _GROUPED.match(s.replace(GROUP, ".").replace(POINT, ",")):
        return None
    s = s.replace(GROUP, "").replace(POINT, ".")
    if not _SHAPE.match(s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def number_hint(text: str) -> str:
    """A hint for a number refused by `parse_decimal`: most often an English decimal point ("2.5")."""
    from desktop.i18n import t

    return t(" (skriv decimaler med komma, fx 2,5)") if GROUP in text and POINT not in text else ""


def edit_text(value: Decimal | int | None) -> str:
    """A value as the editor shows it: every digit kept, Danish decimal comma, no grouping."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", POINT)


def show_number(value: Decimal | int | None, decimals: int = 0) -> str:
    """'1.234,5' — rounded half up for display only."""
    if value is None:
        return ""
    return money.format_number(value, decimals)


def show_decimal(value: Decimal | int | None, max_decimals: int = 2) -> str:
    """A user-entered value (count, m², percent) with as many decimals as it has, up to `max_decimals`."""
    if value is None:
        return ""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = min(max_decimals, max(0, -exponent)) if isinstance(exponent, int) else 0
    return money.format_number(value, decimals)


def show_kr(value: Decimal | None) -> str:
    return money.format_kr(value) if value is not None else ""


def show_m2(value: Decimal | None) -> str:
    return money.format_m2(value) if value is not None else ""


def show_pct(fraction: Decimal | None) -> str:
    return money.format_pct(fraction) if fraction is not None else ""
