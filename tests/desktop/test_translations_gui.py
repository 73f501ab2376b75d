"""The GUI walked in English asks the gettext catalog for every text it shows: no text given to t() on any
page, menu or dialog is missing from the catalog (the extraction cannot see texts passed through variables;
this walk does)."""

from __future__ import annotations

import gettext

from desktop import i18n, menus
from planners.model.i18n import catalog
from tests.desktop.test_language import danish_left, menu_texts, user_strings, visible_texts


class _Recorder(gettext.NullTranslations):
    """The English catalog, noting every text the GUI asks it for."""

    def __init__(self, inner: gettext.NullTranslations) -> None:
        super().__init__()
        self.inner = inner
        self.asked: list[str] = []

    def gettext(self, message: str) -> str:
        self.asked.append(message)
        return self.inner.gettext(message)


def test_every_text_the_english_gui_asks_for_is_in_the_catalog(qtbot, window, plan_path) -> None:  # noqa: ANN001
    from desktop.mainwindow import MainWindow
    from planners.store.planfile import read_plan

    i18n.set_language("en")
    recorder = _Recorder(catalog("en"))
    i18n._CATALOG = recorder
    try:
        w = MainWindow()
        qtbot.addWidget(w)
        w.tell = lambda title, text: None  # type: ignore[method-assign]
        w.show()
        menu_texts(w)
        assert w.open_path(plan_path) and w.workspace is not None
        for key in w.workspace.pages:
            visible_texts(w.workspace.show_page(key))
        for opener in (menus.open_catalogs, menus.open_capacity, menus.open_help, menus.open_about):
            dialog = opener(w)
            visible_texts(dialog)
            dialog.close()
        w.close_plan()
    finally:
        i18n.set_language("da")
    english = catalog("en")
    assert len(set(recorder.asked)) > 300  # the walk reached the pages, menus and dialogs
    untranslated = sorted({text for text in recorder.asked if english.gettext(text) == text})
    # An English name handed back to t() (i18n.name) or the user's own text is no miss; Danish is.
    assert danish_left(untranslated, user_strings(read_plan(plan_path))) == []
