"""Every code's name in Danish and English: ONE table per enum of DESIGN §9, each entry a (da, en) pair.

Used by the charts, the report, the annex (through `planners.exports.palette`, which re-exports the tables) and the GUI
(`desktop.i18n`). Catalog codes (tenant kinds, room types, equipment) are named by the plan's own catalogs
(`name_da` / `name_en`), not here: a plan may rename them.
"""

from __future__ import annotations

from planners.model import (
    AllocationKey,
    ApplicantType,
    CostCategory,
    FinancingSource,
    Level,
    ProjectType,
    RunningRate,
    Sector,
)

Pair = tuple[str, str]

CATEGORY_NAMES: dict[CostCategory, Pair] = {
    CostCategory.ACQUISITION: ("Erhvervelse", "Acquisition"),
    CostCategory.CONSTRUCTION: ("Byggeri", "Construction"),
    CostCategory.CONSULTANCY: ("Rådgivning", "Consultancy"),
    CostCategory.FURNITURE: ("Inventar", "Furniture"),
    CostCategory.EQUIPMENT: ("Udstyr", "Equipment"),
    CostCategory.IT: ("IT", "IT"),
    CostCategory.CONTINGENCY: ("Uforudsete udgifter", "Contingency"),
    CostCategory.OTHER: ("Andet", "Other"),
}

SOURCE_NAMES: dict[FinancingSource, Pair] = {
    FinancingSource.GRANT: ("Tilskud fra puljen", "Grant from the pool"),
    FinancingSource.OWN_MUNICIPALITY: ("Egenfinansiering, kommune", "Own financing, municipality"),
    FinancingSource.OWN_REGION: ("Egenfinansiering, region", "Own financing, region"),
    FinancingSource.OWN_PRACTICE: ("Egenfinansiering, praksis", "Own financing, practice"),
    FinancingSource.LOAN: ("Lån", "Loan"),
    FinancingSource.OTHER_GRANT: ("Anden fond", "Other grant"),
}

APPLICANT_TYPE_NAMES: dict[ApplicantType, Pair] = {
    ApplicantType.MUNICIPALITY: ("Kommune", "Municipality"),
    ApplicantType.REGION: ("Region", "Region"),
    ApplicantType.GENERAL_PRACTICE: ("Almen praksis", "General practice"),
    ApplicantType.OTHER: ("Anden", "Other"),
}

PROJECT_TYPE_NAMES: dict[ProjectType, Pair] = {
    ProjectType.NEW_BUILD: ("Nybyg", "New build"),
    ProjectType.EXTENSION: ("Tilbygning", "Extension"),
    ProjectType.CONVERSION: ("Ombygning", "Conversion"),
    ProjectType.MODERNISATION: ("Modernisering", "Modernisation"),
}

SECTOR_NAMES: dict[Sector, Pair] = {
    Sector.GENERAL_PRACTICE: ("Almen praksis", "General practice"),
    Sector.MUNICIPAL: ("Kommunal", "Municipal"),
    Sector.REGIONAL: ("Regional", "Regional"),
    Sector.PRIVATE: ("Privat", "Private"),
}

# How a shared line is allocated (the GUI's choice list).
KEY_NAMES: dict[AllocationKey, Pair] = {
    AllocationKey.AREA: ("Efter areal", "By area"),
    AllocationKey.HEADCOUNT: ("Efter antal ansatte", "By headcount"),
    AllocationKey.EQUAL: ("Ligeligt", "Equally"),
    AllocationKey.CUSTOM: ("Egne andele", "Own shares"),
}

LEVEL_NAMES: dict[Level, Pair] = {
    Level.ERROR: ("Fejl", "Error"),
    Level.WARNING: ("Advarsel", "Warning"),
    Level.NOTE: ("Note", "Note"),
}
# A level as a heading over its findings ("Advarsler (3)").
LEVEL_PLURAL_NAMES: dict[Level, Pair] = {
    Level.ERROR: ("Fejl", "Errors"),
    Level.WARNING: ("Advarsler", "Warnings"),
    Level.NOTE: ("Bemærkninger", "Notes"),
}

RUNNING_RATE_NAMES: dict[RunningRate, Pair] = {
    RunningRate.UTILITIES: ("El, vand og varme", "Utilities"),
    RunningRate.CLEANING: ("Rengøring", "Cleaning"),
    RunningRate.MAINTENANCE: ("Vedligehold", "Maintenance"),
    RunningRate.INSURANCE_TAX: ("Forsikring og ejendomsskat", "Insurance and property tax"),
    RunningRate.ADMINISTRATION: ("Administration", "Administration"),
}

OTHERS_NAME: Pair = ("Øvrige", "Others")
VACANT_NAME: Pair = ("Ledigt", "Vacant")


def name(names: dict, code: object, lang: str = "da") -> str:
    """The Danish (or, with lang="en", English) name of a code in one of the tables above."""
    da, en = names[code]
    return en if lang == "en" else da


def pick(pair: Pair, lang: str = "da") -> str:
    return pair[1] if lang == "en" else pair[0]
