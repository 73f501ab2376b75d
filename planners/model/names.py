"""Every code's name: ONE table per enum of DESIGN §9, each entry the Danish name, a msgid of the catalog.

A `Name` is the Danish text (translated with `name(table, code, lang)` or `pick(name, lang)` through
`planners.model.i18n`); it still unpacks as a (da, en) pair for callers written for the old tables.

Used by the charts, the report, the annex (through `planners.exports.palette`, which re-exports the tables) and the GUI
(`desktop.i18n`). Catalog codes (tenant kinds, room types, equipment) are named by the plan's own catalogs
(`name_da` / `name_en`), not here: a plan may rename them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from planners.model.entities import (
    AllocationKey,
    ApplicantType,
    CostCategory,
    FinancingSource,
    Level,
    ProjectType,
    RunningRate,
    Sector,
)
from planners.model.i18n import SOURCE_LANGUAGE, translate, translate_in

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from typing import Any


class Name(tuple[str, str]):
    """A code's Danish name (the msgid, with a msgctxt where one Danish word has two translations); as a
    tuple (da, en), the English read from the catalog once."""

    context: str

    def __new__(cls, text_da: str, context: str = "") -> Name:
        self = super().__new__(cls, (text_da, _translate(text_da, "en", context)))
        self.context = context
        return self

    @property
    def da(self) -> str:
        return self[0]

    def text(self, lang: str = "da") -> str:
        return _translate(self[0], lang, self.context)


def _translate(text_da: str, lang: str, context: str) -> str:
    return translate_in(context, text_da, lang) if context else translate(text_da, lang)


Pair = Name  # the old name of an entry

# The tables, made when one is first asked for (`__getattr__`): each `Name` reads its English from the catalog, which a
# command printing Danish never needs (`name_of`; gettext and the catalog ≈ 2 ms CPU of `summary`; issue 19).
CATEGORY_NAMES: dict[CostCategory, Pair]
SOURCE_NAMES: dict[FinancingSource, Pair]
APPLICANT_TYPE_NAMES: dict[ApplicantType, Pair]
PROJECT_TYPE_NAMES: dict[ProjectType, Pair]
SECTOR_NAMES: dict[Sector, Pair]
KEY_NAMES: dict[AllocationKey, Pair]
LEVEL_NAMES: dict[Level, Pair]
LEVEL_PLURAL_NAMES: dict[Level, Pair]
RUNNING_RATE_NAMES: dict[RunningRate, Pair]
OTHERS_NAME: Pair
VACANT_NAME: Pair
TABLES = frozenset(__annotations__)  # the names annotated above: `__getattr__` answers these and no other


def _tables(Name: Callable[..., object], keys: bool = True) -> dict[str, Any]:  # noqa: N803 -- the extractor reads the calls of Name
    """Every table above by its name, each entry made by `Name`: the class itself for the tables, the Danish text
    alone for `name_of` in Danish. Written once, so both hold the same codes and texts (`make translations` reads
    the calls as msgids). `keys=False`: without KEY_NAMES, which is the glossary's (`_key_names`)."""
    tables = {
        "CATEGORY_NAMES": {
            CostCategory.ACQUISITION: Name("Erhvervelse"),
            CostCategory.CONSTRUCTION: Name("Byggeri"),
            CostCategory.CONSULTANCY: Name("Rådgivning"),
            CostCategory.FURNITURE: Name("Inventar"),
            CostCategory.EQUIPMENT: Name("Udstyr"),
            CostCategory.IT: Name("IT"),
            CostCategory.CONTINGENCY: Name("Uforudsete udgifter"),
            CostCategory.OTHER: Name("Andet"),
        },
        "SOURCE_NAMES": {
            FinancingSource.GRANT: Name("Tilskud fra puljen"),
            FinancingSource.OWN_MUNICIPALITY: Name("Egenfinansiering, kommune"),
            FinancingSource.OWN_REGION: Name("Egenfinansiering, region"),
            FinancingSource.OWN_PRACTICE: Name("Egenfinansiering, praksis"),
            FinancingSource.LOAN: Name("Lån"),
            FinancingSource.OTHER_GRANT: Name("Anden fond"),
        },
        "APPLICANT_TYPE_NAMES": {
            ApplicantType.MUNICIPALITY: Name("Kommune"),
            ApplicantType.REGION: Name("Region"),
            ApplicantType.GENERAL_PRACTICE: Name("Almen praksis"),
            ApplicantType.OTHER: Name("Anden"),
        },
        "PROJECT_TYPE_NAMES": {
            ProjectType.NEW_BUILD: Name("Nybyg"),
            ProjectType.EXTENSION: Name("Tilbygning"),
            ProjectType.CONVERSION: Name("Ombygning"),
            ProjectType.MODERNISATION: Name("Modernisering"),
        },
        "SECTOR_NAMES": {
            Sector.GENERAL_PRACTICE: Name("Almen praksis"),
            Sector.MUNICIPAL: Name("Kommunal"),
            Sector.REGIONAL: Name("Regional"),
            Sector.PRIVATE: Name("Privat"),
        },
        "KEY_NAMES": _key_names(Name) if keys else None,
        "LEVEL_NAMES": {
            Level.ERROR: Name("Fejl", "ét fund"),  # "Error"; as a heading ("Fejl (3)") it is "Errors"
            Level.WARNING: Name("Advarsel"),
            Level.NOTE: Name("Note"),
        },
        # A level as a heading over its findings ("Advarsler (3)").
        "LEVEL_PLURAL_NAMES": {
            Level.ERROR: Name("Fejl"),
            Level.WARNING: Name("Advarsler"),
            Level.NOTE: Name("Bemærkninger"),
        },
        "RUNNING_RATE_NAMES": {
            RunningRate.UTILITIES: Name("El, vand og varme"),
            RunningRate.CLEANING: Name("Rengøring"),
            RunningRate.MAINTENANCE: Name("Vedligehold"),
            RunningRate.INSURANCE_TAX: Name("Forsikring og ejendomsskat"),
            RunningRate.ADMINISTRATION: Name("Administration"),
        },
        "OTHERS_NAME": Name("Øvrige"),
        "VACANT_NAME": Name("Ledigt"),
    }
    if not keys:
        del tables["KEY_NAMES"]
    return tables


def _key_names(Name: Callable[..., object]) -> dict[AllocationKey, Any]:  # noqa: N803 -- as in _tables
    """How a shared line is allocated (the GUI's choice list): the glossary's names, shared with the annex and
    report. The glossary is imported here, when this table is first made: a summary names levels, categories and
    rates but no key, and does not load the glossary (≈ 0,8 M instructions; issue 19, s20-imp2)."""
    from planners.model import glossary

    return {key: Name(term.name) for key, term in glossary.KEYS.items()}


@cache
def _named() -> dict[str, Any]:
    return _tables(Name)


def _danish_text(text_da: str, context: str = "") -> str:
    return text_da


@cache
def _danish() -> dict[str, Any]:
    """Every table in Danish but KEY_NAMES (`_danish_table`)."""
    return _tables(_danish_text, keys=False)


@cache
def _danish_keys() -> dict[AllocationKey, Any]:
    return _key_names(_danish_text)


def _danish_table(table: str) -> Any:
    """The table named `table` in Danish (a KeyError for no table's name)."""
    return _danish_keys() if table == "KEY_NAMES" else _danish()[table]


def __getattr__(attr: str) -> object:
    """A table of this module (`CATEGORY_NAMES`, …), all made at its first use and kept as module attributes. Any
    other name is not looked for there (the import system asks for `__path__` at every `from … import`)."""
    if attr not in TABLES:
        raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
    tables = _named()
    globals().update(tables)
    return tables[attr]


def name_of(table: str, code: object, lang: str = SOURCE_LANGUAGE) -> str:
    """`name(<the table named table>, code, lang)`: in Danish, the msgid itself, without making the tables (whose
    English reads the catalog); in another language, through the table."""
    if lang == SOURCE_LANGUAGE:
        return str(_danish_table(table)[code])
    return name(_named()[table], code, lang)


def codes(table: str) -> list[object]:
    """The codes the table named `table` names, in its order, without making the tables (nor reading the catalog)."""
    return list(_danish_table(table))


def name(names: dict, code: object, lang: str = "da") -> str:
    """The name of a code in one of the tables above, in `lang` (from the catalog; Danish is the msgid)."""
    return pick(names[code], lang)


def pick(pair: tuple[str, str], lang: str = "da") -> str:
    """A `Name` in `lang`. A plain (da, en) tuple (code written before the catalog) still gives its English
    where the catalog does not know its Danish."""
    if isinstance(pair, Name):
        return pair.text(lang)
    text = translate(pair[0], lang)
    return pair[1] if lang == "en" and text == pair[0] else text
