"""One way to translate, for the core and the GUI alike: gettext catalogs keyed on the Danish text.

Danish is the source language: every text is written in Danish in the code (the msgid) and looked up in
`resources/locale/<lang>/LC_MESSAGES/sundhedshus.mo` for another language. The catalogs are extracted and compiled
with Babel (`make translations`; `babel.cfg`). Mark a text that is translated later (a table of names, a message
kept until it is shown) with `N_`; translate it where it is shown with `translate(text, lang)`. A text with
values takes them as `str.format` fields, so the whole sentence is one msgid a translator sees:
`translate("ukendt kommune «{name}»", lang, name=value)`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from planners.model.prebuilt import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    import gettext

    from planners.model.mo_catalog import LazyCatalog as _LazyCatalog  # noqa: F401  (at run time: `__getattr__`)

DOMAIN = "sundhedshus"
SOURCE_LANGUAGE = "da"
LANGUAGES = ("da", "en")


def N_(text_da: str) -> str:
    """Marks a Danish text for extraction without translating it now (it is translated where it is shown)."""
    return text_da


def bundled_folder() -> Path:
    """The folder of the bundled data package `resources`: where its `__init__` is, which is what
    `importlib.resources.files("resources")` gives for a package on disk (a checkout, a wheel, the PyInstaller
    bundle), without importing `importlib.resources` (with zipfile, tempfile and shutil ≈ 4 ms CPU of every
    start, before any catalog or data file is read; issue 19)."""
    import resources  # an empty package: importing it runs nothing

    folder = Path(resources.__file__).parent
    if folder.is_dir():
        return folder
    from importlib import resources as importlib_resources  # a layout with the package not on disk

    return Path(str(importlib_resources.files("resources")))


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (an empty one for Danish, the source language, or a missing catalog).

    gettext (with locale) is imported here, when a catalog is first asked for, not with this module: a Danish
    text is never looked up, so a command that prints Danish (`summary`, `check`) does not import it (≈ 1,5 ms CPU;
    issue 19)."""
    import gettext
    import io
    import struct

    from planners.model.mo_catalog import LazyCatalog

    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    mo = bundled_folder() / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        data = mo.read_bytes()
    except OSError:
        return gettext.NullTranslations()
    try:
        return LazyCatalog(data)
    except (struct.error, ValueError):
        pass  # not a file this can index: gettext's own reader decides (and refuses it as before)
    try:
        return gettext.GNUTranslations(io.BytesIO(data))
    except OSError:
        return gettext.NullTranslations()


def __getattr__(name: str) -> object:
    """`_LazyCatalog`, the catalog class's old name here: its module (with gettext) imported when named."""
    if name == "_LazyCatalog":
        from planners.model.mo_catalog import LazyCatalog

        return LazyCatalog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def translate(text_da: str, lang: str = SOURCE_LANGUAGE, /, **values: object) -> str:
    """`text_da` in `lang` (Danish itself where the catalog has no translation), with `values` filled in.

    A value that is itself a `Message` is translated into the same language first, so a sentence can hold a
    phrase chosen at run time ("under"/"over") without splitting the sentence. A value that is a function of the
    language (an amount, a number with thousands separators: `lambda lang: format_kr(x, lang)`) is called with it."""
    # gettext("") is the catalog's header, never a text
    text = catalog(lang).gettext(text_da) if text_da and lang != SOURCE_LANGUAGE else text_da
    return _fill(text, lang, values)


def _fill(text: str, lang: str, values: dict[str, object]) -> str:
    """`text` (already in `lang`) with `values` filled in, each message or function of the language in `lang`."""
    if not values:
        return text
    # (`Message` is not callable: a dataclass without `__call__`.)
    return text.format_map({k: v.text(lang) if isinstance(v, Message) else v(lang) if callable(v) else v
                            for k, v in values.items()})


def translate_plural(singular_da: str, plural_da: str, n: int, lang: str = SOURCE_LANGUAGE, /,
                     **values: object) -> str:
    """The singular or plural form for `n` in `lang` (gettext's ngettext: a language has its own forms)."""
    if lang == SOURCE_LANGUAGE:
        text = singular_da if n == 1 else plural_da
    else:
        text = catalog(lang).ngettext(singular_da, plural_da, n)
    return _fill(text, lang, values)  # the values in `lang` too (a Message value, an amount)


def translate_in(context: str, text_da: str, lang: str = SOURCE_LANGUAGE, /, **values: object) -> str:
    """`translate` of a Danish text that needs two translations ("Fejl": "Error" for one finding, "Errors" as
    a heading): the catalog's entry with msgctxt `context`."""
    if not text_da or lang == SOURCE_LANGUAGE:
        return translate(text_da, lang, **values)
    text = catalog(lang).pgettext(context, text_da)
    return _fill(text, lang, values)  # the values in `lang` too (a Message value, an amount)


@dataclass(frozen=True)
class Message:
    """A text kept until it is shown: its Danish msgid and the values of its fields, in any language later.

    Use it where the core makes a message long before anyone knows the language (a problem of a plan, a
    finding, a refusal): `Message(N_("ukendt kommune «{name}»"), {"name": value}).text("en")`."""

    msgid: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msgid: str, /, **values: object) -> Message:
        return cls(msgid, tuple(values.items()))

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        return translate(self.msgid, lang, **dict(self.values))

    def __str__(self) -> str:
        return self.text()


def _before_note(citation: str) -> str:
    """The citation before its note: up to the first ": " outside a quoted title ('PLO: Undgå …')."""
    quoted = False
    for i, ch in enumerate(citation):
        if ch == "'":
            quoted = not quoted
        elif not quoted and citation.startswith(": ", i):
            return citation[:i]
    return citation


def source_citation(source: str, lang: str = SOURCE_LANGUAGE, first_only: bool = False) -> str:
    """A source of the reference data as a reader of `lang` needs it. The data's notes are English: in English the
    source as it is; in Danish the citation alone ("sum.dk, 'Pulje til læge- og sundhedshuse'; ism.dk
    2019-01-18"), without the note after its colon and without the project's own references (DESIGN, FACTS.md);
    an estimate says so in Danish. `first_only`: the first citation only (catalog rows add English remarks after
    it). The app, the report and the annex show a source the same way (one function)."""
    if lang == "en" or not source:
        return source
    if source.startswith("estimate"):
        return translate(N_("skøn (ingen dansk kilde fundet)"), lang)
    parts = [_before_note(p).replace(" (FACTS.md)", "").strip() for p in source.split("; ")]
    kept = [p for p in parts if p and not p.startswith("DESIGN") and "FACTS.md" not in p]
    text = (kept[0] if first_only and kept else "; ".join(kept)) or source
    return text + translate(N_(" (skøn)"), lang) if "estimate" in source else text
