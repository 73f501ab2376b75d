"""Every text the user sees passes through `t()`; the names of the codes of DESIGN §9 in the chosen language.

Danish is the default. Another language comes from the same gettext catalog as the core's texts
(`planners.model.i18n`, `resources/locale/<lang>/LC_MESSAGES/sundhedshus.po`, compiled to `.mo`), keyed on the
Danish text (the msgid): keep it whole, never build it from parts; a text with values is one msgid with
`{fields}`, `t("… {navn} …").format(navn=…)`. `make translations` extracts every `t("…")` into the catalog.
`set_language("en")` switches; `lang()` says which is in use (charts, findings and the core's `lang`
parameters take it). Catalog codes (tenant kinds, room types, equipment) are named by the plan's own catalogs
(`name_da` / `name_en`); the enums by `planners.model.names` (msgids). Qt's own texts (file dialog, buttons)
come from Qt's `qtbase_<lang>.qm`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from planners.model import (
    AllocationKey,
    ApplicantType,
    Catalogs,
    CostCategory,
    EquipmentItem,
    FinancingSource,
    Level,
    ProjectType,
    RoomType,
    RoomTypeInfo,
    RunningRate,
    Sector,
    TenantKind,
    TenantKindInfo,
)
from planners.model import names as _names
from planners.model.errors import PlanError, Problem
from planners.model.glossary import plain
from planners.model.i18n import LANGUAGES, SOURCE_LANGUAGE, source_citation
from planners.model.i18n import catalog as _gettext_catalog

if TYPE_CHECKING:
    import gettext

# The chosen language's compiled catalog; none for Danish, the source language, whose texts are never looked up (an
# empty catalog gives each text back): the start imports no gettext, with its locale and pattern (≈ 4 M instructions).
_CATALOG: gettext.NullTranslations | None = None
_LANG = "da"


def t(text_da: str) -> str:
    """The text in the user's language (the Danish text itself where no translation is known)."""
    if _CATALOG is None or not text_da:  # gettext("") would be the catalog's header
        return text_da
    return _CATALOG.gettext(text_da)


def lang() -> str:
    """The language in use: "da" or "en"."""
    return _LANG


def source_text(source: str, known: bool = True, first_only: bool = False) -> str:
    """A source of the reference data as the reader needs it (`planners.model.i18n.source_citation`, the
    report's too); an unknown rule says so."""
    if _LANG == "en":
        return source
    if not known:
        return t("ingen kilde nævner reglen (puljeopslagets ansøgnings- og budgetskema er ikke fundet)")
    return source_citation(source, _LANG, first_only)


def problems_text(problems: list[Problem], language: str | None = None) -> str:
    """The reasons of invalid values, in `language` (default the user's), each once, without the core's paths
    (`scenarios[2].running.per_gross_m2.utilities` means nothing to a user, who knows what was just edited)."""
    chosen = language or _LANG
    return plain("; ".join(dict.fromkeys(p.message(chosen) for p in problems)), chosen)


def error_text(exc: PlanError, language: str | None = None) -> str:
    """The core's message of a refused file, value or edit, in `language` (default the user's)."""
    problems = getattr(exc, "problems", None)
    if problems:
        return problems_text(problems, language)
    return plain(exc.message_in(language or _LANG), language or _LANG)


def translations_dir() -> Path:
    """Where a branch written before the gettext catalog kept its JSON {Danish: English} files."""
    from planners.reference import resources_dir

    return resources_dir() / "translations"


def load_catalog(language: str) -> dict[str, str]:
    """Danish → `language` from every <language>*.json of `translations_dir()`, merged (sorted by file name).

    The app no longer reads these files (`t()` reads the gettext catalog): this is for folding a JSON file
    written the old way into the `.po` (`make translations-import JSON=…`, resources/locale/import_json.py)."""
    merged: dict[str, str] = {}
    folder = translations_dir()
    if language == "da" or not folder.is_dir():
        return merged
    for path in sorted(folder.glob(f"{language}*.json")):
        with path.open(encoding="utf-8") as handle:
            doc = json.load(handle)
        merged.update({k: v for k, v in doc.items() if isinstance(v, str) and not k.startswith("_")})
    return merged


def set_language(language: str) -> None:
    """Use `language` ("da" or "en") for every text made from now on (windows built later, `t()`, names)."""
    global _LANG, _CATALOG
    if language not in LANGUAGES:
        language = "da"
    _LANG = language
    _CATALOG = None if language == SOURCE_LANGUAGE else _gettext_catalog(language)
    _install_qt_translation(language)


_QT_TRANSLATOR: list[object] = []  # the installed translator of Qt's own texts, if any


def _install_qt_translation(language: str) -> None:
    """Qt's own texts (the file dialog, "Ja"/"Nej" buttons) in the user's language, from the qtbase_*.qm that
    ships with Qt; without it a Danish app shows "Look in", "Cancel" and "&Yes"."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _QT_TRANSLATOR:
        app.removeTranslator(old)  # type: ignore[arg-type]
    _QT_TRANSLATOR.clear()
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _QT_TRANSLATOR.append(translator)
    # The few texts qtbase_*.qm lacks (the file dialog's "&Look in:"), from our own small catalog; installed
    # last, so asked first, and silent on every other text.
    from planners.reference import resources_dir

    gaps = QTranslator(app)
    if gaps.load(f"qtgaps_{language}", str(resources_dir() / "locale" / "qt")):
        app.installTranslator(gaps)
        _QT_TRANSLATOR.append(gaps)


class Names(Mapping):
    """A code → name mapping in the current language over a (da, en) table of `planners.model.names`, given by its
    name: in Danish a name is its msgid (`names.name_of`), so the tables, whose English reads the gettext catalog, are
    made only when another language asks (a Danish start imported gettext and read the English catalog for the
    overview's drop-downs: ≈ 7 M instructions, issue 19)."""

    def __init__(self, table: str) -> None:
        self.table_name = table

    @property
    def table(self) -> dict:
        """The (da, en) table itself (made, with the catalog read, when first asked for)."""
        table: dict = getattr(_names, self.table_name)
        return table

    def __getitem__(self, code: object) -> str:
        return _names.name_of(self.table_name, code, _LANG)

    def __iter__(self) -> Iterator:
        return iter(_names.codes(self.table_name))

    def __len__(self) -> int:
        return len(_names.codes(self.table_name))


# Each reads the name in the current language; t() of an English name returns it unchanged.
SECTORS: Mapping[Sector, str] = Names("SECTOR_NAMES")
APPLICANT_TYPES: Mapping[ApplicantType, str] = Names("APPLICANT_TYPE_NAMES")
PROJECT_TYPES: Mapping[ProjectType, str] = Names("PROJECT_TYPE_NAMES")
KEYS: Mapping[AllocationKey, str] = Names("KEY_NAMES")
COST_CATEGORIES: Mapping[CostCategory, str] = Names("CATEGORY_NAMES")
FINANCING_SOURCES: Mapping[FinancingSource, str] = Names("SOURCE_NAMES")
LEVELS: Mapping[Level, str] = Names("LEVEL_PLURAL_NAMES")
RUNNING_RATES: Mapping[RunningRate, str] = Names("RUNNING_RATE_NAMES")
ENUM_NAMES: dict[type[StrEnum], Mapping] = {
    Sector: SECTORS,
    ApplicantType: APPLICANT_TYPES,
    ProjectType: PROJECT_TYPES,
    AllocationKey: KEYS,
    CostCategory: COST_CATEGORIES,
    FinancingSource: FINANCING_SOURCES,
    Level: LEVELS,
    RunningRate: RUNNING_RATES,
}


def name(code: StrEnum | None) -> str:
    """The name of an enum code in the current language ('' for None)."""
    if code is None:
        return ""
    names = ENUM_NAMES.get(type(code))
    return t(names[code]) if names and code in names else str(code)


def tenant_kind_name(catalogs: Catalogs, kind: TenantKind) -> str:
    info = catalogs.tenant_kinds.get(kind)
    return _pick(info) if info else str(kind)


def room_type_name(catalogs: Catalogs, room_type: RoomType) -> str:
    info = catalogs.room_types.get(room_type)
    return _pick(info) if info else str(room_type)


def equipment_name(catalogs: Catalogs, item: str) -> str:
    if item == "other":
        return t("Andet (eget udstyr)")
    info = catalogs.equipment.get(item)
    return _pick(info) if info else item


def _pick(info: TenantKindInfo | RoomTypeInfo | EquipmentItem) -> str:
    """A catalog row's name in the current language (the Danish one where it has no English name)."""
    if _LANG == "en" and info.name_en:
        return info.name_en
    return info.name_da
