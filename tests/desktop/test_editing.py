"""Editing cells through the real delegate: Danish numbers, the panel following, undo/redo, refusals."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.signals import emit
from planners.figures.engine import compute
from planners.model.money import format_kr, format_m2
from planners.store.planfile import read_plan
from tests.desktop.conftest import column, edit_cell


def rooms_view(window):  # noqa: ANN001, ANN201
    page = window.workspace.show_page("rooms")
    return page.tables[0]


def test_open_template_shows_title_pages_and_danish_names(opened, plan_path) -> None:  # noqa: ANN001
    w = opened
    assert w.windowTitle() == f"Sundhedshus Aabenraa — {plan_path.name} — Sundhedshus"
    assert [w.workspace.nav.item(i).text() for i in range(w.workspace.nav.count())] == [
        "Oversigt", "Lejere", "Rumprogram", "Udstyr", "Anlæg og finansiering", "Drift og husleje", "Husleje over tid",
        "Scenarier", "Sammenlign", "Diagrammer", "Ansøgning", "Tjek", "Historik"]
    view = rooms_view(w)
    model = view.model()
    assert model.rowCount() == 47
    # The room type shows its Danish catalog name, never the code; the header carries the unit.
    assert model.index(0, column(model, "type")).data() == "Konsultation"
    assert model.headerData(column(model, "net_m2"), Qt.Orientation.Horizontal) == "Netto m² pr. rum"
    assert model.index(0, column(model, "tenant")).data() == "Lægerne Storegade"


def test_panel_shows_the_engines_figures(opened, plan_path) -> None:  # noqa: ANN001
    f = compute(read_plan(plan_path))
    labels = opened.workspace.panel.labels
    # Gross area of the template by hand: net 1.757 m² × 1,42.
    assert f.gross_m2 == Decimal("1757") * Decimal("1.42")
    assert labels["gross_m2"].text() == "2.494,9 m²"
    assert labels["establishment_total"].text() == format_kr(f.establishment_total)
    assert labels["grant"].text() == "6.680.000 kr."


def test_edit_area_through_delegate_updates_file_and_panel(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    view = rooms_view(opened)
    model = view.model()
    panel = opened.workspace.panel.labels
    edit_cell(qtbot, view, 0, column(model, "net_m2"), "1.234,5")
    qtbot.waitUntil(lambda: model.index(0, column(model, "net_m2")).data() == "1.234,5")
    stored = read_plan(plan_path)
    assert stored.scenarios[0].rooms[0].net_m2 == Decimal("1234.5")
    # By hand: the first line had 6 rooms of 16 m²; now 6 × 1.234,5. Net 1.757 − 96 + 7.407 = 9.068 m²,
    # gross × 1,42 = 12.876,56 m².
    assert panel["gross_m2"].text() == "12.876,6 m²"
    assert panel["gross_m2"].text() == format_m2(compute(stored).gross_m2)
    assert model.index(0, column(model, "net_m2") + 1).data() == "7.407,0 m²"


def test_undo_and_redo_an_edit_named_in_the_menu(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    view = rooms_view(opened)
    model = view.model()
    edit_cell(qtbot, view, 1, column(model, "net_m2"), "20")
    qtbot.waitUntil(lambda: read_plan(plan_path).scenarios[0].rooms[1].net_m2 == 20)
    assert opened.act_undo.text() == "Fortryd: ændr areal"
    opened.act_undo.trigger()
    assert read_plan(plan_path).scenarios[0].rooms[1].net_m2 == 12
    assert model.index(1, column(model, "net_m2")).data() == "12"
    assert opened.workspace.panel.labels["gross_m2"].text() == "2.494,9 m²"
    assert opened.act_redo.text() == "Annullér fortryd: ændr areal"
    opened.act_redo.trigger()
    assert read_plan(plan_path).scenarios[0].rooms[1].net_m2 == 20
    assert model.index(1, column(model, "net_m2")).data() == "20"


def test_typing_twice_in_the_same_cell_is_one_undo_step(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    view = rooms_view(opened)
    model = view.model()
    col = column(model, "net_m2")
    edit_cell(qtbot, view, 2, col, "17")
    qtbot.waitUntil(lambda: model.index(2, col).data() == "17")
    edit_cell(qtbot, view, 2, col, "18")
    qtbot.waitUntil(lambda: model.index(2, col).data() == "18")
    stack = opened.session.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert read_plan(plan_path).scenarios[0].rooms[2].net_m2 == 16


def test_zero_area_is_refused_with_the_reason_and_nothing_stored(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    view = rooms_view(opened)
    model = view.model()
    edit_cell(qtbot, view, 0, column(model, "net_m2"), "0")
    notice = opened.workspace.notice
    qtbot.waitUntil(notice.isVisible)
    assert "Netto m² pr. rum" in notice.text()
    assert "større end 0" in notice.text() or "> 0" in notice.text()
    assert read_plan(plan_path).scenarios[0].rooms[0].net_m2 == 16
    assert opened.session.undo_stack.count() == 0
    assert model.index(0, column(model, "net_m2")).data() == "16"


def test_text_that_is_no_number_is_refused(opened, qtbot) -> None:  # noqa: ANN001
    view = rooms_view(opened)
    model = view.model()
    edit_cell(qtbot, view, 0, column(model, "count"), "tre")
    qtbot.waitUntil(opened.workspace.notice.isVisible)
    assert "«tre» er ikke et tal" in opened.workspace.notice.text()
    assert opened.session.undo_stack.count() == 0


def test_choice_editor_changes_the_room_type(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QComboBox

    view = rooms_view(opened)
    model = view.model()
    index = model.index(3, column(model, "type"))
    view.edit(index)
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Venteværelse" in labels or "Venterum" in labels
    combo.setCurrentIndex(labels.index("Depot"))
    emit(combo.activated, combo.currentIndex())
    qtbot.waitUntil(lambda: index.data() == "Depot")
    assert read_plan(plan_path).scenarios[0].rooms[3].type == "storage"


def test_financing_amount_changes_the_grant_in_the_panel(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("establishment")
    view = page.table_for("financing")
    model = view.model()
    edit_cell(qtbot, view, 0, column(model, "amount"), "7.000.000")
    panel = opened.workspace.panel.labels
    qtbot.waitUntil(lambda: panel["grant"].text() == "7.000.000 kr.")
    # 7.000.000 − 6.680.000 more financing than costs.
    assert panel["financing_difference"].text() == "320.000 kr."
    assert read_plan(plan_path).scenarios[0].financing[0].amount == Decimal(7000000)


def test_checkbox_column_sets_eligibility(opened, plan_path) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    page = opened.workspace.show_page("establishment")
    model = page.table_for("cost").model()
    index = model.index(0, column(model, "eligible"))
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert read_plan(plan_path).scenarios[0].costs[0].eligible is True
    assert opened.act_undo.text() == "Fortryd: ændr tilskudsberettigelse"


def test_overview_title_edit_changes_window_title_and_undoes(opened, plan_path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    page = opened.workspace.show_page("overview")
    page.title_edit.setFocus()
    page.title_edit.selectAll()
    QTest.keyClicks(page.title_edit, "Sundhedshus Syd")
    QTest.keyClick(page.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened.windowTitle().startswith("Sundhedshus Syd — "))
    assert read_plan(plan_path).title == "Sundhedshus Syd"
    opened.act_undo.trigger()
    assert page.title_edit.text() == "Sundhedshus Aabenraa"
    assert read_plan(plan_path).title == "Sundhedshus Aabenraa"


def test_scenario_selector_switches_every_page_and_the_panel(window, tmp_path, qtbot) -> None:  # noqa: ANN001
    from tests.desktop.conftest import make_plan

    path = make_plan(tmp_path, "example", "eksempel.sundhedshus")
    assert window.open_path(path)
    combo = window.scenario_combo
    assert combo.count() == 2
    plan = read_plan(path)
    other = plan.scenarios[1]
    rooms = window.workspace.pages["rooms"].tables[0].model()
    combo.setCurrentIndex(1)
    emit(combo.activated, 1)
    assert window.session.scenario.name == other.name
    assert rooms.rowCount() == len(other.rooms)
    assert window.workspace.panel.labels["gross_m2"].text() == format_m2(compute(plan, other).gross_m2)
    assert other.name in window.workspace.panel.heading.text()


def test_undo_shows_the_page_of_what_it_undid(opened) -> None:  # noqa: ANN001
    """An edit on Udstyr, undone from another page, is shown where it happened."""
    from planners.store.operations import UpdateLine

    session = opened.session
    line = session.scenario.equipment[0]
    assert session.run(UpdateLine("equipment", line.row_id, {"quantity": line.quantity + 1}), "ændr antal")
    opened.workspace.show_page("overview")
    opened.act_undo.trigger()
    page = opened.workspace.current_page()
    assert page is opened.workspace.pages["equipment"]
    assert session.scenario.equipment[0].quantity == line.quantity
    selected = {i.row() for i in page.table_for("equipment").selectionModel().selectedRows()}
    assert selected == {0}  # the line it undid, selected
