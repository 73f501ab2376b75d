"""Plans built in code for tests (others may import these read-only).

`rich_plan()` sets every field of every dataclass to a non-default value somewhere, with Danish letters and
emoji in the texts, so a round trip through a file proves every field is stored.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from planners.model import (
    Allocation,
    AllocationKey,
    Applicant,
    ApplicantType,
    Contact,
    CostCategory,
    CostLine,
    EquipmentItem,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    GPCollaboration,
    Plan,
    ProjectType,
    RoomLine,
    RoomType,
    Running,
    RunningRate,
    Scenario,
    Sector,
    Service,
    Tenant,
    TenantKind,
)
from planners.reference import bundled_catalogs


def rich_scenario(name: str = "Ombygning 🏥") -> Scenario:
    return Scenario(
        name=name,
        gross_factor=D("1.375"),
        tenants=[
            Tenant("gp", "Lægerne i Ærøskøbing 👩‍⚕️", TenantKind.GP_PRACTICE, Sector.GENERAL_PRACTICE,
                   D("4.5"), D("5.25"), 6400, 2, D("42.5"), D("540000.75"), "Kontrakt udløber 2026 ✅"),
            Tenant("fys", "Øster Fysioterapi", TenantKind.PHYSIOTHERAPIST, None, D(3), D(1)),
            Tenant("kom", "Sundhedsplejen", TenantKind.HEALTH_VISITOR, Sector.MUNICIPAL, D(2), D("0.5"),
                   current_annual_rent=D(0)),
        ],  # fmt: skip
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(16), 4, "Konsultation", tenant="gp"),
            RoomLine(RoomType.WAITING, D("45.5"), 1, "Venteværelse", shared=Allocation()),
            RoomLine(RoomType.STAFF_ROOM, D(30), 1, "Frokoststue",
                     shared=Allocation(AllocationKey.CUSTOM, {"gp": D("60.5"), "fys": D("39.5")})),
            RoomLine(RoomType.OFFICE, D(12), 2, "Ledigt kontor", vacant=True),
            RoomLine(RoomType.TRAINING_HALL, D(80), 1, "Træningssal", tenant="fys"),
        ],  # fmt: skip
        equipment=[
            EquipmentLine("ecg", D(45000), D(8), "EKG-apparat", 1, D(3000), True,
                          shared=Allocation(AllocationKey.EQUAL)),
            EquipmentLine("other", D("12499.99"), D("5.5"), "Behandlingsbrik 🛏️", 3, D(0), False, tenant="fys"),
            EquipmentLine("spirometer", D(20000), D(6), "Spirometer", 1, D(500), True,
                          shared=Allocation(AllocationKey.CUSTOM, {"gp": D(100)})),
        ],  # fmt: skip
        costs=[
            CostLine(CostCategory.CONSTRUCTION, "Ombygning", per_m2=D(14000), spread={2018: D(30), 2019: D(70)}),
            CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(12), of=[CostCategory.CONSTRUCTION],
                     spread={2018: D(50), 2019: D(50)}),
            CostLine(CostCategory.FURNITURE, "Inventar", amount=D("250000.5"), eligible=False, spread={2019: D(100)}),
            CostLine(CostCategory.ACQUISITION, "Grund", per_m2=D(900), m2=D("1234.5")),
            CostLine(CostCategory.EQUIPMENT, "Udstyr (støtteberettiget)"),
            CostLine(CostCategory.CONTINGENCY, "Uforudset", percent=D(10),
                     of=[CostCategory.CONSTRUCTION, CostCategory.CONSULTANCY]),
        ],  # fmt: skip
        financing=[
            FinancingLine(FinancingSource.GRANT, D(3000000), "Puljen"),
            FinancingLine(FinancingSource.OWN_MUNICIPALITY, D(1000000), "Kommunens andel", D(3), 30, True),
            FinancingLine(FinancingSource.LOAN, D(2000000), "KommuneKredit", D("2.5"), 25),
        ],
        running=Running(
            per_gross_m2={RunningRate.UTILITIES: D(110), RunningRate.CLEANING: D("150.25"),
                          RunningRate.MAINTENANCE: D(120), RunningRate.INSURANCE_TAX: D(60),
                          RunningRate.ADMINISTRATION: D(0)},  # fmt: skip
            services=[
                Service("Fælles reception", D(380000), Allocation(AllocationKey.HEADCOUNT)),
                Service("IT 💻", D("45000.5"), Allocation(AllocationKey.CUSTOM, {"gp": D(50), "kom": D(50)})),
            ],
        ),
    )


def rich_plan() -> Plan:
    catalogs = bundled_catalogs()
    catalogs.equipment["sterilisator"] = EquipmentItem("Autoklave æøå", "Autoclave", D("31999.5"), D(10), D(250),
                                                       "Egen pris 2018")  # fmt: skip
    catalogs.patients_per_gp = D(1550)
    catalogs.running_rates[RunningRate.CLEANING] = D("149.5")
    second = rich_scenario("Nybyg – 5 praksisser")
    second.gross_factor = D("1.45")
    second.equipment.append(EquipmentLine("sterilisator", D("31999.5"), D(10), "Autoklave", 1, D(250),
                                          tenant="gp"))  # fmt: skip
    second.running.services.clear()
    return Plan(
        title="Sundhedshus Ærø 🏥 — «Ø»",
        years=[2018, 2019, 2020],
        pool_round="2019",
        applicant=Applicant("Ærø Kommune", ApplicantType.MUNICIPALITY),
        partners=["Lægerne i Ærøskøbing", "Region Syddanmark 🤝"],
        gp_collaboration=GPCollaboration("Lægehuset i Marstal", "Aftale om 💉 vagtdækning"),
        contact=Contact("Anne Jørgensen", "anne@aeroe.dk", "+45 12 34 56 78"),
        municipality="Ærø",
        address="Torvet 1, 5970 Ærøskøbing",
        project_type=ProjectType.CONVERSION,
        price_year=2018,
        amounts_include_vat=True,
        description="Ombygning af det gamle rådhus.\nTo linjer, æøå ÆØÅ 😀.",
        applied_scenario="Nybyg – 5 praksisser",
        scenarios=[rich_scenario(), second],
        catalogs=catalogs,
    )


def rich_plan_file(path: Path) -> Path:
    """`rich_plan()` written as a plan file at `path` (closed), as the app writes it."""
    from planners.store.planfile import create_plan_file

    create_plan_file(path, rich_plan()).close()
    return path


def small_plan(title: str = "Lille plan") -> Plan:
    """One scenario with two tenants and a few rooms: quick to write, for lock and crash tests."""
    return Plan(
        title=title,
        years=[2019],
        pool_round="2019",
        scenarios=[
            Scenario(
                name="Basis",
                tenants=[Tenant("gp", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(2)),
                         Tenant("fys", "Fys", TenantKind.PHYSIOTHERAPIST, clinicians=D(1))],  # fmt: skip
                rooms=[RoomLine(RoomType.CONSULTATION, D(16), 2, "Konsultation", tenant="gp"),
                       RoomLine(RoomType.WAITING, D(30), 1, "Venteværelse", shared=Allocation())],  # fmt: skip
            )
        ],
    )


def row_ids(plan: Plan) -> list[tuple[str, int | None]]:
    """The row ids of a loaded plan in order (scenarios and their lines), to compare undo with before."""
    out: list[tuple[str, int | None]] = []
    for s in plan.scenarios:
        out.append(("scenario", s.row_id))
        for kind, lines in (("tenant", s.tenants), ("room", s.rooms), ("equipment", s.equipment),
                            ("cost", s.costs), ("financing", s.financing), ("service", s.running.services)):
            out.extend((kind, line.row_id) for line in lines)  # fmt: skip
    return out
