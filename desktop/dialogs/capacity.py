"""The capacity aid (DESIGN §4, `planners.figures.capacity`): listed patients → GPs needed, and "Foreslå rumprogram".

The dialog lists each GP practice's listed patients and the GPs they need (⌈patients / patients per GP⌉,
the plan catalog's norm), and the rooms the norms suggest that the scenario does not have yet. Each
suggested line has a tick: the user keeps or drops it line by line; "Tilføj de valgte rum" adds the kept
lines as ONE `Batch` of `AddLine` (one undo step). Nothing changes the plan before that.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import lang, room_type_name, t
from desktop.numbers import show_decimal, show_number
from desktop.session import PlanSession
from planners.figures.capacity import SuggestedRoom, gps_needed, suggest_rooms
from planners.model import TenantKind
from planners.store.operations import AddLine, Batch, Operation


def capacity_lines(session: PlanSession) -> list[str]:
    """One line a GP practice with listed patients: patients → GPs needed, against the GPs it has."""
    per_gp = session.plan.catalogs.patients_per_gp
    out = []
    for tenant in session.scenario.tenants:
        if tenant.kind is not TenantKind.GP_PRACTICE or tenant.listed_patients <= 0:
            continue
        need = gps_needed(tenant.listed_patients, per_gp)
        out.append(t("{navn}: {patienter} tilmeldte patienter / {pr_læge} pr. læge = {behov} læger "
                     "(i planen: {har})").format(navn=tenant.name, patienter=show_number(tenant.listed_patients),
                                                 pr_læge=show_decimal(per_gp), behov=need,
                                                 har=show_decimal(tenant.clinicians)))  # fmt: skip
    return out


class CapacityDialog(QDialog):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(t("Foreslå rumprogram"))
        self.resize(980, 520)
        layout = QVBoxLayout(self)
        needs = capacity_lines(session) or [t("Ingen lægepraksis med tilmeldte patienter i scenariet.")]
        self.needs = QLabel("\n".join(needs))
        self.needs.setWordWrap(True)
        layout.addWidget(QLabel(t("<b>Lægebehov ud fra tilmeldte patienter</b>")))
        layout.addWidget(self.needs)
        layout.addWidget(QLabel(t("<b>Foreslåede rum</b> — fjern fluebenet ved de rum, du ikke vil have med:")))
        self.suggestions: list[SuggestedRoom] = suggest_rooms(session.plan, session.scenario, missing_only=True)
        self.table = QTableWidget(len(self.suggestions), 5, self)
        self.table.setHorizontalHeaderLabels([t("Tilføj"), t("Rumtype"), t("Antal"), t("Netto m² pr. rum"),
                                              t("Begrundelse")])  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        cats = session.plan.catalogs
        for row, s in enumerate(self.suggestions):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, tick)
            for col, text in enumerate((room_type_name(cats, s.room.type), str(s.room.count),
                                        show_decimal(s.room.net_m2), s.reason(lang())), start=1):  # fmt: skip
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(s.reason(lang()))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        if not self.suggestions:
            layout.addWidget(QLabel(t("Rumprogrammet dækker allerede normerne: intet at foreslå.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(t("Tilføj de valgte rum"))
        self.ok.setEnabled(bool(self.suggestions) and not session.readonly)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Annullér"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None  # every suggestion's row has its check box, made with the table
        return item

    def set_kept(self, row: int, kept: bool) -> None:
        self._check_item(row).setCheckState(Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)

    def kept(self) -> list[SuggestedRoom]:
        return [s for row, s in enumerate(self.suggestions)
                if self._check_item(row).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def operation(self) -> Operation | None:
        sid = self.session.scenario_id
        end = len(self.session.scenario.rooms)
        steps = tuple(AddLine(sid, "room", s.room, end + i) for i, s in enumerate(self.kept()))
        if not steps:
            return None
        return steps[0] if len(steps) == 1 else Batch(steps, t("foreslåede rum"))

    def accept(self) -> None:
        op = self.operation()
        if op is not None:
            n = len(self.kept())
            self.session.run(op, t("tilføj {n} foreslåede rum").format(n=n))
        super().accept()
