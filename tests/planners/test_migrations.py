"""Migrations: the committed version-1 fixture opens, upgrades after a backup, and rolls back on failure."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.model import (
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
    Plan,
    ProjectType,
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
)
from planners.store import migrations
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from planners.store.schema import SCHEMA_VERSION
from tests.planners.plans import small_plan

FIXTURE = Path(__file__).parents[1] / "fixtures" / "plan-v1.sundhedshus"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# What tests/fixtures/make_plan_v1.py wrote, written out by hand, as version 2 reads it.
EXPECTED = Plan(
    title="Sundhedshus Nørre Nebel 🏥",
    years=[2018, 2019],
    pool_round="2018",
    applicant=Applicant("Varde Kommune", ApplicantType.MUNICIPALITY),
    partners=["Lægerne i Nørre Nebel", "Fysioterapi Vest"],
    gp_collaboration=None,
    contact=Contact("Søren Ågård", "sa@varde.dk", "75 94 00 00"),
    municipality="Varde",
    address="Storegade 3",
    project_type=ProjectType.NEW_BUILD,
    price_year=2017,
    amounts_include_vat=False,
    description="Nyt hus ved skolen",
    applied_scenario="Nybyg",
    scenarios=[
        Scenario(
            name="Nybyg",
            gross_factor=D("1.4"),
            tenants=[
                Tenant("gp", "Lægerne i Nørre Nebel", TenantKind.GP_PRACTICE, Sector.GENERAL_PRACTICE, D(3),
                       D("4.5"), 4800, 1, None, D(410000), "Flytter fra Adelvej"),
                Tenant("fys", "Fysioterapi Vest", TenantKind.PHYSIOTHERAPIST, None, D(2), D(0)),
            ],  # fmt: skip
            rooms=[
                RoomLine(RoomType.CONSULTATION, D("16.5"), 3, "Konsultation", tenant="gp"),
                RoomLine(RoomType.WAITING, D(40), 1, "Venteværelse",
                         shared=Allocation(AllocationKey.CUSTOM, {"gp": D(75), "fys": D(25)})),
                RoomLine(RoomType.OFFICE, D(12), 1, "", vacant=True),
            ],  # fmt: skip
            equipment=[EquipmentLine("ecg", D(45000), D(8), "EKG", 1, D(3000), True, shared=Allocation())],
            costs=[
                CostLine(CostCategory.CONSTRUCTION, "Nybyg", per_m2=D(18000), spread={2018: D(40), 2019: D(60)}),
                CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(12), of=[CostCategory.CONSTRUCTION]),
            ],
            financing=[
                FinancingLine(FinancingSource.GRANT, D(2500000), ""),
                FinancingLine(FinancingSource.LOAN, D(3000000), "", D("2.75"), 25),
            ],
            running=Running(
                per_gross_m2={RunningRate.UTILITIES: D(110), RunningRate.CLEANING: D(150),
                              RunningRate.MAINTENANCE: D(120), RunningRate.INSURANCE_TAX: D(60),
                              RunningRate.ADMINISTRATION: D(40)},  # fmt: skip
                services=[Service("Reception", D(300000), Allocation(AllocationKey.HEADCOUNT))],
            ),
        )
    ],
    catalogs=Catalogs(
        tenant_kinds={TenantKind.GP_PRACTICE: TenantKindInfo("Almen praksis", "General practice",
                      Sector.GENERAL_PRACTICE, {RoomType.CONSULTATION: D(1)}, D(60), "PLO")},
        room_types={RoomType.CONSULTATION: RoomTypeInfo("Konsultation", "Consultation", D(16))},
        equipment={"ecg": EquipmentItem("EKG-apparat", "ECG", D(45000), D(8), D(3000), "Leverandør 2017")},
        running_rates={RunningRate.UTILITIES: D(110), RunningRate.CLEANING: D(150)},
        patients_per_gp=D(1600),
    ),  # fmt: skip
)


@pytest.fixture
def old_plan(tmp_path: Path) -> Path:
    path = tmp_path / "Gammel plan æø 😀.sundhedshus"
    shutil.copyfile(FIXTURE, path)
    return path


def _version(path: Path) -> int:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _schema_shape(path: Path) -> dict[str, object]:
    """Every table's columns (name, type, not null, default, pk) and foreign keys, order-free."""
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        shape: dict[str, object] = {}
        for t in tables:
            cols = {tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info('{t}')")}
            fks = {tuple(r[2:]) for r in conn.execute(f"PRAGMA foreign_key_list('{t}')")}
            shape[t] = (cols, fks)
        shape["indexes"] = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        return shape
    finally:
        conn.close()


def test_the_fixture_is_version_1() -> None:
    assert _version(FIXTURE) == 1 < SCHEMA_VERSION


def test_opening_for_editing_migrates_after_a_backup(old_plan: Path) -> None:
    original = sha(old_plan)
    with PlanFile.open(old_plan) as plan_file:
        assert plan_file.load() == EXPECTED
    assert _version(old_plan) == SCHEMA_VERSION
    backup = old_plan.with_name(old_plan.name + ".bak-v1")
    assert sha(backup) == original  # the backup holds the version-1 bytes
    assert read_plan(old_plan) == EXPECTED
    with PlanFile.open(old_plan) as plan_file:  # a migrated file opens as any other
        plan_file.conn.execute("SELECT text FROM financing").fetchall()


def test_the_migrated_schema_matches_a_new_file(old_plan: Path, tmp_path: Path) -> None:
    PlanFile.open(old_plan).close()
    fresh = tmp_path / "ny.sundhedshus"
    create_plan_file(fresh, small_plan()).close()
    assert _schema_shape(old_plan) == _schema_shape(fresh)


def test_reading_an_old_plan_migrates_a_temporary_copy_only(old_plan: Path) -> None:
    original = sha(old_plan)
    assert read_plan(old_plan) == EXPECTED
    with PlanFile.open(old_plan, readonly=True) as plan_file:
        assert plan_file.load() == EXPECTED
    assert sha(old_plan) == original
    assert sorted(p.name for p in old_plan.parent.iterdir()) == [old_plan.name]


def test_a_failing_step_rolls_the_whole_upgrade_back(old_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_step = migrations.upgrade_version_1

    def failing_step(db) -> None:
        real_step(db)  # everything done …
        raise RuntimeError("power cut")  # … and then it fails

    monkeypatch.setattr(migrations, "upgrade_version_1", failing_step)
    original = sha(old_plan)
    with pytest.raises(RuntimeError):
        PlanFile.open(old_plan)
    assert sha(old_plan) == original and _version(old_plan) == 1
    assert not old_plan.with_name(old_plan.name + ".lock").exists()
    monkeypatch.undo()
    with PlanFile.open(old_plan) as plan_file:  # and a later attempt succeeds
        assert plan_file.load() == EXPECTED


def test_every_version_step_has_a_documented_function() -> None:
    for version in range(1, SCHEMA_VERSION):
        step = getattr(migrations, f"upgrade_version_{version}")
        assert step.__doc__ and f"{version} → {version + 1}" in step.__doc__
