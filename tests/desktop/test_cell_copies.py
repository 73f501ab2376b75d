"""Issue 19.2, edit → panel: a line table's cells are painted from copies while they look the same
(`desktop.cell_copies.CellCopies`), and what is on the screen is exactly what Qt's own `QTableView` paints.

- Every line table of every list page, in every state a user meets (a row selected, several, the current cell with
  the keyboard focus, scrolled down and sideways, a narrow column that elides, a hidden column, no grid, read-only,
  a disabled window, English): the viewport painted first (the copies made) and again (from the copies) has the
  pixels of the viewport painted as Qt paints it.
- A line added, deleted or undone repaints from copies: only cells whose look was never met are painted again.
- The copies are bounded and dropped when the table is hidden, and a table Qt must paint (a model that says more than `look`, spans) is painted by Qt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.cell_copies import CellCopies

PAGES = ("tenants", "rooms", "equipment", "establishment", "running")


def _pictures(table: Any) -> tuple[QImage, QImage, QImage]:
    """The viewport painted with copies (first: the copies made; second: from them) and as Qt paints it."""
    viewport = table.viewport()
    first = viewport.grab().toImage()
    again = viewport.grab().toImage()
    table.cells.enabled = False
    try:
        qts = viewport.grab().toImage()
    finally:
        table.cells.enabled = True
    return first, again, qts


def _states(table: Any, window: Any, session: Any) -> list[tuple[str, Callable[[], None]]]:
    model = table.model()
    rows = model.rowCount()
    bar, sideways = table.verticalScrollBar(), table.horizontalScrollBar()
    return [
        ("as opened", lambda: None),
        ("a row selected", lambda: table.select_rows([min(1, rows - 1)])),
        ("several rows", lambda: table.select_rows([0, min(2, rows - 1)])),
        ("keyboard focus", lambda: (table.setFocus(), table.setCurrentIndex(model.index(0, model.columnCount() - 1)))),
        ("scrolled down", lambda: bar.setValue(bar.maximum())),
        ("scrolled sideways", lambda: sideways.setValue(sideways.maximum())),
        ("back", lambda: (bar.setValue(0), sideways.setValue(0))),
        ("a narrow column", lambda: table.setColumnWidth(0, 30)),
        ("a hidden column", lambda: table.setColumnHidden(1, True)),
        ("no grid", lambda: table.setShowGrid(False)),
        ("read-only", lambda: setattr(session.file, "readonly", True)),
        ("window disabled", lambda: window.setEnabled(False)),
    ]


def test_every_line_table_shows_what_qt_paints(opened: Any, qtbot: Any) -> None:
    window = opened
    window.resize(1366, 768)
    session = window.session
    copied = 0
    for page_name in PAGES:
        page = window.workspace.show_page(page_name)
        qtbot.wait(1)
        for table in page.tables:
            assert isinstance(table.cells, CellCopies)
            for state, make in _states(table, window, session):
                make()
                window.repaint()
                first, again, qts = _pictures(table)
                assert first == qts, (page_name, table.model().kind, state, "first")
                assert again == qts, (page_name, table.model().kind, state, "from the copies")
            copied += len(table.cells._copies)
            window.setEnabled(True)
            session.file.readonly = False
            table.setShowGrid(True)
            table.setColumnHidden(1, False)
    assert copied > 100, "hardly any cell painted from a copy: the test would not test the copies"


def test_english_cells_show_what_qt_paints(window: Any, plan_path: Any, qtbot: Any) -> None:
    from desktop import i18n

    i18n.set_language("en")
    try:
        assert window.open_path(plan_path)
        for page_name in ("tenants", "rooms"):
            table = window.workspace.show_page(page_name).tables[0]
            qtbot.wait(1)
            first, again, qts = _pictures(table)
            assert first == qts and again == qts, page_name
            assert table.cells._copies
    finally:
        i18n.set_language("da")


def test_a_line_added_deleted_or_undone_repaints_only_new_looks(opened: Any, qtbot: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """After one round to make the copies, each add, delete and undo on the rooms table paints through the
    delegate at most the cells of one row (the new line's) plus the focused cell; the rest are copies."""
    window = opened
    window.resize(1366, 768)
    table = window.workspace.show_page("rooms").tables[0]
    session = window.session
    qtbot.wait(1)
    painted: list[tuple[int, int]] = []
    made = CellCopies._copy

    def counted(self: CellCopies, painter: Any, option: Any, row: int, column: int, *rest: Any) -> QImage:
        painted.append((row, column))
        return made(self, painter, option, row, column, *rest)

    monkeypatch.setattr(CellCopies, "_copy", counted)
    columns = table.model().columnCount()

    def add() -> None:
        table.select_rows([2])
        table.add_row()

    def delete() -> None:
        table.select_rows([3])
        table.delete_rows()

    steps = [("add", add), ("delete", delete), ("undo", session.undo_stack.undo)]
    for round_ in range(3):
        for name, step in steps:
            step()
            painted.clear()
            table.viewport().repaint()
            if round_ == 2:
                rows = {row for row, _c in painted}
                assert len(painted) <= columns and len(rows) <= 1, (name, painted)
    first, again, qts = _pictures(table)
    assert first == qts and again == qts


def test_the_copies_are_bounded(opened: Any, qtbot: Any) -> None:
    window = opened
    table = window.workspace.show_page("rooms").tables[0]
    table.setColumnWidth(0, 200)
    cells = table.cells
    for width in range(60, 400, 7):  # every width a new look for each cell of the column
        table.setColumnWidth(1, width)
        table.viewport().repaint()
    shown = sum(1 for r in range(table.model().rowCount()) if table.rowViewportPosition(r) < table.viewport().height()) \
        * table.model().columnCount()  # fmt: skip
    assert 0 < len(cells._copies) <= max(400, 3 * shown)
    window.workspace.show_page("tenants")  # another page: the rooms table hidden, its copies dropped
    assert not cells._copies


def test_a_table_qt_must_paint_is_painted_by_qt(opened: Any, qtbot: Any) -> None:
    """A model whose `flags` say more than the column (financing: a line that cannot be repaid has its tick
    disabled) is painted by Qt, and so is a table under the mouse in a style that draws the cell under it, and a
    table with a cell spanning several."""
    window = opened
    page = window.workspace.show_page("establishment")
    qtbot.wait(1)
    financing = next(t for t in page.tables if t.model().kind == "financing")
    financing.viewport().repaint()
    assert not financing.cells._copies
    table = window.workspace.show_page("rooms").tables[0]
    table.viewport().repaint()
    assert table.cells._copies
    viewport = table.viewport()
    viewport.setAttribute(Qt.WidgetAttribute.WA_Hover, True)  # a style that draws the cell under the mouse
    viewport.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    table.cells._copies.clear()
    viewport.repaint()
    assert not table.cells._copies
    viewport.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    viewport.repaint()
    assert table.cells._copies
    table.setSpan(0, 0, 1, 2)
    table.cells._copies.clear()
    table.viewport().repaint()
    assert not table.cells._copies
