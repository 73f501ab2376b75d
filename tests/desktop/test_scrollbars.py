"""Issue 19.2, edit → panel: a table's scroll bars repaint from a copy while they look the same
(`desktop.scrollbars.CopiedScrollBar`): what is on the screen is exactly what Qt's own painting gives.

- In the window, after lines added and deleted, an undo, scrolling down, to the end and sideways, the window's
  pixels with the copies equal its pixels painted as Qt paints every bar (and the copies were used).
- The key that decides "looks the same" is enough: over many ranges, values and sizes, two bars with the same key
  paint the same pixels (and bars of different ranges do share keys: 601 rows where 600 were).
- Hovered, held or below a style sheet, a bar is painted as Qt paints it."""

from __future__ import annotations

import random
from typing import Any, cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QStyle, QTableView

from desktop.scrollbars import CopiedScrollBar


def _as_qt_paints(window: Any, monkeypatch: pytest.MonkeyPatch) -> QImage:
    with monkeypatch.context() as m:
        m.setattr(CopiedScrollBar, "look", lambda self: None)
        return window.grab().toImage()


def test_the_window_shows_what_qt_paints(opened: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = opened
    window.resize(1366, 768)
    table = window.workspace.show_page("rooms").tables[0]
    qtbot.wait(1)
    bars = [table.verticalScrollBar(), table.horizontalScrollBar()]
    assert all(isinstance(bar, CopiedScrollBar) for bar in bars)

    def scroll(bar: Any, where: int) -> None:
        bar.setValue(where)

    steps = [
        lambda: (table.select_rows([1]), table.add_row()),
        lambda: (table.select_rows([2]), table.add_row()),
        lambda: (table.select_rows([0]), table.delete_rows()),
        lambda: window.session.undo_stack.undo(),
        lambda: scroll(bars[0], bars[0].maximum() // 2),
        lambda: scroll(bars[0], bars[0].maximum()),
        lambda: scroll(bars[1], bars[1].maximum()),
        lambda: scroll(bars[1], 0),
        lambda: scroll(bars[0], 0),
    ]
    for step in steps:
        step()
        qtbot.wait(1)
        copied = window.grab().toImage()
        assert [bar._copy is not None for bar in bars if bar.isVisible()] == [True] * sum(b.isVisible() for b in bars)
        assert copied == _as_qt_paints(window, monkeypatch)


def _painted(bar: CopiedScrollBar) -> tuple[tuple[object, ...], QImage]:
    found = bar.look()
    assert found is not None
    key, opt = found
    image = QImage(bar.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor.fromRgba(cast(int, key[0])))
    painter = QPainter(image)
    bar.style().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, opt, painter, bar)
    painter.end()
    return key, image


def test_bars_that_look_the_same_paint_the_same(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    view = QTableView()
    model = QStandardItemModel(600, 12)
    view.setModel(model)
    view.setVerticalScrollBar(CopiedScrollBar(Qt.Orientation.Vertical, view))
    view.setHorizontalScrollBar(CopiedScrollBar(Qt.Orientation.Horizontal, view))
    window.setCentralWidget(view)
    window.resize(700, 500)
    window.show()
    qtbot.waitExposed(window)
    rng = random.Random(19)
    seen: dict[tuple[object, ...], tuple[QImage, tuple[int, int, int]]] = {}
    merged = 0
    for _ in range(300):
        bar = cast(CopiedScrollBar, view.verticalScrollBar() if rng.random() < 0.7 else view.horizontalScrollBar())
        bar.setRange(0, rng.choice([0, 1, 2, 50, 576, 577, 578, 5000]))
        bar.setPageStep(rng.choice([1, 10, 24, 25]))
        bar.setValue(rng.choice([0, 1, bar.maximum() // 2, bar.maximum() - 1, bar.maximum()]))
        key, image = _painted(bar)
        numbers = (bar.maximum(), bar.pageStep(), bar.value())
        if key in seen:
            assert image == seen[key][0], (numbers, seen[key][1])
            merged += seen[key][1] != numbers
        else:
            seen[key] = (image, numbers)
    assert merged, "no two ranges shared a key: the test would not test the merging"


def test_a_hovered_held_or_style_sheeted_bar_is_painted_as_qt_paints(opened: Any, qtbot: Any) -> None:
    table = opened.workspace.show_page("rooms").tables[0]
    qtbot.wait(1)
    bar = table.verticalScrollBar()
    assert bar.look() is not None
    bar.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    assert bar.look() is None
    bar.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    bar.setSliderDown(True)
    assert bar.look() is None
    bar.setSliderDown(False)
    table.setStyleSheet("QTableView { background: #eef }")  # what is painted beneath the bar: not known
    assert bar.look() is None
