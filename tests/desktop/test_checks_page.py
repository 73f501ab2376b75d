"""The checks page: findings grouped by level; double-click jumps to the row concerned."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planners.model import Allocation, AllocationKey
from planners.store.operations import UpdateLine


def test_findings_grouped_by_level_and_counted_in_the_panel(opened) -> None:  # noqa: ANN001
    page = opened.workspace.show_page("checks")
    groups = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    counts = opened.session.counts()
    assert [g.split(" (")[0] for g in groups] == ["Fejl", "Advarsler", "Bemærkninger"]
    assert groups[1] == f"Advarsler ({counts['warning']})"
    assert opened.workspace.panel.labels["warnings"].text() == str(counts["warning"])


def test_double_click_on_a_finding_selects_its_row(opened, qtbot) -> None:  # noqa: ANN001
    session = opened.session
    room = session.scenario.rooms[30]
    # Custom shares summing to 90 %: an error finding about room line 31.
    shares = Allocation(AllocationKey.CUSTOM, {"gp1": Decimal(50), "gp2": Decimal(40)})
    assert session.run(UpdateLine("room", room.row_id, {"tenant": None, "shared": shares}), "ændr andele")
    # The checks run a moment after the edit (after the figures panel is painted): wait for that, not a time.
    qtbot.waitUntil(lambda: not session.findings_due())
    assert opened.workspace.panel.labels["errors"].text() != "0"
    page = opened.workspace.show_page("checks")
    index = next(i for i in page.findings_indexes() if i.data(Qt.ItemDataRole.UserRole).ref.entity == "room")
    assert index.data(Qt.ItemDataRole.UserRole).ref.index == 30
    assert index.data().startswith("Rum 31")
    page.tree.scrollTo(index)
    rect = page.tree.visualRect(index)
    # A real double-click: a click, then the double-click event on the same item.
    viewport, left, none = page.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(viewport, left, none, rect.center())
    QTest.mouseDClick(viewport, left, none, rect.center())
    qtbot.waitUntil(lambda: opened.workspace.current_page() is opened.workspace.pages["rooms"])
    view = opened.workspace.pages["rooms"].tables[0]
    assert view.selected_rows() == [30]
    # Fixing it from the table clears the finding.
    shares_col = next(i for i, c in enumerate(view.model().columns) if c.editor == "shares")
    assert view.model().setData(view.model().index(30, shares_col),
                                Allocation(AllocationKey.CUSTOM, {"gp1": Decimal(60), "gp2": Decimal(40)}))
    qtbot.waitUntil(lambda: not session.findings_due())
    assert opened.workspace.panel.labels["errors"].text() == "0"


def test_unbalanced_financing_jumps_to_the_financing_table(opened) -> None:  # noqa: ANN001
    """Found in a walkthrough: the finding about the whole financing opened the overview page."""
    from planners.model import Level

    session = opened.session
    line = session.scenario.financing[0]
    assert session.run(UpdateLine("financing", line.row_id, {"amount": line.amount + 1000}), "ændr beløb")
    finding = next(f for f in session.findings if f.code == "financing_unbalanced")
    assert finding.level is Level.ERROR
    opened.workspace.jump_to(finding)
    page = opened.workspace.current_page()
    assert page is opened.workspace.pages["establishment"]
    assert page.table_for("financing").hasFocus() or page.table_for("financing").isVisible()


def test_the_page_keeps_no_wrapper_of_an_item_qt_owns(opened) -> None:  # noqa: ANN001
    # A QTreeWidgetItem wrapper kept past the tree's clear() (or the tree's end) stays in PySide6's map of wrappers
    # by address: a widget made later at the same address was handed it (`verticalHeader()` returned a
    # QTreeWidgetItem in a CI run). The page reads its findings through model indexes instead.
    import gc

    from PySide6.QtWidgets import QTreeWidgetItem

    page = opened.workspace.show_page("checks")
    indexes = page.findings_indexes()
    assert len(indexes) == len(opened.session.findings) > 0
    page.refresh()  # the tree cleared and filled again
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, QTreeWidgetItem)]
