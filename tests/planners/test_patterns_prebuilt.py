"""s19-sum2 (issue 19): the regular expressions the summary's modules compile at import are compiled ahead
(`planners/model/patterns_prebuilt.py`, `python -m planners.model.patterns_gen`) and seeded into re's cache when the
model is imported. The committed module is the generator's output; each pattern seeded equals the one `re` compiles
(same flags, same code), matches the same texts, and is the very object the importing modules hold."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planners.model import patterns_gen, patterns_prebuilt, prebuilt

ROOT = Path(__file__).resolve().parents[2]

# Texts for the patterns' matches: numbers as fractions and the value checks meet them, and odd ones.
TEXTS = ["1", "-1", "1/3", " -2/7 ", "1.5", "1.5e-3", "1E+5000", "1_000", "0x1", "nan", "", "1/0", ".5", "5.",
         "+3", "1 / 2", "12345678901234567890", "-0.000", "1.2.3", "١٢", "1e", "e1", "1,5", "123456789012345.1234"]


# On another Python than the one that generated the module nothing is seeded (`prebuilt.seed_patterns`).
generated_here = pytest.mark.skipif(sys.version_info[:2] != patterns_prebuilt.PYTHON,
                                    reason="the patterns were generated on another Python")


@generated_here
def test_the_committed_module_is_the_generators_output() -> None:
    assert patterns_gen.TARGET.read_text(encoding="utf-8") == patterns_gen.module_source(), \
        "run python -m planners.model.patterns_gen"


def test_the_summary_compiles_two_patterns_at_import_fractions_and_the_value_checks() -> None:
    patterns = [entry[0] for entry in patterns_prebuilt.PATTERNS]
    assert len(patterns) == 2
    assert any(isinstance(p, str) and "(?P<num>" in p for p in patterns)  # fractions' number form
    assert any(isinstance(p, bytes) and p.startswith(b"-?[0-9]{1,15}") for p in patterns)  # filecheck._PLAIN_DECIMAL


@generated_here
@pytest.mark.parametrize("entry", patterns_prebuilt.PATTERNS, ids=lambda e: repr(e[0])[:30])
def test_each_seeded_pattern_equals_the_one_re_compiles(entry: tuple[object, ...]) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    pattern, flags = entry[0], entry[1]
    re.purge()  # as at the start of a process (a long test run may have filled re's cache: nothing is seeded then)
    prebuilt.seed_patterns()
    seeded = re._cache.get((type(pattern), pattern, flags))  # type: ignore[attr-defined]
    assert seeded is not None  # seeded (this Python generated the module)
    fresh = _compiler.compile(pattern, flags)
    assert seeded is not fresh and seeded == fresh  # Pattern ==: flags, pattern text and code
    assert (seeded.flags, seeded.groups, seeded.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)
    for text in TEXTS:
        subject = text if isinstance(pattern, str) else text.encode()
        a, b = seeded.match(subject), fresh.match(subject)
        assert (a and (a.span(), a.groups(), a.groupdict())) == (b and (b.span(), b.groups(), b.groupdict())), text


@generated_here
def test_the_modules_hold_the_seeded_patterns_in_a_fresh_interpreter() -> None:
    code = ("import re, planners.model\n"
            "seeded = {k: v for k, v in re._cache.items()}\n"
            "import fractions\nfrom planners.store import filecheck\n"
            "held = (fractions._RATIONAL_FORMAT, filecheck._PLAIN_DECIMAL)\n"
            "print(sum(any(p is v for v in seeded.values()) for p in held))\n"
            "print(fractions.Fraction(' -2/7 ') == fractions.Fraction(-2, 7), fractions.Fraction('1.5e-3'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split("\n")[:2] == ["2", "True 3/2000"]


@generated_here
def test_another_python_seeds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    re.purge()  # room in re's cache, as at the start of a process
    cache = re._cache  # type: ignore[attr-defined]
    keys = [(type(e[0]), e[0], e[1]) for e in patterns_prebuilt.PATTERNS]
    saved = {k: cache.pop(k) for k in keys if k in cache}
    try:
        monkeypatch.setattr(patterns_prebuilt, "PYTHON", (3, 10) if sys.version_info[:2] != (3, 10) else (3, 12))
        prebuilt.seed_patterns()
        assert not any(k in cache for k in keys)
        monkeypatch.undo()
        prebuilt.seed_patterns()
        assert all(k in cache for k in keys)
    finally:
        cache.update(saved)
