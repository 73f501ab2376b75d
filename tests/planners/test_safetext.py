"""Issue 20.9/20.10: user text in file names and on paper; line wrapping in time proportional to the text."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from planners.model.safetext import BIDI_CONTROLS, file_stem, printable


@pytest.mark.parametrize(("text", "stem"), [
    ("plan - bilag (Fase 1/2)", "plan - bilag (Fase 1-2)"),
    ("a\\b:c*d?e\"f<g>h|i", "a-b-c-d-e-f-g-h-i"),
    ("  navn\u202eslå  \n fejl ", "navnslå fejl"),
    ("", "plan"),
    ("...", "plan"),
    ("CON", "CON-"),
    ("x" * 300, "x" * 120),
])  # fmt: skip
def test_file_stem(text: str, stem: str) -> None:
    assert file_stem(text) == stem


def test_printable_drops_direction_overrides_but_keeps_letters_and_lines() -> None:
    assert printable("Læge\u202eCBA\u202c 1.000 kr.\nnæste\u2067x\u2069") == "LægeCBA 1.000 kr.\nnæstex"
    assert printable("👩‍⚕️ Ærø") == "👩‍⚕️ Ærø"  # the zero-width joiner of an emoji stays


def test_wrapping_a_2000_character_word_is_fast_and_loses_nothing() -> None:
    from planners.exports.report.document import text_width, wrap

    word = "".join(chr(ord("a") + i % 26) for i in range(2000))
    started = time.process_time()
    lines = wrap(word, 3.0, 9)
    spent = time.process_time() - started
    assert "".join(lines) == word
    assert all(text_width(line, 9) <= 3.0 for line in lines)
    assert len(lines) > 10
    assert spent < 1.0, f"{spent:.2f} s"


def test_wrap_breaks_where_the_old_linear_search_did() -> None:
    from planners.exports.report.document import text_width, wrap

    word = "kontakt.lægehuset_storegade-syd@eksempel.dk" * 3
    lines = wrap(word, 1.2, 9)
    assert "".join(lines) == word
    for line, following in zip(lines, lines[1:], strict=False):
        # each line is the longest that fits, or ends at a soft break ("_", "-", ".", "@")
        assert text_width(line + following[0], 9) > 1.2 or line[-1] in "_-.@"
    assert "\u202e" not in "".join(wrap("abc\u202edef", 3.0, 9))


def _printable_by_category(text: str) -> str:
    """`printable` as it was before s19-sum2: every character judged by its Unicode category."""
    return "".join(c for c in text if c in "\n\t" or not (c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Cf")
                                                            and c not in "\u200d\u200c"))  # fmt: skip


def test_printable_of_ascii_without_unicodedata_equals_the_categories() -> None:
    """s19-sum2: a printable ASCII text is returned as it is (no unicodedata); every ASCII character alone, inside a
    text, and random mixes with other characters give what the categories give."""
    for i in range(128):
        for text in (chr(i), f"a{chr(i)}b", f"{chr(i)}\u202e"):
            assert printable(text) == _printable_by_category(text), i
    rng = random.Random(19)
    for _ in range(5000):
        text = "".join(chr(rng.randrange(0x3000) if rng.random() < 0.2 else rng.randrange(128))
                       for _ in range(rng.randrange(8)))
        assert printable(text) == _printable_by_category(text), text


def test_printable_ascii_imports_no_unicodedata() -> None:
    code = ("import sys\nfrom planners.model.safetext import excerpt\n"
            "assert excerpt('room_type.kontor-1') == 'room_type.kontor-1'\n"
            "print('unicodedata' in sys.modules)\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.strip() == "False"
