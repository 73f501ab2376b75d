"""The page "Scenarier" (issue 9, point 1): new, duplicate (a deep copy), rename, delete, move, mark applied —
each one undo step, stored in the file at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planners.store.operations import UpdateLine
from planners.store.planfile import read_plan
from tests.desktop.conftest import make_plan


@pytest.fixture
def example(window, tmp_path: Path):  # noqa: ANN001, ANN201
    path = make_plan(tmp_path, "example")
    assert window.open_path(path)
    page = window.workspace.show_page("scenarios")
    page.ask_name = lambda _title, default: default  # type: ignore[method-assign]
    return window, page, path


def names(path: Path) -> list[str]:
    return [s.name for s in read_plan(path).scenarios]


def test_page_lists_the_scenarios_with_their_figures(example) -> None:  # noqa: ANN001
    _w, page, _path = example
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["Ombygning", "Nybyg"]
    assert page.table.item(0, 1).text() == "✔ ansøges" and page.table.item(1, 1).text() == ""
    # By hand: Ombygning has 463 m² net (dedicated 316, shared 135, vacant 12) × gross factor 1,4 = 648,2 m²;
    # Nybyg 463 + 16 vacant = 479 m² × 1,3 = 622,7 m².
    assert page.table.item(0, 3).text() == "648,2 m²"
    assert page.table.item(1, 3).text() == "622,7 m²"


def test_duplicate_then_edit_changes_only_the_copy(example) -> None:  # noqa: ANN001
    window, page, path = example
    page.select_row(0)
    assert page.duplicate_scenario() is not None
    assert names(path) == ["Ombygning", "Ombygning (kopi)", "Nybyg"]
    session = window.session
    assert session.scenario.name == "Ombygning (kopi)"  # the copy is shown, ready to edit
    plan = read_plan(path)
    original, copy = plan.scenarios[0], plan.scenarios[1]
    # A deep copy: every line equal (row ids apart), none shared.
    assert (copy.tenants, copy.rooms, copy.equipment, copy.costs, copy.financing, copy.running) == (
        original.tenants, original.rooms, original.equipment, original.costs, original.financing, original.running)
    assert {r.row_id for r in copy.rooms}.isdisjoint({r.row_id for r in original.rooms})
    first_room = session.scenario.rooms[0]
    assert session.run(UpdateLine("room", first_room.row_id, {"net_m2": Decimal(20)}), "ændr areal")
    after = read_plan(path)
    assert after.scenarios[1].rooms[0].net_m2 == 20
    assert after.scenarios[0].rooms[0].net_m2 == 16  # the original keeps its value
    assert after.scenarios[0] == original


def test_duplicate_is_one_undo_step(example) -> None:  # noqa: ANN001
    window, page, path = example
    page.select_row(1)
    page.duplicate_scenario()
    assert names(path) == ["Ombygning", "Nybyg", "Nybyg (kopi)"]
    assert window.session.undo_stack.count() == 1
    window.act_undo.trigger()
    assert names(path) == ["Ombygning", "Nybyg"]
    window.act_redo.trigger()
    assert names(path) == ["Ombygning", "Nybyg", "Nybyg (kopi)"]


def test_rename_delete_and_undo(example) -> None:  # noqa: ANN001
    window, page, path = example
    page.select_row(1)
    page.ask_name = lambda _title, _default: "Nybyg på Torvet"  # type: ignore[method-assign]
    page.rename_scenario()
    assert names(path) == ["Ombygning", "Nybyg på Torvet"]
    assert window.act_undo.text() == "Fortryd: omdøb scenarie"
    page.select_row(1)
    page.delete_scenario()
    assert names(path) == ["Ombygning"]
    assert "slettet" in page.message.text()
    assert page.table.rowCount() == 1
    window.act_undo.trigger()  # the deleted scenario comes back whole, with its lines
    restored = read_plan(path)
    assert names(path) == ["Ombygning", "Nybyg på Torvet"]
    assert len(restored.scenarios[1].rooms) == 23
    window.act_undo.trigger()
    assert names(path) == ["Ombygning", "Nybyg"]
    assert page.table.item(1, 0).text() == "Nybyg"


def test_the_last_scenario_cannot_be_deleted(example) -> None:  # noqa: ANN001
    _w, page, path = example
    page.select_row(1)
    page.delete_scenario()
    page.select_row(0)
    assert page.delete_scenario() is None
    assert names(path) == ["Ombygning"]
    assert page.message.text() == "Planens sidste scenarie kan ikke slettes"


def test_mark_applied_is_stored_and_undone(example) -> None:  # noqa: ANN001
    window, page, path = example
    page.select_row(1)
    page.mark_applied()
    assert read_plan(path).applied_scenario == "Nybyg"
    assert page.table.item(1, 1).text() == "✔ ansøges" and page.table.item(0, 1).text() == ""
    assert window.scenario_combo.itemText(1) == "Nybyg (ansøges)"
    window.act_undo.trigger()
    assert read_plan(path).applied_scenario == "Ombygning"


def test_new_and_move(example) -> None:  # noqa: ANN001
    window, page, path = example
    page.select_row(0)
    page.new_scenario()
    assert names(path) == ["Ombygning", "Nyt scenarie", "Nybyg"]
    assert read_plan(path).scenarios[1].rooms == []
    assert window.session.scenario.name == "Nyt scenarie"
    page.select_row(1)
    page.move_scenario(1)
    assert names(path) == ["Ombygning", "Nybyg", "Nyt scenarie"]
    window.act_undo.trigger()
    assert names(path) == ["Ombygning", "Nyt scenarie", "Nybyg"]
