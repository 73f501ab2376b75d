"""The catalog read lazily (`planners.model.i18n._LazyCatalog`, issue 19.4) answers exactly as gettext's own
`GNUTranslations` of the same file: every entry of the compiled catalog, plain, with a msgctxt or plural, and
texts the catalog does not have."""

from __future__ import annotations

import gettext
import io
import struct
from pathlib import Path

import pytest

from planners.model.i18n import _LazyCatalog, catalog

MO = Path(__file__).resolve().parents[2] / "resources" / "locale" / "en" / "LC_MESSAGES" / "sundhedshus.mo"


def _both() -> tuple[_LazyCatalog, gettext.GNUTranslations]:
    data = MO.read_bytes()
    return _LazyCatalog(data), gettext.GNUTranslations(io.BytesIO(data))


def test_every_entry_as_gettext_gives_it() -> None:
    lazy, gnu = _both()
    entries = list(gnu._catalog)  # type: ignore[attr-defined]
    assert len(entries) > 1000
    for key in entries:
        if isinstance(key, tuple):  # a plural entry: (msgid, form)
            msgid = key[0]
            if "\x04" in msgid:
                context, text = msgid.split("\x04", 1)
                for n in (0, 1, 2, 5):
                    assert lazy.npgettext(context, text, text, n) == gnu.npgettext(context, text, text, n)
            else:
                assert lazy.gettext(msgid) == gnu.gettext(msgid)
                for n in (0, 1, 2, 5):
                    assert lazy.ngettext(msgid, msgid, n) == gnu.ngettext(msgid, msgid, n)
        elif "\x04" in key:
            context, text = key.split("\x04", 1)
            assert lazy.pgettext(context, text) == gnu.pgettext(context, text)
            assert lazy.gettext(text) == gnu.gettext(text)
        else:
            assert lazy.gettext(key) == gnu.gettext(key)
    assert lazy.info() == gnu.info()


@pytest.mark.parametrize("text", ["", "findes ikke i kataloget", "Fejl", "\ud800 ikke UTF-8", "Lejer"])
def test_texts_it_has_not(text: str) -> None:
    lazy, gnu = _both()
    assert lazy.gettext(text) == gnu.gettext(text)
    assert lazy.pgettext("heading", text) == gnu.pgettext("heading", text)


def test_the_catalog_in_use_is_lazy_and_a_damaged_file_is_refused_as_gettext_refuses_it() -> None:
    assert isinstance(catalog("en"), _LazyCatalog)
    assert catalog("en").gettext("Lejer") == "Tenant"
    with pytest.raises((ValueError, struct.error)):
        _LazyCatalog(b"\x00" * 40)
