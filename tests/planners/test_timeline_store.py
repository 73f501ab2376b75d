"""Rent terms over the years in the plan file, JSON, operations and the upgrade from version 2 (issue 17)."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.interchange.plan_json import dump_json, load_json, plan_from_dict, plan_to_dict
from planners.model import FinancingLine, FinancingSource, Plan
from planners.model.errors import InvalidPlan
from planners.model.timeline import (
    CostSplit,
    LoanTerms,
    MarketRentDefault,
    Phase,
    RentBasis,
    Repayment,
    TenantTerms,
    TimeLine,
)
from planners.store.operations import DeleteTenant, SetMarketRentDefault, SetTimeLine, UpdateLine
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from tests.planners.plans import small_plan


def _timeline() -> TimeLine:
    """Every field away from its default."""
    return TimeLine(
        first_year=2021, years=20, rent_index_pct=D("2.0"), rent_index_source="nettoprisindekset (jura360.dk)",
        running_index_pct=D("2.5"), running_index_source="skøn", discount_pct=D("5.5"),
        discount_source="LCCbyg", rent_basis=RentBasis.LOWER, vat_registered=False, area_tolerance_pct=D(15),
        cost_split=CostSplit.LEASE_AREA,
        tenants=[TenantTerms("fys", move_in=2023, move_out=2035, market_per_m2=D("514.5"), market_source="Hirtshals ÆØÅ 😀"),
                 TenantTerms("gp", market_total=D(375000))],
        loans=[LoanTerms(1, Repayment.SERIAL, 3, 2022)],
        phases=[Phase("Etape 2 🏗", 2024, rooms=[1, 0])],
    )


def _plan() -> Plan:
    plan = small_plan()
    sc = plan.scenarios[0]
    sc.financing.append(FinancingLine(FinancingSource.LOAN, D(1000000), interest_pct=D(3), years=25))
    sc.timeline = _timeline()
    plan.market_rent = MarketRentDefault(D(600), "skøn")
    return plan


def test_file_round_trip(tmp_path: Path) -> None:
    plan = _plan()
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, plan).close()
    assert read_plan(path) == plan


def test_json_round_trip_and_no_key_without_terms() -> None:
    plan = _plan()
    text = dump_json(plan)
    again = load_json(text.encode())
    assert again.scenarios[0].timeline == plan.scenarios[0].timeline and again.market_rent == plan.market_rent
    text = dump_json(again)  # export → import → export is equal (the plan's own catalogs are empty)
    assert dump_json(load_json(text.encode())) == text
    doc = json.loads(text)
    assert doc["scenarios"][0]["timeline"]["tenants"][0]["move_in"] == 2023
    assert doc["plan"]["market_rent"] == {"per_m2": 600, "source": "skøn"}
    plain = plan_to_dict(small_plan())
    assert "timeline" not in plain["scenarios"][0] and "market_rent" not in plain["plan"]


def test_json_refuses_invalid_terms() -> None:
    doc = plan_to_dict(_plan())
    tl = doc["scenarios"][0]["timeline"]
    tl["rent_basis"] = "cheap"
    tl["tenants"][0]["move_in"] = 20230
    tl["loans"][0]["interest_only_years"] = -1
    tl["typo"] = 1
    with pytest.raises(InvalidPlan) as info:
        plan_from_dict(doc)
    paths = {p.path for p in info.value.problems}
    assert "scenarios[0].timeline.rent_basis" in paths
    assert "scenarios[0].timeline.typo" in paths


def test_operations_and_their_inverses(tmp_path: Path) -> None:
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, small_plan()).close()
    with PlanFile.open(path) as pf:
        before = pf.load()
        sid = before.scenarios[0].row_id
        assert sid is not None
        changes = pf.apply(SetTimeLine(sid, _timeline()))
        assert changes.touches("timeline")
        assert pf.load().scenarios[0].timeline == _timeline()
        pf.apply(changes.inverse)
        assert pf.load() == before
        undo = pf.apply(SetMarketRentDefault(MarketRentDefault(D(514), "Hirtshals"))).inverse
        assert pf.load().market_rent == MarketRentDefault(D(514), "Hirtshals")
        pf.apply(undo)
        assert pf.load() == before
        with pytest.raises(InvalidPlan):
            pf.apply(SetTimeLine(sid, TimeLine(years=0)))
        assert pf.load() == before


def test_terms_follow_a_tenant_renamed_and_survive_its_delete_and_undo(tmp_path: Path) -> None:
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, small_plan()).close()
    with PlanFile.open(path) as pf:
        plan = pf.load()
        sid = plan.scenarios[0].row_id
        fys = plan.scenarios[0].tenants[1].row_id
        assert sid is not None and fys is not None
        pf.apply(SetTimeLine(sid, TimeLine(tenants=[TenantTerms("fys", move_in=2022)])))
        pf.apply(UpdateLine("tenant", fys, {"id": "fysio"}))
        assert pf.load().scenarios[0].timeline.tenants[0].tenant == "fysio"
        undo = pf.apply(DeleteTenant(fys)).inverse
        pf.apply(undo)
        after = pf.load().scenarios[0]
        assert after.tenant("fysio") is not None and after.timeline.tenants[0].tenant == "fysio"


def test_upgrade_from_version_2(tmp_path: Path) -> None:
    path = tmp_path / "v2.sundhedshus"
    create_plan_file(path, small_plan()).close()
    conn = sqlite3.connect(path)
    # Make the file as version 2 wrote it: none of the new tables.
    conn.execute("DROP TRIGGER tenant_terms_follow_id")
    for table in ("phase_room", "phase", "loan_terms", "tenant_terms", "timeline", "market_rent_default"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with PlanFile.open(path) as pf:
        assert pf.load() == small_plan()
        sid = pf.load().scenarios[0].row_id
        assert sid is not None
        pf.apply(SetTimeLine(sid, _timeline()))
    assert path.with_name(path.name + ".bak-v2").exists()
    assert read_plan(path).scenarios[0].timeline == _timeline()


def test_the_timeline_tables_are_those_of_its_ddl() -> None:
    """`schema.TIMELINE_TABLES` (the tables a one-scenario read asks only where they hold rows) are the scenario tables
    of the time line's DDL: a table added there and not here would be left unread (s20-sql2)."""
    import re

    from planners.store import schema
    from planners.store import timeline as timeline_store

    made = set(re.findall(r"CREATE TABLE (\w+)", timeline_store.DDL + timeline_store.DDL_V6))
    assert made - {"market_rent_default"} == set(schema.TIMELINE_TABLES)


@pytest.mark.parametrize("market", [True, False])
def test_one_scenario_reads_the_terms_and_the_market_rent(tmp_path: Path, market: bool) -> None:
    """`read_plan_scenario` (summary, check) asks the time line's tables only where they hold rows, and reads them
    where they do, as the whole read does (the terms of every kind, the plan's market rent)."""
    from planners.store.reading import read_plan_scenario

    plan = _plan()
    if not market:
        plan.market_rent = None
    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, plan).close()
    shown, _names = read_plan_scenario(path, None)
    whole = read_plan(path)
    assert shown.scenarios[0].timeline == whole.scenarios[0].timeline == _timeline()
    assert shown.market_rent == whole.market_rent == plan.market_rent
