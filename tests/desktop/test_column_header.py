"""Issue 19.2, edit → panel: the column headers (`ColumnHeader`) are not repainted when the selection changes but no
section looks different; when a section does look different they are, so the screen always shows what Qt paints.

The screen's pixels are read from the window's backing store (what was painted there, not painted afresh) and
compared with a fresh painting of the header after every step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QHeaderView

from desktop.pages.table import ColumnHeader, RowNumbers, _covers

_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect


def on_screen(widget: Any) -> QImage:
    """What the backing store holds for `widget` (as painted, not painted again)."""
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    shot = window.screen().grabWindow(window.winId()).toImage()
    return shot.copy(QRect(top_left, widget.size())).convertToFormat(QImage.Format.Format_RGB32)


def painted_now(widget: Any) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


class Paints(QObject):
    count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_header_shows_what_qt_paints_after_every_selection(opened: Any, qtbot: Any) -> None:
    opened.resize(1366, 768)
    table = opened.workspace.show_page("rooms").tables[0]
    header = table.horizontalHeader()
    assert isinstance(header, ColumnHeader)
    model, selection = table.model(), table.selectionModel()
    paints = Paints()
    header.viewport().installEventFilter(paints)
    QApplication.processEvents()

    def check() -> None:
        QApplication.processEvents()
        assert on_screen(header.viewport()) == painted_now(header.viewport())

    def cells(top: int, left: int, bottom: int, right: int) -> QItemSelection:
        return QItemSelection(model.index(top, left), model.index(bottom, right))

    table.select_rows([3])
    check()
    before = paints.count
    table.select_rows([4])  # another whole row: every column met as before, none held whole
    QApplication.processEvents()
    assert paints.count == before, "a row for a row repainted the header"
    check()
    assert len(str(model.rowCount())) == len(str(model.rowCount() + 1)), "the row numbers would widen"
    table.add_row()  # (the first change of a plan lays out more than the table: the undo button, the title)
    table.delete_rows()
    QApplication.processEvents()
    for step in (table.add_row,  # the new row selected
                 table.delete_rows):  # (its row goes, then the next is selected: looked at once, at the end)
        before = paints.count
        step()
        QApplication.processEvents()
        assert paints.count == before, f"{step.__name__} repainted the header"
        check()
    opened.session.undo_stack.undo()
    check()

    last = model.rowCount() - 1
    steps = [cells(2, 2, 2, 2),  # one cell: only its column is met (the others no longer bold)
             cells(0, 2, last, 2),  # the whole column: held whole (sunken)
             cells(0, 1, last, 3),  # three whole columns
             cells(5, 0, 5, model.columnCount() - 1),  # a row again
             QItemSelection()]  # nothing
    for step in steps:
        selection.select(step, _SELECT)
        check()
    # Held: only the look at the end counts, and a different one is painted.
    row = cells(6, 0, 6, model.columnCount() - 1)
    with header.held():
        selection.select(cells(2, 2, 2, 2), _SELECT)
        selection.select(row, _SELECT)
    check()
    with header.held():
        selection.select(row, _SELECT)
        selection.select(cells(2, 2, 2, 2), _SELECT)
    check()
    # Two spans of one column that together hold it.
    selection.select(cells(0, 4, 10, 4), _SELECT)
    selection.select(cells(11, 4, last, 4), QItemSelectionModel.SelectionFlag.Select)
    check()
    assert header.selection_look() == (frozenset({4}), frozenset({4}))


def test_a_plain_header_is_not_a_column_header(opened: Any) -> None:
    """(The look is only known for a line table: the frozen column's header is Qt's own.)"""
    table = opened.workspace.show_page("rooms").tables[0]
    assert type(table.frozen.horizontalHeader()) is QHeaderView


def test_covers() -> None:
    assert _covers([(0, 4), (5, 9)], 10)
    assert _covers([(5, 9), (0, 6)], 10)
    assert not _covers([(0, 4), (6, 9)], 10)
    assert not _covers([(1, 9)], 10)
    assert not _covers([(0, 8)], 10)
    assert not _covers([], 1)


def test_row_numbers_are_copied_and_show_what_qt_paints(opened: Any, qtbot: Any, monkeypatch: Any) -> None:
    """The row numbers (`RowNumbers`) paint a section from a copy while it looks the same: after every step the
    backing store equals Qt's painting afresh, and an add paints only the few sections whose look changed."""
    opened.resize(1366, 768)
    table = opened.workspace.show_page("rooms").tables[0]
    numbers = table.verticalHeader()
    assert isinstance(numbers, RowNumbers)
    model, selection = table.model(), table.selectionModel()
    painted: list[int] = []
    qt_paint = QHeaderView.paintSection

    def counted(self: Any, painter: Any, rect: Any, logical: int) -> None:
        painted.append(logical)
        qt_paint(self, painter, rect, logical)

    monkeypatch.setattr(QHeaderView, "paintSection", counted)

    def check() -> None:
        QApplication.processEvents()
        screen = on_screen(numbers.viewport())
        numbers._paint_context = lambda: None  # Qt's own painting, no copy
        try:
            assert screen == painted_now(numbers.viewport())
        finally:
            del numbers._paint_context

    table.select_rows([3])
    check()
    table.add_row()  # (the first change of a plan lays out more than the table: the undo button, the title)
    table.delete_rows()
    check()
    del painted[:]
    table.select_rows([3])
    table.add_row()  # every number on screen repainted by Qt's header: rows 3 and 4 look different
    QApplication.processEvents()
    assert len(painted) <= 4, painted  # (the looks of rows 3 and 4 were painted before: copied)
    check()
    numbers._copies.clear()
    numbers.viewport().repaint()
    assert len(painted) >= 20, "the count counts Qt's painting"  # (every number on screen)
    table.delete_rows()
    check()
    opened.session.undo_stack.undo()
    check()
    last = model.rowCount() - 1
    for step in (QItemSelection(model.index(2, 2), model.index(2, 2)),  # one cell: its row met, not held
                 QItemSelection(model.index(0, 1), model.index(last, 1)),  # a column: every row met
                 QItemSelection(model.index(4, 0), model.index(6, model.columnCount() - 1)),  # three rows
                 QItemSelection()):
        selection.select(step, _SELECT)
        check()
    table.setFocus()
    table.setCurrentIndex(model.index(5, 0))
    check()
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())  # the last row: its own look
    check()
    table.select_rows([last])
    table.add_row()  # a new last row: the one before is no longer the last
    check()
    table.delete_rows()
    check()
