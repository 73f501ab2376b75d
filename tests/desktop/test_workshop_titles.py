"""Issue 15, the last look at 1024×768 and 1280×720 in workshop mode: every chart tab's title reads whole (no
"Forskelle i nøg…", no tabs behind scroll arrows: shorter titles with the whole one as tooltip, or a drop-down of
the charts where seven tabs cannot fit), and the what-if "Huset" table's labels wrap over lines instead of
showing five letters. Offscreen, the projector's screen is given by hand (as in test_workshop_narrow)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QTabWidget

from desktop.charts_view import CHART_TITLES, TitleBar, fit_tab_titles, shown_title
from desktop.i18n import t
from tests.desktop.test_workshop_narrow import compare_in_workshop, three  # noqa: F401 (the fixture)

SIZES = [(1024, 768), (1280, 720)]


def titles_whole(tabs: QTabWidget, reserve: int = 0) -> None:
    """Every tab's text drawn whole in its tab, all tabs within the widget (no scroll arrows)."""
    bar = tabs.tabBar()
    assert bar.elideMode() == Qt.TextElideMode.ElideNone
    metrics = bar.fontMetrics()
    for i in range(bar.count()):
        text = shown_title(bar, i)
        assert metrics.horizontalAdvance(text) <= bar.tabRect(i).width(), (text, bar.tabRect(i).width())
        assert bar.tabRect(i).right() < tabs.width() - reserve, (text, bar.tabRect(i), tabs.width())
        whole = t(CHART_TITLES[getattr(tabs.widget(i), "key", "")])
        # a shortened title names the whole one in its tooltip
        assert text == whole or bar.tabToolTip(i) == whole


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_comparisons_chart_titles_read_whole(three: Any, qtbot: Any, monkeypatch: Any, width: int, height: int) -> None:  # noqa: F811
    page = compare_in_workshop(three, qtbot, monkeypatch, width, height)
    if page.compact:
        page.stacked.setCurrentWidget(page.charts)
    QApplication.processEvents()
    assert page.charts.tabBar().isVisible()
    titles_whole(page.charts, page.save_chart.width())
    assert page.save_chart.geometry().right() <= page.charts.width()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_charts_page_shows_every_title_whole(three: Any, qtbot: Any, monkeypatch: Any, width: int, height: int) -> None:  # noqa: F811
    compare_in_workshop(three, qtbot, monkeypatch, width, height)
    page = three.workspace.show_page("charts")
    QApplication.processEvents()
    tabs = page.tabs
    if tabs.tabBar().isVisible():
        titles_whole(tabs)
        return
    # seven tabs do not fit beside the dock (1357 px of titles in about 600): the drop-down, its titles whole
    choice = page.chart_choice
    assert choice.isVisible()
    assert choice.geometry().right() <= page.width()
    longest = max(choice.fontMetrics().horizontalAdvance(choice.itemText(i)) for i in range(choice.count()))
    assert longest < choice.width()
    assert [choice.itemText(i) for i in range(choice.count())] == [t(CHART_TITLES[k]) for k in page.views]
    # the drop-down chooses the chart shown
    choice.setCurrentIndex(5)
    assert tabs.currentIndex() == 5
    page.show_chart("area_by_tenant")
    assert choice.currentIndex() == 0


def test_the_charts_page_has_tabs_again_on_a_wide_window(three: Any, qtbot: Any, monkeypatch: Any) -> None:  # noqa: F811
    """Leaving the workshop at a desk-sized window: the seven tabs, whole."""
    compare_in_workshop(three, qtbot, monkeypatch, 1024, 768)
    page = three.workspace.show_page("charts")
    QApplication.processEvents()
    three.workshop.action.trigger()
    three.resize(1900, 1000)
    QApplication.processEvents()
    if not page.tabs.tabBar().sizeHint().width() <= page.tabs.width():
        pytest.skip(f"the page is {page.tabs.width()} px wide here")
    assert page.tabs.tabBar().isVisible() and not page.choice.isVisible()
    titles_whole(page.tabs)


def test_titles_are_shortened_where_narrow_and_whole_where_wide(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for key in ("compare_key_figure_differences", "compare_tenant_differences", "compare_key_figures"):
        page = QWidget()
        page.key = key  # type: ignore[attr-defined]
        tabs.addTab(page, t(CHART_TITLES[key]))
    whole = tabs.tabBar().sizeHint().width()
    tabs.resize(whole + 20, 200)
    tabs.show()
    fit_tab_titles(tabs)
    assert [shown_title(tabs.tabBar(), i) for i in range(3)] == [t(CHART_TITLES[getattr(tabs.widget(i), "key", "")]) for i in range(3)]
    tabs.resize(int(whole * 0.6), 200)
    fit_tab_titles(tabs)
    titles_whole(tabs)
    assert shown_title(tabs.tabBar(), 0) != t(CHART_TITLES["compare_key_figure_differences"])
    tabs.resize(whole + 20, 200)
    fit_tab_titles(tabs)
    assert shown_title(tabs.tabBar(), 0) == t(CHART_TITLES["compare_key_figure_differences"])
    assert tabs.tabToolTip(0) == ""


def test_a_title_bar_draws_the_short_title_and_keeps_the_whole_text(qtbot: Any) -> None:
    """The comparison's tabs keep their whole titles as text (read back elsewhere); the short one is drawn."""
    from PySide6.QtWidgets import QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.setTabBar(TitleBar(tabs))
    for key in ("compare_key_figure_differences", "compare_tenant_differences", "compare_key_figures"):
        page = QWidget()
        page.key = key  # type: ignore[attr-defined]
        tabs.addTab(page, t(CHART_TITLES[key]))
    tabs.show()
    whole = tabs.tabBar().tabRect(0).width()
    tabs.resize(int(tabs.tabBar().sizeHint().width() * 0.6), 200)
    fit_tab_titles(tabs)
    bar = tabs.tabBar()
    assert bar.tabText(0) == t(CHART_TITLES["compare_key_figure_differences"])
    assert shown_title(bar, 0) == t("Forskelle")
    assert bar.tabRect(0).width() < whole
    tabs.grab()  # the bar paints its short titles (no error)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_house_labels_wrap_and_read_whole(three: Any, qtbot: Any, monkeypatch: Any, width: int, height: int) -> None:  # noqa: F811
    compare_in_workshop(three, qtbot, monkeypatch, width, height)
    panel = three.workshop.panel
    panel.tabs.setCurrentWidget(panel.table)
    QApplication.processEvents()
    table = panel.table
    labels = table.verticalHeader()
    assert labels.textElideMode() == Qt.TextElideMode.ElideNone
    margin = labels.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, labels)
    room = labels.width() - 2 * margin
    metrics = labels.fontMetrics()
    wrapped_rows = 0
    for y in range(table.rowCount()):
        text = table.verticalHeaderItem(y).text()
        # at least as many lines as the text's width over the room (whatever the breaks), and at least as tall as
        # Qt's own word wrap of it: the row holds them all
        lines = -(-metrics.horizontalAdvance(text) // room)
        assert lines * metrics.height() <= table.rowHeight(y) - 2 * margin + 1, (text, lines, table.rowHeight(y))
        box = metrics.boundingRect(QRect(0, 0, room, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        assert box.height() <= table.rowHeight(y) - 2 * margin + 1, (text, box.height(), table.rowHeight(y))
        wrapped_rows += lines > 1
    if width == 1024:
        assert wrapped_rows >= 3  # the long labels do take two lines here (five letters were shown before)
    # the amounts keep their whole width and the table does not scroll sideways
    assert table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_balancing_lines_name_reads_whole(three: Any, qtbot: Any, monkeypatch: Any, width: int, height: int) -> None:  # noqa: F811
    """"Lån: Lån i KommuneKredit" was cut to "Lån: Lån i Komm" beside "Udlign finansieringen" at 1024 px."""
    compare_in_workshop(three, qtbot, monkeypatch, width, height)
    panel = three.workshop.panel
    QApplication.processEvents()
    combo = panel.line_combo
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) > 150  # "Lån: Lån i KommuneKredit"
    assert combo.width() >= panel.line_width()
    assert panel.settle_button.width() >= panel.settle_button.sizeHint().width()
