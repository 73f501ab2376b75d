"""Never die silently: an unexpected exception becomes a Danish dialog, the traceback goes to a log file.

`install()` sets `sys.excepthook`. PySide6 calls it for an exception raised inside a slot, so the dialog
appears and the event loop goes on; every edit was already committed (one transaction each), so the plan
on disk stays intact. The log lives in the user's data folder (QStandardPaths.AppDataLocation).
"""

from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop.i18n import t

if TYPE_CHECKING:  # the hook is installed at start; the dialog's Qt classes are named only when it is shown
    from PySide6.QtWidgets import QMessageBox

LOG_NAME = "sundhedshus-fejl.log"
_showing = False  # an exception inside the dialog must not open another one


def log_path() -> Path:
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    base = Path(folder) if folder else Path.home() / ".sundhedshus"
    base.mkdir(parents=True, exist_ok=True)
    return base / LOG_NAME


def write_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    path = log_path()
    with path.open("a", encoding="utf-8") as out:
        out.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n")
        out.write("".join(traceback.format_exception(exc_type, exc, tb)))
    return path


def make_dialog(exc: BaseException, path: Path) -> QMessageBox:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(t("Uventet fejl"))
    box.setText(t("Der skete en uventet fejl i Sundhedshus. Planen er gemt, som den var før fejlen, "
                  "og du kan arbejde videre."))  # fmt: skip
    # No file-system path in the text a person reads (issue 14.3): a button opens the log's folder, and the
    # path stands with the traceback under "Vis detaljer…" for whoever helps.
    box.setInformativeText(
        t("Hvad skete der: {fejl}\n\nDetaljerne er skrevet i en logfil. Send gerne logfilen til den, der hjælper "
          "dig med programmet; knappen «Åbn mappen med logfilen» viser, hvor den ligger.").format(fejl=exc)
    )
    folder = box.addButton(t("Åbn mappen med logfilen"), QMessageBox.ButtonRole.ActionRole)
    folder.clicked.disconnect()  # an action button must not close the box before the folder opens
    folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.setDetailedText(t("Logfil: {sti}").format(sti=path) + "\n\n"
                        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return box


def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The excepthook: log, then show the dialog (once at a time)."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        path = write_log(exc_type, exc, tb)
    except OSError:
        path = Path("?")
    traceback.print_exception(exc_type, exc, tb)
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        make_dialog(exc, path).exec()
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = handle
