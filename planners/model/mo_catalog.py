"""A compiled `.mo` catalog read lazily (`planners.model.i18n.catalog` makes it): a module of its own so that
gettext is imported only when a catalog is first asked for (issue 19)."""

from __future__ import annotations

import gettext
import io
import struct


class LazyCatalog(gettext.NullTranslations):
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
