"""What a person must never read (issue 14.3): codes, ids, enum values, format names and technical notation.

`offending(text, tenant_ids)` names what of that a text holds; the tests of the findings, the annex
(tests/planners/test_plain_words.py) and the GUI's tables (tests/desktop/test_plain_words_gui.py) share it.
"""

from __future__ import annotations

import re
from enum import StrEnum

from planners.model import entities

# Enum values that are also ordinary Danish words ("Region Sjælland", "en note", "IT").
DANISH_WORDS = {"region", "regional", "note", "administration", "specialist", "toilet", "reception", "it"}


def enum_values() -> set[str]:
    """Every value of every StrEnum of the model (the codes of DESIGN §9)."""
    out: set[str] = set()
    for obj in vars(entities).values():
        if isinstance(obj, type) and issubclass(obj, StrEnum) and obj is not StrEnum:
            out |= {str(x.value) for x in obj}
    return out


CODES = sorted(enum_values() - DANISH_WORDS)
_CODE_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, CODES)) + r")(?![\w-])")
_SNAKE_RE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
_TECHNICAL = ("JSON", "SQLite", "10^", ".local/share", "None", "True", "False", "Decimal(")


def offending(text: str, tenant_ids: set[str] = frozenset(), *, danish: bool = True) -> list[str]:  # type: ignore[assignment]
    """What in `text` a person should not read: enum values (in Danish text), snake_case tokens, a tenant's id
    where it is not also an ordinary word of the text, format names and technical notation."""
    found = [m.group(0) for m in _SNAKE_RE.finditer(text)]
    if danish:
        found += [m.group(1) for m in _CODE_RE.finditer(text)]
    found += [word for word in _TECHNICAL if word in text]
    for tid in tenant_ids:
        # An id is reported only when it stands as a token of its own in the exact spelling of the id.
        if re.search(r"(?<![\w«-])" + re.escape(tid) + r"(?![\w»-])", text):
            found.append(tid)
    return found
