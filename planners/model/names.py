"""Every code's name: ONE table per enum of DESIGN §9, each entry the Danish name, a msgid of the catalog.

A `Name` is the Danish text (translated with `name(table, code, lang)` or `pick(name, lang)` through
`planners.model.i18n`); it still unpacks as a (da, en) pair for callers written for the old tables.

Used by the charts, the report, the annex (through `planners.exports.palette`, which re-exports the tables) and the GUI
(`desktop.i18n`). Catalog codes (tenant kinds, room types, equipment) are named by the plan's own catalogs
(`name_da` / `name_en`), not here: a plan may rename them.
"""

from __future__ import annotations

from planners.model import glossary as _glossary
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
from planners.model.i18n import translate, translate_in


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

CATEGORY_NAMES: dict[CostCategory, Pair] = {
    CostCategory.ACQUISITION: Name("Erhvervelse"),
    CostCategory.CONSTRUCTION: Name("Byggeri"),
    CostCategory.CONSULTANCY: Name("Rådgivning"),
    CostCategory.FURNITURE: Name("Inventar"),
    CostCategory.EQUIPMENT: Name("Udstyr"),
    CostCategory.IT: Name("IT"),
    CostCategory.CONTINGENCY: Name("Uforudsete udgifter"),
    CostCategory.OTHER: Name("Andet"),
}

SOURCE_NAMES: dict[FinancingSource, Pair] = {
    FinancingSource.GRANT: Name("Tilskud fra puljen"),
    FinancingSource.OWN_MUNICIPALITY: Name("Egenfinansiering, kommune"),
    FinancingSource.OWN_REGION: Name("Egenfinansiering, region"),
    FinancingSource.OWN_PRACTICE: Name("Egenfinansiering, praksis"),
    FinancingSource.LOAN: Name("Lån"),
    FinancingSource.OTHER_GRANT: Name("Anden fond"),
}

APPLICANT_TYPE_NAMES: dict[ApplicantType, Pair] = {
    ApplicantType.MUNICIPALITY: Name("Kommune"),
    ApplicantType.REGION: Name("Region"),
    ApplicantType.GENERAL_PRACTICE: Name("Almen praksis"),
    ApplicantType.OTHER: Name("Anden"),
}

PROJECT_TYPE_NAMES: dict[ProjectType, Pair] = {
    ProjectType.NEW_BUILD: Name("Nybyg"),
    ProjectType.EXTENSION: Name("Tilbygning"),
    ProjectType.CONVERSION: Name("Ombygning"),
    ProjectType.MODERNISATION: Name("Modernisering"),
}

SECTOR_NAMES: dict[Sector, Pair] = {
    Sector.GENERAL_PRACTICE: Name("Almen praksis"),
    Sector.MUNICIPAL: Name("Kommunal"),
    Sector.REGIONAL: Name("Regional"),
    Sector.PRIVATE: Name("Privat"),
}

# How a shared line is allocated (the GUI's choice list): the glossary's names, shared with the annex and report.
KEY_NAMES: dict[AllocationKey, Pair] = {key: Name(term.name) for key, term in _glossary.KEYS.items()}

LEVEL_NAMES: dict[Level, Pair] = {
    Level.ERROR: Name("Fejl", "ét fund"),  # "Error"; as a heading ("Fejl (3)") it is "Errors"
    Level.WARNING: Name("Advarsel"),
    Level.NOTE: Name("Note"),
}
# A level as a heading over its findings ("Advarsler (3)").
LEVEL_PLURAL_NAMES: dict[Level, Pair] = {
    Level.ERROR: Name("Fejl"),
    Level.WARNING: Name("Advarsler"),
    Level.NOTE: Name("Bemærkninger"),
}

RUNNING_RATE_NAMES: dict[RunningRate, Pair] = {
    RunningRate.UTILITIES: Name("El, vand og varme"),
    RunningRate.CLEANING: Name("Rengøring"),
    RunningRate.MAINTENANCE: Name("Vedligehold"),
    RunningRate.INSURANCE_TAX: Name("Forsikring og ejendomsskat"),
    RunningRate.ADMINISTRATION: Name("Administration"),
}

OTHERS_NAME: Pair = Name("Øvrige")
VACANT_NAME: Pair = Name("Ledigt")


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
