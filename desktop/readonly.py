"""What the status bar says about edits (issue 14 point 5): read-only mode visibly read-only, and no old refusal
left standing after a good edit.

`StatusKeeper(window, session)` is made by the main window for each plan it shows:
- A refusal ("Ikke gemt: …") shown in the status bar is cleared by the next edit that is stored: the bar kept
  an old error after a good save.
- A plan opened read-only looks it: the page's editors and tables are greyed (a palette, so the fonts and style
  sheets stay as they are) beside the yellow banner, and typing into a table or field says why in the status
  bar instead of being ignored silently.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)

from desktop.i18n import t
from desktop.session import PlanSession

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

GREY_BASE = QColor("#eeeeee")  # the background of a field or table that cannot be edited
GREY_TEXT = QColor("#505050")
MESSAGE_MS = 6000


def readonly_reason() -> str:
    return t("Planen er åbnet skrivebeskyttet: du kan se den, men ikke ændre den.")


def greyed(palette: QPalette) -> QPalette:
    """`palette` with the look of fields that cannot be edited."""
    # Named here: only a read-only plan is greyed, and the first touch of a Qt class builds its enums (≈ 1 ms).
    from PySide6.QtGui import QPalette

    grey = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        grey.setColor(group, QPalette.ColorRole.Base, GREY_BASE)
        grey.setColor(group, QPalette.ColorRole.AlternateBase, GREY_BASE.darker(104))
        grey.setColor(group, QPalette.ColorRole.Text, GREY_TEXT)
    return grey


def is_typing(event: QEvent) -> bool:
    """A key that would change a field or a cell: a character, Delete, Backspace or F2 (no shortcut keys)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    shortcut_modifiers, editing_keys = _keys()
    if event.modifiers() & shortcut_modifiers:
        return False
    return event.key() in editing_keys or (bool(event.text()) and event.text().isprintable())


@cache
def _keys() -> tuple[Qt.KeyboardModifier, frozenset[Qt.Key]]:
    """The modifiers of a shortcut and the keys that edit without a character (Delete, Backspace, F2). Named on the
    first key pressed in a read-only plan, not when the window is made: the first touch of `Qt` builds the enum
    classes of the whole namespace (≈ 20 ms, desktop.qtprops)."""
    from PySide6.QtCore import Qt

    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return modifiers, frozenset({Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_F2})


class StatusKeeper(QObject):
    """Clears an old refusal after a good edit; makes a read-only plan look and answer read-only."""

    def __init__(self, window: QMainWindow, session: PlanSession, pages: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.pages = pages  # the page column: what is greyed and watched
        self.refusal = ""  # the last refusal shown in the status bar
        session.refused.connect(self._refused)
        session.plan_changed.connect(self._stored)
        if session.readonly:
            pages.setPalette(greyed(pages.palette()))
            # Only while a read-only plan is shown: an application-wide filter sees the keys of the focus widget
            # first, wherever it sits (pages made later included).
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    def _refused(self, text: str) -> None:
        self.refusal = text

    def _stored(self, _changes: object = None) -> None:
        bar = self.window.statusBar()
        if self.refusal and bar.currentMessage() == self.refusal:
            bar.clearMessage()
        self.refusal = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not is_typing(event) or not isinstance(watched, QWidget) or not self.pages.isAncestorOf(watched):
            return False
        # Named here: only a read-only plan's keys come here (the class's enums are built at its first touch).
        from PySide6.QtWidgets import QAbstractSpinBox

        if isinstance(watched, (QAbstractItemView, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)):
            self.window.statusBar().showMessage(readonly_reason(), MESSAGE_MS)
            return isinstance(watched, QAbstractItemView)  # no search-by-typing that looks like an edit
        return False

    def detach(self) -> None:
        """The plan is no longer shown: stop listening (the window outlives the plan)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for signal, slot in ((self.session.refused, self._refused), (self.session.plan_changed, self._stored)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass  # already gone with the session
        self.deleteLater()
