"""One way to translate, for the core and the GUI alike: gettext catalogs keyed on the Danish text.

Danish is the source language: every text is written in Danish in the code (the msgid) and looked up in
`resources/locale/<lang>/LC_MESSAGES/sundhedshus.mo` for another language. The catalogs are extracted and compiled
with Babel (`make translations`; `babel.cfg`). Mark a text that is translated later (a table of names, a message
kept until it is shown) with `N_`; translate it where it is shown with `translate(text, lang)`. A text with
values takes them as `str.format` fields, so the whole sentence is one msgid a translator sees:
`translate("ukendt kommune «{name}»", lang, name=value)`.
"""

from __future__ import annotations

import gettext
import io
import struct
from functools import cache
from pathlib import Path

from planners.model.prebuilt import dataclass

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
    """The compiled catalog of `lang` (an empty one for Danish, the source language, or a missing catalog)."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    mo = bundled_folder() / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        data = mo.read_bytes()
    except OSError:
        return gettext.NullTranslations()
    try:
        return _LazyCatalog(data)
    except (struct.error, ValueError):
        pass  # not a file this can index: gettext's own reader decides (and refuses it as before)
    try:
        return gettext.GNUTranslations(io.BytesIO(data))
    except OSError:
        return gettext.NullTranslations()


class _LazyCatalog(gettext.NullTranslations):
    """A compiled `.mo` catalog whose translations are decoded when asked for, not all at start.

    `GNUTranslations` decodes all ~1.700 entries when the catalog is opened (≈ 8 ms of every start: the names
    of the codes are looked up in English at import). This keeps the file's bytes and an index of its keys
    (one slice per entry) and decodes only the translations asked for — the same answers: a plain (or
    msgctxt) entry is looked up here; a plural entry, `ngettext` and a catalog not in UTF-8 go to a
    `GNUTranslations` of the same bytes, made the first time one is needed."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        magic = struct.unpack_from("<I", data)[0]
        if magic == gettext.GNUTranslations.LE_MAGIC:
            order = "<"
        elif magic == gettext.GNUTranslations.BE_MAGIC:
            order = ">"
        else:
            raise ValueError("not a .mo file")
        version, count, originals, translations = struct.unpack_from(f"{order}4I", data, 4)
        if version >> 16 not in gettext.GNUTranslations.VERSIONS:
            raise ValueError("unknown .mo version")
        keys = struct.unpack_from(f"{order}{2 * count}I", data, originals)  # (length, offset) of each key
        self._data = data
        self._values = struct.unpack_from(f"{order}{2 * count}I", data, translations)
        self._index = {data[o:o + n]: i for i, (n, o) in enumerate(zip(keys[0::2], keys[1::2], strict=True))}
        self._full: gettext.GNUTranslations | None = None
        header = self._translation(b"")
        if header is not None and "charset=" in header and "charset=utf-8" not in header.lower():
            self._full = gettext.GNUTranslations(io.BytesIO(data))  # another charset: gettext decodes it
        # A plural entry's key is "singular\0plural": gettext looks up its singular too (its n = 1 form).
        self._plural = {key.split(b"\0", 1)[0] for key in self._index if b"\0" in key}

    def _translation(self, key: bytes) -> str | None:
        i = self._index.get(key)
        if i is None:
            return None
        n, o = self._values[2 * i], self._values[2 * i + 1]
        return self._data[o:o + n].decode("utf-8")

    def _gnu(self) -> gettext.GNUTranslations:
        if self._full is None:
            self._full = gettext.GNUTranslations(io.BytesIO(self._data))
        return self._full

    def _lookup(self, key_text: str, message: str) -> str | None:
        """The translation of the plain entry `key_text`, `message` itself where there is none; None where
        only gettext's own catalog can answer (a plural entry, another charset, a key that is no UTF-8)."""
        if self._full is not None:
            return None
        try:
            key = key_text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        if key in self._plural:
            return None
        found = self._translation(key)
        return message if found is None else found

    def gettext(self, message: str) -> str:
        found = self._lookup(message, message)
        return self._gnu().gettext(message) if found is None else found

    def pgettext(self, context: str, message: str) -> str:
        found = self._lookup(f"{context}\x04{message}", message)
        return self._gnu().pgettext(context, message) if found is None else found

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._gnu().ngettext(msgid1, msgid2, n)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._gnu().npgettext(context, msgid1, msgid2, n)

    def info(self) -> dict[str, str]:
        return self._gnu().info()

    def charset(self) -> str | None:
        return self._gnu().charset()


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
    return text.format(**{k: _shown(v, lang) for k, v in values.items()})


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    return value(lang) if callable(value) else value


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
