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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import t
from desktop.session import PlanSession

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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


class ChartView(QWidget):
    """One chart: its canvas (made on first show), redrawn when stale and visible, savable as PNG or SVG."""

    def __init__(self, key: str, source: Callable[[], object | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.source = source
        self.font_size = NORMAL_FONT
        self.figure: Figure | None = None
        self.canvas: Any = None  # FigureCanvasQTAgg, made on first show
        self.dirty = True
        self.draws = 0  # how often the chart was drawn (tests: a hidden chart is not drawn)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._redraw_if_needed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.save_button = QPushButton(t("Gem diagram som…"), self)
        self.save_button.setToolTip(t("Gem diagrammet som PNG-billede eller SVG-tegning"))
        self.save_button.clicked.connect(self.save_dialog)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.empty = QLabel(t("Intet at vise"), self)
        self.empty.hide()
        layout.addWidget(self.empty)
        self._layout = layout

    # --- drawing ---------------------------------------------------------------------------------------

    def invalidate(self) -> None:
        """The data changed: redraw soon if the chart is on screen, else when it is shown."""
        self.dirty = True
        if self.isVisible():
            self._timer.start()

    def set_font_size(self, size: float) -> None:
        if size != self.font_size:
            self.font_size = size
            self.invalidate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.dirty:
            self._timer.start()  # after the show is painted: switching tabs stays instant

    def _redraw_if_needed(self) -> None:
        if self.dirty and self.isVisible():
            self.redraw()

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        # Imported here, on the first chart shown: matplotlib costs most of the app's start time.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(320, 220)
        self._layout.addWidget(self.canvas, 1)

    def redraw(self) -> None:
        """Draw the chart now from the current data (into the same figure: no flicker)."""
        self._ensure_canvas()
        assert self.figure is not None
        self._fill(self.figure)
        self.dirty = False
        self.draws += 1
        self.canvas.draw()  # renders off-screen, then one repaint shows the finished picture

    def _fill(self, figure: Figure) -> None:
        figure.clear()
        data = self.source()
        self.empty.setVisible(data is None)
        if data is None:
            return
        chart_function(self.key)(data, lang=language(), target=figure, font_size=self.font_size)

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
        self._fill(figure)
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
        self.views: dict[str, ChartView] = {}
        for key in scenario_chart_keys():
            view = ChartView(key, lambda: self.session.figures, self.tabs)
            self.views[key] = view
            self.tabs.addTab(view, t(CHART_TITLES[key]))
        outer.addWidget(self.tabs, 1)
        session.plan_changed.connect(self._changed)
        self._changed(None)

    def _changed(self, _changes: object) -> None:
        # Only marks the charts stale: the visible one redraws on a zero-timer, after the panel.
        self.heading.setText(t("Diagrammer — {scenarie}").format(scenarie=self.session.scenario.name))
        for view in self.views.values():
            view.invalidate()

    def set_font_size(self, size: float) -> None:
        for view in self.views.values():
            view.set_font_size(size)

    def current_view(self) -> ChartView:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def show_chart(self, key: str) -> ChartView:
        self.tabs.setCurrentWidget(self.views[key])
        return self.views[key]
