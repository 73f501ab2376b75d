"""The export menu: the Excel annex, the PDF report, the one-page handout, an offer letter to a tenant and the
plan as JSON, written off the GUI thread.

The engine needs only the plan, so the worker gets a deep copy of it (a snapshot: editing on while it writes
changes nothing in the file being written). The work runs in `QThreadPool`; a progress dialog shows when it
takes more than a moment; the result comes back by a queued signal. A refused target (read-only, open in an
office suite: `TargetRefused`) or any other error is told in Danish; success offers "Åbn filen" /
"Åbn mappen" (`QDesktopServices.openUrl`). `Exporter.choose_path` and `Exporter.offer_open` are the hooks tests
replace (no modal loop offscreen).

Cancel (issue 20.6): the progress dialog's "Annullér", and closing the window while an export runs (after a
question), stop the worker at once: `ExportCancelled` is raised in the worker thread at its next Python step
(`PyThreadState_SetAsyncExc`), the writers' `atomic_target` removes its temporary file, and the old file (if
any) stays as it was. A cancel that comes after the file was put in place changes nothing: the export is done.
Closing waits for the cancelled workers, so no job outlives its window (no signal from a deleted object).
"""

from __future__ import annotations

import copy
import ctypes
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.exportkinds import KINDS
from desktop.i18n import error_text, lang, t
from desktop.signals import emit
from planners.model import Plan
from planners.model.errors import PlanError
from planners.model.safetext import file_stem

if TYPE_CHECKING:
    from desktop.session import PlanSession
    from planners.exports.annex.changes import ChangesSince

SHOW_PROGRESS_AFTER_MS = 400


class ExportCancelled(BaseException):  # noqa: N818 (not an error)
    """Raised in a worker thread to stop its export. A BaseException: no writer's `except Exception` eats it."""


def write_export(kind: str, plan: Plan, scenario: str, target: Path, language: str, tenant: str = "",
                 changes_since: ChangesSince | None = None) -> None:
    """Write one export (called in the worker thread; raises what the writers raise); `tenant` is the offer
    letter's tenant id; `changes_since`: the annex gets the sheet "Ændringer siden version …" (issue 18.3)."""
    if kind == "annex":
        from planners.exports.annex.workbook import write_annex

        write_annex(plan, target, scenario, changes_since=changes_since)
    elif kind == "compare_annex":
        from planners.exports.annex.workbook import write_annex

        write_annex(plan, target, scenario, compare=True)
    elif kind == "compare_report":
        from planners.exports.report.document import write_report

        write_report(plan, target, scenario, lang=language, compare=True)
    elif kind == "report":
        from planners.exports.report.document import write_report

        write_report(plan, target, scenario, lang=language)
    elif kind == "handout":
        from planners.exports.report.handout import write_handout

        write_handout(plan, target, scenario, lang=language)
    elif kind == "offer":
        from planners.exports.report.offer import write_offer

        write_offer(plan, tenant, target, scenario, lang=language)
    elif kind == "json":
        from planners.interchange.plan_json import dump_json
        from planners.store.safewrite import write_text_atomically

        write_text_atomically(target, dump_json(plan))
    else:
        raise ValueError(f"unknown export {kind!r}")


CANCELLED = "cancelled"  # the `finished` signal's error for a cancelled export (never shown)


class _Signals(QObject):
    done = Signal(str)  # the path written
    failed = Signal(str)  # the Danish reason
    cancelled = Signal()


class ExportJob(QRunnable):
    def __init__(self, kind: str, plan: Plan, scenario: str, target: Path, language: str, tenant: str = "",
                 changes_since: ChangesSince | None = None) -> None:  # fmt: skip
        super().__init__()
        self.kind, self.plan, self.scenario, self.target, self.language = kind, plan, scenario, target, language
        self.tenant, self.changes_since = tenant, changes_since
        self.signals = _Signals()
        self.cancelled = False
        self._lock = threading.Lock()  # orders a cancel against the end of the writing
        self._thread: int | None = None  # the worker thread while it writes
        self._writing_over = False

    def run(self) -> None:
        with self._lock:
            self._thread = threading.get_ident()
        outcome: tuple[str, str] = ("done", str(self.target))
        try:
            try:
                if self.cancelled:
                    raise ExportCancelled
                write_export(self.kind, self.plan, self.scenario, self.target, self.language, self.tenant,
                             self.changes_since)
            finally:
                with self._lock:
                    self._writing_over = True
                    _set_async(self._thread, None)  # a cancel that came too late is dropped, not left pending
        except ExportCancelled:
            outcome = ("cancelled", "")
        except PlanError as exc:
            outcome = ("failed", error_text(exc, self.language))
        except OSError as exc:
            outcome = ("failed", t("Filen kan ikke skrives: {grund}").format(grund=exc.strerror or exc))
        except Exception as exc:  # noqa: BLE001 - any failure of a writer is told, never lost in the thread
            outcome = ("failed", t("Eksporten mislykkedes: {grund}").format(grund=exc))
        try:
            if outcome[0] == "done":
                emit(self.signals.done, outcome[1])
            elif outcome[0] == "cancelled":
                emit(self.signals.cancelled)
            else:
                emit(self.signals.failed, outcome[1])
        except RuntimeError:  # the window is gone: nobody waits for the answer
            pass

    def cancel(self) -> None:
        """Stop the export: before it starts, or in the middle of writing (the old file stays)."""
        with self._lock:
            self.cancelled = True
            if self._thread is not None and not self._writing_over:
                _set_async(self._thread, ExportCancelled)


def _set_async(thread: int | None, exc: type[BaseException] | None) -> None:
    """Raise `exc` in the Python thread `thread` at its next step (None: clear what is pending)."""
    if thread is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)


class Exporter(QObject):
    """Runs the exports of one window; `finished(path, error)` after each ('' error on success)."""

    finished = Signal(str, str)

    def __init__(self, window: QWidget, tell: Callable[[str, str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.tell = tell
        self.pool = QThreadPool.globalInstance()
        self.running: list[ExportJob] = []  # kept alive until their signal has come back
        self.progress: QProgressDialog | None = None
        self.scenario_note = ""  # " — scenarie «Nybyg»" in the file dialog's title

    def default_path(self, kind: str, session: PlanSession) -> Path:
        plan_path: Path = session.file.path
        suffix = KINDS[kind][2]
        stem = plan_path.stem
        if kind == "annex":
            stem += t(" - bilag")
        elif kind == "report":
            stem += t(" - rapport")
        elif kind == "handout":
            stem += t(" - uddeling")
        elif kind == "offer":
            stem += t(" - lejetilbud")
        elif kind in ("compare_annex", "compare_report"):
            stem += t(" - sammenligning")
        if kind not in ("json", "compare_annex", "compare_report") and len(session.plan.scenarios) > 1:
            stem += f" ({session.scenario.name})"  # the annex and report are of the scenario on screen
        # A scenario named "Fase 1/2" must not become a folder in the name (issue 20.9).
        return plan_path.with_name(file_stem(stem) + suffix)

    def choose_path(self, kind: str, start: Path) -> Path | None:
        title = t("Eksportér {hvad}").format(hvad=t(KINDS[kind][0]).rstrip("…")) + self.scenario_note
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(start), t(KINDS[kind][1]))
        if not path:
            return None
        return Path(path if path.lower().endswith(KINDS[kind][2]) else path + KINDS[kind][2])

    def choose_tenant(self, session: PlanSession) -> str | None:
        """The tenant an offer letter is for (its id), asked by name; None when cancelled or there is none."""
        from PySide6.QtWidgets import QInputDialog

        tenants = session.scenario.tenants
        if not tenants:
            self.tell(t("Lejetilbud"), t("Scenariet har ingen lejere."))
            return None
        names = [x.name for x in tenants]
        name, ok = QInputDialog.getItem(self.window, t("Lejetilbud"), t("Hvilken lejer er tilbuddet til?"), names,
                                        0, False)
        return tenants[names.index(name)].id if ok and name in names else None

    def export(self, kind: str, session: PlanSession | None, target: Path | None = None,
               changes_since: ChangesSince | None = None) -> ExportJob | None:
        """Ask for the file (unless given) and start writing it in the thread pool; `changes_since` adds the
        annex's sheet "Ændringer siden version …"."""
        if session is None:
            return None
        if kind in ("compare_annex", "compare_report") and len(session.plan.scenarios) < 2:
            self.tell(t("Sammenligning"), t("Planen har kun ét scenarie. Opret et scenarie mere (siden Scenarier) "
                                             "for at sammenligne."))
            return None
        # Say which scenario the annex or report is of, and warn when it is not the one applied for.
        self.scenario_note = ""
        if kind != "json":
            applied = session.plan.applied_scenario
            self.scenario_note = t(" — scenarie «{navn}»").format(navn=session.scenario.name)
            if applied and applied != session.scenario.name:
                self.scenario_note += t(" (ikke det, der søges for)")
        tenant = ""
        if kind == "offer":
            chosen = self.choose_tenant(session)
            if chosen is None:
                return None
            tenant = chosen
        if target is None:
            start = self.default_path(kind, session)
            if tenant:
                name = next((x.name for x in session.scenario.tenants if x.id == tenant), tenant)
                start = start.with_name(file_stem(f"{start.stem} - {name}") + start.suffix)
            target = self.choose_path(kind, start)
            if target is None:
                return None
        job = ExportJob(kind, copy.deepcopy(session.plan), session.scenario.name, Path(target), lang(), tenant,
                        changes_since)
        job.setAutoDelete(False)
        job.signals.done.connect(lambda path, j=job: self._done(j, path, ""), Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(lambda reason, j=job: self._done(j, str(j.target), reason),
                                   Qt.ConnectionType.QueuedConnection)  # fmt: skip
        job.signals.cancelled.connect(lambda j=job: self._done(j, str(j.target), CANCELLED),
                                      Qt.ConnectionType.QueuedConnection)  # fmt: skip
        self.running.append(job)
        self._show_progress(kind)
        self.pool.start(job)
        return job

    def _show_progress(self, kind: str) -> None:
        if self.progress is None:
            self.progress = QProgressDialog(t(KINDS[kind][3]), t("Annullér"), 0, 0, self.window)
            self.progress.canceled.connect(self.cancel_all)
            self.progress.setWindowTitle(t("Eksport"))
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress.setLabelText(t(KINDS[kind][3]))
        self.progress.setValue(0)

    def _done(self, job: ExportJob, path: str, error: str) -> None:
        if job in self.running:
            self.running.remove(job)
        if not self.running and self.progress is not None:
            self.progress.reset()
            self.progress.hide()
        if error == CANCELLED:
            pass  # the user asked for it; the old file (if any) is as it was
        elif error:
            self.tell(t("Eksporten mislykkedes"), error)
        else:
            self.offer_open(Path(path))
        emit(self.finished, path, error)

    def cancel_all(self) -> None:
        """Cancel every running export (the progress dialog's button)."""
        for job in list(self.running):
            job.cancel()

    def confirm_close(self, ask: Callable[[str, str], bool]) -> bool:
        """Closing the window: with an export running, ask; yes cancels it and waits for the worker to stop
        (moments: it is interrupted, not waited for), no keeps the window open."""
        if not self.running:
            return True
        if not ask(t("Eksporten er ikke færdig"),
                   t("En eksport er i gang. Vil du annullere den og lukke? Filen bliver ikke ændret.")):
            return False
        jobs = list(self.running)
        for job in jobs:
            # Nobody will read the answers: the window closes. Disconnected first, so no queued call reaches a
            # deleted object; the jobs are kept until the pool is done with them.
            for signal in (job.signals.done, job.signals.failed, job.signals.cancelled):
                signal.disconnect()
            job.cancel()
        self.pool.waitForDone()
        self.running.clear()
        if self.progress is not None:
            self.progress.reset()
            self.progress.hide()
        return True

    def offer_open(self, path: Path) -> None:
        """The message at the end: open the file, its folder, or just close."""
        box = QMessageBox(self.window)
        box.setWindowTitle(t("Eksporten er færdig"))
        box.setText(t("Filen er gemt:\n{sti}").format(sti=path))
        open_file = box.addButton(t("Åbn filen"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(t("Åbn mappen"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(t("Luk"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_file:
            open_path(path)
        elif box.clickedButton() is open_folder:
            open_path(path.parent)

    def wait(self) -> None:
        self.pool.waitForDone()


def open_path(path: Path) -> bool:
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
