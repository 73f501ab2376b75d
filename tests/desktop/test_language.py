"""English: the catalog merged from every en*.json, names of codes, the live switch, and no Danish left on any
page, menu, header or dialog in English mode (user data such as plan titles and tenant names allowed)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QListWidget,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from desktop import i18n, menus, settings
from planners.model import CostCategory, TenantKind

DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")
DANISH_WORDS = re.compile(r"\b(og|af|ikke|til|med|eller|skal|pr|Lejer|Lejere|Udstyr|Tilskud|Husleje|Rumprogram|"
                          r"Anlæg|Drift|Tjek|Oversigt|Fejl|Advarsler|Gem|Luk|Fortryd|Slet|Tilføj|Flyt|Scenarie|"
                          r"Bruttoareal|Kommune|Ansøger|Beløb|Antal|Navn|Rum|Kilde|Hjælp|Sprog|Vis|Filer|"
                          r"Rediger|Værktøjer|Nøgletal|Fælles|Ledig|Behandlere)\b")


@pytest.fixture
def english():  # noqa: ANN201
    i18n.set_language("en")
    yield
    i18n.set_language("da")


def user_strings(plan) -> list[str]:  # noqa: ANN001
    """Every text the user typed into the plan (allowed to be Danish in English mode)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            if len(value) > 1:
                out.append(value)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                if f.name != "catalogs":
                    walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(plan)
    from planners import reference

    out += [m.name for m in reference.municipalities().values()] + reference.regions()
    # Place names in the templates' titles: the words the Danish and English titles share.
    for _name, da, en in reference.template_titles():
        out += [w.strip("(),") for w in en.split() if w in da.split() and len(w) > 2]
    return sorted(set(out), key=len, reverse=True)


def visible_texts(root: QWidget) -> list[str]:
    """The texts of the visible widgets under `root`, the headers of its views, its tree items."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if w.toolTip():
            texts.append(w.toolTip())
        if isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QTreeWidget):
            texts += [w.headerItem().text(c) for c in range(w.columnCount())]
            for i in range(w.topLevelItemCount()):
                group = w.topLevelItem(i)
                texts.append(group.text(0))
                texts += [group.child(j).text(c) for j in range(group.childCount()) for c in (0, 1)]
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(c, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        texts.append(value)
    return texts


def menu_texts(window) -> list[str]:  # noqa: ANN001
    texts = []
    for action in window.menuBar().actions():
        texts.append(action.text())
        menu = action.menu()
        if isinstance(menu, QMenu):
            for sub in menu.actions():
                texts.append(sub.text())
                if isinstance(sub.menu(), QMenu):
                    texts += [a.text() for a in sub.menu().actions()]
    return texts


def danish_left(texts: list[str], allowed: list[str]) -> list[str]:
    bad = []
    for text in texts:
        rest = text
        for user in allowed:
            rest = rest.replace(user, "")
        rest = rest.replace("kr.", "").replace("Dansk", "")  # Danish number notation; the language's own name
        if DANISH_LETTERS.search(rest) or DANISH_WORDS.search(rest):
            bad.append(text)
    return bad


def test_catalog_merges_every_english_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    (tmp_path / "en.json").write_text(json.dumps({"Lejer": "Tenant", "_comment": "x"}), encoding="utf-8")
    (tmp_path / "en_workshop.json").write_text(json.dumps({"Workshop-tilstand": "Workshop mode"}),
                                               encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert i18n.load_catalog("en") == {"Lejer": "Tenant", "Workshop-tilstand": "Workshop mode"}
    assert i18n.load_catalog("da") == {}


def test_names_of_codes_follow_the_language(english, opened) -> None:  # noqa: ANN001
    assert i18n.name(CostCategory.CONSTRUCTION) == "Construction"
    assert i18n.COST_CATEGORIES[CostCategory.CONTINGENCY] == "Contingency"
    catalogs = opened.session.plan.catalogs
    assert i18n.tenant_kind_name(catalogs, TenantKind.GP_PRACTICE) == catalogs.tenant_kinds[TenantKind.GP_PRACTICE].name_en
    i18n.set_language("da")
    assert i18n.name(CostCategory.CONSTRUCTION) == "Byggeri"
    assert i18n.tenant_kind_name(catalogs, TenantKind.GP_PRACTICE) == catalogs.tenant_kinds[TenantKind.GP_PRACTICE].name_da


def test_live_switch_keeps_the_plan_page_and_is_remembered(qtbot, opened, plan_path) -> None:  # noqa: ANN001
    from planners.store.operations import SetPlanFields

    session = opened.session
    assert session.run(SetPlanFields({"title": "Før skiftet"}), "ændr titel") is not None
    opened.workspace.show_page("running")
    row = opened.workspace.nav.currentRow()
    new = menus.change_language(opened, "en")
    qtbot.addWidget(new)
    try:
        assert new is not opened
        assert new.session is session  # the same open plan: file, lock and undo history
        assert new.session.file.path == plan_path
        assert new.workspace.nav.currentRow() == row
        assert new.session.undo_stack.canUndo()
        new.session.undo_stack.undo()
        assert new.session.plan.title == "Sundhedshus Aabenraa"
        assert new.windowTitle().startswith("Sundhedshus Aabenraa —")
        assert new.workspace.nav.item(0).text() == "Overview"
        assert QSettings().value("language") == "en"
        assert settings.saved_language() == "en"
        assert new.language_actions["en"].isChecked()
    finally:
        new.close_plan()
        i18n.set_language("da")


def test_english_mode_leaves_no_danish_on_any_page_menu_or_dialog(qtbot, english, window, plan_path) -> None:  # noqa: ANN001
    from desktop.mainwindow import MainWindow
    from planners.store.planfile import read_plan

    w = MainWindow()
    qtbot.addWidget(w)
    w.tell = lambda title, text: None  # type: ignore[method-assign]
    w.show()
    try:
        allowed = user_strings(read_plan(plan_path))
        start_bad = danish_left(visible_texts(w.start) + menu_texts(w), allowed)
        assert start_bad == []
        assert w.open_path(plan_path)
        bad: dict[str, list[str]] = {}
        for key in w.workspace.pages:
            page = w.workspace.show_page(key)
            found = danish_left(visible_texts(page) + visible_texts(w.workspace.panel), allowed)
            if found:
                bad[key] = found
        for opener in (menus.open_catalogs, menus.open_capacity, menus.open_help, menus.open_about):
            dialog = opener(w)
            found = danish_left(visible_texts(dialog), allowed)
            dialog.close()
            if found:
                bad[opener.__name__] = found
        assert danish_left(menu_texts(w), allowed) == []
        assert bad == {}
    finally:
        w.close_plan()


def test_qt_own_texts_follow_the_language(qapp) -> None:  # noqa: ANN001
    """The file dialog and message-box buttons are Qt's own texts: qtbase_da.qm must be loaded."""
    from PySide6.QtCore import QCoreApplication

    i18n.set_language("da")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"
        i18n.set_language("en")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        i18n.set_language("da")
