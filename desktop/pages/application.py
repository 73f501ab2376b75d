"""The page "Ansøgning" (issue 16.6): what a case officer asks for besides the figures.

The applicant's CVR and EAN numbers, the legally responsible signatory and the project leader, the political
approval, the timetable (milestones), the sub-projects with their priority for a reduced grant, each tenant's
commitment (of the scenario shown) and the sources of the running rates. Every field commits as ONE operation
through the session's dispatcher (`SetPlanFields`, `SetCommitment`, `SetRunningRateSource`), so each is one undo
step and a refused value is told in the notice, the field showing the stored value again.

The forms wrap (labels above their fields when narrow) and the tables size to their rows, so the page fits a
1024-pixel projector; the page scrolls as a whole when the window is lower than it.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import RUNNING_RATES, t
from desktop.numbers import show_decimal
from desktop.pages.lists import heading, hint
from desktop.session import PlanSession
from desktop.signals import emit
from planners.model import (
    ApprovalStatus,
    Commitment,
    CommitmentStatus,
    Milestone,
    Person,
    RunningRate,
    SubProject,
)
from planners.model.glossary import APPROVAL_NAMES, COMMITMENT_NAMES
from planners.store.operations import (
    Batch,
    Changes,
    Operation,
    SetCommitment,
    SetPlanFields,
    SetRunningRateSource,
    UpdateLine,
)

# What an edit must touch for the page to show it again: the plan's fields, the scenario (another selected, its
# tenants renamed), the commitments and the running rates with their sources.
_SHOWN = ("plan", "scenario", "commitment", "running_rate", "tenant")
SIDE_BY_SIDE_CHARS = 110  # the page's width, in average characters, from which the two forms stand side by side
_DANISH_DATE = re.compile(r"\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*\Z")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*\Z")


class BadDate(ValueError):
    """A text that is no date."""


def parse_date(text: str) -> datetime.date | None:
    """A date as Danes write it ("1.3.2027", "01-03-2027") or ISO ("2027-03-01"); "" is no date.
    Raises BadDate for anything else (a day that does not exist included)."""
    if not text.strip():
        return None
    danish = _DANISH_DATE.match(text)
    iso = _ISO_DATE.match(text)
    try:
        if danish:
            return datetime.date(int(danish[3]), int(danish[2]), int(danish[1]))
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        pass
    raise BadDate(text)


def show_date(date: datetime.date | None) -> str:
    """"01-03-2027": day, month, year as Danish forms write them (and as `parse_date` reads them back)."""
    return "" if date is None else f"{date.day:02d}-{date.month:02d}-{date.year}"


def _table(columns: list[str], stretch: tuple[int, ...] = (0,)) -> QTableWidget:
    """A table whose `stretch` columns share the width (their text wraps) and the others fit their content:
    never wider than the page, so no column hides behind a scroll bar on a narrow projector."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    for c in range(len(columns)):
        mode = QHeaderView.ResizeMode.Stretch if c in stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(c, mode)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    # A wrapped text needs its row taller when its column narrows (a smaller window): rows follow the widths.
    header.sectionResized.connect(lambda *_a, tb=table: _fit_rows(tb))
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fit_rows(table: QTableWidget) -> None:
    table.resizeRowsToContents()
    _fit_height(table)


def _fit_height(table: QTableWidget) -> None:
    """As tall as its rows (the page scrolls, not each table), at least two rows high."""
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    empty = 2 * table.verticalHeader().defaultSectionSize()
    height = table.horizontalHeader().height() + max(rows, empty) + 2 * table.frameWidth() + 2
    table.setFixedHeight(height)


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    # Labels go above their fields where the page is narrow (a projector): nothing is cut or pushed off.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class ApplicationPage(QWidget):
    title = "Ansøgning"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._filling = False
        self._stale = True
        outer = QVBoxLayout(self)
        outer.addWidget(heading(t("Ansøgning")))
        outer.addWidget(hint(t("Det, sagsbehandleren spørger om ud over tallene: ansøgerens numre, hvem der skriver "
                               "under, den politiske godkendelse, tidsplanen, lejernes tilsagn og kilderne til "
                               "satserne. Tjek-siden viser, hvad der mangler, før ansøgningen sendes.")))  # fmt: skip

        # --- the applicant and the people: side by side where there is room, else one above the other ---------
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top = top
        applicant = QGroupBox(t("Ansøger"))
        form = _form(applicant)
        self.applicant_name = QLabel()
        self.applicant_name.setWordWrap(True)
        form.addRow(t("Ansøger"), self.applicant_name)
        self.cvr = self._line(form, t("CVR-nummer"), lambda v: {"cvr": v.replace(" ", "")},
                              tip=t("8 cifre; kontrolleres med modulus 11"))  # fmt: skip
        self.ean = self._line(form, t("EAN-nummer"), lambda v: {"ean": v.replace(" ", "")},
                              tip=t("13 cifre (GLN) til elektronisk fakturering"))  # fmt: skip
        self.approval_status = QComboBox()
        for code, label in APPROVAL_NAMES.items():
            self.approval_status.addItem(t(label), code.value)
        self.approval_status.activated.connect(lambda _i: self._set(
            {"approval": dataclasses.replace(self.session.plan.approval,
                                             status=ApprovalStatus(self.approval_status.currentData()))},
            t("ændr politisk godkendelse")))  # fmt: skip
        form.addRow(t("Politisk godkendelse"), self.approval_status)
        self.approval_date = self._line(form, t("Dato for godkendelsen"), self._approval_date_values,
                                        tip=t("Datoen for beslutningen, eller for mødet der træffer den (dd-mm-åååå)"))  # fmt: skip
        top.addWidget(applicant, 1)

        people = QGroupBox(t("Ansvarlige"))
        form2 = _form(people)
        self.person_edits: dict[tuple[str, str], QLineEdit] = {}
        for field, label in (("signatory", t("Tegningsberettiget")), ("project_leader", t("Projektleder"))):
            title = QLabel(f"<b>{label}</b>")
            form2.addRow(title)
            for attr, attr_label in (("name", t("Navn")), ("title", t("Stilling")), ("email", t("E-mail"))):
                self.person_edits[(field, attr)] = self._line(form2, attr_label, self._person_values(field, attr),
                                                              undo=t("ændr {felt}").format(felt=label.lower()))  # fmt: skip
        top.addWidget(people, 1)
        outer.addLayout(top)

        # --- the timetable ---------------------------------------------------------------------------------
        timetable = QGroupBox(t("Tidsplan"))
        lay = QVBoxLayout(timetable)
        self.milestones = _table([t("Milepæl"), t("Dato"), t("Note")], stretch=(0, 2))
        self.milestones.itemChanged.connect(self._milestone_edited)
        lay.addWidget(self.milestones)
        lay.addLayout(self._buttons(self.milestones, self._add_milestone, self._delete_milestone,
                                    self._move_milestone, t("Tilføj milepæl")))  # fmt: skip
        outer.addWidget(timetable)

        # --- sub-projects ------------------------------------------------------------------------------------
        subprojects = QGroupBox(t("Delprojekter"))
        lay = QVBoxLayout(subprojects)
        lay.addWidget(hint(t("Anlægsudgifternes poster kan høre til et delprojekt (kolonnen «Delprojekt» på siden "
                             "Anlæg og finansiering). Bliver tilskuddet mindre, udgår det højeste prioritetsnummer "
                             "først.")))  # fmt: skip
        self.subprojects = _table([t("Delprojekt"), t("Prioritet")])
        self.subprojects.itemChanged.connect(self._subproject_edited)
        lay.addWidget(self.subprojects)
        lay.addLayout(self._buttons(self.subprojects, self._add_subproject, self._delete_subproject, None,
                                    t("Tilføj delprojekt")))  # fmt: skip
        outer.addWidget(subprojects)

        # --- the scenario's tenants and rates -----------------------------------------------------------------
        self.commitments_box = QGroupBox()
        lay = QVBoxLayout(self.commitments_box)
        self.commitments = _table([t("Lejer"), t("Tilsagn"), t("Dato")])
        self.commitments.itemChanged.connect(self._commitment_date_edited)
        lay.addWidget(self.commitments)
        outer.addWidget(self.commitments_box)

        self.sources_box = QGroupBox()
        lay = QVBoxLayout(self.sources_box)
        self.sources = _table([t("Driftssats"), t("Kr. pr. m² om året"), t("Kilde")], stretch=(2,))
        self.sources.itemChanged.connect(self._source_edited)
        lay.addWidget(self.sources)
        lay.addWidget(hint(t("Kilden til en anlægspost (fx byggeprisen pr. m²) står i kolonnen «Kilde» på siden "
                             "Anlæg og finansiering.")))  # fmt: skip
        outer.addWidget(self.sources_box)
        outer.addStretch(1)

        session.plan_changed.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Two forms side by side need about 100 average characters; narrower, one goes under the other.
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        self.top.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        QTimer.singleShot(0, self._fit_tables)  # once the columns have their new widths

    def _fit_tables(self) -> None:
        for table in (self.milestones, self.subprojects, self.commitments, self.sources):
            table.resizeRowsToContents()
            _fit_height(table)

    # --- building blocks ----------------------------------------------------------------------------------

    def _line(self, form: QFormLayout, label: str, values: Callable[[str], dict | None], tip: str = "",
              undo: str = "") -> QLineEdit:  # fmt: skip
        edit = QLineEdit()
        edit.setToolTip(tip)
        text = undo or t("ændr {felt}").format(felt=label.lower())
        edit.editingFinished.connect(lambda e=edit, v=values, u=text: self._commit(e, v, u))
        form.addRow(label, edit)
        return edit

    def _buttons(self, table: QTableWidget, add: Callable[[], None], delete: Callable[[], None],
                 move: Callable[[int], None] | None, add_text: str) -> QHBoxLayout:  # fmt: skip
        row = QHBoxLayout()
        for text, slot in ((add_text, add), (t("Slet"), delete)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(button)
        if move is not None:
            for text, step in ((t("Flyt op"), -1), (t("Flyt ned"), 1)):
                button = QPushButton(text)
                button.clicked.connect(lambda _c=False, s=step: move(s))
                row.addWidget(button)
        row.addStretch(1)
        return row

    def _commit(self, edit: QLineEdit, values: Callable[[str], dict | None], undo: str) -> None:
        if self._filling:
            return
        new = values(edit.text())
        if new is None:
            self.refresh()
            return
        self._set(new, undo, merge=("plan", tuple(new)))

    def _set(self, values: dict, text: str, merge: object | None = None) -> bool:
        """Set plan fields as one undo step; `merge` (a field's or cell's key) merges typing in the same place
        again into it, as the other pages do. Adding, moving or deleting a row never merges."""
        plan = self.session.plan
        if all(getattr(plan, k) == v for k, v in values.items()):
            return True
        if self.session.run(SetPlanFields(values), text, merge_key=merge) is None:
            self.refresh()
            return False
        return True

    def _run(self, op: Operation, text: str) -> bool:
        if self.session.run(op, text) is None:
            self.refresh()
            return False
        return True

    def _date(self, text: str, label: str) -> tuple[bool, datetime.date | None]:
        try:
            return True, parse_date(text)
        except BadDate:
            emit(self.session.refused, t("{felt}: «{tekst}» er ikke en dato; skriv fx 01-03-2027")
                 .format(felt=label, tekst=text))  # fmt: skip
            return False, None

    def _approval_date_values(self, text: str) -> dict | None:
        ok, date = self._date(text, t("Dato for godkendelsen"))
        if not ok:
            return None
        return {"approval": dataclasses.replace(self.session.plan.approval, date=date)}

    def _person_values(self, field: str, attr: str) -> Callable[[str], dict]:
        def values(text: str) -> dict:
            old: Person = getattr(self.session.plan, field)
            return {field: dataclasses.replace(old, **{attr: text.strip()})}

        return values

    # --- milestones ----------------------------------------------------------------------------------------

    def _add_milestone(self) -> None:
        milestones = [*self.session.plan.milestones, Milestone(t("Ny milepæl"))]
        if self._set({"milestones": milestones}, t("tilføj milepæl")):
            self.milestones.setCurrentCell(len(milestones) - 1, 0)

    def _delete_milestone(self) -> None:
        row = self.milestones.currentRow()
        milestones = list(self.session.plan.milestones)
        if 0 <= row < len(milestones):
            del milestones[row]
            self._set({"milestones": milestones}, t("slet milepæl"))

    def _move_milestone(self, step: int) -> None:
        row = self.milestones.currentRow()
        milestones = list(self.session.plan.milestones)
        to = row + step
        if 0 <= row < len(milestones) and 0 <= to < len(milestones):
            milestones.insert(to, milestones.pop(row))
            if self._set({"milestones": milestones}, t("flyt milepæl")):
                self.milestones.setCurrentCell(to, 0)

    def _milestone_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        milestones = list(self.session.plan.milestones)
        if not 0 <= row < len(milestones):
            return
        old = milestones[row]
        text = item.text()
        if col == 0:
            new = dataclasses.replace(old, name=text.strip())
        elif col == 1:
            ok, date = self._date(text, t("Dato"))
            if not ok:
                self.refresh()
                return
            new = dataclasses.replace(old, date=date)
        else:
            new = dataclasses.replace(old, note=text)
        if new != old:
            milestones[row] = new
            self._set({"milestones": milestones}, t("ændr milepæl"), merge=("milestone", row, col))

    # --- sub-projects --------------------------------------------------------------------------------------

    def _add_subproject(self) -> None:
        taken = {sp.name for sp in self.session.plan.subprojects}
        base = t("Delprojekt")
        n = len(taken) + 1
        while f"{base} {n}" in taken:
            n += 1
        priority = max((sp.priority for sp in self.session.plan.subprojects), default=0) + 1
        subprojects = [*self.session.plan.subprojects, SubProject(f"{base} {n}", min(priority, 100))]
        self._set({"subprojects": subprojects}, t("tilføj delprojekt"))

    def _delete_subproject(self) -> None:
        row = self.subprojects.currentRow()
        subprojects = list(self.session.plan.subprojects)
        if not 0 <= row < len(subprojects):
            return
        gone = subprojects.pop(row).name
        # The lines that named it belong to none now: one undo step brings both back.
        self._run(Batch((SetPlanFields({"subprojects": subprojects}), *self._relabel(gone, None)),
                        t("slet delprojekt")), t("slet delprojekt"))  # fmt: skip

    def _relabel(self, old: str, new: str | None) -> list[Operation]:
        """The edits that move every cost line of every scenario from sub-project `old` to `new`."""
        return [UpdateLine("cost", line.row_id, {"subproject": new})  # type: ignore[arg-type]
                for s in self.session.plan.scenarios for line in s.costs if line.subproject == old]  # fmt: skip

    def _subproject_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        subprojects = list(self.session.plan.subprojects)
        if not 0 <= row < len(subprojects):
            return
        old = subprojects[row]
        if col == 0:
            new_name = item.text().strip()
            if new_name == old.name:
                return
            subprojects[row] = dataclasses.replace(old, name=new_name)
            # A renamed sub-project keeps its lines: the rename and the lines' new name are one undo step.
            self._run(Batch((SetPlanFields({"subprojects": subprojects}), *self._relabel(old.name, new_name)),
                            t("omdøb delprojekt")), t("omdøb delprojekt"))  # fmt: skip
            return
        text = item.text().strip()
        if not text.isdigit():
            emit(self.session.refused, t("Prioritet: skriv et helt tal fra 1 til 100"))
            self.refresh()
            return
        if int(text) != old.priority:
            subprojects[row] = dataclasses.replace(old, priority=int(text))
            self._set({"subprojects": subprojects}, t("ændr prioritet"), merge=("subproject", row, col))

    # --- commitments and sources (the scenario shown) ---------------------------------------------------------

    def _commitment_chosen(self, tenant: str, combo: QComboBox) -> None:
        if self._filling:
            return
        scenario = self.session.scenario
        old = scenario.commitments.get(tenant, Commitment())
        new = dataclasses.replace(old, status=CommitmentStatus(combo.currentData()))
        if new != old:
            self._run(SetCommitment(scenario.row_id, tenant, new), t("ændr lejers tilsagn"))  # type: ignore[arg-type]

    def _commitment_date_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2:
            return
        scenario = self.session.scenario
        tenant = item.data(Qt.ItemDataRole.UserRole)
        ok, date = self._date(item.text(), t("Dato"))
        if not ok:
            self.refresh()
            return
        old = scenario.commitments.get(tenant, Commitment())
        new = dataclasses.replace(old, date=date)
        if new != old:
            self._run(SetCommitment(scenario.row_id, tenant, new), t("ændr lejers tilsagn"))  # type: ignore[arg-type]

    def _source_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2:
            return
        scenario = self.session.scenario
        rate = RunningRate(item.data(Qt.ItemDataRole.UserRole))
        text = item.text().strip()
        if text != scenario.running.sources.get(rate, ""):
            self._run(SetRunningRateSource(scenario.row_id, rate, text), t("ændr kilde til driftssats"))  # type: ignore[arg-type]

    # --- showing ---------------------------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        """Show the plan again after an edit that touched what the page shows; while hidden, only note that it is
        stale (a room edit on another page must not rebuild these tables: 1.000 edits in a row stay quick)."""
        if changes is not None and not changes.touches(*_SHOWN):
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._filling = True
        try:
            self._fill()
        finally:
            self._filling = False

    def _fill(self) -> None:
        plan = self.session.plan
        scenario = self.session.scenario
        readonly = self.session.readonly
        self.applicant_name.setText(plan.applicant.name or t("(ikke udfyldt på siden Oversigt)"))
        # Every field shows the stored value (as on Oversigt): a field commits when it is left or Enter is
        # pressed, so nothing typed is lost, and an undo shows at once even in the field that has the focus.
        for edit, value in ((self.cvr, plan.cvr), (self.ean, plan.ean),
                            (self.approval_date, show_date(plan.approval.date))):  # fmt: skip
            edit.setText(value)
        self.approval_status.setCurrentIndex(list(APPROVAL_NAMES).index(plan.approval.status))
        for (field, attr), edit in self.person_edits.items():
            edit.setText(getattr(getattr(plan, field), attr))

        self.milestones.setRowCount(len(plan.milestones))
        for row, m in enumerate(plan.milestones):
            for col, text in enumerate((m.name, show_date(m.date), m.note)):
                self.milestones.setItem(row, col, QTableWidgetItem(text))

        self.subprojects.setRowCount(len(plan.subprojects))
        for row, sp in enumerate(plan.subprojects):
            self.subprojects.setItem(row, 0, QTableWidgetItem(sp.name))
            item = QTableWidgetItem(str(sp.priority))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.subprojects.setItem(row, 1, item)

        self.commitments_box.setTitle(t("Lejernes tilsagn (scenariet «{navn}»)").format(navn=scenario.name))
        self.commitments.setRowCount(len(scenario.tenants))
        for row, tenant in enumerate(scenario.tenants):
            commitment = scenario.commitments.get(tenant.id, Commitment())
            name_item = QTableWidgetItem(tenant.name)
            name_item.setFlags(name_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.commitments.setItem(row, 0, name_item)
            combo = QComboBox()
            for code, label in COMMITMENT_NAMES.items():
                combo.addItem(t(label), code.value)
            combo.setCurrentIndex(list(COMMITMENT_NAMES).index(commitment.status))
            combo.setEnabled(not readonly)
            combo.activated.connect(lambda _i, c=combo, code=tenant.id: self._commitment_chosen(code, c))
            self.commitments.setCellWidget(row, 1, combo)
            date_item = QTableWidgetItem(show_date(commitment.date))
            date_item.setData(Qt.ItemDataRole.UserRole, tenant.id)
            self.commitments.setItem(row, 2, date_item)

        self.sources_box.setTitle(t("Kilder til driftssatserne (scenariet «{navn}»)").format(navn=scenario.name))
        self.sources.setRowCount(len(RunningRate))
        for row, rate in enumerate(RunningRate):
            source = QTableWidgetItem(scenario.running.sources.get(rate, ""))
            source.setData(Qt.ItemDataRole.UserRole, rate.value)
            source.setToolTip(t("Hvor satsen kommer fra: budget, regnskab, tilbud"))
            self.sources.setItem(row, 2, source)
            for col, text in ((0, RUNNING_RATES[rate]),
                              (1, show_decimal(scenario.running.per_gross_m2.get(rate)))):  # fmt: skip
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.sources.setItem(row, col, item)

        self._fit_tables()
        for table in (self.milestones, self.subprojects, self.commitments, self.sources):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if readonly else
                                  QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)  # fmt: skip
        for edit in self.findChildren(QLineEdit):
            edit.setReadOnly(readonly)
        self.approval_status.setEnabled(not readonly)
        for button in self.findChildren(QPushButton):
            button.setEnabled(not readonly)

    # --- the window's interface of a page ----------------------------------------------------------------------

    def table_for(self, kind: str) -> None:
        return None

    def active_table(self) -> None:
        return None

    def focus_field(self, field: str | None) -> None:
        widget = {"cvr": self.cvr, "ean": self.ean, "approval": self.approval_status,
                  "signatory": self.person_edits[("signatory", "name")],
                  "project_leader": self.person_edits[("project_leader", "name")],
                  "milestones": self.milestones, "subprojects": self.subprojects,
                  "commitments": self.commitments}.get(field or "")  # fmt: skip
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
