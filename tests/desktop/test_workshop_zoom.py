"""Issue 15.3: at the largest zoom almost everything scrolled in workshop mode. Workshop mode caps the zoom at what
the screen holds while it lasts (100 % on a 1280×720 or 1024×768 projector, 150 % on 1920×1080), says so in the
status bar, and gives the user's zoom back on leaving."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractScrollArea

from desktop import zoom
from tests.desktop.conftest import make_plan


@pytest.mark.parametrize(("width", "height", "cap"), [(1280, 720, 1.0), (1024, 768, 1.0), (1920, 1080, 1.5),
                                                       (1366, 768, 1.0), (2560, 1440, 2.0)])
def test_the_cap_follows_the_screen(window, monkeypatch, width: int, height: int, cap: float) -> None:  # noqa: ANN001
    monkeypatch.setattr(window.workshop, "screen_width", lambda: width)
    monkeypatch.setattr(window.workshop, "screen_height", lambda: height)
    # by hand: the largest zoom step not above min(width / 1280, height / 720), at least 100 %
    assert window.workshop.zoom_cap() == cap


def test_largest_zoom_is_capped_in_workshop_mode_and_given_back(window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(window.workshop, "screen_width", lambda: 1280)
    monkeypatch.setattr(window.workshop, "screen_height", lambda: 720)
    # offscreen, full screen is the platform's 800 px screen: the projector's 1280×720 by hand
    monkeypatch.setattr(window, "showFullScreen", lambda: None)
    assert window.open_path(make_plan(tmp_path, "large"))
    zoom.apply(window, 2.5)
    desk_font = window.workspace.font().pointSizeF()
    window.workshop.action.trigger()
    try:
        assert window.property("zoomFactor") == 1.0
        message = window.statusBar().currentMessage()
        assert "250 %" in message and "100 %" in message and "1280 × 720" in message
        # the workshop's type is 1,4 × the desk's at 100 %, not at 250 %
        assert window.workspace.font().pointSizeF() < desk_font
        window.resize(1280, 720)
        panel = window.workshop.panel
        panel.tabs.setCurrentIndex(1)
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        sideways = [a for a in window.findChildren(QAbstractScrollArea)
                    if a.isVisible() and a.horizontalScrollBar().isVisible() and a.horizontalScrollBar().maximum() > 0]
        assert sideways == [], [(a.objectName(), type(a.parent()).__name__, a.horizontalScrollBar().maximum()) for a in sideways]
    finally:
        window.workshop.action.trigger()
    assert window.property("zoomFactor") == 2.5
    assert window.workspace.font().pointSizeF() == pytest.approx(desk_font)
    assert window.statusBar().currentMessage() == ""


def test_a_zoom_the_screen_holds_is_kept(window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(window.workshop, "screen_width", lambda: 1920)
    monkeypatch.setattr(window.workshop, "screen_height", lambda: 1080)
    assert window.open_path(make_plan(tmp_path, "example"))
    zoom.apply(window, 1.25)
    window.workshop.action.trigger()
    assert window.property("zoomFactor") == 1.25 and window.statusBar().currentMessage() == ""
    window.workshop.action.trigger()
    assert window.property("zoomFactor") == 1.25
