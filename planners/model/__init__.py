"""The model: what a plan is, independent of where it is kept or how it is shown.

The dataclasses and enums of a plan (`entities`, re-exported here: `from planners.model import Plan`), the names
of its codes in Danish and English (`names`), exact money and its display (`money`), the errors the core raises
(`errors`), what the engine returns (`results`) and the validity rules (`validation`).

May import: the standard library only, and nothing of ours above it (enforced by import-linter, pyproject.toml).
What only the bundled reference knows (the pool rounds, the municipalities) the validity rules take as an
argument (`validation.Known`, from `planners.reference.known_names()`).
"""

from planners.model.entities import (
    HUNDRED,
    ZERO,
    Allocation,
    AllocationKey,
    Applicant,
    ApplicantType,
    Catalogs,
    Contact,
    CostCategory,
    CostLine,
    EquipmentItem,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    Finding,
    GPCollaboration,
    Level,
    Plan,
    ProjectType,
    Ref,
    RoomLine,
    RoomType,
    RoomTypeInfo,
    Running,
    RunningRate,
    Scenario,
    Sector,
    Service,
    Tenant,
    TenantKind,
    TenantKindInfo,
    default_running_rates,
)

__all__ = [
    "ZERO",
    "HUNDRED",
    "TenantKind",
    "Sector",
    "ApplicantType",
    "ProjectType",
    "RoomType",
    "CostCategory",
    "FinancingSource",
    "AllocationKey",
    "RunningRate",
    "Level",
    "Applicant",
    "GPCollaboration",
    "Contact",
    "Allocation",
    "Tenant",
    "RoomLine",
    "EquipmentLine",
    "CostLine",
    "FinancingLine",
    "Service",
    "default_running_rates",
    "Running",
    "Scenario",
    "TenantKindInfo",
    "RoomTypeInfo",
    "EquipmentItem",
    "Catalogs",
    "Plan",
    "Ref",
    "Finding",
]
