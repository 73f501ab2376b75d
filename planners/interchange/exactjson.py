"""JSON text with exact decimal numbers.

The standard library's encoder writes only floats, which would round amounts; plans and figures are
`Decimal`, so this small writer emits a `Decimal` as a JSON number with its own digits (no exponent,
integral values as integers). Readers use `json.loads(text, parse_float=Decimal)` to stay exact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from json.encoder import encode_basestring as _encode_basestring

# What json.dumps(text, ensure_ascii=False) writes for a str, without building an encoder per string (the large
# plan's summary --json writes 25.000 strings).
_string: Callable[[str], str] = _encode_basestring


def number_text(value: Decimal) -> str:
    """A Decimal as a JSON number: its digits without exponent; integral values as integers; no -0."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    # "f" writes every digit, never rounded and without exponent (5E+3 → 5000); trailing zeros after the point
    # are then dropped (1.2300 → 1.23, 5.00 → 5): what normalize()/quantize() gave, without a context per number.
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def dumps(obj: object, indent: int | None = 2) -> str:
    """Serialise dicts, lists, str, bool, None, int and Decimal (exactly) as JSON text."""
    parts: list[str] = []
    _write(obj, parts, indent, 0)
    return "".join(parts)


def _write(obj: object, out: list[str], indent: int | None, level: int) -> None:
    if isinstance(obj, str):
        out.append(_string(obj))
    elif obj is None or isinstance(obj, bool):
        out.append("null" if obj is None else "true" if obj else "false")
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
            out.append(_string(str(key)))
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
