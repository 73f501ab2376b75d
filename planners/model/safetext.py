"""User text made safe for where it goes (issue 20.9): into a file name, onto a printed page.

A scenario may be called "Fase 1/2" and a name may carry a right-to-left override (U+202E) that reverses what
follows it when printed; neither may break an export or disguise a figure.
"""

from __future__ import annotations

import re

# Explicit direction controls: embeddings, overrides and isolates (and their terminators). Marks (LRM/RLM)
# only nudge neutral characters and are kept.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Characters no file system of Windows, macOS or Linux accepts in a name, or that change its meaning.
_FILE_FORBIDDEN = r'[<>:"/\\|?*]'  # compiled by re when first used (its cache), not by every start
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 120  # characters of a suggested file name's stem (file systems allow 255 bytes)


def printable(text: str) -> str:
    """`text` without direction controls and other invisible format or control characters (newlines and
    tabs stay), so a printed name shows its characters in the order they were typed."""
    if text.isascii() and text.isprintable():
        # No control character (the only Cc/Cf in ASCII: 0-31 and 127, which isprintable refuses), no direction
        # control: the text as it is, without importing unicodedata (≈ 0,7 M instructions of every summary, issue 19).
        return text
    import unicodedata

    return "".join(c for c in text if c in "\n\t" or not (c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Cf")
                                                            and c not in "\u200d\u200c"))  # fmt: skip


EXCERPT = 200  # characters of a value quoted in a message (issue 20.10: a 20 MB code was echoed whole)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """At most `limit` characters of `text` for a message, invisible and direction controls removed, '…' where
    it was cut. Only the excerpt is cleaned: the cost does not grow with the text's length."""
    if len(text) <= limit:
        return printable(text)
    return printable(text[:limit]) + "…"


def file_stem(text: str, fallback: str = "plan") -> str:
    """A file name stem made of user text: separators and reserved characters become '-', control and
    direction characters go, whitespace is collapsed, the length is capped ("Fase 1/2" → "Fase 1-2")."""
    cleaned = re.sub(_FILE_FORBIDDEN, "-", printable(text).replace("\n", " ").replace("\t", " "))
    cleaned = " ".join(cleaned.split()).strip(" .")
    if len(cleaned) > MAX_STEM:
        cleaned = cleaned[:MAX_STEM].rstrip(" .")
    if not cleaned or cleaned.upper().split(".")[0] in _WINDOWS_RESERVED:
        return fallback if not cleaned else f"{cleaned}-"
    return cleaned
