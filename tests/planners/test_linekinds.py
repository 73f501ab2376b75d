"""The line registry (`planners.model.linekinds`): complete, agreeing with the file's tables, mapping rows by
hand-written expectations; and the lean edit it allows (statements counted by hand from what an edit needs)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    Scenario,
    Sector,
    Tenant,
    TenantKind,
)
from planners.model.linekinds import LINE_KINDS, LINES, LineKind, line_kind, lines_of
from planners.store import schema
from planners.store.operations import MoveLine, SetPlanFields, UpdateLine
from planners.store.planfile import create_plan_file
from tests.planners.plans import rich_plan, small_plan


def test_every_kind_is_described_and_kinds_are_their_strings() -> None:
    assert [str(k) for k in LINE_KINDS] == ["tenant", "room", "equipment", "cost", "financing", "service"]
    assert set(LINES) == set(LineKind)
    assert LineKind.COST == "cost" and line_kind("cost").table == "cost_line"
    with pytest.raises(ValueError, match="unknown line kind 'rum'"):
        line_kind("rum")


@pytest.mark.parametrize("kind", list(LineKind))
def test_the_registry_names_every_field_of_the_dataclass_once(kind: LineKind) -> None:
    info = LINES[kind]
    fields = [f.name for f in dataclasses.fields(info.cls) if f.name != "row_id"]
    assert sorted(info.field_names) == sorted(fields)
    assert len(set(info.json_keys)) == len(info.json_keys)


@pytest.mark.parametrize("kind", list(LineKind))
def test_the_created_table_has_exactly_the_registry_columns(kind: LineKind) -> None:
    conn = sqlite3.connect(":memory:")
    schema.create_schema(conn)
    info = LINES[kind]
    columns = {row[1] for row in conn.execute(f"PRAGMA table_info('{info.table}')")}
    registered = {f.column_name for f in info.fields if f.column_name is not None}
    assert columns == {"id", "scenario_id", "position"} | registered


def test_a_tenant_row_by_hand() -> None:
    tenant = Tenant("gp", "Lægerne", TenantKind.GP_PRACTICE, Sector.GENERAL_PRACTICE, D("4.5"), D(2), 6400, 2,
                    None, D("540000.75"), "note")  # fmt: skip
    row = LINES[LineKind.TENANT].to_row(tenant)
    assert row == {
        "code": "gp", "name": "Lægerne", "kind": "gp_practice", "sector": "general_practice",
        "clinicians": "4.5", "staff": "2", "listed_patients": 6400, "provider_numbers": 2,
        "weekly_hours": None, "current_annual_rent": "540000.75", "note": "note",
    }  # fmt: skip
    back = LINES[LineKind.TENANT].from_row({**row, "id": 7}, {})
    assert back == tenant and back.row_id == 7


def test_a_cost_line_keeps_of_and_spread_in_child_rows() -> None:
    cost = CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(12), of=[CostCategory.CONSTRUCTION],
                    spread={2018: D(50), 2019: D(50)})  # fmt: skip
    row = LINES[LineKind.COST].to_row(cost)
    assert "of" not in row and "spread" not in row and row["percent"] == "12" and row["eligible"] == 1
    back = LINES[LineKind.COST].from_row({**row, "id": 1}, {"of": [CostCategory.CONSTRUCTION],
                                                           "spread": {2018: D(50), 2019: D(50)}})  # fmt: skip
    assert back == cost


def test_with_lines_leaves_the_scenario_as_it_was() -> None:
    scenario = rich_plan().scenarios[0]
    services = list(scenario.running.services)
    changed = LINES[LineKind.SERVICE].with_lines(scenario, services[:1])
    assert len(lines_of(changed, "service")) == 1
    assert scenario.running.services == services and len(services) == 2
    rooms = LINES[LineKind.ROOM].with_lines(scenario, [])
    assert rooms.rooms == [] and len(scenario.rooms) == 5 and rooms.tenants is scenario.tenants
    assert isinstance(rooms, Scenario)


@contextmanager
def _counted(conn: sqlite3.Connection) -> Iterator[list[str]]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        conn.set_trace_callback(None)


def test_a_cell_edit_is_seven_statements(tmp_path: Path) -> None:
    # BEGIN; the room; its shares; the scenario's tenants (for the reference); the scenario's name; UPDATE; COMMIT.
    # Since issue 18.1 one more: the edit's history entry (INSERT INTO history), in the same transaction.
    with create_plan_file(tmp_path / "p.sundhedshus", small_plan()) as plan_file:
        room = plan_file.load().scenarios[0].rooms[1]
        with _counted(plan_file.conn) as statements:
            plan_file.apply(UpdateLine("room", room.row_id, {"net_m2": D(31)}))  # type: ignore[arg-type]
        assert len(statements) == 7 + 1, statements
        assert sum(s.startswith("UPDATE") for s in statements) == 1
        assert plan_file.load().scenarios[0].rooms[1].net_m2 == 31


def test_changing_shares_rewrites_them_and_nothing_else_does(tmp_path: Path) -> None:
    with create_plan_file(tmp_path / "p.sundhedshus", small_plan()) as plan_file:
        room = plan_file.load().scenarios[0].rooms[1]
        shared = Allocation(AllocationKey.CUSTOM, {"gp": D(70), "fys": D(30)})
        with _counted(plan_file.conn) as statements:
            plan_file.apply(UpdateLine("room", room.row_id, {"shared": shared}))  # type: ignore[arg-type]
        assert any(s.startswith("DELETE FROM room_share") for s in statements)
        assert plan_file.load().scenarios[0].rooms[1].shared == shared


def test_a_plan_field_edit_is_seven_statements(tmp_path: Path) -> None:
    # BEGIN; the plan row, its years, its partners; the scenarios' names; UPDATE; COMMIT.
    # Since issue 18.1 one more: the edit's history entry.
    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as plan_file:
        with _counted(plan_file.conn) as statements:
            plan_file.apply(SetPlanFields({"title": "Ny titel"}))
        assert len(statements) == 7 + 1, statements
        assert plan_file.load().title == "Ny titel"


def test_an_unknown_applied_scenario_is_still_refused(tmp_path: Path) -> None:
    from planners.model.errors import InvalidPlan

    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as plan_file:
        with pytest.raises(InvalidPlan, match="ukendt scenarie"):
            plan_file.apply(SetPlanFields({"applied_scenario": "Findes ikke"}))
        plan_file.apply(SetPlanFields({"applied_scenario": "Ombygning 🏥"}))
        assert plan_file.load().applied_scenario == "Ombygning 🏥"


def test_changes_say_which_lines_moved(tmp_path: Path) -> None:
    with create_plan_file(tmp_path / "p.sundhedshus", small_plan()) as plan_file:
        rooms = plan_file.load().scenarios[0].rooms
        edit = plan_file.apply(UpdateLine("room", rooms[0].row_id, {"count": 3}))  # type: ignore[arg-type]
        assert edit.moved == frozenset() and edit.updated == {("room", rooms[0].row_id)}
        move = plan_file.apply(MoveLine("room", rooms[0].row_id, 1))  # type: ignore[arg-type]
        assert move.moved == {("room", rooms[0].row_id)}
        assert [r.row_id for r in plan_file.load().scenarios[0].rooms] == [rooms[1].row_id, rooms[0].row_id]
