"""Issue 20.9/20.10: user text in file names and on paper; line wrapping in time proportional to the text."""

from __future__ import annotations

import time

import pytest

from planners.model.safetext import file_stem, printable


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
