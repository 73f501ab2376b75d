"""Issue 19 (start): `validate_line` judges the common line at once (`scenario_validation._room_ok` and its kin) and runs the
full rules only where a line may have a problem. The problems found must be exactly those of the full rules, for
any value: the property drives valid lines with one or more fields replaced by odd values through both."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    RoomType,
    Scenario,
    Sector,
    TenantKind,
    scenario_validation,
)
from planners.model.scenario_validation import validate_line
from planners.model.value_rules import REPORTED
from tests.planners.strategies import equipment_lines, room_lines, tenants

IDS = ["t0", "t1", "t2"]
ODD = [None, REPORTED, True, False, 0, 1, -1, 2, 10**4, 10**4 + 1, 10**5 + 1, 10**7 + 1, 10**9 + 1, 10**16,
       D(0), D("-0"), D(1), D("-1"), D("0.5"), D("168"), D("168.01"), D("100"), D("100.1"), D("1E-40"), D("1E-41"),
       D("NaN"), D("Infinity"), D("-Infinity"), D("1E+15"), D("1E+16"), D("100000"), D("100000.1"), D("1000000000"),
       D("1000000000.5"), D("1e11"), D("1e11") + 1, 1.5, "", " ", "t0", "t9", "x", "\ud800", "Læge", "1",
       RoomType.CONSULTATION if hasattr(RoomType, "CONSULTATION") else list(RoomType)[0], list(TenantKind)[0],
       list(Sector)[0], "other", AllocationKey.AREA, Allocation(AllocationKey.AREA),
       Allocation(AllocationKey.CUSTOM, {"t0": D(60), "t1": D(40)}), Allocation(AllocationKey.AREA, {"t0": D(100)}),
       Allocation(AllocationKey.CUSTOM, {"t9": D(100)}), Allocation(AllocationKey.CUSTOM, {"t0": D(101)}),
       Allocation(AllocationKey.CUSTOM, {"t0": D("NaN")}), Allocation(AllocationKey.CUSTOM, {}),
       Allocation("custom", {"t0": D(1)}), Allocation(AllocationKey.CUSTOM, REPORTED),  # type: ignore[arg-type]
       CostCategory.EQUIPMENT, CostCategory.CONSTRUCTION, "construction", [], [CostCategory.CONSTRUCTION],
       ["construction"], [CostCategory.IT, 7], (CostCategory.IT,), {2025: D(100)}, {2025: D(60), 2026: D(40)},
       {1899: D(1)}, {2201: D(1)}, {2200: D(1)}, {2025: D(101)}, {"2025": D(1)}, {True: D(1)}, {2025: None}, {},
       "x" * 200, "x" * 201, "y" * 1000, "y" * 1001, D("1000"), D("1000.5"), D("10000000"), D("10000001"),
       ]  # fmt: skip

LINE_FIELDS = {"room": ["type", "net_m2", "count", "label", "tenant", "shared", "vacant"],
               "equipment": ["item", "unit_price", "lifetime_years", "name", "quantity", "annual_service",
                             "in_project", "tenant", "shared"],
               "tenant": ["id", "name", "kind", "sector", "clinicians", "staff", "listed_patients",
                          "provider_numbers", "weekly_hours", "current_annual_rent", "note"],
               "cost": ["category", "text", "amount", "per_m2", "m2", "percent", "of", "eligible", "spread",
                        "subproject", "grant", "source"]}  # fmt: skip


def _problems(kind: str, line: object, scenario: Scenario, fast: bool, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    with monkeypatch.context() as m:
        if not fast:
            for name in ("_room_ok", "_equipment_ok", "_tenant_ok", "_cost_ok"):
                m.setattr(scenario_validation, name, lambda *_a: False)
        try:
            return [(p.path, p.message("da"), p.message("en")) for p in validate_line(kind, line, scenario, "x")]
        except ArithmeticError as exc:  # the full rules compare a NaN of weekly_hours: both ways must meet it
            return [type(exc).__name__]


@st.composite
def odd_lines(draw: st.DrawFn) -> tuple[str, Any, Scenario]:
    people = draw(tenants(min_size=3, max_size=3))
    kind = draw(st.sampled_from(["room", "equipment", "tenant"]))
    if kind == "room":
        line: Any = draw(room_lines(IDS))
    elif kind == "equipment":
        line = draw(equipment_lines(IDS))
    else:
        line = people[draw(st.integers(0, 2))]
    changed = draw(st.lists(st.sampled_from(LINE_FIELDS[kind]), max_size=3, unique=True))
    line = dataclasses.replace(line, **{f: draw(st.sampled_from(ODD)) for f in changed})
    if kind == "tenant" and draw(st.booleans()):
        people = [*people, line]
    return kind, line, Scenario(name="S", tenants=people)


@settings(max_examples=600, deadline=None)
@given(odd_lines())
def test_the_fast_path_finds_exactly_the_full_rules_problems(case: tuple[str, object, Scenario]) -> None:
    kind, line, scenario = case
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _problems(kind, line, scenario, True, monkeypatch) == _problems(kind, line, scenario, False,
                                                                               monkeypatch)  # fmt: skip


def test_an_ordinary_line_takes_the_fast_path() -> None:
    """The common line never reaches the full rules (else nothing is gained)."""
    people = [scenario_validation.Tenant(id=i, name="Læge " + i, kind=list(TenantKind)[0]) for i in IDS]
    scenario = Scenario(name="S", tenants=people)
    ids = set(IDS)
    room = scenario_validation.RoomLine(type=list(RoomType)[0], net_m2=D("18.5"), count=2, tenant="t1")
    shared = scenario_validation.RoomLine(type=list(RoomType)[0], net_m2=D(12), shared=Allocation(AllocationKey.CUSTOM,
                                                                                         {"t0": D(50), "t2": D(50)}))  # fmt: skip
    gear = scenario_validation.EquipmentLine(item="ecg", unit_price=D("12000.50"), lifetime_years=D(8),
                                    shared=Allocation(AllocationKey.HEADCOUNT))  # fmt: skip
    assert scenario_validation._room_ok(room, ids) and scenario_validation._room_ok(shared, ids)
    assert scenario_validation._equipment_ok(gear, ids)
    index = scenario_validation._ScenarioIndex(scenario)
    assert all(scenario_validation._tenant_ok(t, index) for t in people)
    assert validate_line("room", room, scenario) == []
    assert scenario_validation._cost_ok(CostLine(category=CostCategory.CONSTRUCTION, amount=D("2500000"),
                                        spread={2025: D(100)}))  # fmt: skip
    assert scenario_validation._cost_ok(CostLine(category=CostCategory.CONTINGENCY, percent=D(10),
                                        of=[CostCategory.CONSTRUCTION]))  # fmt: skip


def test_every_odd_value_in_every_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each odd value in each field of a valid line of each kind, one at a time: the same problems both ways."""
    people = [scenario_validation.Tenant(id=i, name="Læge " + i, kind=list(TenantKind)[0]) for i in IDS]
    base: dict[str, Any] = {"room": scenario_validation.RoomLine(type=list(RoomType)[0], net_m2=D("18.5"), count=2, tenant="t1"),
            "equipment": scenario_validation.EquipmentLine(item="ecg", unit_price=D("12000.50"), lifetime_years=D(8),
                                                  tenant="t0"),
            "tenant": people[1],
            "cost": CostLine(category=CostCategory.CONSTRUCTION, text="Byggeri", per_m2=D("18000"), m2=D("120.5"),
                             spread={2025: D(60), 2026: D(40)}, subproject="Hus", grant=D(5000), source="Kilde")}
    costs = [CostLine(category=CostCategory.CONTINGENCY, percent=D(10), of=[CostCategory.CONSTRUCTION]),
             CostLine(category=CostCategory.EQUIPMENT), CostLine(category=CostCategory.IT, amount=D("0.5"))]  # fmt: skip
    checked = 0
    for kind, line in [*base.items(), *(("cost", c) for c in costs)]:
        for field in LINE_FIELDS[kind]:
            for value in ODD:
                odd = dataclasses.replace(line, **{field: value})
                for crowd in ([*people[:1], odd, *people[2:]] if kind == "tenant" else people, [*people, odd]):
                    scenario = Scenario(name="S", tenants=crowd)
                    assert _problems(kind, odd, scenario, True, monkeypatch) == _problems(
                        kind, odd, scenario, False, monkeypatch), (kind, field, value)
                    checked += 1
    assert checked > 1000
