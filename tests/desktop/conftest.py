"""Fixtures of the GUI tests: an isolated settings/data folder, a plan file made from a template, the window.

Dialogs are answered through the window's `ask`/`tell`/`choose_*` hooks (no modal loop offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QLineEdit, QTableView

from desktop.app import make_application
from planners.interchange.plan_json import load_json
from planners.reference import template_path
from planners.store.planfile import create_plan_file


@pytest.fixture(scope="session")
def qapp_cls():  # noqa: ANN201 (pytest-qt: use our QApplication set-up, names for QSettings)
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, qapp) -> None:  # noqa: ANN001
    """QSettings and the data folder (crash log) inside the test's own folder, never the user's."""
    make_application()
    QStandardPaths.setTestModeEnabled(True)
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()


def make_plan(folder: Path, template: str = "large", name: str = "plan.sundhedshus") -> Path:
    path = folder / name
    create_plan_file(path, load_json(template_path(template))).close()
    return path


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return make_plan(tmp_path)


class Answers:
    """What the test answers to the window's questions, and what the window told the user."""

    def __init__(self) -> None:
        self.ask = True
        self.asked: list[str] = []
        self.told: list[str] = []


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def window(qtbot, answers: Answers):  # noqa: ANN001, ANN201
    from desktop.mainwindow import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)

    def ask(title: str, text: str) -> bool:
        answers.asked.append(text)
        return answers.ask

    w.ask = ask  # type: ignore[method-assign]
    w.tell = lambda title, text: answers.told.append(text)  # type: ignore[method-assign]
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close_plan()
    if w.property("zoomFactor") not in (None, 1.0):
        # the zoom sets the application's font: the tests after this one start at 100 % (a test left 125 % and
        # the comparison's fit test after it failed, depending on the order the files ran in)
        from desktop import zoom

        zoom.apply(w, 1.0)


@pytest.fixture
def opened(window, plan_path: Path):  # noqa: ANN001, ANN201
    assert window.open_path(plan_path)
    return window


def column(model, field: str) -> int:  # noqa: ANN001
    return next(i for i, c in enumerate(model.columns) if c.field == field)


def edit_cell(qtbot, view: QTableView, row: int, col: int, text: str) -> None:  # noqa: ANN001
    """Type `text` into a cell through the view's real delegate and press Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    index = view.model().index(row, col)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.findChild(QLineEdit)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
