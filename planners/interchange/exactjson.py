"""JSON text with exact decimal numbers.

The standard library's encoder writes only floats, which would round amounts; plans and figures are
`Decimal`, so this small writer emits a `Decimal` as a JSON number with its own digits (no exponent,
integral values as integers). Readers use `json.loads(text, parse_float=Decimal)` to stay exact.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal, localcontext


def number_text(value: Decimal) -> str:
    """A Decimal as a JSON number: its digits without exponent; integral values as integers; no -0."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    # A context as wide as the number itself: normalize()/quantize() must never round its digits.
    with localcontext() as ctx:
        digits, exponent = value.as_tuple().digits, value.as_tuple().exponent
        assert isinstance(exponent, int)  # a finite number's ("n", "N", "F" are NaN's and infinity's)
        ctx.prec = max(28, len(digits) + abs(exponent) + 2)
        if value == value.to_integral_value():
            text = format(value.quantize(Decimal(1)), "f")
        else:
            text = format(value.normalize(), "f")
    return "0" if text in ("-0", "-0.0") else text


def dumps(obj: object, indent: int | None = 2) -> str:
    """Serialise dicts, lists, str, bool, None, int and Decimal (exactly) as JSON text."""
    parts: list[str] = []
    _write(obj, parts, indent, 0)
    return "".join(parts)


def _write(obj: object, out: list[str], indent: int | None, level: int) -> None:
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        out.append(json.dumps(obj, ensure_ascii=False))
    elif isinstance(obj, Decimal):
        out.append(number_text(obj))
    elif isinstance(obj, int):
        out.append(str(obj))
    elif isinstance(obj, float):
        out.append(number_text(Decimal(repr(obj))))
    elif isinstance(obj, Mapping):
        items = list(obj.items())
        if not items:
            out.append("{}")
            return
        out.append("{")
        for i, (key, value) in enumerate(items):
            out.append("," if i else "")
            _newline(out, indent, level + 1)
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(": ")
            _write(value, out, indent, level + 1)
        _newline(out, indent, level)
        out.append("}")
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
            return
        out.append("[")
        for i, value in enumerate(obj):
            out.append("," if i else "")
            _newline(out, indent, level + 1)
            _write(value, out, indent, level + 1)
        _newline(out, indent, level)
        out.append("]")
    else:
        raise TypeError(f"cannot write {type(obj).__name__} as JSON")


def _newline(out: list[str], indent: int | None, level: int) -> None:
    if indent is not None:
        out.append("\n" + " " * (indent * level))
    elif out and out[-1] == ",":
        out.append(" ")
