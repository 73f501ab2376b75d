"""The menus and settings the complete app adds to the main window (issue 8), kept out of mainwindow.py.

`install(window)` adds: File → Eksportér (Excel annex, PDF report, JSON); Edit → copy, paste, paste as new
rows (and Ctrl+Y for redo); Plan → catalogs and rates, suggest a room programme; View → zoom and language;
Help → help (F1) and About. It also restores the window's geometry and zoom (the window saves them on close).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from desktop import i18n, settings, zoom
from desktop.exportkinds import KINDS
from desktop.i18n import t
from desktop.qtprops import set_enum_property, set_shortcut

if TYPE_CHECKING:  # annotations only: the dialogs and exports load on first use, and the window imports this module
    from PySide6.QtWidgets import QDialog  # its type and enum are made when the preferences dialog opens

    from desktop.dialogs.about import AboutDialog
    from desktop.dialogs.capacity import CapacityDialog
    from desktop.dialogs.catalogs import CatalogsDialog
    from desktop.dialogs.help import HelpDialog
    from desktop.dialogs.reduced import ReducedGrantDialog
    from desktop.export import ExportJob
    from desktop.mainwindow import MainWindow
    from desktop.pages.table import LineTable


Shortcut = QKeySequence | QKeySequence.StandardKey | str
"""One key sequence, a platform's standard key, or the text of a sequence ("Ctrl+E")."""


def _action(
    window: QMainWindow, text: str, slot: Callable[[], object], shortcut: Shortcut | list[Shortcut] | None = None
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            # A platform's standard key may equal one of ours ("Ctrl++" on Linux): Qt then calls the shortcut
            # ambiguous and does nothing, so each sequence is given once.
            sequences: dict[str, QKeySequence] = {}
            for s in shortcut:
                for seq in QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]:
                    sequences.setdefault(seq.toString(), seq)
            action.setShortcuts(list(sequences.values()))
        else:
            set_shortcut(action, shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def _menu_named(window: QMainWindow, text: str) -> QMenu | None:
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text() == text:
            return action.menu()  # type: ignore[return-value]
    return None


def install(window: MainWindow) -> None:
    bar = window.menuBar()

    # --- File → Eksportér ----------------------------------------------------------------------------
    file_menu = _menu_named(window, t("&Filer"))
    export_menu = QMenu(t("&Eksportér"), window)
    window.export_actions = {}
    for kind, (text, _filter, _suffix, _progress) in KINDS.items():
        action = _action(window, t(text), partial(export, window, kind))
        export_menu.addAction(action)
        window.export_actions[kind] = action
    window.act_export_annex = window.export_actions["annex"]
    set_shortcut(window.act_export_annex, "Ctrl+E")
    if file_menu is not None:
        file_menu.insertMenu(window.act_close, export_menu)
        file_menu.insertSeparator(window.act_close)
    else:
        bar.addMenu(export_menu)
    window.export_menu = export_menu
    _install_history(window, file_menu)

    # --- Edit: copy and paste, Ctrl+Y ----------------------------------------------------------------
    window.act_redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
    edit_menu = _menu_named(window, t("&Rediger"))
    window.act_copy_rows = _action(window, t("Kopiér rækker"), lambda: copy_rows(window), QKeySequence.StandardKey.Copy)
    window.act_copy_cells = _action(window, t("Kopiér cellerne i kolonnen"), lambda: copy_cells(window),
                                    "Ctrl+Shift+C")  # fmt: skip
    window.act_paste = _action(window, t("Indsæt over de valgte rækker"), lambda: paste_rows(window, False),
                               QKeySequence.StandardKey.Paste)  # fmt: skip
    window.act_paste_new = _action(window, t("Indsæt som nye rækker"), lambda: paste_rows(window, True),
                                   "Ctrl+Shift+V")  # fmt: skip
    for action in (window.act_copy_rows, window.act_copy_cells, window.act_paste, window.act_paste_new):
        # Only while a table has the focus: a text field's own Ctrl+C/Ctrl+V must keep working.
        set_enum_property(action, "shortcutContext", "WindowShortcut")  # not Qt at start (desktop.qtprops)
    if edit_menu is not None:
        edit_menu.addSeparator()
        edit_menu.addActions([window.act_copy_rows, window.act_copy_cells, window.act_paste, window.act_paste_new])

    # --- Plan -------------------------------------------------------------------------------------------
    plan_menu = bar.addMenu(t("&Plan"))
    window.act_catalogs = _action(window, t("Kataloger og satser…"), lambda: open_catalogs(window))
    window.act_capacity = _action(window, t("Foreslå rumprogram…"), lambda: open_capacity(window))
    window.act_reduced_grant = _action(window, t("Tilskuddet blev mindre…"), lambda: open_reduced_grant(window))
    plan_menu.addActions([window.act_catalogs, window.act_capacity, window.act_reduced_grant])

    # --- View: zoom and language ----------------------------------------------------------------------
    view_menu = bar.addMenu(t("&Vis"))
    window.act_zoom_in = _action(window, t("Zoom ind"), lambda: zoom.step(window, 1),
                                 [QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"])  # fmt: skip
    window.act_zoom_out = _action(window, t("Zoom ud"), lambda: zoom.step(window, -1),
                                  [QKeySequence.StandardKey.ZoomOut, "Ctrl+-"])  # fmt: skip
    window.act_zoom_reset = _action(window, t("Normal størrelse"), lambda: zoom.step(window, 0), "Ctrl+0")
    view_menu.addActions([window.act_zoom_in, window.act_zoom_out, window.act_zoom_reset])
    view_menu.addSeparator()
    # The key figures can be put away on a small screen (they go under the page by themselves when narrow).
    window.act_show_figures = _action(window, t("Vis nøgletal"), lambda: _show_figures(window), "F9")
    window.act_show_figures.setCheckable(True)
    window.act_show_figures.setChecked(True)
    view_menu.addAction(window.act_show_figures)
    view_menu.addSeparator()
    language_menu = view_menu.addMenu(t("Sprog"))
    group = QActionGroup(window)
    window.language_actions = {}
    for code, label in (("da", "Dansk"), ("en", "English")):
        action = QAction(label, window, checkable=True)
        action.setChecked(i18n.lang() == code)
        action.triggered.connect(lambda _c=False, c=code: change_language(window, c))
        group.addAction(action)
        language_menu.addAction(action)
        window.language_actions[code] = action

    # --- Help -------------------------------------------------------------------------------------------
    help_menu = bar.addMenu(t("&Hjælp"))
    window.act_help = _action(window, t("Hjælp og puljens regler"), lambda: open_help(window),
                              QKeySequence.StandardKey.HelpContents)  # fmt: skip
    window.act_about = _action(window, t("Om Sundhedshus"), lambda: open_about(window))
    help_menu.addActions([window.act_help, window.act_about])

    window.stack.currentChanged.connect(lambda _i: _after_page_change(window))
    # The geometry is saved by the window's closeEvent (an event filter in Python would see every event of the window).
    settings.restore_geometry(window)
    _after_page_change(window)


def _install_history(window: MainWindow, file_menu: QMenu | None) -> None:
    """File → "Gem version…", "Sammenlign med…", "Flet en kopi ind…"; Edit → "Indstillinger…" (issue 18)."""
    # The dialogs (and the history's diff and merge, with difflib) load when first chosen, not at the start.
    def save_version() -> None:
        from desktop.dialogs import versions

        versions.ask_and_save_version(window)

    def compare_with_file() -> None:
        from desktop.dialogs import diff

        diff.compare_with_file(window)

    def merge_copy_in() -> None:
        from desktop.dialogs import merge

        merge.merge_copy_in(window)

    window.act_save_version = _action(window, t("Gem &version…"), save_version)
    window.act_compare_file = _action(window, t("Sa&mmenlign med…"), compare_with_file)
    window.act_merge = _action(window, t("&Flet en kopi ind…"), merge_copy_in)
    window.act_preferences = _action(window, t("Indstillinger…"), lambda: open_preferences(window))
    if file_menu is not None:
        for action in (window.act_save_version, window.act_compare_file, window.act_merge):
            file_menu.insertAction(window.act_close, action)
        file_menu.insertSeparator(window.act_close)
    edit_menu = _menu_named(window, t("&Rediger"))
    if edit_menu is not None:
        edit_menu.addSeparator()
        edit_menu.addAction(window.act_preferences)


def open_preferences(window: MainWindow) -> QDialog:
    from desktop.dialogs.versions import PreferencesDialog

    dialog = PreferencesDialog(window.session, window)
    dialog.show()
    window.preferences_dialog = dialog
    return dialog


def _show_figures(window: MainWindow) -> None:
    if window.workspace is not None:
        window.workspace.set_panel_shown(window.act_show_figures.isChecked())


def _after_page_change(window: MainWindow) -> None:
    """A plan opened or closed: enable what needs a plan, and scale the new widgets to the zoom."""
    open_ = window.session is not None
    editable = window.session is not None and not window.session.readonly
    for action in window.export_actions.values():
        action.setEnabled(open_)
    window.act_copy_rows.setEnabled(open_)
    window.act_copy_cells.setEnabled(open_)
    window.act_paste.setEnabled(editable)
    window.act_save_version.setEnabled(editable)
    window.act_compare_file.setEnabled(open_)
    window.act_merge.setEnabled(editable)
    window.act_paste_new.setEnabled(editable)
    window.act_catalogs.setEnabled(open_)
    window.act_capacity.setEnabled(editable)
    window.act_reduced_grant.setEnabled(editable)
    window.act_show_figures.setEnabled(open_)
    if window.workspace is not None:
        window.workspace.set_panel_shown(window.act_show_figures.isChecked())
    if window.workspace is not None and "overview" in window.workspace.pages:
        from desktop.overview_help import apply_overview_tooltips

        apply_overview_tooltips(window.workspace.pages["overview"])
    if zoom.factor() != 1.0 or window.property("zoomed"):
        window.setProperty("zoomed", True)
        zoom.apply(window)


# --- what the actions do ------------------------------------------------------------------------------


def export(window: MainWindow, kind: str) -> ExportJob | None:
    return window.exporter.export(kind, window.session)


def active_table(window: MainWindow) -> LineTable | None:
    if window.workspace is None:
        return None
    page = window.workspace.current_page()
    return page.active_table() if hasattr(page, "active_table") else None


def copy_rows(window: MainWindow) -> str:
    table = active_table(window)
    if table is None:
        window.statusBar().showMessage(t("Vælg en tabel først"), 4000)
        return ""
    from desktop import paste  # with the table models: loaded by the first copy or paste, not at the start

    text = paste.copy_text(table.line_model, table.selected_rows())
    QGuiApplication.clipboard().setText(text)
    return text


def copy_cells(window: MainWindow) -> str:
    """The current column of the selected rows (pastes into that column only: issue 15.6)."""
    table = active_table(window)
    if table is None or not table.currentIndex().isValid():
        window.statusBar().showMessage(t("Vælg en celle først"), 4000)
        return ""
    from desktop import paste  # with the table models: loaded by the first copy or paste, not at the start

    text = paste.copy_cells(table.line_model, table.selected_rows(), [table.currentIndex().column()])
    QGuiApplication.clipboard().setText(text)
    return text


def paste_rows(window: MainWindow, as_new: bool, text: str | None = None) -> bool:
    """Paste the clipboard (or `text`) into the active table as ONE undo step; bad rows are told, nothing done."""
    table = active_table(window)
    if table is None or window.session is None or window.session.readonly:
        window.statusBar().showMessage(t("Vælg en tabel først"), 4000)
        return False
    if text is None:
        text = QGuiApplication.clipboard().text()
    rows = table.selected_rows()
    current = table.currentIndex()
    if as_new:
        first_row = rows[-1] + 1 if rows else table.model().rowCount()
    else:
        first_row = rows[0] if rows else max(current.row(), 0)
    first_col = max(current.column(), 0) if current.isValid() else 0
    model = table.line_model
    from desktop import paste  # with the table models: loaded by the first copy or paste, not at the start

    result = paste.plan_paste(model, text, first_row, first_col, as_new, rows, paste.copied_for(text))
    if result.op is None:
        window.tell(t("Kan ikke indsætte"), t("Intet er ændret. Ret disse rækker og prøv igen:\n\n")
                    + "\n".join(result.problems))  # fmt: skip
        return False
    changes = window.session.run(result.op, t("indsæt {n} rækker").format(n=result.rows))
    if changes is None:
        return False
    inserted = [i for k, i in changes.inserted if k == model.kind]
    if inserted:
        table.select_row_ids(inserted)
    return True


def change_language(window: MainWindow, language: str) -> MainWindow:
    if language == i18n.lang():
        return window
    return settings.switch_language(window, language)


def open_catalogs(window: MainWindow) -> CatalogsDialog | None:
    if window.session is None:
        return None
    from desktop.dialogs.catalogs import CatalogsDialog

    dialog = CatalogsDialog(window.session, window)
    dialog.show()
    window.catalogs_dialog = dialog
    return dialog


def open_capacity(window: MainWindow) -> CapacityDialog | None:
    if window.session is None:
        return None
    from desktop.dialogs.capacity import CapacityDialog

    dialog = CapacityDialog(window.session, window)
    dialog.show()
    window.capacity_dialog = dialog
    return dialog


def open_reduced_grant(window: MainWindow) -> ReducedGrantDialog | None:
    """Plan → "Tilskuddet blev mindre…" (issue 16.7): the revised scenario is added when the dialog is accepted, and
    what it did is told."""
    if window.session is None:
        return None
    from desktop.dialogs.reduced import ReducedGrantDialog

    dialog = ReducedGrantDialog(window.session, window)
    dialog.accepted.connect(lambda: window.tell(t("Tilskuddet blev mindre"), dialog.summary))
    dialog.show()
    window.reduced_dialog = dialog
    return dialog


def open_help(window: MainWindow) -> HelpDialog:
    from desktop.dialogs.help import HelpDialog

    dialog = HelpDialog(window.session, window)
    dialog.show()
    window.help_dialog = dialog
    return dialog


def open_about(window: MainWindow) -> AboutDialog:
    from desktop.dialogs.about import AboutDialog

    dialog = AboutDialog(window)
    dialog.show()
    window.about_dialog = dialog
    return dialog


def app_font_size() -> float:
    app = QApplication.instance()
    return app.font().pointSizeF() if isinstance(app, QApplication) else 0.0
