"""Issue 15.1 at 1024 px: the what-if's tenants table never scrolls sideways. Where the dock holds all seven columns
they all show; where not (a 1280- or 1024-pixel projector) the month's or the year's three show, as chosen, with
bare amounts under a header that says the unit; the cells' texts keep "kr."; a long name is elided, whole in its
tooltip. The hint above the levers gives way on a low screen so the buttons stay on the dock."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop.conftest import make_plan


@pytest.fixture
def shop(window, tmp_path: Path, qtbot):  # noqa: ANN001, ANN201
    assert window.open_path(make_plan(tmp_path, "large"))
    window.workshop.action.trigger()
    panel = window.workshop.panel
    panel.tabs.setCurrentIndex(1)
    return window, panel


def visible_width(table) -> int:  # noqa: ANN001
    header = table.horizontalHeader()
    return sum(header.sectionSize(x) for x in range(table.columnCount()) if not table.isColumnHidden(x))


def test_narrow_dock_shows_one_period_without_sideways_scrolling(shop, qtbot) -> None:  # noqa: ANN001
    window, panel = shop
    table = panel.tenant_table
    panel.resize(380, 700)
    table.resize(350, 300)
    table.fit()
    shown = [x for x in range(table.columnCount()) if not table.isColumnHidden(x)]
    assert shown == [0, 1, 2, 3]  # the tenant, what each pays a month, against today, against the plan
    assert visible_width(table) <= table.width() - 2 * table.frameWidth()
    assert panel.period_row.isVisibleTo(panel)
    # the cell keeps its unit (copied, read back); the screen shows the bare amount under "Betaler"
    item = table.item(0, 1)
    assert item.text().endswith(" kr.")
    index = table.model().index(0, 1)
    shown_text = table.itemDelegateForColumn(1).displayText(index.data(), table.locale())
    assert shown_text == item.text()[: -len(" kr.")]
    # every amount whole in its column: its width holds the bare amount
    metrics = table.fontMetrics()
    for x in (2, 3):
        for y in range(table.rowCount()):
            text = table.itemDelegateForColumn(x).displayText(table.item(y, x).text(), table.locale())
            assert metrics.horizontalAdvance(text) <= table.horizontalHeader().sectionSize(x), (x, text)
    # a name longer than its column is whole in the tooltip
    names = [table.item(y, 0) for y in range(table.rowCount())]
    long = next(i for i in names if metrics.horizontalAdvance(i.text()) > table.horizontalHeader().sectionSize(0))
    assert long.toolTip() == long.text()
    # the year's three, as chosen
    panel.show_year.setChecked(True)
    shown = [x for x in range(table.columnCount()) if not table.isColumnHidden(x)]
    assert shown == [0, 4, 5, 6]
    assert visible_width(table) <= table.width() - 2 * table.frameWidth()


def test_wide_dock_shows_all_seven_columns_with_units(shop) -> None:  # noqa: ANN001
    _window, panel = shop
    table = panel.tenant_table
    table.resize(1400, 300)
    table.fit()
    assert not any(table.isColumnHidden(x) for x in range(table.columnCount()))
    assert not panel.period_row.isVisibleTo(panel)
    item = table.item(0, 1)
    assert table.itemDelegateForColumn(1).displayText(item.text(), table.locale()) == item.text()  # "… kr."
    assert visible_width(table) <= table.width() - 2 * table.frameWidth()


def test_a_low_panel_keeps_its_buttons_and_gives_up_the_hint(shop) -> None:  # noqa: ANN001
    _window, panel = shop
    panel.resize(390, 2000)
    assert panel.hint.isVisibleTo(panel) and panel.heading.toolTip() == ""
    panel.resize(390, 700)
    # the body's height for its width fits the panel: nothing scrolls, the buttons are on the dock
    layout = panel.body.layout()
    assert layout.heightForWidth(390 - 24) <= 700
    assert not panel.hint.isVisibleTo(panel)
    assert panel.heading.toolTip() == panel.hint.text()
