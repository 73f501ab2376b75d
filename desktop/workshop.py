"""Workshop mode (issue 9, point 4): the plan on a projector, and "what if?" without touching the plan.

`install(window)` adds the menu "Workshop" with "Workshop-tilstand" (F11) to the main window. Workshop mode shows
the window full screen with larger fonts, the figures panel enlarged and the charts in projector size, and a
what-if panel docked beside it.

The what-if panel has sliders for the main assumptions of the selected scenario: the gross factor, the
construction rate (every `per_m2` construction cost line, as a change in percent), the grant and the interest
rate of the loans (and of own money the rent repays). Each move computes the figures LIVE on an in-memory deep
copy of the scenario (`what_if_scenario` + `planners.figures.engine.compute`): the plan file is not written. Where
"Udlign finansieringen" is on, the difference that a change makes between financing and establishment is put on
the balancing line (the first loan, else the first own financing the rent repays, else the first own financing),
as a consultant would: a larger grant means a smaller loan. "Anvend som nyt scenarie" stores the copy as a new
scenario in ONE operation (`AddScenario`: one undo step); "Kassér" puts the sliders back.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.charts_view import CHART_TITLES, NORMAL_FONT, WORKSHOP_FONT, ChartView, scenario_chart_keys
from desktop.i18n import t
from desktop.numbers import show_decimal, show_kr, show_pct
from desktop.pages.scenarios import free_name
from desktop.session import PlanSession
from planners.figures.engine import compute
from planners.model import CostCategory, FinancingLine, FinancingSource, Plan, Scenario
from planners.model.money import exact_sub
from planners.model.results import ScenarioFigures
from planners.store.operations import AddScenario, Changes

HUNDRED = Decimal(100)
OWN_SOURCES = (FinancingSource.OWN_MUNICIPALITY, FinancingSource.OWN_REGION, FinancingSource.OWN_PRACTICE)
WORKSHOP_SCALE = 1.4  # fonts in workshop mode, against the desk size
GRANT_STEP = 10_000  # kr. a slider step for the grant


@dataclass(frozen=True)
class WhatIf:
    """The assumptions the sliders set. None leaves the scenario's own value."""

    gross_factor: Decimal | None = None
    construction_change_pct: Decimal = Decimal(0)  # +10 = every per-m² construction rate 10 % higher
    grant: Decimal | None = None  # the grant in total (kr.)
    interest_pct: Decimal | None = None  # the first loan's new rate; every repaid line moves by the same step
    balance: bool = True  # keep financing equal to establishment through the balancing line


def grant_total(scenario: Scenario) -> Decimal:
    return sum((f.amount for f in scenario.financing if f.source is FinancingSource.GRANT), Decimal(0))


def construction_rate(scenario: Scenario) -> Decimal | None:
    """The first per-m² construction rate (what the slider's label shows), None where there is none."""
    return next((c.per_m2 for c in scenario.costs if c.category is CostCategory.CONSTRUCTION
                 and c.per_m2 is not None), None)  # fmt: skip


def interest_rate(scenario: Scenario) -> Decimal | None:
    """The interest of the first loan (else of the first own money the rent repays)."""
    lines = [f for f in scenario.financing if f.source is FinancingSource.LOAN]
    lines += [f for f in scenario.financing if f.source in OWN_SOURCES and f.repaid_by_rent]
    return lines[0].interest_pct if lines else None


def balancing_index(scenario: Scenario) -> int | None:
    """The financing line that takes up a difference: the first loan, else own money the rent repays, else own."""
    for test in (lambda f: f.source is FinancingSource.LOAN,
                 lambda f: f.source in OWN_SOURCES and f.repaid_by_rent,
                 lambda f: f.source in OWN_SOURCES):  # fmt: skip
        for i, f in enumerate(scenario.financing):
            if test(f):
                return i
    return None


def what_if_scenario(plan: Plan, scenario: Scenario, what: WhatIf) -> Scenario:
    """A deep copy of `scenario` with the assumptions of `what` (the plan and the scenario are not touched)."""
    s = copy.deepcopy(scenario)
    if what.gross_factor is not None:
        s.gross_factor = what.gross_factor
    if what.construction_change_pct:
        factor = (HUNDRED + what.construction_change_pct) / HUNDRED  # exact: the change has two decimals at most
        s.costs = [dataclasses.replace(c, per_m2=c.per_m2 * factor)
                   if c.category is CostCategory.CONSTRUCTION and c.per_m2 is not None else c
                   for c in s.costs]  # fmt: skip
    if what.grant is not None:
        grants = [i for i, f in enumerate(s.financing) if f.source is FinancingSource.GRANT]
        if grants:
            # The first grant line takes the change; any further grant lines stay as they are.
            others = sum((s.financing[i].amount for i in grants[1:]), Decimal(0))
            first = grants[0]
            s.financing[first] = dataclasses.replace(s.financing[first], amount=max(Decimal(0), what.grant - others))
        elif what.grant > 0:
            s.financing.insert(0, FinancingLine(FinancingSource.GRANT, what.grant, text=t("Tilskud fra puljen")))
    first_rate = interest_rate(scenario)
    if what.interest_pct is not None and first_rate is not None:
        # The slider shows the first loan's rate; every repaid line moves by the same step and keeps its own
        # rate relative to it (a municipality's 2 % own money does not become the bank loan's 3,5 %).
        step = what.interest_pct - first_rate
        s.financing = [dataclasses.replace(f, interest_pct=max(Decimal(0), f.interest_pct + step))
                       if f.source is FinancingSource.LOAN or (f.source in OWN_SOURCES and f.repaid_by_rent) else f
                       for f in s.financing]  # fmt: skip
    if what.balance:
        at = balancing_index(s)
        before = compute(plan, scenario)
        gap_before = exact_sub(before.financing_total, before.establishment_total)
        if at is not None:
            after = compute(plan, s)
            # Keep the gap the plan already had (zero in a balanced plan): only the what-if's change moves the line.
            change = exact_sub(exact_sub(after.establishment_total, after.financing_total), -gap_before)
            amount = s.financing[at].amount + change
            s.financing[at] = dataclasses.replace(s.financing[at], amount=max(Decimal(0), amount))
    return s


# The rows of the what-if table: key of ScenarioFigures, Danish label, how it is shown.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("gross_m2", "Bruttoareal", "m2"),
    ("establishment_total", "Anlægsudgifter i alt", "kr"),
    ("grant", "Tilskud fra puljen", "kr"),
    ("grant_share", "Tilskudsandel", "pct"),
    ("financing_difference", "Finansiering minus udgifter", "kr"),
    ("annual_cost_total", "Årlige udgifter i alt", "kr"),
    ("rent_per_gross_m2", "Husleje pr. m² med tilskud", "kr"),
    ("rent_per_gross_m2_without_grant", "Husleje pr. m² uden tilskud", "kr"),
)


def _show(kind: str, value: Decimal) -> str:
    if kind == "kr":
        return show_kr(value)
    if kind == "pct":
        return show_pct(value)
    from desktop.numbers import show_m2

    return show_m2(value)


def _show_diff(kind: str, diff: Decimal) -> str:
    if not diff:
        return "±0"
    sign = "+" if diff > 0 else "−"
    if kind == "pct":
        from planners.model.money import format_number

        return f"{sign}{format_number(abs(diff) * 100, 1)} {t('procentpoint')}"
    return sign + _show(kind, abs(diff))


class _Slider:
    """A slider with its name and the value it sets, in whole steps of `unit`."""

    def __init__(self, grid: QGridLayout, row: int, name: str, unit: Decimal, low: int, high: int) -> None:
        self.unit = unit
        self.name = QLabel(t(name))
        self.value = QLabel()
        self.value.setMinimumWidth(110)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(low, high)
        self.slider.setMinimumWidth(160)
        grid.addWidget(self.name, row * 2, 0)
        grid.addWidget(self.value, row * 2, 1)
        grid.addWidget(self.slider, row * 2 + 1, 0, 1, 2)

        self.home: int | None = None  # the position set from the scenario's own value

    def decimal(self) -> Decimal:
        return Decimal(self.slider.value()) * self.unit

    def moved(self) -> bool:
        """Whether the user moved it from the scenario's own value: an untouched slider changes nothing, even
        where the scenario's value lies between two steps (a grant of 6.680.000 kr. in steps of 100.000)."""
        return self.slider.value() != self.home

    def set_decimal(self, value: Decimal) -> None:
        steps = int((value / self.unit).to_integral_value())
        self.slider.blockSignals(True)
        self.slider.setRange(min(self.slider.minimum(), steps), max(self.slider.maximum(), steps))
        self.slider.setValue(steps)
        self.slider.blockSignals(False)
        self.home = steps


class WhatIfPanel(QWidget):
    """Sliders for the main assumptions; the figures and a chart of the what-if copy, live."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.figures: ScenarioFigures | None = None  # of the what-if copy
        self.scenario: Scenario | None = None  # the what-if copy
        self.computed = 0  # how many times the copy was computed (tests)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # slider moves coalesce: one computation per event-loop turn
        self._timer.timeout.connect(self.recompute)
        outer = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold")
        outer.addWidget(self.heading)
        hint = QLabel(t("Flyt skyderne og se virkningen straks. Planen ændres først, når du anvender "
                        "resultatet som et nyt scenarie."), self)  # fmt: skip
        hint.setWordWrap(True)
        outer.addWidget(hint)
        grid = QGridLayout()
        self.gross = _Slider(grid, 0, "Bruttofaktor", Decimal("0.01"), 100, 200)
        self.construction = _Slider(grid, 1, "Byggepris pr. m²", Decimal(1), -50, 50)
        self.grant = _Slider(grid, 2, "Tilskud fra puljen", Decimal(GRANT_STEP), 0, 1000)
        self.interest = _Slider(grid, 3, "Rente på lån", Decimal("0.05"), 0, 160)
        outer.addLayout(grid)
        self.sliders = (self.gross, self.construction, self.grant, self.interest)
        for s in self.sliders:
            s.slider.valueChanged.connect(self._moved)
        self.balance = QCheckBox(t("Udlign finansieringen med lånet"), self)
        self.balance.setToolTip(t("En ændring i udgifter eller tilskud lægges på det første lån (ellers på "
                                  "egenfinansieringen), så finansieringen fortsat svarer til udgifterne"))  # fmt: skip
        self.balance.setChecked(True)
        self.balance.toggled.connect(self._moved)
        outer.addWidget(self.balance)
        # "Now" is the figures panel beside it: the table shows the what-if and its difference only.
        self.table = QTableWidget(len(ROWS), 2, self)
        self.table.setHorizontalHeaderLabels([t("Hvad nu hvis"), t("Forskel")])
        self.table.setVerticalHeaderLabels([t(label) for _k, label, _u in ROWS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Amounts are never cut with "…": the columns fit their contents and the dock grows to show them.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)  # one line a row: the fixed height below holds every row
        outer.addWidget(self.table)
        self.chart_combo = QComboBox(self)
        for key in scenario_chart_keys():
            self.chart_combo.addItem(t(CHART_TITLES[key]), key)
        self.chart_combo.setCurrentIndex(self.chart_combo.findData("rent_with_without_grant"))
        self.chart_combo.activated.connect(self._chart_picked)
        outer.addWidget(self.chart_combo)
        self.chart = ChartView("rent_with_without_grant", lambda: self.figures, self)
        self.chart.set_font_size(NORMAL_FONT)
        outer.addWidget(self.chart, 1)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton(t("Anvend som nyt scenarie…"), self)
        self.apply_button.clicked.connect(lambda _c=False: self.apply())
        self.discard_button = QPushButton(t("Kassér"), self)
        self.discard_button.setToolTip(t("Sæt skyderne tilbage til scenariets egne værdier"))
        self.discard_button.clicked.connect(lambda _c=False: self.discard())
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.discard_button)
        outer.addLayout(buttons)
        session.plan_changed.connect(self._plan_changed)
        self.discard()

    # --- dialogs (tests replace this) ----------------------------------------------------------------------

    def ask_name(self, default: str) -> str | None:
        name, ok = QInputDialog.getText(self, t("Anvend som nyt scenarie"), t("Navn på det nye scenarie:"),
                                        text=default)  # fmt: skip
        return name.strip() if ok and name.strip() else None

    # --- the assumptions ----------------------------------------------------------------------------------------

    def what_if(self) -> WhatIf:
        base = self.session.scenario
        has_rate = construction_rate(base) is not None
        has_interest = interest_rate(base) is not None
        return WhatIf(
            gross_factor=self.gross.decimal() if self.gross.moved() else None,
            construction_change_pct=self.construction.decimal() if has_rate else Decimal(0),
            grant=self.grant.decimal() if self.grant.moved() else None,
            interest_pct=self.interest.decimal() if has_interest and self.interest.moved() else None,
            balance=self.balance.isChecked(),
        )

    def changed(self) -> bool:
        """Whether any slider differs from the scenario's own values."""
        base = self.session.scenario
        w = self.what_if()
        return (w.gross_factor not in (None, base.gross_factor) or bool(w.construction_change_pct)
                or w.grant not in (None, grant_total(base))
                or w.interest_pct not in (None, interest_rate(base)))  # fmt: skip

    def discard(self) -> None:
        """Sliders back to the selected scenario's own values; the figures are the scenario's."""
        base = self.session.scenario
        self.gross.set_decimal(base.gross_factor)
        self.construction.set_decimal(Decimal(0))
        grant = grant_total(base)
        self.grant.slider.setMaximum(max(1000, int(grant * 2 / GRANT_STEP)))
        self.grant.set_decimal(grant)
        rate = interest_rate(base)
        self.interest.set_decimal(rate if rate is not None else Decimal(0))
        self.construction.slider.setEnabled(construction_rate(base) is not None)
        self.interest.slider.setEnabled(rate is not None)
        self.recompute()

    def _moved(self, *_args: object) -> None:
        self._update_labels()
        self._timer.start()

    def _plan_changed(self, _changes: Changes | None) -> None:
        # An edit or another scenario: the what-if starts again from the scenario as it now is.
        self.discard()

    def _chart_picked(self, index: int) -> None:
        self.chart.key = self.chart_combo.itemData(index)
        self.chart.invalidate()

    def _update_labels(self) -> None:
        base = self.session.scenario
        self.heading.setText(t("Hvad nu hvis — {scenarie}").format(scenarie=base.name))
        self.gross.value.setText(show_decimal(self.gross.decimal(), 2))
        rate = construction_rate(base)
        if rate is None:
            self.construction.value.setText(t("ingen byggepris pr. m²"))
        else:
            change = self.construction.decimal()
            new = rate * (HUNDRED + change) / HUNDRED
            self.construction.value.setText(f"{show_kr(new)} ({'+' if change > 0 else ''}{show_decimal(change)} %)")
        self.grant.value.setText(show_kr(self.grant.decimal()))
        self.interest.value.setText(f"{show_decimal(self.interest.decimal(), 2)} %"
                                    if interest_rate(base) is not None else t("intet lån"))  # fmt: skip

    # --- computing on the copy ------------------------------------------------------------------------------------

    def recompute(self) -> None:
        """The figures of the what-if copy (the plan file is not touched)."""
        self._update_labels()
        plan = self.session.plan
        self.scenario = what_if_scenario(plan, self.session.scenario, self.what_if())
        self.figures = compute(plan, self.scenario)
        self.computed += 1
        now = self.session.figures
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        bold = QFont(self.table.font())
        bold.setBold(True)
        for y, (key, _label, kind) in enumerate(ROWS):
            a, b = getattr(now, key), getattr(self.figures, key)
            diff = exact_sub(b, a)
            for x, text in enumerate((_show(kind, b), _show_diff(kind, diff))):
                item = QTableWidgetItem(text)
                item.setTextAlignment(right)
                if x == 0:
                    item.setFont(bold)
                self.table.setItem(y, x, item)
        self.apply_button.setEnabled(self.changed() and not self.session.readonly)
        # Every row on screen, no scroll bar: the chart below takes the rest of the height.
        self.table.setFixedHeight(self.table.verticalHeader().length() + self.table.horizontalHeader().height()
                                  + 2 * self.table.frameWidth())  # fmt: skip
        self.chart.invalidate()

    def apply(self) -> Changes | None:
        """Store the what-if copy as a new scenario (one undo step) and show it."""
        if self.scenario is None or not self.changed():
            return None
        taken = {s.name for s in self.session.plan.scenarios}
        default = free_name(taken, t("{navn} (hvad nu hvis)").format(navn=self.session.scenario.name))
        name = self.ask_name(default)
        if name is None:
            return None
        new = dataclasses.replace(copy.deepcopy(self.scenario), name=name)
        at = self.session.plan.scenarios.index(self.session.scenario) + 1
        changes = self.session.run(AddScenario(new, index=at), t("anvend hvad nu hvis som nyt scenarie"))
        if changes is not None:
            ids = [i for kind, i in changes.inserted if kind == "scenario"]
            if ids:
                self.session.select_scenario(ids[0])  # the sliders start again from the new scenario
        return changes

    def set_font_size(self, size: float) -> None:
        self.chart.set_font_size(size)


class _Saved(TypedDict, total=False):
    """What the workshop mode changed and gives back when it ends: the fonts, the style, the panel's widths."""

    font: QFont
    sheet: str
    panel: tuple[int, int, str]


class WorkshopMode:
    """Full screen, larger fonts, the figures panel enlarged, the charts in projector size, the what-if dock."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.active = False
        self.dock: QDockWidget | None = None
        self.panel: WhatIfPanel | None = None
        self._was_maximized = False
        self._geometry: QByteArray | None = None
        self._saved: _Saved = {}
        self._desk: tuple[QSize, Qt.WindowState, QSize] | None = None
        self.action = QAction(t("Workshop-tilstand"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("F11"))
        self.action.setToolTip(t("Fuld skærm med store skrifttyper og hvad-nu-hvis-skydere — til projektor"))
        self.action.toggled.connect(self._toggled)
        window.addAction(self.action)
        menu = window.menuBar().addMenu(t("&Workshop"))
        menu.addAction(self.action)
        self.leave_action = QAction(t("Forlad workshop-tilstand"), window)
        self.leave_action.setShortcut(QKeySequence("Esc"))
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(lambda _c=False: self.action.setChecked(False))
        window.addAction(self.leave_action)
        menu.addAction(self.leave_action)
        self.show_dock = QAction(t("Vis hvad-nu-hvis-panelet"), window)
        self.show_dock.setCheckable(True)
        self.show_dock.setEnabled(False)
        self.show_dock.toggled.connect(self._show_dock)
        menu.addAction(self.show_dock)
        # Closing the plan (the start page shown) leaves workshop mode.
        stack = getattr(window, "stack", None)
        if stack is not None:
            stack.currentChanged.connect(lambda _i: self._follow_plan())
        self._follow_plan()

    def _workspace(self) -> QWidget | None:
        return getattr(self.window, "workspace", None)

    def _follow_plan(self) -> None:
        workspace = self._workspace()
        stack = getattr(self.window, "stack", None)
        open_ = workspace is not None and (stack is None or stack.currentWidget() is workspace)
        self.action.setEnabled(open_)
        if not open_ and self.active:
            self.action.setChecked(False)

    def _toggled(self, on: bool) -> None:
        if on and not self.active:
            self.enter()
        elif not on and self.active:
            self.leave()

    def enter(self) -> None:
        workspace = self._workspace()
        session = getattr(self.window, "session", None)
        if workspace is None or session is None:
            self.action.setChecked(False)
            return
        self.active = True
        self.leave_action.setEnabled(True)
        self._was_maximized = self.window.isMaximized()
        self._geometry = self.window.saveGeometry()  # the desk's window comes back as it was on leaving
        # Its size, state and minimum exactly: restoreGeometry alone lets a grown minimum keep the window wide.
        self._desk = (self.window.size(), self.window.windowState(), self.window.minimumSize())
        self.window.showFullScreen()
        font = QFont(workspace.font())
        self._saved = {"font": QFont(workspace.font()), "sheet": workspace.styleSheet()}
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * WORKSHOP_SCALE)
        workspace.setFont(font)
        panel = getattr(workspace, "panel", None)
        if panel is not None:
            self._saved["panel"] = (panel.minimumWidth(), panel.maximumWidth(), panel.styleSheet())
            panel.setMinimumWidth(300)
            panel.setStyleSheet(f"QLabel {{ font-size: {round(size * WORKSHOP_SCALE * 1.15)}pt }}")
        self._chart_fonts(workspace, WORKSHOP_FONT)
        self.panel = WhatIfPanel(session)
        self.panel.set_font_size(NORMAL_FONT)  # the dock's chart is small: projector text would not fit
        self.panel.setFont(font)
        self.dock = QDockWidget(t("Hvad nu hvis"), self.window)
        self.dock.setObjectName("whatIfDock")
        # The what-if panel scrolls inside its dock: on a 1280×720 or 1024×768 projector it is taller than the
        # screen, and its minimum must not set the window's.
        area = QScrollArea()
        area.setWidget(self.panel)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        self.dock.setWidget(area)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)  # fmt: skip
        # As wide as its figures need (no amount cut), but at most 55 % of the screen: the pages keep the rest,
        # the key figures going under the page and the page list into a drop-down where that is narrow.
        screen = self.window.screen()
        width = screen.availableGeometry().width() if screen is not None else 1280
        need = max(420, _content_width(self.panel) + area.verticalScrollBar().sizeHint().width() + 4)
        self.dock.setMinimumWidth(min(need, int(width * 0.55)))
        # The what-if table fills (and widens) after its first computation: the dock follows its columns.
        for table in self.panel.findChildren(QTableWidget):
            table.horizontalHeader().sectionResized.connect(lambda *_a: self._fit_dock())
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # Closed to give the pages room, it comes back from the menu.
        self.show_dock.setEnabled(True)
        self.show_dock.setChecked(True)
        self.dock.visibilityChanged.connect(self._dock_visibility)
        if not self.action.isChecked():
            self.action.setChecked(True)

    def _fit_dock(self) -> None:
        if self.dock is None or self.panel is None:
            return
        screen = self.window.screen()
        width = screen.availableGeometry().width() if screen is not None else 1280
        area = self.dock.widget()
        bar = area.verticalScrollBar().sizeHint().width() if isinstance(area, QScrollArea) else 0
        need = max(420, _content_width(self.panel) + bar + 4)
        self.dock.setMinimumWidth(min(need, int(width * 0.55)))

    def _show_dock(self, on: bool) -> None:
        if self.dock is not None and on != self.dock.isVisible():
            self.dock.setVisible(on)

    def _dock_visibility(self, visible: bool) -> None:
        if self.dock is not None and not self.dock.isFloating():
            self.show_dock.blockSignals(True)
            self.show_dock.setChecked(visible)
            self.show_dock.blockSignals(False)

    def leave(self) -> None:
        """Back to the desk: the what-if is discarded (nothing of it was stored)."""
        self.active = False
        self.leave_action.setEnabled(False)
        self.show_dock.setEnabled(False)
        if self.dock is not None:
            self.window.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
            self.panel = None
        workspace = self._workspace()
        if workspace is not None and self._saved:
            workspace.setFont(self._saved["font"])
            panel = getattr(workspace, "panel", None)
            if panel is not None and "panel" in self._saved:
                low, high, sheet = self._saved["panel"]
                panel.setMinimumWidth(low)
                panel.setMaximumWidth(high)
                panel.setStyleSheet(sheet)
            self._chart_fonts(workspace, NORMAL_FONT)
        self._saved = {}
        if self._was_maximized:
            self.window.showMaximized()
        else:
            self.window.showNormal()
            if self._geometry is not None:
                self.window.restoreGeometry(self._geometry)
        if self._desk is not None:
            size, state, minimum = self._desk
            self.window.setMinimumSize(minimum)
            if not self._was_maximized:
                self.window.resize(size)
            self.window.setWindowState(state)
            self._desk = None
        if self.action.isChecked():
            self.action.setChecked(False)

    @staticmethod
    def _chart_fonts(workspace: QWidget, size: float) -> None:
        for page in getattr(workspace, "pages", {}).values():
            if hasattr(page, "views"):
                for view in page.views.values():
                    view.set_font_size(size)


def _content_width(panel: QWidget) -> int:
    """The width `panel` needs to show its tables' columns whole (a table's own hint ignores its columns)."""
    need = panel.minimumSizeHint().width()
    layout = panel.layout()
    margins = layout.contentsMargins() if layout is not None else None
    extra = (margins.left() + margins.right()) if margins is not None else 0
    for table in panel.findChildren(QTableWidget):
        header = table.verticalHeader()
        width = (table.horizontalHeader().length() + (header.width() if header.isVisible() else 0)
                 + 2 * table.frameWidth() + 4)  # fmt: skip
        need = max(need, width + extra)
    return need


def install(window: QMainWindow) -> WorkshopMode:
    """The menu "Workshop" and its F11 action on the main window."""
    return WorkshopMode(window)
