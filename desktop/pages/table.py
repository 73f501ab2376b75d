"""A page's table: a QTableView on a line model, and the row actions (add, duplicate, delete, move).

Each action is ONE operation through the session's dispatcher, so ONE undo step (a `Batch` or a multi-row
`DeleteLines` for several rows). After the model has reset, the rows concerned are selected again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop.cell_copies import CellCopies, selected_columns, selection_ranges
from desktop.delegates import setup_table
from desktop.i18n import room_type_name, t
from desktop.models.base import LineTableModel
from desktop.numbers import show_decimal
from desktop.scrollbars import CopiedScrollBar
from desktop.session import PlanSession
from planners.figures.repairs import ShareFix, include_new_tenant, rescaled_shares
from planners.model import EquipmentLine, RoomLine, Service, Tenant
from planners.store.operations import AddLine, Batch, DeleteLines, MoveLine, Operation, UpdateLine

MIN_ROWS = 4  # rows a table shows at least before its page scrolls instead
_CLEAR_AND_SELECT_ROWS = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
FIT_SAMPLE = 50  # rows read to fit a column's width
_MAX_COPIES = 400  # row numbers' sections kept as images (a screen holds ≈ 30)


class FrozenColumn(QTableView):
    """The first column (the name) drawn over the table's left edge while it is scrolled sideways: the same
    model and selection, the same rows and vertical scrolling. Shown only when the name column is out of view;
    double-clicking a name brings the table back to it for editing."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.setObjectName("frozenColumn")
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setStyleSheet("QTableView#frozenColumn { border: none; border-right: 2px solid #9aa5b1 }")
        self.horizontalHeader().setDefaultAlignment(table.horizontalHeader().defaultAlignment())
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        table.horizontalScrollBar().valueChanged.connect(lambda _v: self.follow())
        table.horizontalHeader().sectionResized.connect(lambda *_a: self.follow())
        table.verticalHeader().sectionResized.connect(lambda *_a: self.follow())
        table.model().modelReset.connect(self.follow)
        table.model().layoutChanged.connect(self.follow)
        self.doubleClicked.connect(self._edit_in_table)
        self.hide()

    def _edit_in_table(self, index: QModelIndex) -> None:
        self.table.horizontalScrollBar().setValue(0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def follow(self) -> None:
        """Show over column 0 exactly where it would be, when the table is scrolled past it."""
        table = self.table
        model = table.model()
        if model is None or model.columnCount() < 2:
            self.hide()
            return
        scrolled = table.horizontalScrollBar().value() > 0
        self.setVisible(scrolled)
        if not scrolled:
            return
        for c in range(model.columnCount()):
            self.setColumnHidden(c, c != 0)
        self.setColumnWidth(0, table.columnWidth(0))
        self.setFont(table.font())
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        for r in range(model.rowCount()):
            self.setRowHeight(r, table.rowHeight(r))
        header = table.horizontalHeader()
        self.horizontalHeader().setFixedHeight(header.height())
        x = table.frameWidth() + (table.verticalHeader().width() if table.verticalHeader().isVisible() else 0)
        height = table.viewport().height() + header.height()
        self.setGeometry(x, table.frameWidth(), table.columnWidth(0) + 2, height)
        self.verticalScrollBar().setValue(table.verticalScrollBar().value())
        self.raise_()


def rescale_after_delete(session: PlanSession, tenant_ids: list[str]) -> tuple[Operation, ...]:
    """Before tenants are deleted: offer to scale the agreed shares of every split they took part in back to
    100 %, naming the splits. Yes gives the updates to run in the SAME step as the delete (one undo restores
    all); no gives nothing."""
    trial = copy.deepcopy(session.scenario)
    gone = set(tenant_ids)
    trial.tenants = [x for x in trial.tenants if x.id not in gone]
    lines: list[RoomLine | EquipmentLine | Service] = [*trial.rooms, *trial.equipment, *trial.running.services]
    for line in lines:
        if line.shared is not None:  # the store's rule for a deleted tenant: it leaves every allocation
            line.shared.shares = {k: v for k, v in line.shared.shares.items() if k not in gone}
    fixes = [f for f in rescaled_shares(trial) if f.row_id is not None]
    if not fixes:
        return ()
    names = "; ".join(t("{navn} (uden lejeren {procent} %)").format(navn=_fix_name(session, f),
                                                                     procent=show_decimal(f.before))
                      for f in fixes)  # fmt: skip
    question = t("Lejeren indgår i aftalte andele, der så ikke længere summerer til 100 %: {linjer}. Skal de "
                 "skaleres, så de igen giver 100 % (de øvrige lejeres andele i samme forhold som før)?").format(
        linjer=names)  # fmt: skip
    if not session.confirm(question):
        return ()
    return tuple(UpdateLine(f.kind, f.row_id, {"shared": f.shared}) for f in fixes if f.row_id is not None)


def _fix_name(session: PlanSession, fix: ShareFix) -> str:
    """A changed split's name as the tables show it: its own text, else (a room) its type's name."""
    if fix.name:
        return fix.name
    room = session.scenario.rooms[fix.index] if fix.kind == "room" else None
    return room_type_name(session.plan.catalogs, room.type) if room is not None else ""


def include_after_add(session: PlanSession, tenant: Tenant) -> tuple[Operation, ...]:
    """Before a tenant is added: offer to give it a part of every agreed split (issue 14.4), naming the
    splits. Yes gives the updates to run in the SAME step as the add (one undo removes all); no gives nothing."""
    trial = copy.deepcopy(session.scenario)
    trial.tenants = [*trial.tenants, tenant]
    fixes = [f for f in include_new_tenant(trial, tenant.id) if f.row_id is not None]
    if not fixes:
        return ()
    names = "; ".join(_fix_name(session, f) for f in fixes)
    question = t("Den nye lejer indgår ikke i de aftalte andele for: {linjer}. Skal den have en lige stor andel "
                 "af hver (de øvrige lejeres andele mindskes i samme forhold)?").format(linjer=names)  # fmt: skip
    if not session.confirm(question):
        return ()
    return tuple(UpdateLine(f.kind, f.row_id, {"shared": f.shared}) for f in fixes if f.row_id is not None)


_RowsContext = tuple[tuple[object, ...], set[int], set[int], int, int]


class RowNumbers(QHeaderView):
    """The row numbers (the vertical header) as Qt's, but as wide as the LAST number needs: Qt measures up to 200
    rows (first and last 100, five roles each: ≈ 1.000 calls into the model) every time the count changes, so
    on every line added or deleted (issue 19.2). The numbers are 1…n, so the last has the most digits."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView's own vertical header
        self.setHighlightSections(True)
        self._context: _RowsContext | None = None  # while a paint runs: what the sections' looks share
        self._copies: dict[tuple[object, ...], QImage] = {}  # a section's look → its painting
        self._copies_shared: tuple[object, ...] | None = None  # what every copy was painted with

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        count = self.count()
        if count == 0:
            return QSize(0, 0)  # as Qt's: no sections, no size
        return self.sectionSizeFromContents(count - 1)

    # Every line added, deleted or undone repaints every number on screen (Qt's header repaints whole when its
    # sections change), each from six `headerData` calls and the style's drawing, though a number looks as it
    # did unless its row's selection or its place at an end changed (issue 19.2). A section is painted once into
    # an image and copied while everything it is drawn from is the same: its number, size, the selection's marks
    # on it and its neighbours, whether it is the first, last or current row, and the painter's font, the palette,
    # style, state. Under the mouse or held, moved or hidden sections, a fractional scale, a background that is
    # not one colour: painted as Qt paints them.

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        self._context = self._paint_context()
        try:
            super().paintEvent(event)
        finally:
            self._context = None

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802 (Qt's name)
        context = self._context
        if context is None or not rect.isValid():
            super().paintSection(painter, rect, logical)
            return
        shared, on, full, count, current = context
        key = (logical, rect.width(), rect.height(), logical in on, logical in full, logical - 1 in full,
               logical + 1 in full, logical == 0, logical == count - 1, logical == current)  # fmt: skip
        copies = self._copies
        if self._copies_shared != (shared, painter.font().key()):
            copies.clear()
            self._copies_shared = (shared, painter.font().key())
        image = copies.get(key)
        if image is None:
            image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(shared[0])  # what the viewport paints beneath (one colour, checked)
            with_painter = QPainter(image)
            with_painter.setFont(painter.font())
            with_painter.setLayoutDirection(painter.layoutDirection())
            super().paintSection(with_painter, QRect(0, 0, rect.width(), rect.height()), logical)
            with_painter.end()
            if len(copies) > _MAX_COPIES:
                copies.clear()
            copies[key] = image
        painter.drawImage(rect.topLeft(), image)

    def _paint_context(self) -> _RowsContext | None:
        """What every section's look shares (None: painted as Qt paints), the rows the selection meets and
        holds whole (around the rows on screen), the row count and the current row."""
        viewport = self.viewport()
        model, selection = self.model(), self.selectionModel()
        if not isinstance(model, LineTableModel) or selection is None or self.underMouse() \
                or QWidget.mouseGrabber() is not None or viewport.devicePixelRatioF() != 1.0 \
                or self.sectionsMoved() or self.hiddenSectionCount() or not viewport.autoFillBackground():
            return None
        brush = viewport.palette().brush(viewport.backgroundRole())
        if brush.style() != Qt.BrushStyle.SolidPattern:
            return None
        count, columns = model.rowCount(), model.columnCount()
        first = self.logicalIndexAt(0)
        last = self.logicalIndexAt(viewport.height() - 1)
        first = 0 if first < 0 else first
        last = count - 1 if last < 0 else last
        chosen = selected_columns(selection, first - 1, last + 1)
        every = set(range(columns))
        on, full = set(chosen), {row for row, held in chosen.items() if held >= every}
        table = self.parentWidget()
        current = table.currentIndex().row() if isinstance(table, QTableView) else -1
        shared = (brush.color().rgba(), id(self.style()), self.palette().cacheKey(), self.isActiveWindow(),
                  self.isEnabled(), self.hasFocus(), int(self.defaultAlignment().value), self.layoutDirection(),
                  self.isSortIndicatorShown())  # fmt: skip
        return shared, on, full, count, current


class ColumnHeader(QHeaderView):
    """The column headers (the horizontal header) as Qt's, not repainted when the selection changes while no
    section looks different. Qt repaints every column a selection change spans (`visualRegionForSelection`): a
    row selected is every column, so the whole header, six `headerData` calls a section, at every line added,
    deleted or undone (the new row is selected), though the sections look the same (issue 19.2). A section's
    look follows the selection only by whether the selection meets its column and whether it holds the whole
    column (Qt's `columnIntersectsSelection`, `isColumnSelected`: bold, sunken, the neighbours' marks); when
    neither changed for any column since the header was last painted whole, the header is not repainted."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # as QTableView's own horizontal header
        self.setHighlightSections(True)
        self._painted: _SelectionLook | None = None  # the selection's look when last painted whole
        self._held = False  # inside `held`: selection changes only noted
        self._changed = False  # a selection change noted while held

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        whole = QRegion(self.viewport().rect()).subtracted(event.region()).isEmpty()
        self._painted = self.selection_look() if whole else None  # (painted in part: not known)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:  # noqa: N802
        if self._held:
            self._changed = True
        elif self._painted is None or self.selection_look() != self._painted:
            super().selectionChanged(selected, deselected)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Selection changes inside are looked at once, at the end: a line deleted empties the selection (its
        row goes) before the next row is selected, a look the header never shows."""
        if self._held:
            yield
            return
        self._held, self._changed = True, False
        try:
            yield
        finally:
            self._held = False
            if self._changed and (self._painted is None or self.selection_look() != self._painted):
                self.viewport().update()  # (every section: more than the changes span, the same pixels)

    def selection_look(self) -> _SelectionLook | None:
        """Per column whether the selection meets it and whether it holds all of it, as Qt's header tells them
        for a line table (every cell enabled and selectable); None where not known (no line table, no rows)."""
        model, selection = self.model(), self.selectionModel()
        if not isinstance(model, LineTableModel) or selection is None:
            return None
        rows = model.rowCount()
        if rows == 0:
            return None
        spans: dict[int, list[tuple[int, int]]] = {}  # column → the row spans selected in it
        for part in selection_ranges(selection):
            top, bottom = part.top(), part.bottom()
            if top > bottom:
                continue
            for column in range(part.left(), part.right() + 1):
                spans.setdefault(column, []).append((top, bottom))
        return frozenset(spans), frozenset(c for c, s in spans.items() if _covers(s, rows))


_SelectionLook = tuple[frozenset[int], frozenset[int]]


def _covers(spans: list[tuple[int, int]], rows: int) -> bool:
    """Whether the row spans (first, last) together hold every row 0…rows-1."""
    reach = 0  # the rows 0…reach-1 are held
    for top, bottom in sorted(spans):
        if top > reach:
            return False
        reach = max(reach, bottom + 1)
    return reach >= rows


class LineTable(QTableView):
    """A table of one line kind, editing in place."""

    def __init__(self, model: LineTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalHeader(RowNumbers(self))
        self.column_header = ColumnHeader(self)
        self.setHorizontalHeader(self.column_header)
        # Repainted whole at every line added or deleted, though they look the same: from a copy then.
        self.setVerticalScrollBar(CopiedScrollBar(Qt.Orientation.Vertical, self))
        self.setHorizontalScrollBar(CopiedScrollBar(Qt.Orientation.Horizontal, self))
        self.line_model = model
        self.setModel(model)
        self.delegate = setup_table(self)
        # Every line added or deleted repaints every cell on screen, though most only moved: from copies then.
        self.cells = CellCopies(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)  # fmt: skip
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Fitted from the header and a bounded sample of rows (Qt reads every row of a column up to its
        # precision, 1000 by default: 8 tables of 600 rows were most of opening a large plan), and once: a reset
        # (a line added, another scenario) refits only a table that had no rows to fit from yet.
        self.verticalHeader().setResizeContentsPrecision(FIT_SAMPLE)
        self.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE)
        self._fitted_rows = False
        self.fit_columns()
        model.modelReset.connect(self._fit_once)

        # The name column stays in view when the table is scrolled sideways (a wide table on a laptop).
        self.frozen = FrozenColumn(self)

    # --- the context menu (right click, the menu key) -------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        index = self.indexAt(event.pos())
        if index.isValid() and index.row() not in self.selected_rows():
            self.select_rows([index.row()], index.column())
        self.context_menu().exec(event.globalPos())

    def context_menu(self) -> QMenu:
        """Add, duplicate, delete, move, copy, paste — each the same edit as the menu's; disabled where it can do
        nothing (read-only, no row chosen, first or last row)."""
        menu = QMenu(self)
        editable = not self.line_model.session.readonly
        rows = self.selected_rows()
        count = self.model().rowCount()
        window = self.window()
        entries: list[tuple[str, Callable[[], object], bool]] = [
            ("Tilføj række", self.add_row, editable),
            ("Dupliker rækker", self.duplicate_rows, editable and bool(rows)),
            ("Slet rækker", self.delete_rows, editable and bool(rows)),
            ("Flyt op", lambda: self.move_rows(-1), editable and bool(rows) and rows[0] > 0),
            ("Flyt ned", lambda: self.move_rows(1), editable and bool(rows) and rows[-1] < count - 1),
        ]
        for i, (text, slot, enabled) in enumerate(entries):
            if i in (1, 3):
                menu.addSeparator()
            action = menu.addAction(t(text))
            action.setEnabled(enabled)
            action.triggered.connect(lambda _c=False, f=slot: f())
        # Copy and paste are the window's (they know the clipboard's formats): the same actions, same keys.
        shared = [getattr(window, name, None) for name in ("act_copy_rows", "act_paste", "act_paste_new")]
        actions = [a for a in shared if isinstance(a, QAction)]
        if actions:
            menu.addSeparator()
            menu.addActions(actions)
        return menu

    def _fit_once(self) -> None:
        if not self._fitted_rows:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their content (the header, and the first and visible rows up to FIT_SAMPLE). A
        text column is capped (a long note is elided, and shown whole in its tooltip and editor); an amount is
        never capped, so no amount is cut."""
        self._fitted_rows = self.model().rowCount() > 0
        self.resizeColumnsToContents()
        cap = max(320, self.fontMetrics().averageCharWidth() * 40)
        columns = self.line_model.columns
        for c in range(self.model().columnCount()):
            width = max(self.columnWidth(c), 70)
            number = c < len(columns) and columns[c].number
            self.setColumnWidth(c, width if number else min(width, cap))
        frozen = getattr(self, "frozen", None)
        if frozen is not None:
            frozen.follow()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.cells.paint(event):
            super().paintEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self.cells.clear()  # (another page shown: its memory back)

    def setSpan(self, row: int, column: int, rows: int, columns: int) -> None:  # noqa: N802 (Qt's name)
        self.cells.enabled = False  # (Qt paints spans first and clips them away: not from copies)
        super().setSpan(row, column, rows, columns)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Room for the header and a few rows: on a small screen the page scrolls rather than squash its
        tables to a single row."""
        hint = super().minimumSizeHint()
        rows = min(max(self.model().rowCount(), 1), MIN_ROWS)
        height = (self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
                  + self.horizontalScrollBar().sizeHint().height() + 2 * self.frameWidth())  # fmt: skip
        return QSize(hint.width(), max(hint.height(), height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.frozen.follow()

    # --- selection ------------------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.selectionModel().selectedRows()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def select_rows(self, rows: list[int], column: int = 0) -> None:
        """Exactly `rows` selected (whole rows), the first the current row (at `column`) and scrolled to. One
        change of the selection, not a clearing and then one per row: each change repaints what it names in the
        table and both headers (issue 19.2: every line added or deleted selects a row)."""
        sel, model = self.selectionModel(), self.model()
        chosen = QItemSelection()
        current = None
        for i, row in enumerate(rows):
            index = model.index(row, column)
            if not index.isValid():
                continue
            chosen.select(index, index)
            if i == 0:
                current = index
        sel.select(chosen, _CLEAR_AND_SELECT_ROWS)
        if current is not None:
            sel.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        if rows:
            self.scrollTo(model.index(rows[0], column))

    def select_row_ids(self, row_ids: list[int]) -> None:
        rows = [r for r in (self.line_model.row_of(i) for i in row_ids) if r is not None]
        self.select_rows(sorted(rows))

    # --- actions (each one undo step) -----------------------------------------------------------------------

    def add_row(self) -> None:
        model = self.line_model
        rows = self.selected_rows()
        at = rows[-1] + 1 if rows else len(model.lines())
        line = model.new_line()
        op: Operation = AddLine(model.session.scenario_id, model.kind, line, at)
        if isinstance(line, Tenant):
            fixes = include_after_add(model.session, line)
            if fixes:
                op = Batch((op, *fixes), t("tilføj lejer og fordel andele"))
        changes = model.session.run(op, t("tilføj {ting}").format(ting=model.noun()))
        if changes is not None:
            self.select_row_ids([i for k, i in changes.inserted if k == model.kind])

    def duplicate_rows(self) -> None:
        model = self.line_model
        rows = self.selected_rows()
        if not rows:
            return
        sid = model.session.scenario_id
        steps = []
        for offset, row in enumerate(rows):
            line = model.duplicate(model.line(row))
            steps.append(AddLine(sid, model.kind, line, rows[-1] + 1 + offset))
        op = steps[0] if len(steps) == 1 else Batch(tuple(steps), t("dupliker"))
        if isinstance(model.line(rows[0]), Tenant) and len(steps) > 1:
            # Each copy needs its own new id: number them one by one.
            steps = []
            taken = {x.id for x in model.lines()}
            for offset, row in enumerate(rows):
                line = model.duplicate(model.line(row))
                assert isinstance(line, Tenant)  # the tenants' table (checked above)
                n = 1
                while f"{model.line(row).id}_{n}" in taken:
                    n += 1
                line.id = f"{model.line(row).id}_{n}"
                taken.add(line.id)
                steps.append(AddLine(sid, model.kind, line, rows[-1] + 1 + offset))
            op = Batch(tuple(steps), t("dupliker"))
        changes = model.session.run(op, t("dupliker {ting}").format(ting=model.noun()))
        if changes is not None:
            self.select_row_ids([i for k, i in changes.inserted if k == model.kind])

    def delete_rows(self) -> None:
        model = self.line_model
        rows = self.selected_rows()
        if not rows:
            return
        ids = tuple(model.line(r).row_id for r in rows)
        if model.kind == "tenant":
            named = self._tenants_in_use([model.line(r).id for r in rows])
            if named and not model.session.confirm(
                t("Lejeren bruges af {n} linjer. Dens egne rum bliver ledige, dens udstyr bliver fælles efter areal, "
                  "og den fjernes fra aftalte andele. Slet alligevel?").format(n=named)  # fmt: skip
            ):
                return
        op: Operation = DeleteLines(model.kind, ids)
        if model.kind == "tenant":
            fixes = rescale_after_delete(model.session, [getattr(model.line(r), "id", "") for r in rows])
            if fixes:
                op = Batch((op, *fixes), t("slet og skalér andele"))
        with self.column_header.held():
            changes = model.session.run(op, t("slet {n} {ting}").format(n=len(ids), ting=model.noun()))
            if changes is not None and model.rowCount():
                self.select_rows([min(rows[0], model.rowCount() - 1)])

    def _tenants_in_use(self, codes: list[str]) -> int:
        sc = self.line_model.session.scenario
        n = 0
        lines: list[RoomLine | EquipmentLine | Service] = [*sc.rooms, *sc.equipment, *sc.running.services]
        for line in lines:
            shares = line.shared.shares if line.shared is not None else {}
            if getattr(line, "tenant", None) in codes or any(c in shares for c in codes):
                n += 1
        return n

    def move_rows(self, step: int) -> None:
        model = self.line_model
        rows = self.selected_rows()
        if not rows:
            return
        count = len(model.lines())
        if (step < 0 and rows[0] == 0) or (step > 0 and rows[-1] == count - 1):
            return
        ids = [model.line(r).row_id for r in rows]
        order = rows if step < 0 else list(reversed(rows))
        steps = tuple(MoveLine(model.kind, model.line(r).row_id, r + step) for r in order)
        op = steps[0] if len(steps) == 1 else Batch(steps, t("flyt"))
        text = t("flyt {ting} op") if step < 0 else t("flyt {ting} ned")
        if model.session.run(op, text.format(ting=model.noun())) is not None:
            self.select_row_ids(ids)
