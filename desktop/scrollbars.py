"""A table's scroll bar that repaints from a copy of its last painting while it looks the same (issue 19.2).

Qt lays a table out again whenever its rows change (a line added, deleted, an undo): `QAbstractScrollArea` then
raises both scroll bars' containers, which repaints both bars whole — ≈ 1 ms for the vertical bar of a rooms table
in the Fusion style, 0,3 ms for the horizontal one, on every add and delete, though neither looks any different.
`CopiedScrollBar` paints as `QScrollBar.paintEvent` does, into an image, and blits the image; the next paint that
would draw the same blits the same image. "The same" is everything the style draws from: the size, state, palette,
style, direction, the parts' rectangles (where the slider stands and how long it is, not the range's numbers, so
601 rows where 600 were give the same bar), and whether the value is at either end (the style may grey an arrow).
Fusion draws the bar's edge beside the table half transparent: the image starts as the colour the window paints
beneath the bar (the background of the nearest widget above it that fills its background), so blitting it gives
exactly what painting in place gives. A bar under the mouse or held (hover and press highlights), on a screen
scaled by a fraction, or below a style sheet or a background that is not one colour, is painted as Qt paints it.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QScrollBar, QStyle, QStyleOptionSlider, QWidget

_PARTS = (QStyle.SubControl.SC_ScrollBarSlider, QStyle.SubControl.SC_ScrollBarAddPage,
          QStyle.SubControl.SC_ScrollBarSubPage, QStyle.SubControl.SC_ScrollBarAddLine,
          QStyle.SubControl.SC_ScrollBarSubLine, QStyle.SubControl.SC_ScrollBarGroove)  # fmt: skip
_BAR = QStyle.ComplexControl.CC_ScrollBar
_ALL = QStyle.SubControl.SC_All
_NONE = QStyle.SubControl.SC_None


class CopiedScrollBar(QScrollBar):
    """`QScrollBar`, painted from a copy while it looks the same (see the module)."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._copy: tuple[tuple[object, ...], QImage] | None = None

    def look(self) -> tuple[tuple[object, ...], QStyleOptionSlider] | None:
        """What the bar's painting depends on, and the option it is painted with; None where it is painted as Qt
        paints it (under the mouse, held, a fractional scale)."""
        if self.underMouse() or self.isSliderDown() or QWidget.mouseGrabber() is self \
                or self.devicePixelRatioF() != 1.0:
            return None
        beneath = _beneath(self)
        if beneath is None:
            return None
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        opt.subControls = _ALL
        opt.activeSubControls = _NONE  # nothing hovered or pressed (checked above)
        style = self.style()
        at_min, at_max = opt.sliderValue == opt.minimum, opt.sliderValue == opt.maximum
        key = (beneath, id(style), opt.palette.cacheKey(), opt.rect.width(), opt.rect.height(), int(opt.state.value),
               opt.orientation, opt.direction, opt.upsideDown, at_min, at_max, opt.minimum == opt.maximum,
               *(style.subControlRect(_BAR, opt, part, self).getRect() for part in _PARTS))  # fmt: skip
        return key, opt

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        found = self.look()
        if found is None:
            self._copy = None
            super().paintEvent(event)
            return
        key, opt = found
        if self._copy is None or self._copy[0] != key:
            image = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor.fromRgba(cast(int, key[0])))  # what the window paints beneath the bar (`_beneath`)
            painter = QPainter(image)
            self.style().drawComplexControl(_BAR, opt, painter, self)
            painter.end()
            self._copy = (key, image)
        painter = QPainter(self)
        painter.drawImage(0, 0, self._copy[1])
        painter.end()


def _beneath(bar: QWidget) -> int | None:
    """The colour (as RGBA) the window paints beneath `bar` before painting it: the background of the nearest widget
    above it that fills its background (a window always does), if it is one opaque colour and no style sheet
    paints there; else None."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.styleSheet():
        return None
    widget = bar.parentWidget()
    while widget is not None:
        if widget.styleSheet() or widget.testAttribute(Qt.WidgetAttribute.WA_StyledBackground):
            return None
        if widget.autoFillBackground() or widget.isWindow():
            brush = widget.palette().brush(widget.backgroundRole())
            if brush.style() != Qt.BrushStyle.SolidPattern or brush.color().alpha() != 255:
                return None
            return brush.color().rgba()
        widget = widget.parentWidget()
    return None
