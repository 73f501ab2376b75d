"""Row actions: add, duplicate, delete several, move — each one undo step, stored in the file at once."""

from __future__ import annotations

from planners.store.planfile import read_plan


def rooms(window):  # noqa: ANN001, ANN201
    return window.workspace.show_page("rooms").tables[0]


def labels(path) -> list[str]:  # noqa: ANN001
    return [r.label for r in read_plan(path).scenarios[0].rooms]


def test_add_row_after_the_selection(opened, plan_path) -> None:  # noqa: ANN001
    view = rooms(opened)
    view.setFocus()
    view.select_rows([2])
    opened.act_add.trigger()
    stored = read_plan(plan_path).scenarios[0].rooms
    assert len(stored) == 48
    assert stored[3].vacant and stored[3].type == "office"
    assert view.selected_rows() == [3]
    assert opened.act_undo.text() == "Fortryd: tilføj rum"
    opened.act_undo.trigger()
    assert len(read_plan(plan_path).scenarios[0].rooms) == 47
    assert view.model().rowCount() == 47


def test_duplicate_two_rows_is_one_step(opened, plan_path) -> None:  # noqa: ANN001
    view = rooms(opened)
    before = labels(plan_path)
    view.select_rows([0, 1])
    opened.act_dup.trigger()
    after = labels(plan_path)
    assert after == before[:2] + before[:2] + before[2:]
    assert view.selected_rows() == [2, 3]
    assert opened.session.undo_stack.count() == 1
    opened.act_undo.trigger()
    assert labels(plan_path) == before


def test_delete_several_rows_and_undo_restores_them(opened, plan_path) -> None:  # noqa: ANN001
    view = rooms(opened)
    before = read_plan(plan_path).scenarios[0].rooms
    view.select_rows([1, 4, 5])
    opened.act_del.trigger()
    after = read_plan(plan_path).scenarios[0].rooms
    assert after == [r for i, r in enumerate(before) if i not in (1, 4, 5)]
    assert view.model().rowCount() == 44
    assert opened.act_undo.text() == "Fortryd: slet 3 rum"
    opened.act_undo.trigger()
    assert read_plan(plan_path).scenarios[0].rooms == before
    opened.act_redo.trigger()
    assert len(read_plan(plan_path).scenarios[0].rooms) == 44


def test_move_rows_down_and_up(opened, plan_path) -> None:  # noqa: ANN001
    view = rooms(opened)
    before = labels(plan_path)
    view.select_rows([0])
    opened.act_down.trigger()
    assert labels(plan_path)[:2] == [before[1], before[0]]
    assert view.selected_rows() == [1]
    opened.act_up.trigger()
    assert labels(plan_path) == before
    view.select_rows([0])
    opened.act_up.trigger()  # already first: nothing happens, no undo step
    assert opened.session.undo_stack.count() == 2


def test_delete_tenant_asks_first_and_vacates_its_rooms(opened, plan_path, answers) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("tenants")
    view = page.tables[0]
    view.setFocus()
    first = read_plan(plan_path).scenarios[0]
    gp1_rooms = [i for i, r in enumerate(first.rooms) if r.tenant == "gp1"]
    answers.ask = False
    view.select_rows([0])
    opened.act_del.trigger()
    assert answers.asked and "Lejeren bruges af" in answers.asked[0]
    assert len(read_plan(plan_path).scenarios[0].tenants) == 9
    answers.ask = True
    opened.act_del.trigger()
    after = read_plan(plan_path).scenarios[0]
    assert [t.id for t in after.tenants] == [t.id for t in first.tenants[1:]]
    assert all(after.rooms[i].vacant and after.rooms[i].tenant is None for i in gp1_rooms)
    # The rooms page follows without being told: the rooms show as vacant.
    rooms_model = opened.workspace.pages["rooms"].tables[0].model()
    assert rooms_model.index(gp1_rooms[0], 5).data() == "Ledig (udlejes senere)"
    opened.act_undo.trigger()
    assert read_plan(plan_path).scenarios[0] == first


def test_duplicated_tenant_gets_a_new_id(opened, plan_path) -> None:  # noqa: ANN001
    view = opened.workspace.show_page("tenants").tables[0]
    view.select_rows([1])
    opened.act_dup.trigger()
    tenants = read_plan(plan_path).scenarios[0].tenants
    assert len(tenants) == 10
    assert tenants[2].id != tenants[1].id and tenants[2].name == tenants[1].name + " (kopi)"
