"""Issue 15, the last gaps at 1024×768 in workshop mode: the comparison table never scrolls sideways (three
scenarios beside the what-if dock: the values or the differences as chosen, beside the base's values); a lever's
field shows its whole value (a goal-seek's grant "26.136.785,1" was cut); the goal-seek's "Find" choice reads whole.
Offscreen, the projector's screen is given by hand (its full screen is the platform's own)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
)

from planners.store.operations import DuplicateScenario, SetScenarioFields
from planners.store.planfile import create_plan_file
from tests.desktop.conftest import make_plan
from tests.planners.whatif_plans import smaaby

THREE = ["Nybyg", "Nybyg (hvad nu hvis)", "Billigere byggeri"]


def projector(window, monkeypatch, width: int, height: int) -> None:  # noqa: ANN001
    monkeypatch.setattr(window.workshop, "screen_width", lambda: width)
    monkeypatch.setattr(window.workshop, "screen_height", lambda: height)
    monkeypatch.setattr(window, "showFullScreen", lambda: None)
    window.workshop.action.trigger()
    window.resize(width, height)
    QApplication.processEvents()


@pytest.fixture
def three(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN201
    """The large plan with three scenarios, the third with a smaller gross factor (other figures). At the end the
    comparison's charts are let finish: a chart delivered while the window is torn down crashed the process."""
    assert window.open_path(make_plan(tmp_path, "large"))
    session = window.session
    first = session.plan.scenarios[0]
    session.run(DuplicateScenario(first.row_id, THREE[1]), "dupliker")
    session.run(DuplicateScenario(first.row_id, THREE[2]), "dupliker")
    third = next(s for s in session.plan.scenarios if s.name == THREE[2])
    session.run(SetScenarioFields(third.row_id, {"gross_factor": D("1.3")}), "ret")
    yield window
    page = getattr(window, "_compared", None)
    if page is not None and shiboken6.isValid(page) and shiboken6.isValid(page._ahead):
        page._ahead.stop()
        qtbot.waitUntil(lambda: not any(v.busy for v in page.views.values()), timeout=30_000)


def compare_in_workshop(window, qtbot, monkeypatch, width: int, height: int):  # noqa: ANN001, ANN201
    projector(window, monkeypatch, width, height)
    page = window.workspace.show_page("compare")
    window._compared = page
    page.choose(THREE, base="Nybyg")
    qtbot.waitUntil(lambda: page.comparison is not None)
    if page.compact:
        page.stacked.setCurrentWidget(page.table)
    QApplication.processEvents()  # the layout settles: the table is refitted to its own width (no call here)
    return page


def shown(table) -> list[int]:  # noqa: ANN001
    return [x for x in range(table.columnCount()) if not table.isColumnHidden(x)]


def amounts_whole(page) -> None:  # noqa: ANN001
    table = page.table
    metrics = table.fontMetrics()
    bold = QFont(table.font())
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)
    for x in shown(table)[1:]:
        for y in range(table.rowCount()):
            item = table.item(y, x)
            if item is None or table.columnSpan(y, x) > 1 or not item.text():
                continue
            text = item.text().split(" procentpoint")[0]
            used = bold_metrics if item.font().bold() else metrics  # the base's values are bold
            assert used.horizontalAdvance(text) <= table.columnWidth(x), (x, text)


def no_sideways(table) -> None:  # noqa: ANN001
    bar = table.horizontalScrollBar()
    assert bar.maximum() == 0, (bar.maximum(), [table.columnWidth(x) for x in shown(table)], table.viewport().width())


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 720)])
def test_comparison_of_three_never_scrolls_sideways_on_a_projector(three, qtbot, monkeypatch,  # noqa: ANN001
                                                                   width: int, height: int) -> None:
    page = compare_in_workshop(three, qtbot, monkeypatch, width, height)
    table = page.table
    assert table.isVisible()
    no_sideways(table)
    amounts_whole(page)
    # columns: label, Nybyg (base), Nybyg (hvad nu hvis), its difference, Billigere byggeri, its difference
    assert table.columnCount() == 6
    if not page.narrow:  # the whole table fits (a font narrower than the walk's): nothing to choose
        assert shown(table) == [0, 1, 2, 3, 4, 5] and not page.show_row.isVisibleTo(page)
        return
    assert page.show_row.isVisibleTo(page)
    assert shown(table) == [0, 1, 2, 4]  # the values first: the base's and each scenario's
    assert table.horizontalHeaderItem(3).text() == "Forskel"
    page.show_differences.setChecked(True)
    QApplication.processEvents()
    assert shown(table) == [0, 1, 3, 5]  # the base's values always, and each scenario's difference
    # the difference's header names its scenario, over two lines
    assert table.horizontalHeaderItem(3).text() == "Forskel\nNybyg (hvad nu hvis)"
    assert table.horizontalHeaderItem(5).text() == "Forskel\nBilligere byggeri"
    no_sideways(table)
    amounts_whole(page)
    # the cells themselves are all kept (hidden, not dropped): −1.000 kr. of construction… by hand below
    assert page.cell("gross_m2", 2) == page.cell("gross_m2", 1)
    assert page.cell("gross_m2", 3) == "±0,0 m²"
    page.show_values.setChecked(True)
    QApplication.processEvents()
    assert shown(table) == [0, 1, 2, 4]
    assert table.horizontalHeaderItem(5).text() == "Forskel"


def test_comparison_at_1024_needs_the_switch(three, qtbot, monkeypatch) -> None:  # noqa: ANN001
    """At 1024 px beside the dock the whole table cannot fit (818 px needed of 583 in the walk)."""
    page = compare_in_workshop(three, qtbot, monkeypatch, 1024, 768)
    assert page.narrow and page.show_row.isVisibleTo(page)
    no_sideways(page.table)


def test_comparison_on_a_large_screen_shows_both_kinds(three, qtbot, monkeypatch) -> None:  # noqa: ANN001
    page = compare_in_workshop(three, qtbot, monkeypatch, 1920, 1080)
    assert not page.narrow and not page.show_row.isVisibleTo(page)
    assert shown(page.table) == [0, 1, 2, 3, 4, 5]
    no_sideways(page.table)


def test_leaving_the_workshop_shows_every_column(three, qtbot, monkeypatch) -> None:  # noqa: ANN001
    page = compare_in_workshop(three, qtbot, monkeypatch, 1024, 768)
    assert page.narrow
    three.workshop.action.trigger()  # the desk's type refits the tables (`zoom.fit_view`)
    QApplication.processEvents()
    assert shown(page.table) == [0, 1, 2, 3, 4, 5] and not page.show_row.isVisibleTo(page)


# --- the levers' fields ------------------------------------------------------------------------------------------


def text_room(field: QLineEdit) -> int:
    """The width a line edit draws its text in: the style's contents rectangle less the text margins and Qt's
    own 2 px a side."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    rect = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    return rect.width() - margins.left() - margins.right() - 2 * 2


def whole_in(field: QLineEdit, text: str | None = None) -> bool:
    text = field.text() if text is None else text
    advance = field.fontMetrics().horizontalAdvance(text)
    return advance <= field.contentsRect().width() and advance <= text_room(field)


@pytest.fixture
def small_shop(window, tmp_path: Path, monkeypatch):  # noqa: ANN001, ANN201
    path = tmp_path / "smaaby.sundhedshus"
    create_plan_file(path, smaaby()).close()
    assert window.open_path(path)
    projector(window, monkeypatch, 1024, 768)
    return window, window.workshop.panel


def test_a_goal_seeks_grant_shows_whole_and_is_applied_to_the_oere(small_shop, qtbot) -> None:  # noqa: ANN001
    window, panel = small_shop
    field = panel.grant.field
    field.setText("26.136.785,13")
    field.editingFinished.emit()
    QApplication.processEvents()
    assert field.text() == "26.136.785,13"
    assert whole_in(field), (field.width(), field.fontMetrics().horizontalAdvance(field.text()))
    assert panel.grant.decimal() == D("26136785.13")
    panel.apply_here()
    from desktop.workshop import grant_total

    assert grant_total(window.session.scenario) == D("26136785.13")  # exact to the øre
    QApplication.processEvents()
    assert field.text() == "26.136.785,13" and whole_in(field)


@pytest.mark.parametrize("points", [9.0, 14.0, 22.0])
def test_every_lever_holds_its_longest_text_at_any_type_size(small_shop, points: float) -> None:  # noqa: ANN001
    _window, panel = small_shop
    font = QFont(panel.font())
    font.setPointSizeF(points)
    panel.setFont(font)
    panel.resize(max(panel.width(), 2000), panel.height())  # the grid gives each field its least width or more
    QApplication.processEvents()
    for lever in panel.sliders:
        field = lever.field
        assert field.fontMetrics().height() >= QFontMetrics(font).height() - 1
        # the slider's ends with every decimal kept ("100.000.000,00" for the grant; "−50,0000" for the price)
        for text in lever._widest():
            assert whole_in(field, text), (lever.name.text(), text, field.width())
    assert "," in panel.grant._widest()[1] and panel.grant._widest()[1].endswith(",00")
    assert panel.years._widest() == ["1", "50"]  # whole years: no decimals


# --- the goal-seek's choice ----------------------------------------------------------------------------------------


def edit_room(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    rect = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)
    return rect.width()


def test_the_goal_seeks_choices_read_whole_with_the_question_below(small_shop) -> None:  # noqa: ANN001
    _window, panel = small_shop
    panel.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    combo = panel.seek_combo
    assert combo.isVisible()
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == ["tilskuddet", "byggeprisen", "bruttoarealet", "dækkende husleje"]
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        QApplication.processEvents()
        assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= edit_room(combo), combo.currentText()
        whole = combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
        assert combo.toolTip() == whole
        # the whole question under the box, wrapped (never cut): its height for its width holds every line
        explain = panel.seek_explain
        assert explain.isVisible() and explain.text() == whole[0].upper() + whole[1:] + "."
        assert explain.height() >= explain.heightForWidth(explain.width())
    combo.setCurrentIndex(0)
    assert panel.seek_explain.text() == "Tilskuddet, der holder en lejers husleje på dagens niveau."


@pytest.mark.parametrize("factor", [0.8, 1.25, 1.75])
def test_every_lever_holds_its_longest_text_at_every_zoom(window, tmp_path: Path, factor: float) -> None:  # noqa: ANN001
    """Through the View menu's zoom (it scales widgets' widths by the factor): the fields fit their own text."""
    from desktop import zoom

    path = tmp_path / "smaaby.sundhedshus"
    create_plan_file(path, smaaby()).close()
    assert window.open_path(path)
    window.workshop.action.trigger()
    panel = window.workshop.panel
    try:
        for f in (1.0, factor):
            zoom.apply(window, f)
            QApplication.processEvents()
            panel.grant.set_decimal(D("26136785.13"), home=False)
            QApplication.processEvents()
            for lever in panel.sliders:
                assert lever.field.minimumWidth() >= lever.field.needed_width(lever.field.text())
                for text in [lever.field.text(), *lever._widest()]:
                    assert lever.field.minimumWidth() >= lever.field.needed_width(text), (f, text)
            assert whole_in(panel.grant.field), (f, panel.grant.field.width())
    finally:
        zoom.apply(window, 1.0)  # the application's font back for the tests after this one
