"""Two tables of the running costs page that are not lists of lines: the rates per gross m² a year (editable,
one row a rate) and the tenants' rent statements (read only, from the figures)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.dialogs.help import HEADER_HELP
from desktop.i18n import RUNNING_RATES, t
from desktop.numbers import edit_text, number_hint, parse_decimal, show_decimal, show_kr, show_m2, show_pct
from desktop.session import PlanSession
from desktop.signals import emit
from planners.figures.editing import running_rate_cost
from planners.model import RunningRate
from planners.store.operations import SetRunningRate

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RatesModel(QAbstractTableModel):
    """One row a running rate: name, kr. per gross m² a year (editable), the year's cost for the house."""

    HEADERS = ("Driftsudgift", "Kr. pr. brutto-m² pr. år", "I alt (kr./år)")

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.rates = list(RunningRate)
        session.plan_changed.connect(self._changed)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return t(self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            text = HEADER_HELP.get(self.HEADERS[section])
            return t(text) if text else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        rate = self.rates[index.row()]
        value = self.session.scenario.running.per_gross_m2.get(rate)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return t(RUNNING_RATES[rate])
            if index.column() == 1:
                return show_decimal(value)
            return show_kr(running_rate_cost(value, self.session.figures.gross_m2)) if value is not None else ""
        if role == Qt.ItemDataRole.EditRole and index.column() == 1:
            return edit_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 and not self.session.readonly:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        text = str(value or "").strip()
        number = parse_decimal(text) if text else None
        if text and number is None:
            emit(self.session.refused, t("«{tekst}» er ikke et tal").format(tekst=text) + number_hint(text))
            return False
        rate = self.rates[index.row()]
        if self.session.scenario.running.per_gross_m2.get(rate) == number:
            return True
        op = SetRunningRate(self.session.scenario_id, rate, number)
        return self.session.run(op, t("ændr driftsudgift"), merge_key=("rate", rate)) is not None

    def _changed(self, _changes: object) -> None:
        emit(self.dataChanged, self.index(0, 0), self.index(len(self.rates) - 1, 2))


class StatementsModel(QAbstractTableModel):
    """Each tenant's annual statement (DESIGN §4): the question a GP partnership asks first."""

    # The answer first (the total, a month, against today's rent), then how it is made up: the columns a GP
    # partnership looks for are on screen without scrolling sideways.
    HEADERS = ("Lejer", "I alt (kr./år)", "Pr. måned (kr.)", "Husleje i dag (kr./år)", "Ændring",
               "Pr. brutto-m² (kr.)", "Pr. behandler (kr./år)", "Areal (brutto m²)", "Husleje (kr./år)",
               "Udstyr (kr./år)", "Fælles ydelser (kr./år)")

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self._rows = len(session.figures.tenants)
        session.plan_changed.connect(self._changed)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.session.figures.tenants)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return t(self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            text = HEADER_HELP.get(self.HEADERS[section])
            return t(text) if text else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        tf = self.session.figures.tenants[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        change = ""
        if tf.change is not None:
            # Signed both ways, as the chart shows it: "+127.391 kr. (+16,3 %)".
            sign = "+" if tf.change > 0 else ""
            change = sign + show_kr(tf.change) + (f" ({sign}{show_pct(tf.change_pct)})" if tf.change_pct is not None else "")
        return [tf.name, show_kr(tf.total), show_kr(tf.per_month), show_kr(tf.current_annual_rent), change,
                show_kr(tf.per_gross_m2), show_kr(tf.per_clinician), show_m2(tf.allocated_gross_m2),
                show_kr(tf.space_rent), show_kr(tf.equipment_share), show_kr(tf.services_share)][index.column()]  # fmt: skip

    def _changed(self, _changes: object) -> None:
        rows = len(self.session.figures.tenants)
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            emit(self.dataChanged, self.index(0, 0), self.index(rows - 1, len(self.HEADERS) - 1))
