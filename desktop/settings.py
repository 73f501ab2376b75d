"""What the app remembers between runs (QSettings): the language, the zoom, the window's geometry.

The language is applied before the first window is built (`apply_saved_language`). Switching it while the
app runs (`switch_language`) builds a new main window in that language (every text, menu and page is made
again, including whatever other parts add to the window) and moves the open plan over: the plan is closed
(every edit is already stored) and opened again at the same page and scenario. The undo history does not
survive the switch.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop import i18n

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow

LANGUAGE_KEY = "language"
GEOMETRY_KEY = "geometry"
STATE_KEY = "windowState"
SETTINGS_ENV = "SUNDHEDSHUS_SETTINGS_DIR"  # a folder for QSettings instead of the user's (tests, bench)
FRAME_GUESS = 32  # px: a title bar, before the window manager has framed the window
_windows: list[QMainWindow] = []  # the windows made by a switch, kept alive (the app's run() holds the first)


def isolate_from_env() -> None:
    """With SETTINGS_ENV set (tests, benchmarks, the fuzzer): QSettings in that folder, never the user's — their
    temporary plans filled the user's list of recent plans."""
    folder = os.environ.get(SETTINGS_ENV)
    if folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def saved_language() -> str:
    value = str(QSettings().value(LANGUAGE_KEY, "da") or "da")
    return value if value in i18n.LANGUAGES else "da"


def apply_saved_language() -> str:
    language = saved_language()
    i18n.set_language(language)
    return language


def set_saved_language(language: str) -> None:
    QSettings().setValue(LANGUAGE_KEY, language)


def switch_language(window: MainWindow, language: str) -> MainWindow:
    """Use `language` from now on and return the new main window showing the same plan.

    The new window is of the old one's class: this module never imports the main window at run time (the
    window's menus import this module), so no import cycle."""
    set_saved_language(language)
    i18n.set_language(language)
    page = window.workspace.nav.currentRow() if window.workspace is not None else None
    save_geometry(window)
    # The open plan moves to the new window as it is: the same file and lock, the same scenario, and the
    # undo history (its steps keep the names they were given).
    session = window.detach_plan(show_start=False)
    new = type(window)()
    if session is not None:
        new.set_session(session, remember=False)
        if page is not None and new.workspace is not None:
            new.workspace.nav.setCurrentRow(page)
    new.show()
    window.hide()
    window.deleteLater()
    _windows[:] = [w for w in _windows if w is not window] + [new]
    return new


def save_geometry(window: QMainWindow) -> None:
    settings = QSettings()
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())


def restore_geometry(window: QMainWindow) -> bool:
    settings = QSettings()
    geometry = settings.value(GEOMETRY_KEY)
    if not isinstance(geometry, QByteArray) or geometry.isEmpty():
        return False
    window.restoreGeometry(geometry)
    state = settings.value(STATE_KEY)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    # Saved on a larger screen (the office's monitor), opened on the laptop: never past this screen's edge.
    fit_to_screen(window)
    return True


def fit_to_screen(window: QWidget, preferred: tuple[int, int] | None = None) -> None:
    """Size `window` to `preferred` (default: its size now), but never larger than its screen's work area
    (`availableGeometry`, without the task bar), and move it onto that area."""
    width, height = preferred if preferred is not None else (window.width(), window.height())
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    # The frame (title bar, borders) is the window manager's; before the first show it is unknown, so a
    # typical one is kept free.
    frame_w = max(window.frameGeometry().width() - window.width(), 0) if window.isVisible() else 0
    frame_h = max(window.frameGeometry().height() - window.height(), 0) if window.isVisible() else FRAME_GUESS
    width = min(width, room.width() - frame_w)
    height = min(height, room.height() - frame_h)
    window.resize(max(width, 1), max(height, 1))
    x = min(max(window.x(), room.left()), room.right() - width - frame_w + 1)
    y = min(max(window.y(), room.top()), room.bottom() - height - frame_h + 1)
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def user_data_dir() -> Path:
    """The user's data folder (QStandardPaths AppDataLocation): extra pool rounds and app-wide catalogs."""

    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def startup() -> None:
    """Before the first window: the remembered language, and the user's data folder for the reference data
    (`<data>/rounds/*.json`, `<data>/catalogs/*.json`, read in addition to / instead of the bundled files)."""
    from planners import reference

    apply_saved_language()
    reference.set_user_data_dir(user_data_dir())


AUTHOR_KEY = "author"


def author_name() -> str:
    """Who the plan's history names for this user's edits (issue 18.1): the name set in "Indstillinger…", else the
    login name."""
    from planners.store.history import login_name

    value = QSettings().value(AUTHOR_KEY, "")
    return str(value).strip() if isinstance(value, str) and value.strip() else login_name()


def set_author_name(name: str) -> None:
    """Remember the name ("" goes back to the login name)."""
    QSettings().setValue(AUTHOR_KEY, name.strip())
