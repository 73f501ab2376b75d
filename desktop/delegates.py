"""Editors of the tables: Danish number entry, catalog combo boxes, and dialogs for shares and spreads.

ONE delegate serves every table; it reads the column's `editor` kind from the model (`LineTableModel.columns`):
- "text", "decimal", "int": a line edit; numbers are typed the Danish way ("1.234,5") and parsed by the model
  through the one Danish QLocale (`desktop.numbers`);
- "choice", "placement": a combo box over the plan's catalogs / tenants / keys (commits when a choice is made);
- "shares": the shares dialog (custom key: percent a tenant); "spread": percent a plan year; "of": categories.
The model refuses an invalid value and the window shows the reason; the editor never stores anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import COST_CATEGORIES, t
from desktop.models.base import Column, LineTableModel
from desktop.numbers import edit_text, parse_decimal, show_decimal
from desktop.signals import emit
from planners.figures.editing import shares_total
from planners.model import Allocation, AllocationKey, CostCategory

Index = QModelIndex | QPersistentModelIndex


class SharesDialog(QDialog):
    """Percent per name (custom key shares or a cost line's spread over years); shows the running sum."""

    def __init__(self, title: str, rows: Sequence[tuple[object, str]], values: dict, parent: QWidget | None = None,
                 first_header: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.rows = rows
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([first_header or t("Lejer"), t("Andel (%)")])
        for i, (key, label) in enumerate(rows):
            item = QTableWidgetItem(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(i, 0, item)
            value = values.get(key)
            self.table.setItem(i, 1, QTableWidgetItem(edit_text(value) if value is not None else ""))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        self.sum_label = QLabel(self)
        layout.addWidget(self.sum_label)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Annullér"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.itemChanged.connect(self._update_sum)
        self._update_sum()
        self.resize(420, 120 + 30 * min(len(rows), 12))

    def values(self) -> dict | None:
        """The entered percentages (empty cells left out); None if one is not a number."""
        out = {}
        for i, (key, _label) in enumerate(self.rows):
            item = self.table.item(i, 1)
            text = item.text().strip() if item is not None else ""
            if not text:
                continue
            number = parse_decimal(text)
            if number is None:
                return None
            out[key] = number
        return out

    def _update_sum(self) -> None:
        values = self.values()
        if values is None:
            self.sum_label.setText(t("Ét af tallene er ikke et tal"))
            return
        total = shares_total(values.values())
        note = "" if total == 100 else t(" — bør give 100 %")
        self.sum_label.setText(t("I alt: {sum} %").format(sum=show_decimal(total)) + note)

    def accept(self) -> None:
        if self.values() is None:
            self.error.setText(t("Skriv tal som 12,5"))
            return
        super().accept()


class CategoriesDialog(QDialog):
    """Which cost categories a percent line is taken of."""

    def __init__(self, chosen: list[CostCategory], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Procent af kategorierne"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        for code, label in COST_CATEGORIES.items():
            item = QListWidgetItem(t(label), self.list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[CostCategory]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip


class TableDelegate(QStyledItemDelegate):
    """The editors of every line table (see the module's docstring), and the cells' look in one call."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802 (Qt's name)
        """As `QStyledItemDelegate.initStyleOption` sets the option from the model's roles (font, alignment,
        foreground, check state, decoration, display, background: a call into Python for each, for every cell
        painted), from one call of a line table's `look` (issue 19.2). A line table gives no font, foreground,
        decoration or background (`LineTableModel.data`): those stay as Qt leaves them when the model gives none.
        Any other model, or a row past the last line, as Qt's own."""
        model = index.model()
        look = model.look(index.row(), index.column()) if type(model).data is _LINE_DATA \
            and isinstance(model, LineTableModel) else None  # fmt: skip
        if look is None:
            super().initStyleOption(option, index)
            return
        text, align, check = look
        option.index = index  # type: ignore[assignment]  # (a QPersistentModelIndex never reaches a paint)
        if align is not None:
            option.displayAlignment = align
        features = _with_display(option.features)
        if check is not None:
            features |= _HAS_CHECK
            option.checkState = check
        option.features = features
        # Qt's display text of a string: the string, its line breaks as line separators.
        option.text = self.displayText(text, option.locale) if "\n" in text else text
        option.backgroundBrush = _NO_BRUSH  # (Qt sets it from the background role, which is none)
        option.styleObject = None  # type: ignore[assignment]  # as Qt's: no style animations in item views

    def _column(self, index: Index) -> Column | None:
        model = index.model()
        return model.columns[index.column()] if isinstance(model, LineTableModel) else None

    # Qt takes no editor (nullptr) for a cell edited in a dialog; PySide6's stubs do not allow None here.
    def createEditor(  # type: ignore[override]  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget | None:
        col = self._column(index)
        if col is None:
            editor = QLineEdit(parent)
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            return editor
        if col.editor in ("choice", "placement"):
            combo = QComboBox(parent)
            # The item data is the choice's position: a QVariant would turn an enum code into a plain str.
            choices = col.choices() if col.choices else []
            for i, (_value, label) in enumerate(choices):
                combo.addItem(label, i)
            combo.choice_values = [value for value, _label in choices]  # type: ignore[attr-defined]
            combo.setMaxVisibleItems(20)
            combo.activated.connect(lambda _i, c=combo: self._commit_combo(c))
            return combo
        if col.editor in ("shares", "spread", "of"):
            self.open_dialog(parent, index)
            return None
        editor = QLineEdit(parent)
        if col.editor in ("decimal", "int"):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setPlaceholderText(t("f.eks. 1.234,5") if col.editor == "decimal" else "")
        return editor

    def _commit_combo(self, combo: QComboBox) -> None:
        emit(self.commitData, combo)
        emit(self.closeEditor, combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            values = getattr(editor, "choice_values", [])
            if value in values:
                editor.setCurrentIndex(values.index(value))
            return
        if isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            values = getattr(editor, "choice_values", [])
            if 0 <= editor.currentIndex() < len(values):
                model.setData(index, values[editor.currentIndex()], Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def open_dialog(self, parent: QWidget, index: Index) -> None:
        """The dialog editors (shares, spread, categories): modal; the result goes through `setData`."""
        model = index.model()
        assert isinstance(model, LineTableModel)
        col = model.columns[index.column()]
        line = model.line(index.row())
        session = model.session
        if col.editor == "shares":
            shared: Allocation | None = line.shared
            if shared is None or shared.key is not AllocationKey.CUSTOM:
                emit(session.refused, t("Egne andele bruges, når linjen er fælles med nøglen «Egne andele». "
                                       "Vælg den under «Bruges af»/«Fordeles» først."))  # fmt: skip
                return
            rows = [(x.id, x.name) for x in session.scenario.tenants]
            dialog = SharesDialog(t("Egne andele"), rows, dict(shared.shares), parent)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                model.setData(index, Allocation(AllocationKey.CUSTOM, dialog.values() or {}))
        elif col.editor == "spread":
            years = sorted(set(session.plan.years) | set(line.spread))
            dialog = SharesDialog(t("Fordeling på år"), [(y, str(y)) for y in years], dict(line.spread), parent,
                                  first_header=t("År"))  # fmt: skip
            if dialog.exec() == QDialog.DialogCode.Accepted:
                model.setData(index, dialog.values() or {})
        elif col.editor == "of":
            if line.percent is None:
                emit(session.refused, t("«Procent af» bruges kun, når grundlaget er «Procent af andre poster»"))
                return
            cats = CategoriesDialog(list(line.of), parent)
            if cats.exec() == QDialog.DialogCode.Accepted:
                model.setData(index, cats.chosen())


_LINE_DATA = LineTableModel.data
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_CHECK = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
_NO_BRUSH = QBrush()
_FEATURE = QStyleOptionViewItem.ViewItemFeature
# A view gives a cell's option no features or only `Alternate` (every other row): with the display's feature added
# they are these two, made once. `a | b` of Python's enum flags is a call of the enum class (≈ 2 µs, 4 frames): for
# every cell painted, a tenth of its look (issue 19.2). Enum members are singletons, so `is` tells them apart.
_PLAIN, _ALTERNATE = _FEATURE(0), _FEATURE.Alternate
_PLAIN_DISPLAY, _ALTERNATE_DISPLAY = _PLAIN | _HAS_DISPLAY, _ALTERNATE | _HAS_DISPLAY


def _with_display(features: QStyleOptionViewItem.ViewItemFeature) -> QStyleOptionViewItem.ViewItemFeature:
    """`features | HasDisplay`, without the enum's arithmetic for the two a view gives."""
    if features is _ALTERNATE:
        return _ALTERNATE_DISPLAY
    if features is _PLAIN:
        return _PLAIN_DISPLAY
    return features | _HAS_DISPLAY


def setup_table(view: QAbstractItemView) -> TableDelegate:
    delegate = TableDelegate(view)
    view.setItemDelegate(delegate)
    return delegate
