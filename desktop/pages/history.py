"""The history page, "Historik" (issue 18.1, 18.2): every edit of the plan — when, who, what in the undo step's
plain Danish words — filterable by person and date range; "Gå tilbage hertil" brings the plan back to how it was
right after the chosen entry as ONE new undoable step (nothing is deleted from history). Below, the plan's named
versions: save one, open one read-only (to export it as it was), compare one with now, or export the annex with
the sheet "Ændringer siden version …".

The entries are read from the file (`PlanFile.history`, without decoding the operations) when the page is shown
and after an edit while it is shown; a hidden page only notes that it is out of date.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.diff import RowsModel, rows_view
from desktop.i18n import error_text, t
from desktop.pages.lists import heading, hint
from desktop.session import PlanSession
from planners.model.errors import PlanError
from planners.store import history

ALL = ""  # the person filter's "Alle"


def local_time(iso: str) -> datetime:
    """An entry's time (ISO, UTC) in the computer's own time zone."""
    return datetime.fromisoformat(iso).astimezone()


def shown_time(iso: str) -> str:
    return local_time(iso).strftime("%d.%m.%Y %H:%M")


class HistoryPage(QWidget):
    title = "Historik"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[history.Entry] = []
        self.shown: list[history.Entry] = []
        self._stale = True
        layout = QVBoxLayout(self)
        layout.addWidget(heading(t("Historik")))
        layout.addWidget(hint(t("Hver ændring af planen: hvornår, hvem og hvad. «Gå tilbage hertil» gør planen, "
                                "som den var lige efter den valgte ændring, som ét nyt trin, der kan fortrydes; "
                                "intet slettes fra historikken.")))  # fmt: skip
        filters = QHBoxLayout()
        filters.addWidget(QLabel(t("Person:")))
        self.person = QComboBox()
        self.person.setMinimumWidth(180)
        filters.addWidget(self.person)
        filters.addStretch(1)
        layout.addLayout(filters)
        # Person on one row, the dates on the next: the page stays usable on a 1024-pixel projector.
        filters = QHBoxLayout()
        filters.addWidget(QLabel(t("Fra:")))
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        filters.addWidget(self.since)
        filters.addWidget(QLabel(t("Til:")))
        filters.addWidget(self.until)
        self.reset_button = QPushButton(t("Vis alt"))
        self.reset_button.clicked.connect(self.reset_filters)
        filters.addWidget(self.reset_button)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.model = RowsModel([t("Hvornår"), t("Hvem"), t("Hvad")], parent=self)
        self.view = rows_view(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setColumnWidth(0, 130)
        self.view.setColumnWidth(1, 160)
        self.view.setMinimumHeight(220)
        layout.addWidget(self.view, 3)
        actions = QHBoxLayout()
        self.count = QLabel()
        actions.addWidget(self.count, 1)
        self.restore_button = QPushButton(t("Gå tilbage hertil"))
        self.restore_button.setToolTip(t("Planen bliver, som den var lige efter den valgte ændring (ét trin, der "
                                         "kan fortrydes)"))  # fmt: skip
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        actions.addWidget(self.restore_button)
        layout.addLayout(actions)

        layout.addWidget(heading(t("Versioner")))
        layout.addWidget(hint(t("Gemte versioner af planen (Filer → Gem version…). Åbn en version for at se eller "
                                "eksportere den, som den var.")))  # fmt: skip
        self.versions_model = RowsModel([t("Navn"), t("Gemt"), t("Af")], parent=self)
        self.versions_view = rows_view(self.versions_model, stretch=0)
        self.versions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions_view.setMinimumHeight(110)
        self.versions_view.setColumnWidth(1, 130)
        self.versions_view.setColumnWidth(2, 160)
        layout.addWidget(self.versions_view, 1)
        buttons = QGridLayout()
        self.save_version_button = QPushButton(t("Gem version…"))
        self.open_version_button = QPushButton(t("Åbn skrivebeskyttet"))
        self.compare_version_button = QPushButton(t("Sammenlign med nu"))
        self.export_version_button = QPushButton(t("Excel-bilag med ændringer siden versionen…"))
        for i, button in enumerate((self.save_version_button, self.open_version_button,
                                    self.compare_version_button, self.export_version_button)):  # fmt: skip
            buttons.addWidget(button, i // 2, i % 2)
        buttons.setColumnStretch(2, 1)
        layout.addLayout(buttons)
        self.save_version_button.clicked.connect(lambda: self._window_call("ask_and_save_version"))
        self.open_version_button.clicked.connect(lambda: self._version_call("open_version_readonly"))
        self.compare_version_button.clicked.connect(lambda: self._version_call("compare_version"))
        self.export_version_button.clicked.connect(lambda: self._version_call("export_with_changes"))

        self.person.activated.connect(lambda _i: self.apply_filters())
        self.since.dateChanged.connect(lambda _d: self.apply_filters())
        self.until.dateChanged.connect(lambda _d: self.apply_filters())
        self.view.selectionModel().selectionChanged.connect(lambda _a, _b: self._update_buttons())
        self.versions_view.selectionModel().selectionChanged.connect(lambda _a, _b: self._update_buttons())
        session.plan_changed.connect(self._changed)
        self._update_buttons()

    # --- reading ----------------------------------------------------------------------------------------

    def _changed(self, _changes: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the history and the versions again and show them with the filters as they are."""
        self._stale = False
        try:
            self.entries = self.session.file.history(operations_too=False)
        except PlanError as exc:  # a damaged history: the plan itself works on
            self.entries = []
            self.count.setText(error_text(exc))
        people = sorted({e.who for e in self.entries}, key=str.lower)
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(t("Alle"), ALL)
        for who in people:
            self.person.addItem(who, who)
        index = self.person.findData(current) if current else 0
        self.person.setCurrentIndex(max(index, 0))
        self.person.blockSignals(False)
        if self.entries:
            first = local_time(self.entries[0].at).date()
            last = max(local_time(self.entries[-1].at).date(), date.today())
            for edit in (self.since, self.until):
                edit.blockSignals(True)
                edit.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
            if self.since.property("set") is None:  # not chosen by the user: from the first entry
                self.since.setDate(self.since.minimumDate())
            if self.until.property("set") is None:
                self.until.setDate(self.until.maximumDate())
            for edit in (self.since, self.until):
                edit.blockSignals(False)
        self.apply_filters()
        versions = self.session.file.versions()
        self.versions = versions
        self.versions_model.set_rows([[v.name, shown_time(v.at), v.who] for v in reversed(versions)])
        self._update_buttons()

    def reset_filters(self) -> None:
        self.person.setCurrentIndex(0)
        for edit in (self.since, self.until):
            edit.setProperty("set", None)
        self.since.setDate(self.since.minimumDate())
        self.until.setDate(self.until.maximumDate())
        self.apply_filters()

    def set_filters(self, who: str | None = None, since: date | None = None, until: date | None = None) -> None:
        """Filter by a person (None: everyone) and between two dates, inclusive (what the controls do)."""
        self.person.setCurrentIndex(max(self.person.findData(who if who is not None else ALL), 0))
        if since is not None:
            self.since.setProperty("set", True)
            self.since.setDate(QDate(since.year, since.month, since.day))
        if until is not None:
            self.until.setProperty("set", True)
            self.until.setDate(QDate(until.year, until.month, until.day))
        self.apply_filters()

    def apply_filters(self) -> None:
        who = self.person.currentData() or None
        since: date = self.since.date().toPython()  # type: ignore[assignment]
        until: date = self.until.date().toPython()  # type: ignore[assignment]
        # Newest first: the last edits are what one looks for.
        self.shown = [e for e in reversed(self.entries) if (who is None or e.who == who)
                      and since <= local_time(e.at).date() <= until]  # fmt: skip
        self.model.set_rows([[shown_time(e.at), e.who, e.text[:1].upper() + e.text[1:]] for e in self.shown])
        self.count.setText(t("{n} af {alle} ændringer vist").format(n=len(self.shown), alle=len(self.entries)))
        self._update_buttons()

    # --- acting -----------------------------------------------------------------------------------------

    def selected_entry(self) -> history.Entry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def select_entry(self, seq: int) -> None:
        row = next((i for i, e in enumerate(self.shown) if e.seq == seq), None)
        if row is not None:
            self.view.selectRow(row)

    def restore_selected(self) -> bool:
        """"Gå tilbage hertil": one new undoable edit; False if nothing was chosen or the edit was refused."""
        entry = self.selected_entry()
        if entry is None or self.session.readonly:
            return False
        text = t("gå tilbage til «{hvad}» ({hvornår})").format(hvad=entry.text, hvornår=shown_time(entry.at))
        try:
            op = history.restore_operation(self.session.file, entry.seq, text)
        except PlanError as exc:
            self.count.setText(error_text(exc))
            return False
        return self.session.run(op, text) is not None

    def selected_version(self) -> str | None:
        rows = self.versions_view.selectionModel().selectedRows()
        return self.versions_model.rows[rows[0].row()][0] if rows else None

    def select_version(self, name: str) -> None:
        row = next((i for i, r in enumerate(self.versions_model.rows) if r[0] == name), None)
        if row is not None:
            self.versions_view.selectRow(row)

    def _window_call(self, name: str, *args: object) -> Any:
        from desktop.dialogs import versions

        return getattr(versions, name)(self.window(), *args)

    def _version_call(self, name: str) -> Any:
        version = self.selected_version()
        return self._window_call(name, version) if version is not None else None

    def _update_buttons(self) -> None:
        editable = not self.session.readonly
        self.restore_button.setEnabled(editable and self.selected_entry() is not None)
        chosen = self.selected_version() is not None
        self.save_version_button.setEnabled(editable)
        for button in (self.open_version_button, self.compare_version_button, self.export_version_button):
            button.setEnabled(chosen)

    def table_for(self, kind: str) -> None:
        return None

    def active_table(self) -> None:
        return None
