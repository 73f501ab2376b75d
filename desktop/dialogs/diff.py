"""The difference dialog (issue 18.3): what was added, removed and changed between two plans — the plan and one
of its versions, or the plan and another plan file ("Sammenlign med…") — per scenario, tenant, line and field in
plain Danish with the old and the new value, the changed rows highlighted (added green, removed red, changed
yellow), and below it the effect on the key figures and on each tenant's rent. The difference is the core's
(`planners.history.diff.diff_plans`); nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import error_text, lang, t
from desktop.settings import fit_to_screen
from planners.history.diff import KEY_FIGURES, Action, PlanDiff, diff_plans
from planners.model import Plan
from planners.model.errors import PlanError
from planners.model.i18n import N_
from planners.model.money import format_change, format_kr, format_m2
from planners.model.names import pick

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow
    from planners.history.files import PlanWithOrigin

ADDED, REMOVED, CHANGED = "#e3f4e1", "#fbe3e4", "#fff4c2"
ACTION_COLOURS = {Action.ADDED: ADDED, Action.REMOVED: REMOVED, Action.CHANGED: CHANGED}
ACTION_WORDS = {Action.ADDED: N_("Tilføjet"), Action.REMOVED: N_("Fjernet"), Action.CHANGED: N_("Ændret")}
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table of text rows, each with an optional background colour (a changed row highlighted)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]] = (),
                 colours: Sequence[str | None] = (), parent: QWidget | None = None,
                 right: Sequence[int] = ()) -> None:  # fmt: skip
        super().__init__(parent)
        self.right = set(right)  # columns of amounts, aligned right as figures are
        self.headers = list(headers)
        self.rows: list[list[str]] = [list(r) for r in rows]
        self.colours: list[str | None] = list(colours) or [None] * len(self.rows)

    def set_rows(self, rows: Sequence[Sequence[str]], colours: Sequence[str | None] = ()) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.colours = list(colours) or [None] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.colours[index.row()]
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:  # fmt: skip
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def rows_view(model: RowsModel, stretch: int = -1) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch < 0)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def change_rows(diff: PlanDiff) -> tuple[list[list[str]], list[str | None]]:
    """One row a field changed, one a thing added or removed: Hvad, Scenarie, Hvor, Felt, Før, Nu."""
    rows: list[list[str]] = []
    colours: list[str | None] = []
    language = lang()
    for change in diff.changes:
        where = change.subject
        if change.part == "plan":
            where = t("Planen")
        elif change.part == "scenario" and change.action is Action.CHANGED:
            where = t("Scenariet")
        where = where[:1].upper() + where[1:]
        for fc in change.fields or (None,):
            rows.append([t(ACTION_WORDS[change.action]), change.scenario or "", where,
                         fc.label(language) if fc else "", fc.old_text if fc else "", fc.new_text if fc else ""])  # fmt: skip
            colours.append(ACTION_COLOURS[change.action])
    return rows, colours


def _amount(value: Decimal | None, unit: str) -> str:
    return format_m2(value, lang=lang()) if unit == "m2" else format_kr(value, lang())


def figure_rows(diff: PlanDiff) -> list[list[str]]:
    labels = {key: pick(words, lang())[:1].upper() + pick(words, lang())[1:] for key, words, _unit in KEY_FIGURES}
    return [[f.scenario, labels[f.key], _amount(f.old, f.unit), _amount(f.new, f.unit),
             format_change(f.new - f.old, f.unit, lang())] for f in diff.figures]  # fmt: skip


def rent_rows(diff: PlanDiff) -> list[list[str]]:
    rows = []
    for r in diff.rents:
        change = format_change(r.new - r.old, "kr", lang()) if r.old is not None and r.new is not None else ""
        rows.append([r.scenario, r.tenant, format_kr(r.old, lang()), format_kr(r.new, lang()), change])
    return rows


class DiffDialog(QDialog):
    """The differences from `old` to `new` (non-modal; `diff` is the core's result)."""

    def __init__(self, old: Plan, new: Plan, by_row_id: bool, title: str, explanation: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.diff = diff_plans(old, new, by_row_id=by_row_id, lang=lang())
        layout = QVBoxLayout(self)
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows, colours = change_rows(self.diff)
        self.summary = QLabel(t("Ingen forskelle.") if self.diff.empty
                              else t("{n} forskelle: tilføjet, fjernet eller ændret.").format(n=len(rows)))  # fmt: skip
        self.summary.setStyleSheet("font-weight: bold")
        layout.addWidget(self.summary)
        self.changes_model = RowsModel([t("Hvad"), t("Scenarie"), t("Hvor"), t("Felt"), t("Før"), t("Nu")],
                                       rows, colours, self)  # fmt: skip
        self.changes_view = rows_view(self.changes_model)
        for col, width in enumerate((80, 120, 260, 170, 150)):
            self.changes_view.setColumnWidth(col, width)
        layout.addWidget(self.changes_view, 3)
        layout.addWidget(QLabel(t("Virkning på nøgletallene")))
        self.figures_model = RowsModel([t("Scenarie"), t("Nøgletal"), t("Før"), t("Nu"), t("Forskel")],
                                       figure_rows(self.diff), parent=self, right=(2, 3, 4))  # fmt: skip
        self.figures_view = rows_view(self.figures_model)
        for col, width in enumerate((120, 220, 140, 140)):
            self.figures_view.setColumnWidth(col, width)
        layout.addWidget(self.figures_view, 2)
        layout.addWidget(QLabel(t("Virkning på lejernes husleje om året")))
        self.rents_model = RowsModel([t("Scenarie"), t("Lejer"), t("Før"), t("Nu"), t("Forskel")],
                                     rent_rows(self.diff), parent=self, right=(2, 3, 4))  # fmt: skip
        self.rents_view = rows_view(self.rents_model)
        for col, width in enumerate((120, 220, 140, 140)):
            self.rents_view.setColumnWidth(col, width)
        layout.addWidget(self.rents_view, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("Luk"))
        layout.addWidget(buttons)
        fit_to_screen(self, (1000, 640))  # never past a 1024×768 projector's edge


def choose_and_read(window: MainWindow, path: str | Path | None, title: str, filters: str,
                    refused: str) -> PlanWithOrigin | None:  # fmt: skip
    """The other plan of a comparison or a merge: `path`, or one the user picks in the open plan's folder, read
    with its origin; a file that cannot be read is told under `refused` and gives None."""
    from planners.history.files import read_with_origin

    assert window.session is not None
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, title, str(window.session.file.path.parent), filters)
        if not chosen:
            return None
        path = chosen
    try:
        return read_with_origin(path)
    except PlanError as exc:
        window.tell(refused, error_text(exc))
    except OSError as exc:
        window.tell(refused, str(exc.strerror or exc))
    return None


def compare_with_file(window: MainWindow, path: str | Path | None = None) -> DiffDialog | None:
    """File → "Sammenlign med…": the open plan against another plan file (or a JSON plan)."""
    session = window.session
    if session is None:
        return None
    other = choose_and_read(window, path, t("Sammenlign med"), t("Sundhedshus-planer (*.sundhedshus *.json)"),
                            t("Planen kan ikke sammenlignes"))  # fmt: skip
    if other is None:
        return None
    mine = session.file.origin()
    same = mine is not None and other.origin is not None and mine.token == other.origin.token
    how = (t("De to er kopier af samme plan: linjerne parres, som de er, hvor meget de end er ændret.") if same
           else t("De to er ikke kopier af samme plan: linjerne parres efter indhold og placering."))  # fmt: skip
    dialog = DiffDialog(session.plan, other.plan, same,
                        t("Forskelle fra denne plan til «{navn}»").format(navn=other.path.name),
                        t("Hvad der er anderledes i «{navn}» end i planen her. ").format(navn=other.path.name) + how,
                        window)  # fmt: skip
    dialog.show()
    window.diff_dialog = dialog
    return dialog
