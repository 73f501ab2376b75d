"""Zoom for projectors: Ctrl++ / Ctrl+- / Ctrl+0 scale the whole window.

The application font is scaled (every widget without a font of its own follows and re-lays out); the few
style sheets that set a font size in pt (headings, the navigation) are scaled from their original text, and
the tables' row heights follow the font, so nothing is clipped. The factor is remembered in QSettings.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5)
KEY = "zoom"
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")
_base_point_size: float | None = None
UNLIMITED = 16777215  # QWIDGETSIZE_MAX


def factor() -> float:
    try:
        value = float(QSettings().value(KEY, 1.0))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = 1.0
    return value if STEPS[0] <= value <= STEPS[-1] else 1.0


def _base_font_size() -> float:
    global _base_point_size
    if _base_point_size is None:
        app = QApplication.instance()
        size = app.font().pointSizeF() if isinstance(app, QApplication) else 10.0
        _base_point_size = size if size > 0 else 10.0
    return _base_point_size


def _scaled_sheet(sheet: str, f: float) -> str:
    return _FONT_SIZE.sub(lambda m: f"font-size: {Decimal(m.group(1)) * Decimal(str(f)):.1f}pt", sheet)


def apply(window: QWidget, f: float | None = None) -> float:
    """Scale `window` (and the application font) to `f` (default: the remembered factor)."""
    f = factor() if f is None else f
    app = QApplication.instance()
    if isinstance(app, QApplication):
        font = app.font()
        font.setPointSizeF(_base_font_size() * f)
        app.setFont(font)
        # Qt hands the new font to the widgets through posted events: until they are delivered a table would fit
        # its columns to the old font and cut its amounts ("4.50…") at the next step.
        QCoreApplication.sendPostedEvents()
    window.setProperty("zoomFactor", float(f))  # a page made later (on first show) is scaled by it
    for widget in [window, *window.findChildren(QWidget)]:
        scale_widget(widget, f)
    window.updateGeometry()
    if window.isWindow():
        # Never grow past the screen: a projector's screen is often small.
        from desktop.settings import fit_to_screen

        fit_to_screen(window)
    return f


def scale_widget(widget: QWidget, f: float) -> None:
    """One widget: its pt font sizes in its style sheet, its fixed/min/max width, a table's rows and columns."""
    base = widget.property("zoomBaseSheet")
    sheet = widget.styleSheet()
    if base is None and "font-size" in sheet:
        widget.setProperty("zoomBaseSheet", sheet)
        base = sheet
    if base:
        widget.setStyleSheet(_scaled_sheet(str(base), f))
    elif sheet:
        # A widget with a style sheet does not follow the application's font by itself.
        widget.setFont(QApplication.font())
    if widget.isWindow():
        # A window's minimum is its layout's (Qt sets it from the content); scaling it as if it were a fixed
        # width grew the window past the screen at every zoom step.
        return _scale_view(widget)
    limits = widget.property("zoomBaseWidths")
    if limits is None:
        limits = [widget.minimumWidth(), widget.maximumWidth()]
        widget.setProperty("zoomBaseWidths", limits)
    low, high = (int(x) for x in limits)
    if low > 0:
        widget.setMinimumWidth(int(low * f))
    if high < UNLIMITED:
        widget.setMaximumWidth(int(high * f))
    _scale_view(widget)


def fit_view(view: QTableView) -> None:
    """A table's row heights and columns fitted to its font as it is now (after a zoom or workshop mode)."""
    _scale_view(view)


def _scale_view(widget: QWidget) -> None:
    if isinstance(widget, QTableView):
        height = widget.fontMetrics().height()
        widget.verticalHeader().setDefaultSectionSize(max(24, int(height * 1.6)))
        fit = getattr(widget, "fit_columns", None)
        if callable(fit):
            fit()
        elif widget.model() is not None:
            widget.resizeColumnsToContents()
    if isinstance(widget, QAbstractItemView):
        widget.doItemsLayout()


def step(window: QWidget, direction: int) -> float:
    """One step up (+1), down (-1) or back to 100 % (0); remembered."""
    current = factor()
    if direction == 0:
        new = 1.0
    else:
        nearest = min(range(len(STEPS)), key=lambda i: abs(STEPS[i] - current))
        new = STEPS[max(0, min(len(STEPS) - 1, nearest + direction))]
    QSettings().setValue(KEY, new)
    return apply(window, new)
