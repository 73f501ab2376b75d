"""One way to translate: the gettext catalog (resources/locale) covers every text the code marks, the committed
.mo is the .po compiled, and the lookup (planners.model.i18n) fills values, plurals and contexts."""

from __future__ import annotations

import re
import shlex
import string
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from planners.model.errors import InvalidPlan, PlanError, Problem
from planners.model.i18n import N_, Message, translate, translate_in, translate_plural

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES" / "sundhedshus.po"


def _po() -> Catalog:
    with PO.open("rb") as fp:
        return read_po(fp, locale="en", domain="sundhedshus")


def _keywords() -> Any:
    """BABEL_KEYWORDS of the Makefile (what `make translations` extracts with) as Babel's keyword specs."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^BABEL_KEYWORDS := (.*?)(?<!\\)$", text, re.MULTILINE | re.DOTALL)
    assert match, "the Makefile names the extraction keywords"
    words = shlex.split(match.group(1).replace("\\\n", " "))
    from babel.messages.frontend import parse_keywords

    return parse_keywords([w for w in words if w != "-k"])


def _method_map() -> list[tuple[str, str]]:
    """babel.cfg's patterns, as pybabel reads them."""
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, _options = parse_mapping_cfg(fp)
    return method_map


def _extracted() -> dict[tuple[str | None, str], str]:
    """(msgctxt, msgid) → file of every text the code marks for translation."""
    found: dict[tuple[str | None, str], str] = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT), _method_map(), keywords=_keywords(), comment_tags=()
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found[(context, msgid)] = filename
    return found


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_the_committed_mo_is_the_po_compiled() -> None:
    """The app reads the .mo; a .po edited without `make translations` would not be seen."""
    from io import BytesIO

    buffer = BytesIO()
    write_mo(buffer, _po())
    assert PO.with_suffix(".mo").read_bytes() == buffer.getvalue(), "run `make translations` and commit the .mo"


def test_every_marked_text_has_its_english() -> None:
    extracted = _extracted()
    assert len(extracted) > 600  # the extraction really ran over the core and the GUI
    assert (None, "Filen findes ikke: {path}") in extracted  # a PlanError's msgid (keyword PlanError)
    assert ("ét fund", "Fejl") in extracted  # a name with a msgctxt (keyword Name:1,2c)
    assert (None, "Lejere") in extracted  # a GUI text (keyword t)
    catalog = _po()
    missing = []
    for (context, msgid), filename in sorted(extracted.items(), key=lambda item: item[1]):
        entry = catalog.get(msgid, context=context)
        strings = [] if entry is None else [entry.string] if isinstance(entry.string, str) else list(entry.string or ())
        if not strings or not all(s.strip() for s in strings):
            missing.append(f"{filename}: {msgid!r}")
    assert missing == []


def test_translations_keep_the_fields_and_are_not_fuzzy() -> None:
    """A msgstr with a field the code does not fill (or missing one it fills) would fail or lose a value."""
    bad = []
    for entry in _po():
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string or ())
        wanted = set().union(*(_fields(i) for i in ids))
        if any(_fields(s) != wanted for s in strings) or entry.fuzzy:
            bad.append(entry.id)
    assert bad == []


def test_translate_fills_values_in_the_chosen_language() -> None:
    assert translate("Filen findes ikke: {path}", "en", path="/tmp/x") == "No such file: /tmp/x"
    assert translate("Filen findes ikke: {path}", "da", path="/tmp/x") == "Filen findes ikke: /tmp/x"
    assert translate("Filen findes ikke: {path}", "xx", path="/tmp/x") == "Filen findes ikke: /tmp/x"  # no catalog
    assert translate("", "en") == ""  # never the catalog's header
    assert translate("en tekst ingen har oversat", "en") == "en tekst ingen har oversat"
    # A value that is a message is translated into the same language (the sentence stays one msgid).
    damaged = "Planen er beskadiget og kan ikke åbnes ({detail}). Brug en sikkerhedskopi af filen."
    detail = Message.of(N_("filen er afkortet"))
    assert translate(damaged, "en", detail=detail) == (
        "The plan is damaged and cannot be opened (the file is truncated). Use a backup copy of the file."
    )
    assert "(filen er afkortet)" in translate(damaged, "da", detail=detail)


def test_plurals_and_contexts() -> None:
    assert translate_plural("{n} kliniker", "{n} klinikere", 1, "en", n="1") == "1 clinician"
    assert translate_plural("{n} kliniker", "{n} klinikere", 2, "en", n="2,5") == "2,5 clinicians"
    assert translate_plural("{n} kliniker", "{n} klinikere", 3, "da", n="3") == "3 klinikere"
    # "Fejl" is "Error" for one finding and "Errors" as a heading: two entries, told apart by msgctxt.
    assert translate_in("ét fund", "Fejl", "en") == "Error"
    assert translate("Fejl", "en") == "Errors"
    assert translate_in("ét fund", "Fejl", "da") == "Fejl"


def test_problems_and_errors_keep_a_msgid_and_read_in_any_language() -> None:
    problem = Problem("plan.municipality", "ukendt kommune «{value}»", value="Aarhuus")
    assert problem.message_da == "ukendt kommune «Aarhuus»"
    assert problem.message_en == "unknown municipality «Aarhuus»"
    assert problem.message("en") == problem.message_en
    # Built from its two rendered texts it is the same problem (the old two-text form still works).
    assert problem == Problem("plan.municipality", problem.message_da, problem.message_en)
    assert len({problem, Problem("plan.municipality", problem.message_da, problem.message_en)}) == 1
    error = PlanError("Filen findes allerede: {path}", path="a.sundhedshus")
    assert (error.message, error.message_en) == ("Filen findes allerede: a.sundhedshus",
                                                "The file already exists: a.sundhedshus")  # fmt: skip
    assert str(error) == error.message
    invalid = InvalidPlan([problem])
    assert invalid.message == "plan.municipality: ukendt kommune «Aarhuus»"
    assert invalid.message_in("en") == "plan.municipality: unknown municipality «Aarhuus»"
    assert InvalidPlan([]).message_en == "Invalid plan"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_names_follow_the_catalog(lang: str) -> None:
    from planners.model import CostCategory, Level, names

    expected = {"da": ("Byggeri", "Fejl", "Fejl"), "en": ("Construction", "Error", "Errors")}[lang]
    assert (
        names.name(names.CATEGORY_NAMES, CostCategory.CONSTRUCTION, lang),
        names.name(names.LEVEL_NAMES, Level.ERROR, lang),
        names.name(names.LEVEL_PLURAL_NAMES, Level.ERROR, lang),
    ) == expected


def test_a_finding_renders_in_any_language_through_its_text() -> None:
    """A language without a catalog gets the Danish (gettext's fallback), built by the same function."""
    from planners.figures.checked import check_all
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path

    findings = [f for fs in check_all(load_json(template_path("large"))).values() for f in fs]
    assert findings
    for f in findings:
        assert f.text is not None and f.message("xx") == f.message_da and f.text("en") == f.message_en
