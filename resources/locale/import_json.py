"""Fold a JSON {Danish: English} file, or the texts extracted from the code, into the gettext catalog.

    python resources/locale/import_json.py FILE.json [FILE.json …] [--lang en]
    python resources/locale/import_json.py --update out/sundhedshus.pot [--lang en]   (make translations)

For a branch that still adds English the old way (`resources/translations/en*.json`, keyed on the Danish
text): its entries become msgid (Danish) → msgstr (English) in `resources/locale/<lang>/LC_MESSAGES/
sundhedshus.po`, replacing a translation only where the JSON gives a different non-empty one, and the `.mo`
is compiled beside it. Keys starting with "_" are comments, as they were in the JSON catalogs; a key
"context\u0004text" is the text with that msgctxt.
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent
DOMAIN = "sundhedshus"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_json(path: Path) -> dict[str, str]:
    """The {Danish: translation} entries of one JSON catalog (comments and non-text values left out)."""
    with path.open(encoding="utf-8") as handle:
        doc = json.load(handle)
    return {k: v for k, v in doc.items() if isinstance(v, str) and not k.startswith("_")}


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="Sundhedshus", fuzzy=False)
    with path.open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def merge(catalog: Catalog, entries: Mapping[str, str]) -> int:
    """Adds or corrects `entries` in `catalog`; returns how many changed."""
    changed = 0
    for key, msgstr in entries.items():
        # "context\x04msgid" (gettext's own spelling) for a text with a msgctxt
        context, _, msgid = key.rpartition("\x04")
        old = catalog.get(msgid, context=context or None)
        if old is not None and old.string == msgstr:
            continue
        if old is not None and not msgstr:
            continue  # never blank an existing translation
        if old is not None:
            old.string = msgstr
            old.flags.discard("fuzzy")
        else:
            catalog.add(msgid, msgstr, context=context or None)
        changed += 1
    return changed


def update(catalog: Catalog, template: Catalog) -> tuple[list[str], list[str]]:
    """Adds every text of `template` (pybabel extract's .pot) the catalog lacks, untranslated, and refreshes the
    places each is used. Unlike `pybabel update`, an entry the extraction does not find is kept, not made
    obsolete: the GUI passes some texts to `t()` through variables (column tables), where no keyword marks
    them. Returns (the texts added, the texts kept without being found)."""
    added: list[str] = []
    found: set[tuple[str | None, str]] = set()
    for message in template:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        found.add((message.context, msgid))
        old = catalog.get(message.id, context=message.context)
        if old is None:
            string = "" if isinstance(message.id, str) else ("",) * len(message.id)
            catalog.add(message.id, string, locations=message.locations, flags=message.flags,
                        auto_comments=message.auto_comments, context=message.context)
            added.append(msgid)
        else:
            old.locations = list(message.locations)
    kept = [m.id if isinstance(m.id, str) else m.id[0] for m in catalog
            if m.id and (m.context, m.id if isinstance(m.id, str) else m.id[0]) not in found]
    return added, kept


def untranslated(catalog: Catalog) -> list[str]:
    """The msgids without a (complete) translation."""
    out = []
    for m in catalog:
        if m.id and (not m.string or (not isinstance(m.string, str) and not all(m.string))):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalog (what `pybabel compile` writes; the test compares it with the committed .mo)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def save(catalog: Catalog, lang: str) -> None:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        # file names only: a line number would change the .po at every edit of the code
        write_po(fp, catalog, width=116, sort_output=False, include_lineno=False)
    path.with_suffix(".mo").write_bytes(mo_bytes(catalog))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--update", type=Path, help="a .pot from pybabel extract")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    catalog = load(args.lang)
    if args.update:
        with args.update.open("rb") as fp:
            added, kept = update(catalog, read_po(fp))
        print(f"{len(added)} new texts to translate; {len(kept)} kept that the extraction does not find")
    total = 0
    for path in args.files:
        total += merge(catalog, read_json(path))
    save(catalog, args.lang)
    print(f"{total} entries added or changed in {po_path(args.lang)}")
    missing = untranslated(catalog)
    for text in missing:
        print(f"  untranslated: {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
