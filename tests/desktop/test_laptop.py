"""Fits every laptop and projector (issue 14 point 2, issue 15 point 1): the window is never larger than its
screen, its minimum fits 1024×700 at every zoom step (and in workshop mode), no amount on screen is cut at
1366×768, the key figures go under the page when the window is narrow, wide tables keep their name column in
view, and leaving workshop mode gives back the window's size and minimum exactly."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop import zoom

AMOUNT = re.compile(r"\d.*(kr\.|m²|%)")  # an amount as shown: digits with its unit


@pytest.fixture
def unzoomed(opened):  # noqa: ANN001, ANN201
    yield opened
    zoom.apply(opened, 1.0)
    QSettings().setValue(zoom.KEY, 1.0)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_the_window_is_never_larger_than_its_screen(window) -> None:  # noqa: ANN001
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()


@pytest.mark.parametrize("step", zoom.STEPS)
def test_minimum_fits_1024_by_700_at_every_zoom_step(unzoomed, step: float) -> None:  # noqa: ANN001
    w = unzoomed
    zoom.apply(w, step)
    for key, _title, _cls in w.workspace.PAGES:
        w.workspace.show_page(key)
        settle()
        hint = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert hint.width() <= 1024 and hint.height() <= 700, (step, key, hint.toTuple())


def test_workshop_mode_fits_1024_by_700_and_gives_back_size_and_minimum(unzoomed) -> None:  # noqa: ANN001
    w = unzoomed
    w.resize(760, 640)
    settle()
    before = (w.size().toTuple(), w.minimumSize().toTuple(), w.windowState())
    w.workshop.action.trigger()
    settle()
    for key in ("rooms", "running", "scenarios", "compare"):
        w.workspace.show_page(key)
        settle()
        hint = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert hint.width() <= 1024 and hint.height() <= 700, (key, hint.toTuple())
    w.workshop.action.trigger()
    settle()
    assert (w.size().toTuple(), w.minimumSize().toTuple(), w.windowState()) == before


def _clipped_amounts(root: QWidget) -> list[str]:
    """Labels on screen showing an amount that is narrower than the amount's text, or cut by what holds them."""
    cut = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or label.wordWrap() or not AMOUNT.search(text) or "<" in text:
            continue
        needed = label.fontMetrics().horizontalAdvance(text)
        shown = label.visibleRegion().boundingRect().width()
        if label.contentsRect().width() < needed or shown < min(needed, label.width()):
            cut.append(text)
    return cut


def _elided_amount_cells(root: QWidget) -> list[str]:
    """Table cells of an amount column narrower than the amount they show."""
    from desktop.pages.table import LineTable

    cut = []
    for table in root.findChildren(LineTable):
        if not table.isVisible():
            continue
        model = table.line_model
        metrics = table.fontMetrics()
        for c, col in enumerate(model.columns):
            if not col.number or table.isColumnHidden(c):
                continue
            for r in range(model.rowCount()):
                text = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
                # the cell's own padding: Qt's item margin is a few pixels on each side
                if text and metrics.horizontalAdvance(str(text)) + 8 > table.columnWidth(c):
                    cut.append(f"{col.header}: {text}")
    return cut


def test_no_amount_is_cut_at_1366_by_768(opened) -> None:  # noqa: ANN001
    w = opened
    w.resize(1366, 768)
    settle()
    for key, _title, _cls in w.workspace.PAGES:
        if key == "charts":
            continue  # pictures, not text
        w.workspace.show_page(key)
        settle()
        assert _clipped_amounts(w.workspace) == [], key
        assert _elided_amount_cells(w.workspace.current_page()) == [], key


def test_key_figures_go_under_the_page_when_narrow_and_stay_whole(unzoomed) -> None:  # noqa: ANN001
    w = unzoomed
    w.resize(1366, 768)
    settle()
    assert w.workspace.panel_place == "side"
    w.resize(1024, 700)
    zoom.apply(w, 2.0)
    w.resize(1024, 700)
    settle()
    assert w.workspace.panel_place == "below"
    assert w.workspace.panel.columns >= 1
    # Whole amounts: every value label at least as wide as its text (the panel scrolls rather than cut).
    for value in w.workspace.panel.labels.values():
        assert value.width() >= value.fontMetrics().horizontalAdvance(value.text()), value.text()


def test_the_panel_can_be_hidden_and_shown(opened) -> None:  # noqa: ANN001
    w = opened
    w.workspace.set_panel_shown(False)
    assert w.workspace.panel_area.isHidden()
    w.workspace.set_panel_shown(True)
    assert not w.workspace.panel_area.isHidden()


def test_a_wide_table_keeps_its_name_column_in_view(opened) -> None:  # noqa: ANN001
    w = opened
    w.resize(900, 700)
    page = w.workspace.show_page("rooms")
    settle()
    table = page.tables[0]
    assert not table.frozen.isVisible()
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0  # the rooms table is wider than the page here
    bar.setValue(bar.maximum())
    settle()
    assert table.frozen.isVisible()
    assert table.frozen.columnWidth(0) == table.columnWidth(0)
    # Over the table's own first column place: right of the row numbers, as wide as the name column.
    assert table.frozen.x() == table.frameWidth() + table.verticalHeader().width()
    assert table.frozen.width() >= table.columnWidth(0)
    assert table.frozen.isColumnHidden(1) and not table.frozen.isColumnHidden(0)
    bar.setValue(0)
    settle()
    assert not table.frozen.isVisible()


def test_table_context_menu_has_the_row_actions(opened) -> None:  # noqa: ANN001
    table = opened.workspace.show_page("rooms").tables[0]
    table.select_rows([0])
    menu = table.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    for wanted in ("Tilføj række", "Dupliker rækker", "Slet rækker", "Flyt op", "Flyt ned", "Kopiér rækker"):
        assert wanted in texts
    enabled = {a.text(): a.isEnabled() for a in menu.actions()}
    assert not enabled["Flyt op"] and enabled["Flyt ned"]  # the first row cannot go up
    count = table.model().rowCount()
    next(a for a in menu.actions() if a.text() == "Dupliker rækker").trigger()
    assert table.model().rowCount() == count + 1


def test_alt_down_is_left_to_drop_downs_and_tab_leaves_text_fields(opened) -> None:  # noqa: ANN001
    keys = {s.toString() for a in (opened.act_up, opened.act_down) for s in a.shortcuts()}
    assert not any(k.startswith("Alt+") for k in keys)
    assert opened.workspace.pages["overview"].partners.tabChangesFocus()


def test_a_refusal_does_not_shift_the_page(opened) -> None:  # noqa: ANN001
    page_area = opened.workspace.stack
    before = page_area.geometry()
    opened.workspace.show_notice("prøve")
    settle()
    assert opened.workspace.notice.isVisible()
    assert page_area.geometry() == before


def test_recent_plans_are_stored_as_absolute_paths(window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from tests.desktop.conftest import make_plan

    path = make_plan(tmp_path, "example")
    monkeypatch.chdir(tmp_path)
    window.add_recent(path.name)
    assert window.recent_files()[0] == str(path.absolute())
