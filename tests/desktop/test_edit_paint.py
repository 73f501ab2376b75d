"""Issue 19.2, edit → panel: what a table repaints after an edit is as before, only cheaper.

- Each line's display texts are kept between paints (`LineTableModel._texts`): after every kind of edit (a cell, a
  line added or deleted above others, undo, redo, another table's change that a text names, another scenario)
  every cell shows exactly what the columns make of the lines now.
- The row numbers (`RowNumbers`) are as wide as Qt's own vertical header makes them, measured from the last
  number alone instead of up to 200 rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.pages.table import RowNumbers
from planners.store.operations import DuplicateScenario


def fresh(model: Any) -> list[list[str]]:
    """Every cell's text made now from the columns (nothing kept)."""
    return [["" if c.editor == "bool" else c.display(line, r) for c in model.columns]
            for r, line in enumerate(model.lines())]  # fmt: skip


def shown(model: Any) -> list[list[object]]:
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_kept_texts_follow_every_kind_of_edit(opened: Any, qtbot: Any) -> None:
    session = opened.session
    table = opened.workspace.show_page("rooms").tables[0]
    model = table.model()
    table.viewport().repaint()  # fills the kept texts of the rows on screen
    assert model._texts, "nothing kept: the test would not test the keeping"
    assert shown(model) == fresh(model)

    net = next(i for i, c in enumerate(model.columns) if c.field == "net_m2")
    assert model.setData(model.index(1, net), "31,5")
    assert model.data(model.index(1, net)) == "31,5"
    assert shown(model) == fresh(model)

    table.select_rows([0])
    table.add_row()  # every row below moves down one
    assert shown(model) == fresh(model)
    table.select_rows([2])
    table.delete_rows()
    assert shown(model) == fresh(model)
    for _ in range(3):
        session.undo_stack.undo()
        table.viewport().repaint()
        assert shown(model) == fresh(model)
    session.undo_stack.redo()
    assert shown(model) == fresh(model)

    # Another table's edit that a room's text names: the tenant's new name in "Bruges af".
    used = next(i for i, c in enumerate(model.columns) if c.field == "tenant")
    row = next(r for r, x in enumerate(model.lines()) if x.tenant is not None)
    tenants = opened.workspace.show_page("tenants").tables[0].model()
    tenant_row = next(r for r, x in enumerate(tenants.lines()) if x.id == model.line(row).tenant)
    name = next(i for i, c in enumerate(tenants.columns) if c.field == "name")
    assert tenants.setData(tenants.index(tenant_row, name), "Lægehuset Nord")
    assert "Lægehuset Nord" in str(model.data(model.index(row, used)))
    assert shown(model) == fresh(model)

    # Another scenario shown (a copy with a line deleted): its own lines.
    first = session.scenario_id
    changes = session.run(DuplicateScenario(first, "Kopi"), "dupliker scenarie")
    assert changes is not None
    other = next(s for s in session.plan.scenarios if s.row_id != first)
    session.select_scenario(other.row_id)
    table.select_rows([0])
    table.delete_rows()
    assert shown(model) == fresh(model)
    session.select_scenario(first)
    assert shown(model) == fresh(model)


class _Counted(QStandardItemModel):
    calls = 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            type(self).calls += 1
        return super().headerData(section, orientation, role)


def test_row_numbers_are_as_wide_as_qts_and_ask_for_one_row(qtbot: Any) -> None:
    for rows in (0, 1, 9, 10, 99, 100, 999, 1000, 6001):
        model = _Counted(rows, 2)
        ours, theirs = QTableView(), QTableView()
        qtbot.addWidget(ours)
        qtbot.addWidget(theirs)
        ours.setVerticalHeader(RowNumbers(ours))
        ours.setModel(model)
        theirs.setModel(model)
        plain = theirs.verticalHeader()
        assert type(plain) is QHeaderView
        counts = []
        for header in (ours.verticalHeader(), plain):
            if rows:
                header.headerDataChanged(Qt.Orientation.Vertical, 0, rows - 1)  # forgets a kept size hint
            _Counted.calls = 0
            widths = header.sizeHint().width()
            counts.append(_Counted.calls)
            assert widths == plain.sizeHint().width(), rows
        assert counts[0] <= 10, (rows, counts)  # one section's roles, not up to 200 sections'
        if rows >= 200:
            assert counts[1] > 200, (rows, counts)  # Qt's own header asks 200 rows (what the subclass saves)


def test_rows_added_and_deleted_are_told_as_inserts_and_removals(opened: Any) -> None:
    """A view follows adds, deletes (one row, rows apart, a block), their undo and redo through row inserts and
    removals, never a reset: replaying the signals on the row ids the view had gives the model's row ids."""
    session = opened.session
    table = opened.workspace.show_page("rooms").tables[0]
    model = table.model()
    shadow = list(model._row_ids())
    resets: list[int] = []

    def removed(_parent: object, first: int, last: int) -> None:
        del shadow[first:last + 1]

    def inserted(_parent: object, first: int, last: int) -> None:
        shadow[first:first] = [model.line(r).row_id for r in range(first, last + 1)]

    model.rowsRemoved.connect(removed)
    model.rowsInserted.connect(inserted)
    model.modelReset.connect(lambda: resets.append(1))
    steps = [lambda: (table.select_rows([3]), table.add_row()),
             lambda: (table.select_rows([0]), table.delete_rows()),
             lambda: (table.select_rows([2, 5, 6]), table.delete_rows()),
             lambda: (table.select_rows([1, 2]), table.duplicate_rows()),
             session.undo_stack.undo, session.undo_stack.undo, session.undo_stack.redo,
             lambda: (table.select_rows([model.rowCount() - 1]), table.delete_rows()),
             session.undo_stack.undo]  # fmt: skip
    for step in steps:
        step()
        assert shadow == model._row_ids()
    assert not resets


def test_every_line_table_paints_from_one_call_what_qt_paints_from_seven(opened: Any, qtbot: Any,
                                                                        monkeypatch: Any) -> None:  # fmt: skip
    """`TableDelegate.initStyleOption` sets a cell's look from `LineTableModel.look` (one call) instead of Qt's seven
    calls of `data`: every line table of every list page — texts, right-aligned amounts, check boxes, a selected
    row, an edited and an added line — paints exactly the pixels Qt's own `initStyleOption` paints."""
    from desktop.models.base import LineTableModel

    calls: list[int] = []
    look = LineTableModel.look

    def counted(self: LineTableModel, row: int, c: int) -> object:
        calls.append(row)
        return look(self, row, c)

    monkeypatch.setattr(LineTableModel, "look", counted)
    window = opened
    window.resize(1366, 768)
    checks = 0
    for page_name in ("tenants", "rooms", "equipment", "establishment", "running"):
        page = window.workspace.show_page(page_name)
        qtbot.wait(1)
        for table in page.tables:
            model = table.model()
            checks += sum(c.editor == "bool" for c in model.columns)
            table.select_rows([1])
            for step in range(2):
                calls.clear()
                ours = table.viewport().grab().toImage()
                assert calls, "the table was painted without `look`: the test would not test it"
                with monkeypatch.context() as m:
                    m.setattr(LineTableModel, "look", lambda self, row, c: None)  # Qt's initStyleOption
                    m.setattr(table.cells, "enabled", False)  # (and every cell painted, none from a copy)
                    qts = table.viewport().grab().toImage()
                assert ours == qts, (page_name, model.kind, step)
                if step == 0 and model.kind in ("room", "equipment"):
                    table.add_row()  # a new line, selected, every row below moved
    assert checks >= 2, "no check box column painted"


def test_select_rows_selects_as_before_in_one_change(opened: Any, qtbot: Any) -> None:
    """`LineTable.select_rows` leaves the selection and the current cell as clearing and then selecting row by row
    did (the first row current, at the column given; rows past the end skipped), in one change of the selection."""
    from PySide6.QtCore import QItemSelectionModel

    table = opened.workspace.show_page("rooms").tables[0]
    model, sel = table.model(), table.selectionModel()
    changes: list[int] = []
    sel.selectionChanged.connect(lambda *_a: changes.append(1))

    def before(rows: list[int], column: int) -> tuple[list[int], tuple[int, int]]:
        """The old way, on the same selection model: cleared, then the rows one by one."""
        sel.clearSelection()
        for i, row in enumerate(rows):
            index = model.index(row, column)
            if not index.isValid():
                continue
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if i == 0:
                sel.setCurrentIndex(index, flags)
            else:
                sel.select(index, flags)
        return sorted(i.row() for i in sel.selectedRows()), (sel.currentIndex().row(), sel.currentIndex().column())

    count = model.rowCount()
    for rows, column in (([3], 0), ([1, 4, 5], 2), ([], 0), ([count + 5], 1), ([count + 5, 2], 0), ([6, 2], 3)):
        sel.setCurrentIndex(model.index(9, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        expected = before(rows, column)
        sel.setCurrentIndex(model.index(9, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        changes.clear()
        table.select_rows(rows, column)
        got = sorted(i.row() for i in sel.selectedRows()), (sel.currentIndex().row(), sel.currentIndex().column())
        assert got == expected, (rows, column)
        assert len(changes) == 1, (rows, column)
