"""Copy and paste: tab-separated rows with Danish numbers, pasted as new lines or over the selection, validated,
one undo step; bad rows told by row and reason with nothing changed."""

from __future__ import annotations

from decimal import Decimal

from desktop import menus
from planners.model import RoomType
from planners.store.planfile import read_plan
from tests.desktop.conftest import column


def rooms(window):  # noqa: ANN001, ANN201
    page = window.workspace.show_page("rooms")
    table = page.tables[0]
    table.setFocus()
    return table


def test_copy_gives_tab_separated_rows_with_danish_numbers(opened) -> None:  # noqa: ANN001
    table = rooms(opened)
    table.select_rows([0, 1])
    text = menus.copy_rows(opened)
    lines = text.split("\n")
    assert len(lines) == 3 and lines[2] == ""  # two rows, each ended by a newline
    cells = lines[0].split("\t")
    model = table.line_model
    assert len(cells) == len(model.columns)
    assert cells[column(model, "type")] == "Konsultation"
    first = model.line(0)
    # The net m² as a Danish number: decimal comma, no point.
    assert cells[column(model, "net_m2")] == str(first.net_m2).replace(".", ",")


def test_paste_new_rows_is_one_undo_step(opened, plan_path) -> None:  # noqa: ANN001
    table = rooms(opened)
    before = read_plan(plan_path).scenario().rooms
    table.select_rows([len(before) - 1])
    text = "Depot\tLager A\t2\t7,5\nKontor\tKontor B\t1\t1.012,25\n"
    stack = opened.session.undo_stack
    steps = stack.count()
    assert menus.paste_rows(opened, True, text)
    after = read_plan(plan_path).scenario().rooms
    assert len(after) == len(before) + 2
    new = after[-2:]
    assert [r.label for r in new] == ["Lager A", "Kontor B"]
    assert [r.count for r in new] == [2, 1]
    assert [r.net_m2 for r in new] == [Decimal("7.5"), Decimal("1012.25")]
    assert new[1].type is RoomType.OFFICE
    assert stack.count() == steps + 1
    stack.undo()
    assert len(read_plan(plan_path).scenario().rooms) == len(before)


def test_paste_over_the_selection_changes_those_rows(opened, plan_path) -> None:  # noqa: ANN001
    table = rooms(opened)
    model = table.line_model
    start = column(model, "net_m2")
    table.setCurrentIndex(model.index(2, start))
    table.select_rows([2, 3], start)
    assert menus.paste_rows(opened, False, "13,5\n14\n")
    after = read_plan(plan_path).scenario().rooms
    assert (after[2].net_m2, after[3].net_m2) == (Decimal("13.5"), Decimal("14"))
    opened.session.undo_stack.undo()
    before = read_plan(plan_path).scenario().rooms
    assert (before[2].net_m2, before[3].net_m2) != (Decimal("13.5"), Decimal("14"))


def test_bad_rows_are_listed_and_nothing_changes(opened, plan_path, answers) -> None:  # noqa: ANN001
    table = rooms(opened)
    table.select_rows([0])
    before = read_plan(plan_path).scenario().rooms
    steps = opened.session.undo_stack.count()
    text = "Depot\tLager\t2\t7,5\nKøkken?\tX\tto\t-3\nDepot\tY\t1\tabc\n"
    assert not menus.paste_rows(opened, True, text)
    assert read_plan(plan_path).scenario().rooms == before
    assert opened.session.undo_stack.count() == steps
    message = answers.told[-1]
    assert "Række 1" not in message
    assert "Række 2" in message and "Række 3" in message
    assert "«abc» er ikke et tal" in message


def test_a_negative_area_is_refused_by_the_validation(opened, plan_path, answers) -> None:  # noqa: ANN001
    table = rooms(opened)
    table.select_rows([0])
    before = read_plan(plan_path).scenario().rooms
    assert not menus.paste_rows(opened, True, "Depot\tLager\t2\t-7,5\n")
    assert read_plan(plan_path).scenario().rooms == before
    assert "Række 1" in answers.told[-1]


def test_copied_rows_paste_back_as_equal_new_rows(opened, plan_path) -> None:  # noqa: ANN001
    table = rooms(opened)
    table.select_rows([0, 1])
    text = menus.copy_rows(opened)
    assert menus.paste_rows(opened, True, text)
    after = read_plan(plan_path).scenario().rooms
    for original, copy in ((after[0], after[2]), (after[1], after[3])):
        assert (copy.type, copy.label, copy.count, copy.net_m2, copy.tenant, copy.vacant, copy.shared) == (
            original.type, original.label, original.count, original.net_m2, original.tenant, original.vacant,
            original.shared)  # fmt: skip


def test_new_tenants_get_their_own_ids(opened, plan_path) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("tenants")
    page.tables[0].setFocus()
    page.tables[0].select_rows([0])
    assert menus.paste_rows(opened, True, "Klinik A\nKlinik B\n")
    tenants = read_plan(plan_path).scenario().tenants
    ids = [x.id for x in tenants]
    assert len(ids) == len(set(ids))
    assert {"Klinik A", "Klinik B"} <= {x.name for x in tenants}
