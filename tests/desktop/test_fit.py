"""The window at the sizes people use (issue 14 points 2 and 5, issue 15 points 1 and 4).

No amount on any page is elided or clipped at 1366×768 and 1024×768, at the desk's size and the largest zoom
step, nor in workshop mode on a projector: for every label, field and table cell that shows an amount, the
amount's width in its font (`fontMetrics().horizontalAdvance`) is at most the width it is given. The window's
minimum fits 1024×700 at every zoom step in workshop mode too; leaving workshop mode gives back the window's size,
state, minimum, toolbar and page list exactly. Read-only mode looks and answers read-only; a refusal does not stay
in the status bar after a good edit; the recent plans drop files that are gone; a geometry saved on a larger
screen is clamped to this one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QStyle, QTableView, QToolBar, QWidget

from desktop import readonly, settings, zoom
from planners.store.operations import DuplicateScenario, SetPlanFields

# An amount as it is shown alone: "6.680.000 kr.", "−1.234 kr.", "12,6 %", "2.494,9 m²", "1.356 kr. pr. år".
AMOUNT = re.compile(r"^[+−±-]?\s*\d[\d.]*(,\d+)?\s*(kr\.|m²|%|procentpoint)?(\s*pr\.\s*(år|md\.|m²))?$")
SIZES = ((1366, 768), (1024, 768))


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.fixture
def unzoomed(opened):  # noqa: ANN001, ANN201
    yield opened
    zoom.apply(opened, 1.0)
    QSettings().setValue(zoom.KEY, 1.0)


def cut_amounts(root: QWidget) -> list[str]:
    """Every amount on screen under `root` that is narrower than its text needs, with where it is."""
    cut: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if label.isVisible() and not label.wordWrap() and AMOUNT.match(text):
            need = label.fontMetrics().horizontalAdvance(text)
            if label.contentsRect().width() < need:
                cut.append(f"label {text!r}: {need} > {label.contentsRect().width()}")
    for view in root.findChildren(QTableView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        # Qt's item delegate keeps a margin of (focus frame margin + 1) on each side of a cell's text.
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        for c in range(model.columnCount()):
            if view.isColumnHidden(c):
                continue
            for r in range(model.rowCount()):
                index = model.index(r, c)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text is None or not AMOUNT.match(str(text)) or view.columnSpan(r, c) > 1:
                    continue
                if view.wordWrap():
                    # "procentpoint" may wrap below its number (the comparison's narrow columns); the number not
                    text = str(text).removesuffix(" procentpoint")
                font = index.data(Qt.ItemDataRole.FontRole)
                metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
                need = metrics.horizontalAdvance(str(text)) + margin
                if view.columnWidth(c) < need:
                    cut.append(f"{type(model).__name__} column {c} {text!r}: {need} > {view.columnWidth(c)}")
    return cut


def cut_fields(root: QWidget) -> list[str]:
    """Text fields narrower than the text they hold (the contact fields were cut at 1024 px)."""
    cut = []
    for edit in root.findChildren(QLineEdit):
        if not edit.isVisible() or not edit.text() or isinstance(edit.parentWidget(), QTableView):
            continue
        # the frame and the field's own margins: a few pixels each side
        need = edit.fontMetrics().horizontalAdvance(edit.text()) + 8
        if edit.width() < need:
            cut.append(f"{edit.text()!r}: {need} > {edit.width()}")
    return cut


def three_scenarios(window) -> None:  # noqa: ANN001
    session = window.session
    first = session.scenario
    session.run(DuplicateScenario(first.row_id, "Ombygning"), "dupliker")
    session.run(DuplicateScenario(first.row_id, "Nybyg, fem praksis"), "dupliker")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", (1.0, zoom.STEPS[-1]))
def test_no_amount_is_cut_on_any_page(unzoomed, size: tuple[int, int], step: float) -> None:  # noqa: ANN001
    w = unzoomed
    three_scenarios(w)
    zoom.apply(w, step)
    w.resize(*size)
    settle()
    for key, _title, _cls in w.workspace.PAGES:
        if key == "charts":
            continue  # pictures: their labels are kept apart by the chart itself
        page = w.workspace.show_page(key)
        if key == "compare":
            page.choose([s.name for s in w.session.plan.scenarios])  # type: ignore[attr-defined]
        settle()
        assert cut_amounts(w.workspace) == [], (key, size, step)
        assert cut_fields(w.workspace.current_page()) == [], (key, size, step)


def test_oversigt_and_scenarier_do_not_scroll_sideways_at_1024(opened) -> None:  # noqa: ANN001
    w = opened
    w.resize(1024, 768)
    settle()
    for key in ("overview", "scenarios", "compare"):
        w.workspace.show_page(key)
        settle()
        area = w.workspace.page_areas[w.workspace.stack.currentIndex()]
        assert area.horizontalScrollBar().maximum() == 0, key


def test_overview_goes_to_one_column_when_narrow(opened) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("overview")
    page.arrange(2000)
    assert page.cols.direction() == page.cols.Direction.LeftToRight
    page.arrange(500)
    assert page.cols.direction() == page.cols.Direction.TopToBottom


@pytest.mark.parametrize("step", zoom.STEPS)
def test_workshop_minimum_fits_1024_by_700_at_every_zoom_step(unzoomed, step: float, monkeypatch) -> None:  # noqa: ANN001
    w = unzoomed
    monkeypatch.setattr(w.workshop, "screen_width", lambda: 1024)
    zoom.apply(w, step)
    w.workshop.action.trigger()
    settle()
    try:
        for key in ("overview", "establishment", "compare"):
            w.workspace.show_page(key)
            settle()
            hint = w.minimumSizeHint().expandedTo(w.minimumSize())
            assert hint.width() <= 1024 and hint.height() <= 700, (step, key, hint.toTuple())
    finally:
        w.workshop.action.trigger()


def test_workshop_on_a_projector_cuts_no_amount_and_keeps_what_if_and_key_figures(opened, monkeypatch) -> None:  # noqa: ANN001
    w = opened
    three_scenarios(w)
    monkeypatch.setattr(w.workshop, "screen_width", lambda: 1024)
    w.workshop.action.trigger()
    w.resize(1024, 768)
    settle()
    assert w.workspace.nav_combo.isVisible() and not w.workspace.nav.isVisible()  # the page list a drop-down
    assert not any(bar.isVisible() for bar in w.findChildren(QToolBar))
    for key in ("establishment", "running", "years", "compare"):
        page = w.workspace.show_page(key)
        if key == "compare":
            page.choose([s.name for s in w.session.plan.scenarios])  # type: ignore[attr-defined]
        settle()
        assert cut_amounts(w.workspace) == [], key
        assert w.workshop.dock is not None and w.workshop.dock.isVisible()
        assert w.workspace.panel_area.isVisible()
    # the dock: at most 36 % of the projector, never narrower than its levers need
    assert w.workshop.dock.maximumWidth() >= w.workshop.panel.body.minimumSizeHint().width()
    assert w.workshop.dock.maximumWidth() <= max(int(1024 * 0.36), w.workshop.panel.body.minimumSizeHint().width()
                                                 + 24) <= 1024 // 2  # fmt: skip
    w.workshop.action.trigger()


def test_three_scenarios_fit_beside_the_dock_at_1280(opened, monkeypatch) -> None:  # noqa: ANN001
    w = opened
    three_scenarios(w)
    monkeypatch.setattr(w.workshop, "screen_width", lambda: 1280)
    # offscreen, full screen is the platform's 800 px screen: the projector's 1280×720 by hand
    monkeypatch.setattr(w, "showFullScreen", lambda: None)
    w.workshop.action.trigger()
    w.resize(1280, 720)
    settle()
    page = w.workspace.show_page("compare")
    page.choose([s.name for s in w.session.plan.scenarios])  # type: ignore[attr-defined]
    settle()
    table = page.table  # type: ignore[attr-defined]
    assert table.columnCount() == 6  # the label, three values and two differences
    columns = sum(table.columnWidth(c) for c in range(table.columnCount() - 1))
    # every column but the last (which stretches) whole in view, the last at least as wide as its amounts
    assert columns < table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll to: all three in view
    assert cut_amounts(page) == []
    w.workshop.action.trigger()


def test_leaving_workshop_gives_back_size_state_minimum_toolbar_and_page_list(unzoomed, monkeypatch) -> None:  # noqa: ANN001
    w = unzoomed
    monkeypatch.setattr(w.workshop, "screen_width", lambda: 1024)
    zoom.apply(w, 1.25)
    w.resize(1000, 690)
    settle()
    toolbars = [bar.isVisible() for bar in w.findChildren(QToolBar)]
    before = (w.size().toTuple(), w.minimumSize().toTuple(), w.windowState(), w.workspace.nav.isVisible())
    w.workshop.action.trigger()
    settle()
    assert w.workshop.active
    w.workshop.action.trigger()
    settle()
    after = (w.size().toTuple(), w.minimumSize().toTuple(), w.windowState(), w.workspace.nav.isVisible())
    assert after == before
    assert [bar.isVisible() for bar in w.findChildren(QToolBar)] == toolbars
    assert not w.workspace.compact_nav


def test_key_figures_show_the_shared_part_of_the_house(window, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.desktop.conftest import make_plan

    assert window.open_path(make_plan(tmp_path, "example"))
    scenario = window.session.scenario
    shared_net = sum(r.count * r.net_m2 for r in scenario.rooms if r.shared is not None)
    net = sum(r.count * r.net_m2 for r in scenario.rooms)
    labels = window.workspace.panel.labels
    # by hand from the rooms: shared net × gross factor, and shared net over all net
    from desktop.numbers import show_m2, show_pct

    assert shared_net > 0
    assert labels["shared_gross_m2"].text() == show_m2(shared_net * scenario.gross_factor)
    assert labels["shared_share"].text() == show_pct(shared_net / net)


def test_read_only_looks_read_only_and_typing_says_why(window, plan_path, qtbot) -> None:  # noqa: ANN001
    plan_path.chmod(0o444)
    try:
        assert window.open_path(plan_path)
        assert window.session.readonly
        stack = window.workspace.stack
        assert stack.palette().color(QPalette.ColorRole.Base) == readonly.GREY_BASE
        assert window.workspace.banner.isVisible()
        table = window.workspace.show_page("rooms").tables[0]  # type: ignore[attr-defined]
        settle()
        table.setFocus()
        table.setCurrentIndex(table.model().index(0, 1))
        QTest.keyClicks(table, "7")
        assert window.statusBar().currentMessage() == readonly.readonly_reason()
        window.statusBar().clearMessage()
        field = window.workspace.show_page("overview").title_edit  # type: ignore[attr-defined]
        settle()
        QTest.keyClicks(field, "x")
        assert window.statusBar().currentMessage() == readonly.readonly_reason()
        assert field.text() == window.session.plan.title  # nothing typed
    finally:
        window.close_plan()
        plan_path.chmod(0o644)
    # the next plan, writable, is neither greyed nor watched
    assert window.open_path(plan_path)
    assert window.workspace.stack.palette().color(QPalette.ColorRole.Base) != readonly.GREY_BASE


def test_a_good_edit_clears_an_old_refusal_from_the_status_bar(opened) -> None:  # noqa: ANN001
    w = opened
    session = w.session
    session.run(SetPlanFields({"years": [-5]}), "ændr år")  # refused: not a year
    refusal = w.statusBar().currentMessage()
    assert refusal
    session.run(SetPlanFields({"title": "Nyt navn"}), "ændr titel")
    assert w.statusBar().currentMessage() == ""


def test_the_recent_list_drops_plans_that_are_gone(window, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.desktop.conftest import make_plan

    kept = make_plan(tmp_path, "example", "kept.sundhedshus")
    gone = make_plan(tmp_path, "example", "gone.sundhedshus")
    window.add_recent(str(kept))
    window.add_recent(str(gone))
    gone.unlink()
    assert window.recent_files() == [str(kept)]
    window._update_recent()
    assert [a.toolTip() for a in window.recent_menu.actions()] == [str(kept)]


def test_tests_keep_their_settings_out_of_the_users(qapp) -> None:  # noqa: ANN001
    import os

    folder = os.environ[settings.SETTINGS_ENV]
    assert Path(folder).is_dir()
    assert not str(Path(folder).resolve()).startswith(str((Path.home() / ".config").resolve()))


def test_a_geometry_saved_on_a_larger_screen_is_clamped_to_this_one(window) -> None:  # noqa: ANN001
    room = window.screen().availableGeometry()
    window.resize(room.width() + 700, room.height() + 500)  # as saved on the office's large monitor
    settings.save_geometry(window)
    window.resize(400, 300)
    assert settings.restore_geometry(window)
    assert window.width() <= room.width() and window.height() <= room.height()


def test_the_comparison_becomes_tabs_when_the_page_is_low(opened) -> None:  # noqa: ANN001
    w = opened
    three_scenarios(w)
    page = w.workspace.show_page("compare")
    page.choose([s.name for s in w.session.plan.scenarios])  # type: ignore[attr-defined]
    w.resize(1366, 1000)
    settle()
    assert not page.compact and page.table.isVisible() and page.charts.isVisible()  # type: ignore[attr-defined]
    w.resize(1280, 600)
    settle()
    assert page.compact  # type: ignore[attr-defined]
    tabs = page.stacked  # type: ignore[attr-defined]
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Tal", "Diagrammer"]
    assert tabs.widget(0) is page.table and tabs.widget(1) is page.charts  # type: ignore[attr-defined]
    assert page.charts.minimumHeight() >= 300  # type: ignore[attr-defined]
    w.resize(1366, 1000)
    settle()
    assert not page.compact and page.split.widget(0) is page.table  # type: ignore[attr-defined]


def test_the_file_dialog_speaks_danish(qapp) -> None:  # noqa: ANN001
    """Qt's file dialog: qtbase_da.qm lacks "&Look in:" and "Files of &type:"; our small catalog adds them."""
    from PySide6.QtWidgets import QFileDialog

    from desktop import i18n

    i18n.set_language("da")
    dialog = QFileDialog(None, "Åbn plan")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Kig i:", "&Filnavn:", "Filer af &type:"} <= texts
    assert not any("Look" in text or "type:" == text[-5:] and "Files" in text for text in texts)
    dialog.deleteLater()


def test_zooming_in_workshop_mode_keeps_the_key_figures_whole(unzoomed, monkeypatch) -> None:  # noqa: ANN001
    w = unzoomed
    monkeypatch.setattr(w.workshop, "screen_width", lambda: 1024)
    monkeypatch.setattr(w, "showFullScreen", lambda: None)
    w.workshop.action.trigger()
    w.resize(1024, 768)
    settle()
    zoom.apply(w, 2.0)  # Ctrl++ on the projector
    w.workshop.action.trigger()  # out and in again
    w.workshop.action.trigger()
    w.resize(1024, 768)
    settle()
    assert w.workspace.panel.minimumWidth() >= 300
    assert cut_amounts(w.workspace.panel) == []
    w.workshop.action.trigger()
