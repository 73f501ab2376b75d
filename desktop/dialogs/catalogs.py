"""Catalogs and rates of THIS plan (a plan is self-contained, DESIGN §2): equipment prices, lifetimes and
service; room types' default m²; tenant kinds' area norms; the default running rates; patients per GP.

Every edit is one `SetCatalogRow` (a rate's source: `SetCatalogRateSource`) through the dispatcher (one undo
step, refused values told in Danish);
"Nulstil" replaces all of them with the bundled values (`ResetCatalogs(bundled_catalogs())`, one undo step).
The bundled values are the app's own, or the user's app-wide defaults: a catalog file placed in the user's
data folder (`<data>/catalogs/equipment.json` …, same format as resources/catalogs/) replaces the bundled
file, and a pool round's rules file in `<data>/rounds/` is added to the bundled rounds — no reinstall.
Catalog values are norms and defaults: they drive new lines, the capacity aid and the checks; the lines
already in the plan keep their own prices.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.delegates import TableDelegate
from desktop.i18n import RUNNING_RATES, SECTORS, t
from desktop.numbers import edit_text, number_hint, parse_decimal, show_decimal, show_kr
from desktop.session import PlanSession
from desktop.signals import emit
from planners import reference
from planners.model import Catalogs, RunningRate
from planners.store.operations import ResetCatalogs, SetCatalogRateSource, SetCatalogRow

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass
class CatalogColumn:
    header: str
    show: Callable[[Any], str]
    field: str | None = None  # the row's Decimal field an edit sets (None: read only)
    tooltip: str = ""


class CatalogModel(QAbstractTableModel):
    """The rows of one catalog (`catalog` as `SetCatalogRow` names it), one row per code."""

    def __init__(self, session: PlanSession, catalog: str, attr: str, columns: list[CatalogColumn]) -> None:
        super().__init__()
        self.session, self.catalog, self.attr, self.columns = session, catalog, attr, columns
        self._codes = self.codes()
        session.plan_changed.connect(self._changed)

    def table(self) -> dict:
        return getattr(self.session.plan.catalogs, self.attr)

    def codes(self) -> list:
        return list(self.table())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.codes())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tooltip or None
        return None

    def value(self, row: int) -> Any:
        return self.table()[self.codes()[row]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.codes()):
            return None
        col = self.columns[index.column()]
        value = self.value(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return col.show(value)
        if role == Qt.ItemDataRole.EditRole and col.field is not None:
            return edit_text(self._field(value, col.field))
        if role == Qt.ItemDataRole.TextAlignmentRole and col.field is not None:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip or None
        return None

    @staticmethod
    def _field(value: Any, name: str) -> Any:
        return value if name == "." else getattr(value, name)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].field is not None and not self.session.readonly:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        col = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or col.field is None:
            return False
        text = str(value or "").strip()
        number = parse_decimal(text)
        if number is None:
            emit(self.session.refused,
                 t("{felt}: «{tekst}» er ikke et tal").format(felt=col.header, tekst=text) + number_hint(text))
            return False
        code = self.codes()[index.row()]
        old = self.value(index.row())
        if self._field(old, col.field) == number:
            return True
        new = number if col.field == "." else dataclasses.replace(old, **{col.field: number})
        op = SetCatalogRow(self.catalog, str(code), new)
        return self.session.run(op, t("ændr katalog: {felt}").format(felt=col.header.lower())) is not None

    def _changed(self, changes: object) -> None:
        if changes is not None and not changes.touches("catalog"):  # type: ignore[attr-defined]
            return
        self.beginResetModel()
        self._codes = self.codes()
        self.endResetModel()


SOURCE_COLUMN = 2  # the rates' column "Kilde"


class RatesDefaultsModel(CatalogModel):
    """The default running rates: the values a new scenario starts from (kr. per gross m² a year)."""

    def codes(self) -> list:
        return [r for r in RunningRate if r in self.table()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # The first column names the rate (the code), not the value; the last is the rate's source (issue 16.6),
        # kept beside the rates in the plan's catalogs, not in the value.
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.DisplayRole:
            return RUNNING_RATES[self.codes()[index.row()]]
        if index.isValid() and index.column() == SOURCE_COLUMN:
            source = self.session.plan.catalogs.running_rate_sources.get(self.codes()[index.row()], "")
            if role == Qt.ItemDataRole.DisplayRole:
                return i18n.source_text(source, first_only=True) if source.strip() else t("ingen kilde angivet")
            if role == Qt.ItemDataRole.EditRole:
                return source  # the text as stored, to be corrected
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and index.column() == SOURCE_COLUMN and not self.session.readonly:
            return super().flags(index) | Qt.ItemFlag.ItemIsEditable
        return super().flags(index)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.column() != SOURCE_COLUMN:
            return super().setData(index, value, role)
        if role != Qt.ItemDataRole.EditRole:
            return False
        rate = self.codes()[index.row()]
        text = str(value or "").strip()
        if text == self.session.plan.catalogs.running_rate_sources.get(rate, ""):
            return True
        op = SetCatalogRateSource(rate, text)
        return self.session.run(op, t("ændr kilde til standardsats")) is not None


def _name(row: Any) -> str:
    return i18n._pick(row)


def _models(session: PlanSession) -> list[tuple[str, str, CatalogModel]]:
    m2 = lambda v: show_decimal(v)  # noqa: E731
    equipment = CatalogModel(session, "equipment", "equipment", [
        CatalogColumn(t("Udstyr"), _name),
        CatalogColumn(t("Stykpris (kr.)"), lambda r: show_kr(r.unit_price), "unit_price",
                      t("Pris pr. styk uden moms; bruges, når en ny udstyrslinje vælger denne vare")),
        CatalogColumn(t("Levetid (år)"), lambda r: m2(r.lifetime_years), "lifetime_years",
                      t("Antal år udstyret afskrives over: årlig udgift = pris / levetid")),
        CatalogColumn(t("Service (kr./år)"), lambda r: show_kr(r.annual_service), "annual_service",
                      t("Årlig service og vedligehold pr. styk")),
        CatalogColumn(t("Kilde"), lambda r: i18n.source_text(r.source, first_only=True)),
    ])  # fmt: skip
    rooms = CatalogModel(session, "room_type", "room_types", [
        CatalogColumn(t("Rumtype"), _name),
        CatalogColumn(t("Standard netto m²"), lambda r: m2(r.default_net_m2), "default_net_m2",
                      t("Nettoareal et nyt rum af typen får, og som rumforslaget bruger")),
        CatalogColumn(t("Kilde"), lambda r: i18n.source_text(r.source, first_only=True)),
    ])  # fmt: skip
    kinds = CatalogModel(session, "tenant_kind", "tenant_kinds", [
        CatalogColumn(t("Lejertype"), _name),
        CatalogColumn(t("Sektor"), lambda r: SECTORS[r.sector]),
        CatalogColumn(t("Netto m² pr. behandler (norm)"), lambda r: m2(r.m2_per_clinician), "m2_per_clinician",
                      t("Normen tjekket sammenligner lejerens areal pr. behandler med")),
        CatalogColumn(t("Rum pr. behandler"), lambda r: ", ".join(
            f"{i18n.room_type_name(session.plan.catalogs, k)} {show_decimal(v)}"
            for k, v in r.rooms_per_clinician.items()),
            tooltip=t("Normen rumforslaget bygger på")),
        CatalogColumn(t("Kilde"), lambda r: i18n.source_text(r.source, first_only=True)),
    ])  # fmt: skip
    rates = RatesDefaultsModel(session, "running_rate", "running_rates", [
        CatalogColumn(t("Driftsudgift"), lambda r: ""),
        CatalogColumn(t("Standard kr. pr. brutto-m² pr. år"), lambda r: show_decimal(r), ".",
                      t("Satsen et nyt scenarie starter med; scenariets egne satser ændres på siden Drift og husleje")),
        CatalogColumn(t("Kilde"), lambda r: "",  # filled by RatesDefaultsModel.data from the catalog's sources
                      tooltip=t("Hvor standardsatsen kommer fra; dobbeltklik for at rette")),
    ])  # fmt: skip
    return [(t("Udstyr"), "equipment", equipment), (t("Rumtyper"), "room_type", rooms),
            (t("Lejertyper"), "tenant_kind", kinds), (t("Driftssatser"), "running_rate", rates)]  # fmt: skip


class CatalogsDialog(QDialog):
    """The catalogs of the open plan in tabs, patients per GP, and the reset to the bundled values."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(t("Kataloger og satser for planen"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(t("Planens egne katalogværdier: priser, levetider, normer og standardsatser. De bruges til "
                         "nye linjer, rumforslaget og tjekket; linjer i planen beholder deres egne tal. "
                         "Dobbeltklik på et tal for at rette det."))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget(self)
        self.views: dict[str, QTableView] = {}
        self.models: dict[str, CatalogModel] = {}
        for title, key, model in _models(session):
            view = QTableView()
            view.setModel(model)
            view.setItemDelegate(TableDelegate(view))
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.resizeColumnsToContents()
            view.setColumnWidth(0, max(view.columnWidth(0), 180))
            self.tabs.addTab(view, title)
            self.views[key] = view
            self.models[key] = model
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.per_gp = QLabel()
        self.per_gp.setToolTip(t("Hvor mange tilmeldte patienter én praktiserende læge regnes at have; "
                                 "kapacitetshjælpen regner lægebehovet ud fra det"))  # fmt: skip
        row.addWidget(self.per_gp)
        self.per_gp_edit = QPushButton(t("Ret patienter pr. læge…"))
        self.per_gp_edit.clicked.connect(self._edit_per_gp)
        row.addWidget(self.per_gp_edit)
        row.addStretch(1)
        self.reset_button = QPushButton(t("Nulstil til de medfølgende værdier"))
        self.reset_button.setToolTip(t("Erstat alle planens katalogværdier med programmets (eller dine egne "
                                       "standardværdier fra datamappen). Kan fortrydes."))  # fmt: skip
        self.reset_button.clicked.connect(self.reset)
        row.addWidget(self.reset_button)
        layout.addLayout(row)
        from desktop.settings import user_data_dir

        # No file-system path on screen (issue 14.3): a button opens the folder instead.
        self.data_folder = reference.user_data_dir() or user_data_dir()
        where_row = QHBoxLayout()
        where = QLabel(t("Egne standardværdier og nye puljerunder kan lægges i programmets datamappe, i mapperne "
                         "«catalogs» og «rounds» (samme format som de medfølgende)."))  # fmt: skip
        where.setWordWrap(True)
        where.setStyleSheet("color: #555")
        where_row.addWidget(where, 1)
        self.open_folder = QPushButton(t("Åbn datamappen"))
        self.open_folder.setToolTip(str(self.data_folder))  # the path only for whoever asks
        self.open_folder.clicked.connect(self._open_data_folder)
        where_row.addWidget(self.open_folder)
        layout.addLayout(where_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("Luk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        readonly = session.readonly
        self.reset_button.setEnabled(not readonly)
        self.per_gp_edit.setEnabled(not readonly)
        session.plan_changed.connect(self._refresh)
        self._refresh()

    def _open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.data_folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))

    def _refresh(self, _changes: object = None) -> None:
        self.per_gp.setText(t("Tilmeldte patienter pr. læge: {n}").format(
            n=show_decimal(self.session.plan.catalogs.patients_per_gp)))  # fmt: skip

    def ask_number(self, title: str, label: str, value: Decimal) -> Decimal | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, title, label, text=edit_text(value))
        return parse_decimal(text) if ok else None

    def _edit_per_gp(self) -> None:
        value = self.ask_number(t("Patienter pr. læge"), t("Tilmeldte patienter pr. læge:"),
                                self.session.plan.catalogs.patients_per_gp)  # fmt: skip
        if value is not None:
            self.set_patients_per_gp(value)

    def set_patients_per_gp(self, value: Decimal) -> bool:
        op = SetCatalogRow("patients_per_gp", "", value)
        return self.session.run(op, t("ændr patienter pr. læge")) is not None

    def reset(self) -> bool:
        return self.session.run(ResetCatalogs(bundled_catalogs()), t("nulstil kataloger")) is not None


def bundled_catalogs() -> Catalogs:
    return reference.bundled_catalogs()
