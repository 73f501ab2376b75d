"""Named versions in the GUI (issue 18.2): "Gem version…" (a name and a date: "Sendt til ministeriet
20-03-2019"), a version opened read-only in a window of its own (so it can be exported — annex, report, JSON — as
it was), compared with now, or named in an annex's sheet "Ændringer siden version …". And "Indstillinger…": the
name the history gives this user's edits.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import settings
from desktop.i18n import error_text, t
from planners.model.errors import PlanError
from planners.model.safetext import file_stem

if TYPE_CHECKING:
    from desktop.dialogs.diff import DiffDialog
    from desktop.export import ExportJob
    from desktop.mainwindow import MainWindow
    from desktop.session import PlanSession

_TEMP: list[tempfile.TemporaryDirectory] = []  # the read-only copies of versions, removed when the app ends


def version_name(name: str, day: date) -> str:
    """The name a version is kept under: the words and the date, Danish style ("Sendt … 20-03-2019")."""
    return f"{name.strip()} {day.strftime('%d-%m-%Y')}"


class SaveVersionDialog(QDialog):
    """A name and a date for "Gem version…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Gem version"))
        layout = QVBoxLayout(self)
        text = QLabel(t("En version markerer planen, som den er nu, fx før den sendes. Den kan senere åbnes, "
                        "eksporteres og sammenlignes med planen, som den er da."))  # fmt: skip
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(t("fx Sendt til ministeriet"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        form.addRow(t("Navn:"), self.name)
        form.addRow(t("Dato:"), self.day)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Gem version"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Annullér"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))

    def chosen(self) -> str:
        day = self.day.date().toPython()
        assert isinstance(day, date)
        return version_name(self.name.text(), day)


def save_version(session: PlanSession, name: str) -> str | None:
    """Save the plan as it is now as version `name`; the Danish reason where it cannot be (None when saved)."""
    try:
        session.file.save_version(name)
    except PlanError as exc:
        return error_text(exc)
    return None


def ask_and_save_version(window: MainWindow) -> str | None:
    """File → "Gem version…": the dialog, then the version saved; its name (None if nothing was saved)."""
    session = window.session
    if session is None or session.readonly:
        return None
    dialog = SaveVersionDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = dialog.chosen()
    problem = save_version(session, name)
    if problem is not None:
        window.tell(t("Versionen kan ikke gemmes"), problem)
        return None
    window.statusBar().showMessage(t("Version «{navn}» er gemt").format(navn=name), 6000)
    refresh_history_page(window)
    return name


def refresh_history_page(window: MainWindow) -> None:
    page = window.workspace.pages.get("history") if window.workspace is not None else None
    if page is not None:
        page.refresh()  # type: ignore[attr-defined]


def open_version_readonly(window: MainWindow, name: str) -> MainWindow | None:
    """The version as it was, in a window of its own, read-only (the app's read-only mode): a copy made in a
    temporary folder, so its menus export it (annex, report, JSON) as it was."""
    from desktop.session import PlanSession
    from planners.store.planfile import PlanFile, create_plan_file

    session = window.session
    if session is None:
        return None
    try:
        plan = session.file.version_plan(name)
        folder = tempfile.TemporaryDirectory(prefix="sundhedshus-version-")
        _TEMP.append(folder)
        stem = t("{plan} – version {navn}").format(plan=session.file.path.stem, navn=name)
        path = Path(folder.name) / (file_stem(stem) + ".sundhedshus")
        create_plan_file(path, plan).close()
        plan_file = PlanFile.open(path, readonly=True)
    except PlanError as exc:
        window.tell(t("Versionen kan ikke åbnes"), error_text(exc))
        return None
    other = type(window)()  # the window's own class: this module never imports the main window
    other.set_session(PlanSession(plan_file), remember=False)
    # Its exports are offered beside the plan, never in the temporary folder that goes when the app ends.
    folder_of_plan = session.file.path.parent
    in_temp = other.exporter.default_path

    def beside_plan(kind: str, session: PlanSession) -> Path:
        return folder_of_plan / in_temp(kind, session).name

    other.exporter.default_path = beside_plan  # type: ignore[method-assign]
    other.show()
    window.version_windows = [*getattr(window, "version_windows", []), other]
    return other


def compare_version(window: MainWindow, name: str) -> DiffDialog | None:
    """The version against the plan as it is now (its lines paired by row id: it is this plan, earlier)."""
    from desktop.dialogs.diff import DiffDialog

    session = window.session
    if session is None:
        return None
    try:
        old = session.file.version_plan(name)
    except PlanError as exc:
        window.tell(t("Versionen kan ikke åbnes"), error_text(exc))
        return None
    dialog = DiffDialog(old, session.plan, True, t("Ændringer siden version «{navn}»").format(navn=name),
                        t("Hvad der er tilføjet, fjernet og ændret, fra versionen blev gemt, til planen som den er nu."),
                        window)  # fmt: skip
    dialog.show()
    window.diff_dialog = dialog
    return dialog


def export_with_changes(window: MainWindow, name: str, target: Path | None = None) -> ExportJob | None:
    """The Excel annex of the plan as it is now, with the sheet "Ændringer siden version «name»"."""
    from planners.exports.annex.changes import ChangesSince
    from planners.history.diff import diff_plans

    session = window.session
    if session is None:
        return None
    try:
        old = session.file.version_plan(name)
    except PlanError as exc:
        window.tell(t("Versionen kan ikke åbnes"), error_text(exc))
        return None
    version = next(v for v in session.file.versions() if v.name == name)
    changes = ChangesSince(version.name, version.at, version.who, diff_plans(old, session.plan, by_row_id=True))
    return window.exporter.export("annex", session, target, changes_since=changes)


class PreferencesDialog(QDialog):
    """Edit → "Indstillinger…": the name the plan's history gives this user's edits."""

    def __init__(self, session: PlanSession | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(t("Indstillinger"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.author = QLineEdit(settings.author_name())
        self.author.setToolTip(t("Står ud for dine ændringer i planens historik. Tomt: dit brugernavn på computeren."))
        form.addRow(t("Dit navn i historikken:"), self.author)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Gem"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Annullér"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        settings.set_author_name(self.author.text())
        if self.session is not None:
            self.session.file.author = settings.author_name()
        self.accept()
