"""The charts of `planners.exports.charts` on screen (issue 9, point 3): one `ChartView` per chart, and the charts page.

A `ChartView` owns one matplotlib `Figure` and its Qt canvas, made on first show: matplotlib is imported then and
not before (start-up must stay free of it). Its data comes from a `source` callable (the session's figures, a
comparison, the what-if figures), asked only when the chart is drawn.

Redrawing follows an edit without flicker and without slowing the edit down:
- `invalidate()` only marks the chart stale; a visible chart schedules its redraw on a zero-timer, so the figures
  panel (updated synchronously by `plan_changed`) is painted first and the chart follows;
- a chart not visible is not drawn at all: it redraws when it is shown (`showEvent`);
- a redraw clears and refills the SAME figure and renders it off-screen (Agg) before the canvas repaints once:
  the old picture stays until the new one replaces it, so nothing flickers.
Each chart can be saved as PNG or SVG ("Gem diagram som…").
"""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QMargins, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionTab,
    QStylePainter,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import t
from desktop.session import PlanSession
from planners.exports.drawlock import DRAW_LOCK
from planners.model.i18n import N_

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from matplotlib.figure import Figure
    from matplotlib.layout_engine import LayoutEngine

NORMAL_FONT = 11.0  # chart text in points on a desk screen
WORKSHOP_FONT = 15.0  # and on a projector (workshop mode)

# The Danish tab titles of the charts of `planners.exports.charts.CHARTS` and `COMPARE_CHARTS`, by key.
CHART_TITLES: dict[str, str] = {
    "area_by_tenant": "Areal pr. lejer",
    "establishment_by_category": "Anlæg pr. kategori",
    "financing_sources": "Finansiering",
    "annual_cost_by_tenant": "Årlig udgift pr. lejer",
    "spending_by_year": "Udgifter pr. år",
    "rent_with_without_grant": "Husleje med og uden tilskud",
    "cost_vs_current_rent": "Ny udgift mod nuværende husleje",
    "compare_key_figure_differences": "Forskelle i nøgletal",
    "compare_tenant_differences": "Forskel pr. lejer",
    "compare_key_figures": "Nøgletal",
    "compare_rent": "Husleje pr. m²",
    "compare_tenant_totals": "Lejernes udgift",
}
# Where the full titles do not fit as tabs (a projector's 1024 px beside the what-if dock): shorter ones, the full
# one in the tab's tooltip.
SHORT_TITLES: dict[str, str] = {
    "area_by_tenant": N_("Areal"),
    "establishment_by_category": N_("Anlæg"),
    "financing_sources": N_("Finansiering"),
    "annual_cost_by_tenant": N_("Årlig udgift"),
    "spending_by_year": N_("Pr. år"),
    "rent_with_without_grant": N_("Tilskud"),
    "cost_vs_current_rent": N_("Mod i dag"),
    "compare_key_figure_differences": N_("Forskelle"),
    "compare_tenant_differences": N_("Pr. lejer"),
    "compare_key_figures": N_("Nøgletal"),
    "compare_rent": N_("Leje pr. m²"),
    "compare_tenant_totals": N_("Lejerne"),
}
SAVE_FILTER = "PNG-billede (*.png);;SVG-tegning (*.svg)"


def language() -> str:
    """The language charts are drawn in: "en" where the GUI shows English, else "da".

    `desktop.i18n` gains a language setting with the English catalog (issue 8); until it has one, Danish."""
    for name in ("lang", "language", "current_language"):
        found = getattr(i18n, name, None)
        if callable(found):
            value = found()
            return "en" if str(value).lower().startswith("en") else "da"
        if isinstance(found, str):
            return "en" if found.lower().startswith("en") else "da"
    return "da"


def chart_function(key: str) -> Callable[..., Any]:
    """The drawing function of a chart key (a scenario chart or a comparison chart)."""
    from planners.exports import charts

    for k, fn in (*charts.CHARTS, *charts.COMPARE_DIFFERENCE_CHARTS, *charts.COMPARE_CHARTS):
        if k == key:
            return fn
    raise KeyError(key)


def scenario_chart_keys() -> list[str]:
    """The keys of the scenario charts, in the report's order (without importing matplotlib)."""
    return [k for k in CHART_TITLES if not k.startswith("compare_")]


def compare_chart_keys() -> list[str]:
    return [k for k in CHART_TITLES if k.startswith("compare_")]


# --- drawing off the GUI thread (issue 15.5) -------------------------------------------------------------------
#
# A chart of the large plan takes 100–250 ms of CPU to draw, and a loaded machine stretches that two- or
# three-fold: too long for a room waiting on a tab. So the GUI thread never waits for matplotlib: a chart is
# drawn with Agg on ONE worker thread (matplotlib's figures are not shared between threads: each job makes its
# own figure; the lock keeps our drawing to one thread at a time) into an RGBA image the view then paints. The
# other charts of a page are drawn ahead while the app is idle and kept in a cache by (chart, data, size, font,
# language), so a tab shown later appears at once; and matplotlib is imported in the background a few seconds
# after a plan opens — never on the start-up path.

# the process's one matplotlib lock: an export drawing the report's charts on its own thread takes it too
_DRAW_LOCK = DRAW_LOCK
# a chart drawn ahead at a guessed small size may not fit its text; it is drawn again when shown
warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
_EXECUTOR: ThreadPoolExecutor | None = None
PRELOAD_DELAY_MS = 2500  # after a plan opens: start-up is long over, the user has not reached the charts yet
IDLE_MS = 600  # quiet time after an edit before the hidden charts are drawn ahead
_preloaded = threading.Event()


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        # imported here, not at start: nothing of it is needed before the first chart
        from concurrent.futures import ThreadPoolExecutor


        _EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")
    return _EXECUTOR


def _preload() -> None:
    """Import what a chart needs and draw a small one, so fonts and text layout are loaded (worker thread)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    import planners.exports.charts  # noqa: F401 (imported for its cost)

    with _DRAW_LOCK:
        figure = Figure(figsize=(2, 1), dpi=50)
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        ax.set_title("Æøå 1.234", fontweight="bold")
        ax.barh([0, 1], [1.0, 2.0], label="x")
        ax.text(0.5, 0.5, "1.234 kr.")
        figure.canvas.draw()
    _preloaded.set()


def preload_later(owner: QObject) -> None:
    """Import matplotlib in the background PRELOAD_DELAY_MS after now (once per process)."""
    if _preloaded.is_set() or "matplotlib.figure" in sys.modules:
        return
    QTimer.singleShot(PRELOAD_DELAY_MS, owner, lambda: _executor().submit(_preload))


@dataclass(frozen=True)
class _Job:
    """What one picture is drawn from: the chart, its data (an immutable figures object), size and style."""

    key: str
    data: object
    width: int  # device pixels
    height: int
    ratio: float  # device pixel ratio
    font: float
    lang: str
    # Set (GUI thread) when the picture is no longer wanted: its data changed, or a chart asked for on screen
    # waits behind it. The drawing then stops at its next checkpoint instead of holding the one worker.
    cancel: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)

    def same(self, other: _Job | None) -> bool:
        return other is not None and other.data is self.data and (self.key, self.width, self.height, self.ratio,
                                                                   self.font, self.lang) == (
            other.key, other.width, other.height, other.ratio, other.font, other.lang)  # fmt: skip


@dataclass
class _Picture:
    job: _Job
    figure: Figure
    rgba: bytes


class _Cancelled(Exception):
    """A picture no longer wanted, stopped part-way (see `_Job.cancel`)."""


def _check(job: _Job) -> None:
    if job.cancel.is_set():
        raise _Cancelled(job.key)


_LAYOUT: type | None = None


def _layout(job: _Job) -> LayoutEngine:
    """matplotlib's constrained layout, with a checkpoint before and after it: laying out is ≈ 40 % of drawing
    a chart, so a cancelled picture stops there rather than after drawing every artist (the class is made on
    first use: matplotlib is not imported at start)."""
    global _LAYOUT
    if _LAYOUT is None:
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        class _CheckedLayout(ConstrainedLayoutEngine):
            def __init__(self, job: _Job) -> None:
                super().__init__()
                self.job = job

            def execute(self, fig: Any) -> Any:
                _check(self.job)
                done = super().execute(fig)
                _check(self.job)
                return done

        _LAYOUT = _CheckedLayout
    return _LAYOUT(job)


def _render(job: _Job) -> _Picture:
    """Draw `job` into a new figure with Agg (any thread): the figure and its pixels. Raises `_Cancelled` where
    `job.cancel` is set before the drawing is done (checked before and after each costly step)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dpi = 100.0 * job.ratio
    _check(job)
    with _DRAW_LOCK:
        _check(job)
        figure = Figure(figsize=(job.width / dpi, job.height / dpi), dpi=dpi, layout=_layout(job))
        canvas = FigureCanvasAgg(figure)
        chart_function(job.key)(job.data, lang=job.lang, target=figure, font_size=job.font)
        _check(job)
        # … and while drawing: every artist (a bar, a text, an axis) opens a group on the renderer first, so a
        # check there stops a cancelled picture within a few milliseconds (the renderer is kept by the canvas
        # for its size, so the one asked for here is the one `draw` uses)
        renderer = canvas.get_renderer()
        open_group = renderer.open_group

        def checked_group(name: str, gid: str | None = None) -> None:
            _check(job)
            open_group(name, gid)

        renderer.open_group = checked_group
        canvas.draw()
        rgba = bytes(canvas.buffer_rgba())
    return _Picture(job, figure, rgba)


def _close(job: _Job, ahead: _Job) -> bool:
    """Whether a picture drawn ahead for `ahead` may stand in for `job`: the same chart of the same data, at a
    size within a fifth of it (shown stretched until the exact one is drawn)."""
    return (ahead.data is job.data and ahead.key == job.key and ahead.lang == job.lang
            and abs(ahead.width - job.width) <= job.width / 5 and abs(ahead.height - job.height) <= job.height / 5)


class _Relay(QObject):
    """Brings a finished picture from the worker thread to the GUI thread (a queued signal): (view, result)."""

    done = Signal(object)


_RELAY: list[_Relay] = []  # one for the process, made on the GUI thread and never deleted


def _relay() -> _Relay:
    """The process's relay. One that belonged to a view died with it, and a worker emitting on it while Qt
    deleted it crashed the process (a segfault in `deliver` when a chart finished as its window closed); this
    one lives as long as the process, and the GUI thread hands the picture on only to a view still alive."""
    if not _RELAY:
        relay = _Relay()
        relay.done.connect(_deliver)
        _RELAY.append(relay)
    return _RELAY[0]


def _deliver(payload: tuple[ChartView, tuple[_Job, _Picture | BaseException]]) -> None:
    view, result = payload
    if shiboken6.isValid(view):
        view._finished(result)


# Charts drawn ahead wait here, and go to the worker one at a time: a chart asked for on screen then waits for
# at most one chart drawn ahead, not for a whole page of them.
_ahead_queue: list[ChartView] = []
_ahead_running: list[ChartView] = []


def _pump_ahead() -> None:
    # a view closed while its chart was drawn ahead never reports back: forget it
    _ahead_running[:] = [v for v in _ahead_running if shiboken6.isValid(v)]
    _ahead_queue[:] = [v for v in _ahead_queue if shiboken6.isValid(v)]
    while _ahead_queue and not _ahead_running:
        view = _ahead_queue.pop(0)
        if view._submit_ahead():
            _ahead_running.append(view)


def _ahead_done(view: ChartView) -> None:
    if view in _ahead_running:
        _ahead_running.remove(view)
    _pump_ahead()


def _yield_to(view: ChartView) -> None:
    """A chart is asked for on screen: a chart being drawn ahead for another view stops (the worker is free within
    milliseconds instead of after a whole chart, 100–250 ms), and the charts waiting to be drawn ahead are
    dropped, so none competes with the one on screen (the pages queue them again once idle: `IDLE_MS` after a
    change or a tab switch). Before, choosing a third scenario waited for the last chart drawn ahead of the
    previous comparison."""
    _ahead_queue.clear()
    for other in [v for v in _ahead_running if v is not view and shiboken6.isValid(v)]:
        job = other._ahead_job
        if job is not None and job is not other._wanted:
            job.cancel.set()


def _drawn(job: _Job) -> tuple[_Job, _Picture | BaseException]:
    try:
        return job, _render(job)
    except BaseException as exc:  # noqa: BLE001 (handed to the GUI thread, which raises it)
        return job, exc


def _submit(job: _Job, view: ChartView) -> None:
    relay = _relay()  # on the GUI thread: the relay lives there

    def deliver(future: Future[tuple[_Job, _Picture | BaseException]]) -> None:
        relay.done.emit((view, future.result()))

    _executor().submit(_drawn, job).add_done_callback(deliver)


def fit_tab_titles(tabs: QTabWidget, reserve: int = 0, choice: QWidget | None = None) -> None:
    """Every tab title readable whole beside `reserve` px (a corner button), never behind scroll arrows nor cut
    ("Forskelle i nøg…", issue 15.1). In turn, until one fits the widget's width (a projector's 1280 or 1024 px
    in workshop mode): the full titles, in the widget's type or a somewhat smaller one (down to 75 %); where the
    caller gives a `choice` (a drop-down of the same charts, placed by it), that instead of the tab bar; the short
    titles of `SHORT_TITLES`, the full one in the tab's tooltip; only last, titles shortened at their end. A style
    sheet for less padding would cut the tabs off the widget's font."""
    bar = tabs.tabBar()
    room = tabs.width() - reserve
    full = [_full_title(tabs, i) for i in range(tabs.count())]
    short = [t(SHORT_TITLES[key]) if (key := getattr(tabs.widget(i), "key", None)) in SHORT_TITLES else full[i]
             for i in range(tabs.count())]
    rounds: list[tuple[list[str], bool]] = [(full, False)]
    rounds += [(full, True)] if choice is not None else [(short, False)]
    fits = False
    drop_down = False
    titles = full
    for titles, drop_down in rounds:
        if drop_down:
            fits = True
            break
        _show_titles(bar, titles)
        fits = _shrink_to(bar, QFont(tabs.font()), room)
        if fits:
            break
    if drop_down:
        _show_titles(bar, full)
        bar.setFont(QFont(tabs.font()))
    bar.setVisible(not drop_down)
    if choice is not None:
        choice.setVisible(drop_down)
    # Nothing else fitted (a widget narrower than any projector's): every tab in view with its title shortened at
    # its end rather than some tabs behind scroll arrows.
    # (the scroll buttons stay allowed otherwise: without them the bar's minimum is all its titles, and it
    # widened the page beyond the screen where the drop-down took its place)
    squeezed = not fits
    bar.setUsesScrollButtons(not squeezed)
    bar.setElideMode(Qt.TextElideMode.ElideRight if squeezed else Qt.TextElideMode.ElideNone)
    for i in range(tabs.count()):
        tabs.setTabToolTip(i, full[i] if shown_title(bar, i) != full[i] or squeezed else "")


class TitleBar(QTabBar):
    """A tab bar that may draw a tab's title shorter than its text: the text (what the tab is, read back by
    tests and screen readers) stays the whole title, the tab shows the short one, the whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: dict[int, str] = {}  # by tab: the title drawn where it is not the tab's text

    def set_shown(self, titles: list[str]) -> None:
        self.shown = {i: title for i, title in enumerate(titles) if i < self.count() and title != self.tabText(i)}
        for i in range(self.count()):
            self.setTabText(i, self.tabText(i))  # (the bar lays its tabs out again for the new widths)
        self.update()

    def tabSizeHint(self, index: int) -> QSize:  # noqa: N802 (Qt's name)
        size = super().tabSizeHint(index)
        short = self.shown.get(index)
        if short is not None:
            metrics = self.fontMetrics()
            size.setWidth(size.width() - metrics.horizontalAdvance(self.tabText(index))
                          + metrics.horizontalAdvance(short))  # fmt: skip
        return size

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.shown:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        current = self.currentIndex()
        for i in [*(j for j in range(self.count()) if j != current), *([current] if current >= 0 else [])]:
            option = QStyleOptionTab()
            self.initStyleOption(option, i)
            option.text = self.shown.get(i, self.tabText(i))
            painter.drawControl(QStyle.ControlElement.CE_TabBarTab, option)


def shown_title(bar: QTabBar, i: int) -> str:
    """The title tab `i` shows: a `TitleBar`'s short one, else the tab's text."""
    return bar.shown.get(i, bar.tabText(i)) if isinstance(bar, TitleBar) else bar.tabText(i)


def _show_titles(bar: QTabBar, titles: list[str]) -> None:
    if isinstance(bar, TitleBar):
        bar.set_shown(titles)
    else:
        for i, title in enumerate(titles):
            bar.setTabText(i, title)


def _full_title(tabs: QTabWidget, i: int) -> str:
    """A tab's whole title: its chart's (translated) title, else the text the tab was given first (kept in the
    tab's data, as the tab's text may be a short one now)."""
    key = getattr(tabs.widget(i), "key", None)
    if key in CHART_TITLES:
        return t(CHART_TITLES[key])
    bar = tabs.tabBar()
    kept = bar.tabData(i)  # (a plain tab bar shows a short title as its text)
    if not isinstance(kept, str):
        kept = bar.tabText(i)
        bar.setTabData(i, kept)
    return kept


def _shrink_to(bar: QTabBar, font: QFont, room: int) -> bool:
    """The tab bar in `font` or up to four steps smaller (not below 75 % nor 7 pt) until it fits `room` px."""
    bar.setFont(font)
    for _step in range(4):
        if bar.sizeHint().width() <= room or font.pointSizeF() <= 7:
            break
        font.setPointSizeF(font.pointSizeF() * 0.93)
        bar.setFont(font)
    return bar.sizeHint().width() <= room


def fitted_font(size: float, height_px: int) -> float:
    """The chart's text size for a picture `height_px` tall: as asked, but never so large that about 24 lines
    of text (title, rows, axis, legend) no longer fit — labels stay apart on a small chart (at least 7 pt)."""
    points = height_px * 72 / 100
    return max(7.0, min(size, points / 24))


class _Canvas(QWidget):
    """Paints the chart's picture; while a new one is drawn after a resize, the old one stretched."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.rect(), self.image)
        painter.end()


class ChartView(QWidget):
    """One chart: drawn off the GUI thread when stale and visible (or ahead, while idle), savable as PNG or SVG."""

    def __init__(self, key: str, source: Callable[[], object | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.source = source
        self.font_size = NORMAL_FONT
        self.figure: Figure | None = None  # the figure on screen (None until first shown)
        self.dirty = True  # the data changed since the picture was drawn
        self.busy = False  # a picture is being drawn
        self.draws = 0  # how often the chart was drawn for the screen (tests: a hidden chart is not drawn)
        self._shown: _Job | None = None  # what the picture on screen was drawn from
        self._wanted: _Job | None = None  # what is being drawn for the screen
        self._ahead: _Picture | None = None  # drawn ahead while hidden, shown if still current when shown
        self._ahead_job: _Job | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._redraw_if_needed)
        self._resized = QTimer(self)  # a resize redraws once the size settles
        self._resized.setSingleShot(True)
        self._resized.setInterval(120)
        self._resized.timeout.connect(self._redraw_if_needed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QWidget(self)
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        self.save_button = QPushButton(t("Gem diagram som…"), self.bar)
        self.save_button.setToolTip(t("Gem diagrammet som PNG-billede eller SVG-tegning"))
        self.save_button.clicked.connect(self.save_dialog)
        bar.addWidget(self.save_button)
        layout.addWidget(self.bar)
        self.empty = QLabel(t("Intet at vise"), self)
        self.empty.hide()
        layout.addWidget(self.empty)
        self.canvas = _Canvas(self)
        self.canvas.setMinimumSize(320, 220)
        layout.addWidget(self.canvas, 1)

    # --- drawing ---------------------------------------------------------------------------------------

    def invalidate(self) -> None:
        """The data changed: redraw soon if the chart is on screen, else when it is shown. A picture being drawn
        for the old data stops (the GUI thread would throw it away)."""
        self.dirty = True
        for job in (self._ahead_job, self._wanted):
            if job is not None:
                job.cancel.set()
        if self.isVisible():
            self._timer.start()

    def set_font_size(self, size: float) -> None:
        if size != self.font_size:
            self.font_size = size
            self.invalidate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.dirty or not self._current(self._job_now()):
            self._timer.start()  # after the show is painted: switching tabs stays instant

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.isVisible() and self._shown is not None:
            self._resized.start()

    def _job_now(self, data: object | None = None) -> _Job | None:
        data = self.source() if data is None else data
        if data is None:
            return None
        ratio = self.devicePixelRatioF() or 1.0
        width, height = self._canvas_size()
        return _Job(self.key, data, round(width * ratio), round(height * ratio), ratio,
                    fitted_font(self.font_size, height), language())  # fmt: skip

    def _canvas_size(self) -> tuple[int, int]:
        """The picture's size: the canvas's on screen; hidden, a shown sibling tab's (tabs share one size), else a
        guess from the nearest shown ancestor (the page area) — a picture drawn ahead at a guessed size is
        shown stretched at once and drawn again at the exact size."""
        size = self.canvas.size()
        if not self.canvas.isVisible():
            tabs = self.parentWidget()
            siblings = tabs.children() if tabs is not None else []
            shown = [w for w in siblings if isinstance(w, ChartView) and w is not self and w.canvas.isVisible()]
            if shown:
                size = shown[0].canvas.size()
            else:
                ancestor = self.parentWidget()
                while ancestor is not None and not ancestor.isVisible():
                    ancestor = ancestor.parentWidget()
                if ancestor is not None:
                    # the page's heading, the tab bar and the margins take about this much
                    size = ancestor.size().shrunkBy(QMargins(12, 80, 12, 12))
        return max(size.width(), 320), max(size.height(), 220)

    def _current(self, job: _Job | None) -> bool:
        return job is not None and (job.same(self._shown) or job.same(self._wanted))

    def draw_now(self) -> None:
        """Start drawing the current data now where the chart is on screen and stale, not on the next turn of
        the event loop: the comparison page starts its chart before it fills its table, so the worker draws
        while the GUI thread fills."""
        if self.dirty:
            self._timer.stop()
            self._redraw_if_needed()

    def _redraw_if_needed(self) -> None:
        if not self.isVisible():
            return
        job = self._job_now()
        if self.dirty or not self._current(job):
            self._start(job)

    def _start(self, job: _Job | None) -> None:
        self.empty.setVisible(job is None)
        if job is None:
            self.dirty = False
            self.busy = False
            self.figure = None
            self._shown = None
            self.canvas.image = None
            self.canvas.update()
            self.draws += 1
            return
        if self._ahead is not None and _close(job, self._ahead.job):
            picture, self._ahead = self._ahead, None
            self._wanted = picture.job
            self._show(picture)  # drawn ahead: on screen at once …
            if not job.same(picture.job):
                self._resized.start()  # … and again at the exact size where it was guessed
            return
        if self in _ahead_queue:
            _ahead_queue.remove(self)
        if self._ahead_job is not None and job.same(self._ahead_job):
            self._wanted = self._ahead_job  # being drawn ahead: shown when it is done
            self.busy = True
            return
        if self._wanted is not None:
            self._wanted.cancel.set()  # superseded (a resize, an edit): its picture would be thrown away
        self._wanted = job
        self.busy = True
        _yield_to(self)
        _submit(job, self)

    def _finished(self, result: tuple[_Job, _Picture | BaseException]) -> None:
        job, picture = result
        was_ahead = job is self._ahead_job
        if was_ahead:
            self._ahead_job = None
            _ahead_done(self)
        if isinstance(picture, _Cancelled):
            if job is self._wanted:  # not normally: a wanted job is not cancelled; draw again when visible
                self._wanted, self.busy = None, False
                self.dirty = True
                if self.isVisible():
                    self._timer.start()
            return
        if isinstance(picture, BaseException):
            if job is self._wanted:
                self._wanted, self.busy = None, False
            raise picture  # an error in a chart function surfaces here, on the GUI thread
        if job is self._wanted:
            self._show(picture)  # asked for on screen (perhaps while it was being drawn ahead)
        elif was_ahead:
            self._ahead = picture

    def _show(self, picture: _Picture) -> None:
        job = picture.job
        image = QImage(picture.rgba, job.width, job.height, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(job.ratio)
        self.canvas.image = image
        self.figure = picture.figure
        self._shown, self._wanted = job, None
        self.busy = False
        # drawn from the data of now: the chart is current (an edit since has marked it dirty again and
        # scheduled the next picture)
        self.dirty = job.data is not self.source()
        self.draws += 1
        self.canvas.update()
        if self.dirty and self.isVisible():
            self._timer.start()

    def draw_ahead(self) -> None:
        """Draw the chart for the current data while it is hidden, so showing it later is instant (queued:
        one chart drawn ahead at a time)."""
        if self not in _ahead_queue and self not in _ahead_running:
            _ahead_queue.append(self)
        _pump_ahead()

    def _submit_ahead(self) -> bool:
        if self.isVisible() or self._ahead_job is not None:
            return False
        job = self._job_now()
        if job is None or job.same(self._shown) or (self._ahead is not None and job.same(self._ahead.job)):
            return False
        self._ahead_job = job
        _submit(job, self)
        return True

    def redraw(self) -> None:
        """Draw the chart now, on this thread, from the current data (benchmarks and tests)."""
        job = self._job_now()
        self.empty.setVisible(job is None)
        if job is None:
            self._start(None)
            return
        self._wanted = job
        self._show(_render(job))

    # --- saving ------------------------------------------------------------------------------------------

    def choose_path(self) -> str | None:
        """Asks where to save (tests replace this)."""
        path, chosen = QFileDialog.getSaveFileName(self, t("Gem diagram som"), t(CHART_TITLES.get(self.key, self.key)),
                                                   t(SAVE_FILTER))  # fmt: skip
        if not path:
            return None
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        return path

    def save_dialog(self) -> None:
        path = self.choose_path()
        if path:
            self.save(path)

    def save(self, path: str | Path) -> Path:
        """Write the chart as PNG or SVG (by the suffix; PNG otherwise), with the current data."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        path = Path(path)
        fmt = "svg" if path.suffix.lower() == ".svg" else "png"
        # A figure of its own at the chart module's size: the saved picture does not depend on the window.
        figure = Figure(figsize=(10, 6), layout="constrained")
        FigureCanvasAgg(figure)
        data = self.source()
        with _DRAW_LOCK:
            if data is not None:
                chart_function(self.key)(data, lang=language(), target=figure, font_size=self.font_size)
            figure.savefig(path, format=fmt, dpi=150)
        return path


class ChartsPage(QWidget):
    """The page "Diagrammer": the selected scenario's charts, one a tab; only the tab on screen is drawn."""

    title = "Diagrammer"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        outer.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        self.tabs.setTabBar(TitleBar(self.tabs))
        self.views: dict[str, ChartView] = {}
        for key in scenario_chart_keys():
            view = ChartView(key, lambda: self.session.figures, self.tabs)
            self.views[key] = view
            self.tabs.addTab(view, t(CHART_TITLES[key]))
        # Where the seven titles do not fit as tabs (a projector's 1280 or 1024 px beside the what-if dock: five
        # behind scroll arrows), a drop-down of the charts with their whole titles takes the tab bar's place.
        self.choice = QWidget(self)
        row = QHBoxLayout(self.choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(t("Diagram:"), self.choice))
        self.chart_choice = QComboBox(self.choice)
        self.chart_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key in scenario_chart_keys():
            self.chart_choice.addItem(t(CHART_TITLES[key]), key)
        row.addWidget(self.chart_choice)
        row.addStretch(1)
        self.choice.hide()
        self.chart_choice.currentIndexChanged.connect(self.tabs.setCurrentIndex)
        self.tabs.currentChanged.connect(self.chart_choice.setCurrentIndex)
        outer.addWidget(self.choice)
        outer.addWidget(self.tabs, 1)
        self.tabs.installEventFilter(self)  # its width and type decide between tabs and the drop-down
        # While the app is idle, the charts not on screen are drawn ahead (off the GUI thread), so that
        # opening the page and switching tabs show a finished chart (issue 15.5).
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.draw_ahead)
        self._seen = False
        self.tabs.currentChanged.connect(lambda _i: self._idle.start() if _preloaded.is_set() else None)
        session.plan_changed.connect(self._changed)
        self._changed(None)
        preload_later(self)
        QTimer.singleShot(PRELOAD_DELAY_MS + IDLE_MS, self, self._idle.start)

    def _changed(self, _changes: object) -> None:
        # Only marks the charts stale: the visible one redraws on a zero-timer, after the panel.
        self.heading.setText(t("Diagrammer — {scenarie}").format(scenarie=self.session.scenario.name))
        for view in self.views.values():
            view.invalidate()
        if _preloaded.is_set():
            self._idle.start()

    def draw_ahead(self) -> None:
        """Queue the hidden charts' drawing for the current figures (one worker: they are drawn in turn): the
        tab the page opens on always, the others once the page has been looked at."""
        current = self.current_view()
        if current.isVisible() and (current.busy or current.dirty):
            self._idle.start()  # the chart on screen first; the others once it is done and all is quiet
            return
        views = list(self.views.values()) if self._seen else [current]
        for view in views:
            view.draw_ahead()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._seen = True
        if _preloaded.is_set():
            self._idle.start()

    def set_font_size(self, size: float) -> None:
        for view in self.views.values():
            view.set_font_size(size)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.tabs and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.fit_tabs()
        return super().eventFilter(watched, event)

    def fit_tabs(self) -> None:
        """The tabs where their whole titles fit, else the drop-down (issue 15.1)."""
        fit_tab_titles(self.tabs, 0, self.choice)

    def current_view(self) -> ChartView:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def show_chart(self, key: str) -> ChartView:
        self.tabs.setCurrentWidget(self.views[key])
        return self.views[key]
