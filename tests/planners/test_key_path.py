"""Issue 19 (s18-summary): `value_rules.key_path` tells an identifier without a regular expression. It writes
`path.key` exactly where the expression it replaces, `[A-Za-z_][A-Za-z0-9_]*\\Z`, matches, else `path["key"]`."""

from __future__ import annotations

import random
import re

from planners.model import value_rules

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
KEYS = ["gp", "fys", "_x", "x1", "1x", "", " ", "a b", "a-b", "æble", "Ørsted", "ｆｕｌｌ", "x\n", "class", "2024", "a.b",
        "_", "__init__", "ı", "K", "a\u0301", "x" * 100, "\ud800", 2024, None, 1.5]  # fmt: skip


def _expected(key: object) -> str:
    text = value_rules.excerpt(str(key), 80)
    if IDENTIFIER.match(text):
        return f"p.{text}"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'p["{escaped}"]'


def test_key_path_as_the_expression_wrote_it() -> None:
    rng = random.Random(18)
    alphabet = [chr(c) for c in range(0, 0x250)] + ["\u00a0", "\u2028", "\uff21", "\U0001f3e5"]
    keys = KEYS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))) for _ in range(20_000)]
    for key in keys:
        assert value_rules.key_path("p", key) == _expected(key), repr(key)
