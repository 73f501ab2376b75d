"""Every text the user sees passes through `t()`; Danish names of the codes of DESIGN §9.

Today `t()` returns the Danish text it is given. A later issue adds English by a catalog keyed on the
Danish text (or Qt's translator), so the Danish text is the key: keep it whole, never build it from parts.
Catalog codes (tenant kinds, room types, equipment) are named by the plan's own catalogs (`name_da`);
the enums without a catalog are named here.
"""

from __future__ import annotations

from enum import StrEnum

from planners.model import (
    AllocationKey,
    ApplicantType,
    Catalogs,
    CostCategory,
    FinancingSource,
    Level,
    ProjectType,
    RoomType,
    RunningRate,
    Sector,
    TenantKind,
)

_CATALOG: dict[str, str] = {}  # Danish → the chosen language's text (empty: Danish)


def t(text_da: str) -> str:
    """The text in the user's language (Danish for now)."""
    return _CATALOG.get(text_da, text_da)


SECTORS: dict[Sector, str] = {
    Sector.GENERAL_PRACTICE: "Almen praksis",
    Sector.MUNICIPAL: "Kommunal",
    Sector.REGIONAL: "Regional",
    Sector.PRIVATE: "Privat",
}
APPLICANT_TYPES: dict[ApplicantType, str] = {
    ApplicantType.MUNICIPALITY: "Kommune",
    ApplicantType.REGION: "Region",
    ApplicantType.GENERAL_PRACTICE: "Almen praksis",
    ApplicantType.OTHER: "Anden",
}
PROJECT_TYPES: dict[ProjectType, str] = {
    ProjectType.NEW_BUILD: "Nybyg",
    ProjectType.EXTENSION: "Tilbygning",
    ProjectType.CONVERSION: "Ombygning",
    ProjectType.MODERNISATION: "Modernisering",
}
KEYS: dict[AllocationKey, str] = {
    AllocationKey.AREA: "Efter areal",
    AllocationKey.HEADCOUNT: "Efter antal ansatte",
    AllocationKey.EQUAL: "Ligeligt",
    AllocationKey.CUSTOM: "Egne andele",
}
COST_CATEGORIES: dict[CostCategory, str] = {
    CostCategory.ACQUISITION: "Erhvervelse",
    CostCategory.CONSTRUCTION: "Byggeri",
    CostCategory.CONSULTANCY: "Rådgivning",
    CostCategory.FURNITURE: "Inventar",
    CostCategory.EQUIPMENT: "Udstyr",
    CostCategory.IT: "IT",
    CostCategory.CONTINGENCY: "Uforudsete udgifter",
    CostCategory.OTHER: "Andet",
}
FINANCING_SOURCES: dict[FinancingSource, str] = {
    FinancingSource.GRANT: "Tilskud fra puljen",
    FinancingSource.OWN_MUNICIPALITY: "Egenfinansiering, kommune",
    FinancingSource.OWN_REGION: "Egenfinansiering, region",
    FinancingSource.OWN_PRACTICE: "Egenfinansiering, praksis",
    FinancingSource.LOAN: "Lån",
    FinancingSource.OTHER_GRANT: "Anden fond",
}
LEVELS: dict[Level, str] = {Level.ERROR: "Fejl", Level.WARNING: "Advarsler", Level.NOTE: "Bemærkninger"}
RUNNING_RATES: dict[RunningRate, str] = {
    RunningRate.UTILITIES: "El, vand og varme",
    RunningRate.CLEANING: "Rengøring",
    RunningRate.MAINTENANCE: "Vedligehold",
    RunningRate.INSURANCE_TAX: "Forsikring og ejendomsskat",
    RunningRate.ADMINISTRATION: "Administration",
}
ENUM_NAMES: dict[type[StrEnum], dict] = {
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
    """The Danish name of an enum code ('' for None)."""
    if code is None:
        return ""
    names = ENUM_NAMES.get(type(code))
    return t(names[code]) if names and code in names else str(code)


def tenant_kind_name(catalogs: Catalogs, kind: TenantKind) -> str:
    info = catalogs.tenant_kinds.get(kind)
    return info.name_da if info else str(kind)


def room_type_name(catalogs: Catalogs, room_type: RoomType) -> str:
    info = catalogs.room_types.get(room_type)
    return info.name_da if info else str(room_type)


def equipment_name(catalogs: Catalogs, item: str) -> str:
    if item == "other":
        return t("Andet (eget udstyr)")
    info = catalogs.equipment.get(item)
    return info.name_da if info else item
