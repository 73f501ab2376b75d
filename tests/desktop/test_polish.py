"""Polish: zoom, shortcuts, help (F1) with the round's rules and sources, tooltips on every column and field,
the About box, the first-run hint, the remembered geometry, and the user's own pool rounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop import menus, zoom
from desktop.dialogs.help import OVERVIEW_HELP, rules_html
from planners import reference


@pytest.fixture
def unzoomed(window):  # noqa: ANN001, ANN201
    yield window
    zoom.apply(window, 1.0)
    QSettings().setValue(zoom.KEY, 1.0)


def test_zoom_scales_the_whole_window_and_is_remembered(opened, unzoomed) -> None:  # noqa: ANN001
    base = QApplication.font().pointSizeF()
    nav = opened.workspace.nav.width()
    opened.act_zoom_in.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
    assert opened.workspace.nav.width() == int(nav * 1.1)
    assert float(QSettings().value("zoom")) == pytest.approx(1.1)
    opened.act_zoom_in.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.25)
    table = opened.workspace.pages["rooms"].tables[0]
    assert table.verticalHeader().defaultSectionSize() >= table.fontMetrics().height()
    opened.act_zoom_reset.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    assert opened.workspace.nav.width() == nav


def test_standard_shortcuts(window) -> None:  # noqa: ANN001
    def keys(action) -> set[str]:  # noqa: ANN001
        return {s.toString() for s in action.shortcuts()}

    assert "Ctrl+N" in keys(window.act_new)
    assert "Ctrl+O" in keys(window.act_open)
    assert "Ctrl+Z" in keys(window.act_undo)
    assert "Ctrl+Y" in keys(window.act_redo)
    assert "Ctrl+Shift+S" in keys(window.act_copy)
    assert QKeySequence(QKeySequence.StandardKey.Delete).toString() in keys(window.act_del)
    assert "F1" in keys(window.act_help)
    assert "Ctrl+0" in keys(window.act_zoom_reset)


def test_help_shows_the_plans_round_with_sources(opened) -> None:  # noqa: ANN001
    dialog = menus.open_help(opened)
    r = reference.pool_rounds()[opened.session.plan.pool_round]
    text = dialog.rules.toPlainText()
    assert r.name_da in text
    # The citation of each source (in Danish without the data's English note after the colon).
    for source in (r.total_source, r.deadline_source):
        assert source.split(": ")[0] in text
    assert "Kilde" in text
    dialog.close()


def test_every_column_and_field_has_a_tooltip(opened) -> None:  # noqa: ANN001
    for key in ("tenants", "rooms", "equipment", "establishment", "running"):
        page = opened.workspace.pages[key]
        for table in page.tables:
            model = table.model()
            for c in range(model.columnCount()):
                if model.columns[c].field is None:
                    continue
                tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                assert tip, (key, model.columns[c].header)
    overview = opened.workspace.pages["overview"]
    for attr in OVERVIEW_HELP:
        assert getattr(overview, attr).toolTip(), attr
    statements = opened.workspace.pages["running"].statements.model()
    assert all(statements.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
               for c in range(statements.columnCount()))  # fmt: skip


def test_about_box_names_version_and_licences(window) -> None:  # noqa: ANN001
    from planners import __version__

    dialog = menus.open_about(window)
    text = dialog.text.text()
    assert __version__ in text
    for name in ("PySide6", "LGPL", "matplotlib", "openpyxl", "sqlite-utils"):
        assert name in text
    dialog.close()


def test_first_run_hint_until_a_plan_was_opened(window, plan_path) -> None:  # noqa: ANN001
    assert window.start.first_run.isVisible()
    window.open_path(plan_path)
    window.close_plan()
    assert not window.start.first_run.isVisible()


def test_geometry_is_remembered(qtbot, window) -> None:  # noqa: ANN001
    from desktop.mainwindow import MainWindow

    window.resize(700, 500)
    window.close()
    assert QSettings().value("geometry") is not None
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_a_round_in_the_users_data_folder_is_added(tmp_path: Path) -> None:
    doc = json.loads((reference.resources_dir() / "rounds" / "2019.json").read_text(encoding="utf-8"))
    doc["code"], doc["name_da"] = "2031", "Puljen 2031"
    (tmp_path / "rounds").mkdir()
    (tmp_path / "rounds" / "2031.json").write_text(json.dumps(doc), encoding="utf-8")
    try:
        reference.set_user_data_dir(tmp_path)
        assert list(reference.pool_rounds()) == ["2018", "2019", "2031"]
        assert "Puljen 2031" in rules_html("2031")
    finally:
        reference.set_user_data_dir(None)
    assert "2031" not in reference.pool_rounds()


def test_danish_help_cites_sources_without_english_notes(qapp) -> None:  # noqa: ANN001
    """The data's source notes are English; the Danish help shows the citations only."""
    import html
    import re

    from desktop.dialogs.help import rules_html

    for code in ("2018", "2019"):
        text = html.unescape(re.sub(r"<[^>]+>", " ", rules_html(code)))
        for english in ("FACTS.md", "DESIGN", " the ", " was not found", "municipalities and regions"):
            assert english not in text, (code, english)
        assert "sum.dk" in text
