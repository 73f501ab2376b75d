"""A line table's cells painted from copies while they look the same (issue 19.2).

Every line added, deleted or undone repaints the whole table: the rows below the change move, so Qt's `QTableView`
paints every cell on screen again — on the large plan's rooms page ≈ 170 cells, 7,4 ms of the 16 an edit may take.
Most of it is not the drawing but the calls from Qt into Python that each cell costs (the model's `index`, asking
`rowCount` and `columnCount`; `flags`; the delegate's `initStyleOption`), and the text laid out again. Yet a cell
moved one row down looks exactly as it did: the same text, the same state.

`CellCopies.paint` paints the table as `QTableView::paintEvent` does (the same rows and columns for each part of
the region, the same option for each cell: selected, focused, enabled, the alternate row's colour; then the grid),
but each cell from an image of it: painted the first time its look is met, by Qt's own row panel and the table's
delegate into an image that starts as the colour the viewport paints beneath, then copied wherever that look is met
again. "The look" is everything the cell's painting depends on: the model's text, alignment and check state for it
(`LineTableModel.look`, what the delegate paints from), the option's state and features, the cell's size; and for
all cells the style, palette, font, direction and the viewport's colour (a change of any empties the copies). The
images are kept while the table is on screen, the least recently used dropped beyond three screenfuls.

Painted as Qt paints it (`paint` answers False): a model that gives more than `look` says (one whose `data` or
`flags` is not the line model's), another delegate, spans, moved or hidden rows, right to left, hidden headers, a
drag in progress, the mouse over the table in a style that draws the cell under it (such a style asks for hover
events on the viewport, `WA_Hover`; Fusion does not), a fractional scale, a viewport background that is not one colour. The cell with the keyboard focus is painted
in place, as Qt paints it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QItemSelectionModel, QItemSelectionRange, QLineF, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QTableView

from desktop.models.base import LineTableModel

_MIN_KEPT = 400  # cell images kept at least (a screen of a rooms table shows ≈ 170–200 cells, ≈ 10 kB each)
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_ENABLED = QStyle.StateFlag.State_Enabled
_ENABLED_BITS = int(_ENABLED.value)
_SELECTED_BITS = int(QStyle.StateFlag.State_Selected.value)
_FOCUS_BITS = int(QStyle.StateFlag.State_HasFocus.value)
# A check state as a plain value in a key (found by identity: an enum's hash runs in Python); none: 0.
_CHECK_KEYS = {id(state): int(state.value) + 1 for state in Qt.CheckState}
_IS_ENABLED = Qt.ItemFlag.ItemIsEnabled
_IS_SELECTABLE = Qt.ItemFlag.ItemIsSelectable
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_GRID_COLOUR = QStyle.StyleHint.SH_Table_GridLineColor
_DRAGGING = QAbstractItemView.State.DraggingState
_HOVER = Qt.WidgetAttribute.WA_Hover
_LINE_DATA = LineTableModel.data
_LINE_FLAGS = LineTableModel.flags
_FORMAT = QImage.Format.Format_RGB32

# A cell's look: the model's text of it, its column (its alignment), its check state, its state, whether its row is
# an alternate one, its width and height.
_Key = tuple[str | None, int, object, int, bool, int, int]
# A column (or a row) on screen: its index, its left (top) edge in the viewport, its width (height) without the
# grid line.
_Spot = tuple[int, int, int]


class CellCopies:
    """The cell images of one table (see the module)."""

    def __init__(self, table: QTableView) -> None:
        self.table = table
        self.enabled = True  # False: painted as Qt paints (a cell spanning several, or a test's reference)
        self._copies: dict[_Key, QImage] = {}
        self._shared: tuple[object, ...] | None = None  # what every copy was painted with
        self._most = 0  # the most cells one paint has painted (a screenful)

    def paint(self, event: QPaintEvent) -> bool:
        """Paint the table's viewport for `event` from copies; False (nothing painted) where Qt must paint it."""
        table = self.table
        model = table.model()
        viewport = table.viewport()
        delegate = table.itemDelegate()
        if not self.enabled or not isinstance(model, LineTableModel) or type(model).data is not _LINE_DATA \
                or type(model).flags is not _LINE_FLAGS or delegate is None or self._hovered() \
                or table.state() == _DRAGGING or table.isRightToLeft() or viewport.devicePixelRatioF() != 1.0 \
                or not viewport.autoFillBackground():
            return False
        rows_header, columns_header = table.verticalHeader(), table.horizontalHeader()
        if rows_header.isHidden() or columns_header.isHidden() or rows_header.sectionsMoved() \
                or columns_header.sectionsMoved() or rows_header.hiddenSectionCount():
            return False
        brush = viewport.palette().brush(viewport.backgroundRole())
        if brush.style() != Qt.BrushStyle.SolidPattern:
            return False
        count = columns_header.count()
        if rows_header.count() == 0 or count == 0:
            return True  # Qt paints nothing then (the background is the viewport's own)
        if any(table.itemDelegateForColumn(c) is not None for c in range(count)):
            return False
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        painter = QPainter(viewport)
        shared = (brush.color().rgba(), id(table.style()), id(delegate), option.palette.cacheKey(),
                  option.font.key(), painter.font().key(), option.decorationSize.toTuple(), option.textElideMode,
                  option.showDecorationSelected, int(option.displayAlignment.value), int(option.features.value),
                  option.direction, table.wordWrap())  # fmt: skip
        if shared != self._shared:
            self._copies.clear()
            self._shared = shared
        drawn = self._paint_cells(painter, option, event, brush.color())
        painter.end()
        # Three screenfuls: both row colours of every cell on screen (a line added or deleted swaps them below
        # it), and the rows' selected looks.
        self._most = max(self._most, drawn)
        bound = max(_MIN_KEPT, 3 * self._most)
        copies = self._copies
        while len(copies) > bound:  # the least recently used first
            del copies[next(iter(copies))]
        return True

    def clear(self) -> None:
        """Drop every copy (the table is hidden: its copies are kept only while it is on screen)."""
        self._copies.clear()
        self._most = 0

    def _hovered(self) -> bool:
        """Whether a cell may be under the mouse as Qt sees it (`State_MouseOver`): a style that draws the cell
        under the mouse asks for hover events on the viewport (`WA_Hover`; Fusion does not)."""
        viewport = self.table.viewport()
        return viewport.testAttribute(_HOVER) and viewport.underMouse()

    def _paint_cells(self, painter: QPainter, option: QStyleOptionViewItem, event: QPaintEvent,
                     beneath: QColor) -> int:  # fmt: skip
        """Each part of the region as `QTableView::paintEvent` paints it: its cells (each once), then its grid.
        Returns the number of cells painted."""
        table = self.table
        model = cast(LineTableModel, table.model())
        viewport = table.viewport()
        rows_header, columns_header = table.verticalHeader(), table.horizontalHeader()
        count = columns_header.count()
        gap = 1 if table.showGrid() else 0
        alternate = table.alternatingRowColors()
        right_end = columns_header.length() - columns_header.offset() - 1
        bottom_end = rows_header.length() - rows_header.offset() - 1
        # Per column, from the model's flags (Qt asks them of every cell; the line model's depend on the column):
        # whether its cells can be selected, and whether they are disabled in an enabled view (as Qt's drawCell).
        # States are plain ints here: an enum's arithmetic and hash run in Python, for every cell.
        base_state = int(option.state.value)
        enabled_view = bool(base_state & _ENABLED_BITS)
        selectable, disabled = [], []
        for c in range(count):
            flags = model.flags(model.index(0, c))
            selectable.append(bool(flags & _IS_SELECTABLE))
            disabled.append(enabled_view and not flags & _IS_ENABLED)
        current = table.currentIndex()
        focused = (table.hasFocus() or viewport.hasFocus()) and current.isValid()
        focus_at = (current.row(), current.column()) if focused else None
        look = model.look
        copies = self._copies
        several = event.region().rectCount() > 1  # (then a cell in two rectangles is painted once, as Qt does)
        drawn: set[tuple[int, int]] = set()
        painted = 0
        for area in cast("Iterable[QRect]", event.region()):  # (a QRegion iterates its rectangles)
            area.setBottom(min(area.bottom(), bottom_end))
            area.setRight(min(area.right(), right_end))
            if not area.isValid():
                continue
            left = columns_header.visualIndexAt(area.left())
            right = columns_header.visualIndexAt(area.right())
            left = 0 if left == -1 else left
            right = count - 1 if right == -1 else right
            bottom = rows_header.visualIndexAt(area.bottom())
            bottom = rows_header.count() - 1 if bottom == -1 else bottom
            top = rows_header.visualIndexAt(area.top())
            if top == -1 or top > bottom:
                continue
            spots = [(c, table.columnViewportPosition(c), table.columnWidth(c) - gap)
                     for c in range(left, right + 1) if not columns_header.isSectionHidden(c)]  # fmt: skip
            selected = selected_columns(table.selectionModel(), top, bottom)
            rows = [(row, table.rowViewportPosition(row), table.rowHeight(row) - gap) for row in range(top, bottom + 1)]
            for row, y, height in rows:
                odd = alternate and bool(row & 1)
                chosen = selected.get(row, ())
                for column, x, width in spots:
                    if several:
                        if (row, column) in drawn:
                            continue
                        drawn.add((row, column))
                    painted += 1
                    state = base_state
                    if column in chosen and selectable[column]:
                        state |= _SELECTED_BITS
                    if disabled[column]:
                        state &= ~_ENABLED_BITS
                    if focus_at == (row, column):
                        # Painted in place, as Qt paints it: the focus frame's shading is not the same to the
                        # last bit at another place (the style's gradient), and one cell has it.
                        rect = QRect(x, y, width, height)
                        self._paint_cell(painter, option, row, column, state | _FOCUS_BITS, odd, rect)
                        continue
                    found = look(row, column)
                    # The text and column (which gives the alignment) and the check state, as plain values.
                    if found is None:
                        key: _Key = (None, column, 0, state, odd, width, height)
                    else:
                        check = found[2]
                        mark = 0 if check is None else _CHECK_KEYS.get(id(check), check)
                        key = (found[0], column, mark, state, odd, width, height)
                    image = copies.pop(key, None)
                    if image is None:
                        image = self._copy(painter, option, row, column, state, odd, width, height, beneath)
                    copies[key] = image  # (the most recently used last)
                    painter.drawImage(x, y, image)
            if gap:
                _paint_grid(table, painter, option, area, rows, spots)
        return painted

    def _copy(self, painter: QPainter, option: QStyleOptionViewItem, row: int, column: int, state: int, odd: bool,
              width: int, height: int, beneath: QColor) -> QImage:  # fmt: skip
        """The cell painted into an image that starts as the viewport's colour, with the painter's settings."""
        image = QImage(max(width, 1), max(height, 1), _FORMAT)
        image.fill(beneath)
        with_painter = QPainter(image)
        with_painter.setFont(painter.font())
        with_painter.setPen(painter.pen())
        with_painter.setBrush(painter.brush())
        with_painter.setLayoutDirection(painter.layoutDirection())
        with_painter.setRenderHints(painter.renderHints())
        self._paint_cell(with_painter, option, row, column, state, odd, QRect(0, 0, width, height))
        with_painter.end()
        return image

    def _paint_cell(self, painter: QPainter, option: QStyleOptionViewItem, row: int, column: int, state: int,
                    odd: bool, rect: QRect) -> None:  # fmt: skip
        """The cell painted at `rect` as `QTableViewPrivate::drawCell` paints it: the style's row panel, then the
        delegate, with the option's state, its alternate row's colour and (as Qt) the palette's normal colours,
        or its disabled ones for a cell not enabled."""
        table = self.table
        cell = QStyleOptionViewItem(option)
        cell.rect = rect
        cell.state = QStyle.StateFlag(state)
        cell.features = option.features | _ALTERNATE if odd else option.features & ~_ALTERNATE
        if option.state & _ENABLED:
            palette = QPalette(option.palette)
            group = QPalette.ColorGroup.Normal if state & _ENABLED_BITS else QPalette.ColorGroup.Disabled
            palette.setCurrentColorGroup(group)
            cell.palette = palette
        table.style().drawPrimitive(_ROW_PANEL, cell, painter, table)
        table.itemDelegate().paint(painter, cell, table.model().index(row, column))


def _paint_grid(table: QTableView, painter: QPainter, option: QStyleOptionViewItem, area: QRect,
                rows: list[_Spot], spots: list[_Spot]) -> None:  # fmt: skip
    """The grid of one part of the region as `QTableView::paintEvent` draws it: a line under each row and one
    right of each column, across the part, in the style's grid colour."""
    colour = QColor.fromRgba(table.style().styleHint(_GRID_COLOUR, option, table) & 0xFFFFFFFF)
    old = painter.pen()
    painter.setPen(QPen(QBrush(colour), 1, table.gridStyle()))
    lines = []
    for _row, top, height in rows:
        y = top + height + 0.5
        lines.append(QLineF(area.left() + 0.5, y, area.right() + 0.5, y))
    for _column, x, width in spots:
        lines.append(QLineF(x + width + 0.5, area.top() + 0.5, x + width + 0.5, area.bottom() + 0.5))
    painter.drawLines(lines)
    painter.setPen(old)


def selection_ranges(selection: QItemSelectionModel) -> Iterable[QItemSelectionRange]:
    """The selection's ranges (a `QItemSelection` is a list of them; PySide's stubs do not say so)."""
    return cast("Iterable[QItemSelectionRange]", selection.selection())


def selected_columns(selection: QItemSelectionModel | None, top: int, bottom: int) -> dict[int, set[int]]:
    """For each row top…bottom the selection meets, the columns it holds there (the cells' and the row numbers'
    looks: `RowNumbers`)."""
    chosen: dict[int, set[int]] = {}
    if selection is None:
        return chosen
    for part in selection_ranges(selection):
        left, right = part.left(), part.right()
        if left > right:
            continue
        for row in range(max(part.top(), top), min(part.bottom(), bottom) + 1):
            chosen.setdefault(row, set()).update(range(left, right + 1))
    return chosen
