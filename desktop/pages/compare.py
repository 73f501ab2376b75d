"""The page "Sammenlign" (issue 9, point 2): two to five scenarios side by side.

The user ticks the scenarios (2–5) and picks the base. The table shows the rows of `planners.figures.compare.compare`
— areas, establishment, eligible, grant and share, financing, annual cost, rent per m² with and without the
grant, vacancy, each tenant's total, the findings counts — one value column per scenario and, beside each
scenario but the base, its difference against the base. Below, the comparison's charts (`COMPARE_CHARTS`).

Nothing is computed here but through `compare()` (the engine's figures); the comparison is recomputed only while
the page is on screen, on a zero-timer after an edit (the figures panel first), or when the page is shown.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.charts_view import (
    CHART_TITLES,
    IDLE_MS,
    ChartView,
    TitleBar,
    compare_chart_keys,
    fit_tab_titles,
    language,
)
from desktop.i18n import error_text, t
from desktop.pages.lists import heading
from desktop.session import PlanSession
from planners.figures.compare import CompareRow, Comparison, Known, Unit, compare, group_label
from planners.model import money
from planners.model.errors import PlanError
from planners.store.operations import Changes

MIN_SCENARIOS = 2
COMPACT_ROWS = 8  # rows of the table that must show above the charts, else they become tabs
NARROW_PAGE = 760  # px: narrower, the choice's labels take two lines each
LABEL_LEAST_CHARS = 11  # a figure's label keeps about this many characters a line where the page is narrow
CHART_LEAST = 300  # px: a chart's least height, readable (the tenants' chart once opened ~50 px tall)
MAX_SCENARIOS = 5
POSITIVE = QColor("#8a0016")  # a higher cost than the base reads as worse …
NEGATIVE = QColor("#0b6b2b")  # … a lower one as better (colour only for kroner; areas are neither)


def format_value(unit: Unit, value: Decimal | None, lang: str = "da") -> str:
    """A row's value as the reader sees it ("–" where a tenant is absent)."""
    if value is None:
        return "–"
    if unit is Unit.KR:
        return money.format_kr(value, lang)
    if unit is Unit.M2:
        return money.format_m2(value, lang=lang)
    if unit is Unit.PCT:
        return money.format_pct(value, lang=lang)
    return money.format_number(value, 0, lang)


def format_difference(unit: Unit, diff: Decimal | None, lang: str = "da") -> str:
    """A difference against the base, always signed ("+1.234 kr.", "−2,5 procentpoint"); "" for none.

    Kroner, m² and points as `money.format_change` writes them (the what-if panel's differences); a count
    ("+2") through `money.format_number`. A difference that shows as zero keeps its unit: "±0,0 m²"."""
    if diff is None:
        return ""
    if unit is Unit.COUNT:
        text = money.format_number(diff, 0, lang)
        return "±0" if text == "0" else "−" + text[1:] if text.startswith("-") else "+" + text
    change = money.format_change(diff, {Unit.KR: "kr", Unit.M2: "m2", Unit.PCT: "pct"}[unit], lang)
    if change != "±0":
        return change
    if unit is Unit.PCT:
        return f"±{money.format_number(0, 1, lang)} " + ("pp." if lang == "en" else "procentpoint")
    return "±" + format_value(unit, Decimal(0), lang)


class ComparePage(QWidget):
    title = "Sammenlign"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.comparison: Comparison | None = None
        # the session's figures of every scenario (kept between edits) and their findings: choosing one more
        # scenario computes that one only (issue 15.5)
        self._known = Known(session.scenario_figures)
        self._chosen: list[int] = []  # row ids of the ticked scenarios, in the plan's order
        self._base: int | None = None  # row id of the base scenario
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_if_shown)

        outer = QVBoxLayout(self)
        outer.addWidget(heading(t("Sammenlign scenarier")))
        # The choice sits in one row above the table, so the table and the charts get the page's full width
        # (on a projector, beside the enlarged panel and the what-if dock, width is what is short).
        pick = QHBoxLayout()
        self.pick_label = QLabel(t("Scenarier (vælg 2–5):"))
        pick.addWidget(self.pick_label)
        self.list = QListWidget(self)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setSpacing(2)
        self.list.setMaximumHeight(self.fontMetrics().height() * 3 + 8)
        self.list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.list.itemChanged.connect(self._ticked)
        pick.addWidget(self.list, 1)
        self.base_label = QLabel(t("Forskelle i forhold til:"))
        pick.addWidget(self.base_label)
        self.base_combo = QComboBox(self)
        # As narrow as eight characters (a longer name elides in the box, whole in its list): at 160 px the row
        # held the page wider than a 1024-pixel projector leaves it, and the page scrolled sideways.
        self.base_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.base_combo.setMinimumContentsLength(8)
        self.base_combo.activated.connect(self._base_picked)
        pick.addWidget(self.base_combo)
        outer.addLayout(pick)
        self.message = QLabel(self)
        self.message.setObjectName("compareMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a0016")
        outer.addWidget(self.message)
        # Where the table does not hold every scenario's values and differences in its width (three scenarios
        # beside the what-if dock on a 1024-pixel projector needed 818 px of 583), it shows the values or the
        # differences, as chosen here, beside the base's values: it never scrolls sideways (issue 15, the what-if
        # tenants' "Pr. måned / Pr. år" alike). Hidden while both fit.
        self.show_row = QWidget(self)
        self.show_row.setObjectName("compareShow")
        show = QHBoxLayout(self.show_row)
        show.setContentsMargins(0, 0, 0, 0)
        show.addWidget(QLabel(t("Vis:"), self.show_row))
        self.show_values = QRadioButton(t("Værdier"), self.show_row)
        self.show_differences = QRadioButton(t("Forskelle"), self.show_row)
        self.show_values.setChecked(True)
        self.show_values.toggled.connect(lambda _on: self._fit_columns() if self.comparison is not None else None)
        show.addWidget(self.show_values)
        show.addWidget(self.show_differences)
        show.addStretch(1)
        self.show_row.hide()
        outer.addWidget(self.show_row)
        self._outer = outer
        self._columns: list[tuple[int, bool]] = []  # the table's columns after the label: (scenario, difference)
        self.narrow = False  # the values' or the differences' columns hidden, as `show_row` chooses
        top = QHBoxLayout()

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, 1, split)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # a zoom or the workshop's type fits the columns here, not to their contents (`zoom.fit_view`)
        self.table.fit_columns = self._fit_columns  # type: ignore[attr-defined]
        self.charts = QTabWidget(split)
        self.charts.setTabBar(TitleBar(self.charts))  # short titles where narrow, the tabs' texts whole
        self.views: dict[str, ChartView] = {}
        for key in compare_chart_keys():
            view = ChartView(key, lambda: self.comparison, self.charts)
            self.views[key] = view
            self.charts.addTab(view, t(CHART_TITLES[key]))
        # One "save" for the charts, in the tab bar's corner: the chart keeps the height a row of buttons took
        self.save_chart = QPushButton(t("Gem diagram som…"), self.charts)
        self.save_chart.setToolTip(t("Gem diagrammet som PNG-billede eller SVG-tegning"))
        self.save_chart.clicked.connect(lambda _c=False: self.current_view().save_dialog())
        self.charts.setCornerWidget(self.save_chart)
        for view in self.views.values():
            view.bar.hide()
        # The other charts are drawn ahead (off the GUI thread) once the one on screen is done, so a tab
        # switch shows a finished chart (issue 15.5).
        self._ahead = QTimer(self)
        self._ahead.setSingleShot(True)
        self._ahead.setInterval(IDLE_MS)
        self._ahead.timeout.connect(self._draw_ahead)
        self.charts.currentChanged.connect(lambda _i: self._ahead.start())
        # The workshop's notes and decisions of the compared scenarios (issue 15.7), between the figures and the
        # charts: read-only here (they are written on the scenarios page), hidden while no scenario has any.
        self.notes = QTextBrowser(split)
        self.notes.setObjectName("compareNotes")
        self.notes.setOpenLinks(False)
        self.notes.setMinimumHeight(self.notes.fontMetrics().height() * 3 + 8)
        self.notes.hide()
        split.addWidget(self.table)
        split.addWidget(self.notes)
        split.addWidget(self.charts)
        # the charts get the larger part and never less than a readable height (the tenants' chart opened
        # about 50 px tall; issue 15.4)
        self.charts.setMinimumHeight(CHART_LEAST)
        # … and the table keeps its header and a few rows (on a 720-pixel projector the charts' minimum left it
        # one row tall): the page scrolls down to the charts rather than squash the figures.
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 9)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 3)
        split.setChildrenCollapsible(False)
        top.addWidget(split, 1)
        outer.addLayout(top, 1)
        self.split = split
        # Where the page is too low for the table and a readable chart one above the other (workshop mode on a
        # 720-pixel projector left the table one row tall), they become two tabs: the figures, the charts.
        self.stacked = QTabWidget(self)
        self.stacked.setObjectName("compareTabs")
        self.stacked.hide()
        top.addWidget(self.stacked, 1)
        self.compact = False
        self.stacked.currentChanged.connect(lambda _i: self._place_switch())
        self._watched: QWidget | None = None
        self.table.installEventFilter(self)  # its own width is the columns' room
        self.charts.installEventFilter(self)  # and the charts' own width the tab titles' room
        self._tabs_fitted: tuple[int, str, int, str] | None = None  # the width, type … the titles were fitted to
        session.plan_changed.connect(self._changed)
        self._fill_choices()

    # --- fitting the height ------------------------------------------------------------------------------------

    def _fit_tabs(self) -> None:
        """The five charts' tab titles whole beside the save button (issue 15.1: at 1280 px beside the what-if
        dock the last was a cut "Lejerne…" behind scroll arrows)."""
        # where the titles do not fit beside "Gem diagram som…" the button says "Gem…" (its tooltip the rest)
        # (only where the full titles need its room: a short title or a smaller type would follow otherwise)
        # once per width and type (a pass measures every title in up to five sizes: ≈ 10 ms CPU under load, and
        # the page's resizes while three scenarios are chosen called it several times over)
        fitted = (self.charts.width(), self.charts.font().key(), self.charts.count(), t("Gem…"))
        if fitted == self._tabs_fitted:
            return
        self._tabs_fitted = fitted
        self.save_chart.setText(t("Gem diagram som…"))
        fit_tab_titles(self.charts, self.save_chart.sizeHint().width() + 8)
        bar = self.charts.tabBar()
        if bar.font() != self.charts.font() or any(bar.tabToolTip(i) for i in range(bar.count())):
            self.save_chart.setText(t("Gem…"))
            fit_tab_titles(self.charts, self.save_chart.sizeHint().width() + 8)

    def _room(self) -> int:
        """The height the page is shown in: its scroll area's (the page itself grows to its minimum)."""
        holder = self.parentWidget()
        return holder.height() if holder is not None else self.height()

    def set_compact(self, compact: bool) -> None:
        """The table and the charts as two tabs (`compact`) or one above the other in the splitter."""
        if compact == self.compact:
            return
        self.compact = compact
        at = self.stacked.currentIndex()
        if compact:
            self.stacked.addTab(self.table, t("Tal"))
            self.stacked.addTab(self.charts, t("Diagrammer"))
            self._notes_tab()
            self.split.hide()
            self.stacked.show()
        else:
            self.split.insertWidget(0, self.table)
            self.split.insertWidget(1, self.notes)
            self.split.insertWidget(2, self.charts)
            self.stacked.clear()
            self.stacked.hide()
            self.split.show()
        self.table.show()
        self.charts.show()
        if not compact:
            self.notes.setVisible(self._has_notes())
        if compact and at >= 0:
            self.stacked.setCurrentIndex(at)
        self._place_switch()

    def _place_switch(self) -> None:
        """The values/differences switch above the table, or in the compact page beside its tabs (a row of its
        own made the page scroll down on a 768-pixel projector), there only while the figures' tab is shown."""
        if self.compact:
            if self.stacked.cornerWidget() is not self.show_row:
                self.stacked.setCornerWidget(self.show_row)
            shown = self.narrow and self.stacked.currentWidget() is self.table
        else:
            if self.stacked.cornerWidget() is self.show_row:
                self.stacked.setCornerWidget(None)  # type: ignore[arg-type]  # Qt takes none: the corner empties
                self._outer.insertWidget(self._outer.indexOf(self.message) + 1, self.show_row)
            shown = self.narrow
        if shown != self.show_row.isVisibleTo(self):
            self.show_row.setVisible(shown)

    def _fit_labels(self) -> None:
        """On a narrow page (beside the what-if dock at 1024 px) the two labels of the choice take two lines each,
        so the scenario list keeps room for whole names ("Nybyg", "Nybyg", "Billige…" before)."""
        narrow = self.width() < NARROW_PAGE
        self.pick_label.setText(t("Scenarier\n(vælg 2–5):") if narrow else t("Scenarier (vælg 2–5):"))
        self.base_label.setText(t("Forskelle i\nforhold til:") if narrow else t("Forskelle i forhold til:"))

    def fit_height(self) -> None:
        self._fit_labels()
        if self.list.count():
            # three rows of scenario names in the list's type as it is now (the workshop's is larger than the
            # one the page was made in: the third scenario hid behind a scroll bar at 1280 px)
            spacing = self.list.spacing()
            self.list.setMaximumHeight(3 * (self.list.sizeHintForRow(0) + 2 * spacing) + 2 * self.list.frameWidth())
        # the table's header and COMPACT_ROWS rows above a chart of its least height, and the rows above them
        rows = self.table.horizontalHeader().height() + COMPACT_ROWS * self.table.verticalHeader().defaultSectionSize()
        above = self.list.geometry().bottom() + self.message.sizeHint().height() + 24
        notes = self.notes.minimumHeight() if self._has_notes() else 0
        self.set_compact(self._room() < above + rows + notes + CHART_LEAST)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_height()
        self._fit_tabs()
        if event.oldSize().width() != event.size().width() and self.comparison is not None:
            self._fit_columns()  # the room for "procentpoint" changed

    # --- choosing the scenarios --------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        plan = self.session.plan
        ids = [s.row_id for s in plan.scenarios]
        self._chosen = [i for i in self._chosen if i in ids]
        if len(self._chosen) < MIN_SCENARIOS:
            # Default: the scenario applied for and the ones after it, up to two.
            applied = plan.scenario().row_id
            order = [applied, *(i for i in ids if i != applied)]
            self._chosen = [i for i in order if i is not None][:MIN_SCENARIOS]
        if self._base not in self._chosen:
            applied = plan.scenario().row_id
            self._base = applied if applied in self._chosen else (self._chosen[0] if self._chosen else None)
        self.list.blockSignals(True)
        self.list.clear()
        for s in plan.scenarios:
            item = QListWidgetItem(s.name + (t(" (ansøges)") if s.name == plan.scenario().name else ""))
            item.setData(Qt.ItemDataRole.UserRole, s.row_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.row_id in self._chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._fill_base()

    def _fill_base(self) -> None:
        self.base_combo.clear()
        for s in self.session.plan.scenarios:
            if s.row_id in self._chosen:
                self.base_combo.addItem(s.name, s.row_id)
        self.base_combo.setCurrentIndex(max(0, self.base_combo.findData(self._base)))

    def choose(self, names: list[str], base: str | None = None) -> None:
        """Compare the scenarios named (as ticking them would), with `base` (default: as now, else the first)."""
        by_name = {s.name: s.row_id for s in self.session.plan.scenarios}
        self._chosen = [by_name[n] for n in names]  # type: ignore[misc]
        if base is not None:
            self._base = by_name[base]
        self._fill_choices()
        self._recompute()

    def _ticked(self, item: QListWidgetItem) -> None:
        row_id = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and row_id not in self._chosen:
            if len(self._chosen) >= MAX_SCENARIOS:
                self.list.blockSignals(True)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.list.blockSignals(False)
                self.message.setText(t("Højst fem scenarier kan sammenlignes ad gangen."))
                return
            order = [s.row_id for s in self.session.plan.scenarios]
            self._chosen = sorted([*self._chosen, row_id], key=order.index)
        elif not checked and row_id in self._chosen:
            self._chosen.remove(row_id)
            if self._base == row_id:
                self._base = self._chosen[0] if self._chosen else None
        self._fill_base()
        self._recompute()

    def _base_picked(self, index: int) -> None:
        self._base = self.base_combo.itemData(index)
        self._recompute()

    # --- keeping it current ---------------------------------------------------------------------------------

    def _changed(self, changes: Changes | None) -> None:
        if changes is None or changes.touches("scenario", "plan"):
            self._fill_choices()
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        holder = self.parentWidget()
        if holder is not None and holder is not self._watched:
            # The scroll area's viewport: it may shrink below the page's minimum without resizing the page.
            holder.installEventFilter(self)
            self._watched = holder
        self.fit_height()
        self._fit_tabs()
        if self._stale:
            self._recompute()
        elif self.comparison is not None:
            self._fit_columns()  # the width may have changed while the page was hidden

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self.fit_height()
        elif watched is self.table and event.type() == QEvent.Type.Resize and self.comparison is not None:
            # the table's own width is the room (a tab's or the splitter's may change without the page's): at
            # 1280 px it was first fitted in a stale width and kept hiding columns that fitted
            if isinstance(event, QResizeEvent) and event.oldSize().width() != event.size().width():
                self._fit_columns()
        elif watched is self.charts and isinstance(event, QResizeEvent):
            # the charts' own width is the titles' room: moved between the splitter and the "Diagrammer" tab
            # (a 720- or 768-pixel projector), they were fitted in a stale width and kept shortened titles
            if event.oldSize().width() != event.size().width():
                self._fit_tabs()
        return False

    def _refresh_if_shown(self) -> None:
        if self._stale and self.isVisible():
            self._recompute()

    def _recompute(self) -> None:
        plan = self.session.plan
        names = {s.row_id: s.name for s in plan.scenarios}
        chosen = [names[i] for i in self._chosen if i in names]
        base = names.get(self._base) if self._base is not None else None
        self._stale = False
        try:
            self.comparison = compare(plan, chosen, base, self._known)
        except PlanError as exc:
            self.comparison = None
            self.message.setText(error_text(exc))
        else:
            if self.message.text() != t("Højst fem scenarier kan sammenlignes ad gangen."):
                self.message.clear()
        # The chart on screen is started before the table is filled: the worker draws it while this thread
        # fills the table (issue 15.5: choosing a scenario, table and chart within 300 ms). The notes come
        # first, as they set the chart's height; where they change it, the chart waits for the new layout.
        shape = (self.compact, self.notes.isVisibleTo(self))
        self._fill_notes()
        for view in self.views.values():
            view.invalidate()
        if shape == (self.compact, self.notes.isVisibleTo(self)):
            self.current_view().draw_now()
        self._fill_table()
        self._ahead.start()

    def _draw_ahead(self) -> None:
        current = self.charts.currentWidget()
        if getattr(current, "busy", False):  # the chart on screen first
            self._ahead.start()
            return
        for view in self.views.values():
            view.draw_ahead()

    def _fill_table(self) -> None:
        self.table.clearSpans()
        c = self.comparison
        if c is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(1)
            self._columns = []
            self.table.setHorizontalHeaderLabels([t("Nøgletal")])
            self.table.resizeColumnsToContents()
            return
        lang = language()
        # Columns: the figure, then per scenario its value and (but for the base) its difference.
        columns: list[tuple[int, bool]] = []  # (scenario index, is difference)
        headers = [t("Nøgletal")]
        for i, name in enumerate(c.scenarios):
            mark = t(" (ansøges)") if name == c.applied else ""
            base = t(" — basis") if i == c.base_index else ""
            columns.append((i, False))
            headers.append(f"{name}{mark}{base}")
            if i != c.base_index:
                columns.append((i, True))
                headers.append(t("Forskel"))
        rows: list[CompareRow | str] = []
        group = None
        for row in c.rows:
            if row.group is not group:
                group = row.group
                rows.append(group_label(group, lang))
            rows.append(row)
        self._columns = columns
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for y, r in enumerate(rows):
            if isinstance(r, str):
                item = QTableWidgetItem(r)
                item.setFont(bold)
                self.table.setItem(y, 0, item)
                for x in range(1, len(headers)):
                    self.table.setItem(y, x, QTableWidgetItem(""))
                self.table.setSpan(y, 0, 1, len(headers))
                continue
            label = QTableWidgetItem(r.label(lang))
            label.setToolTip(label.text())  # whole where a narrow page wraps it short
            label.setData(Qt.ItemDataRole.UserRole, r.key)
            self.table.setItem(y, 0, label)
            for x, (i, is_diff) in enumerate(columns, start=1):
                if is_diff:
                    diff = r.differences[i]
                    item = QTableWidgetItem(format_difference(r.unit, diff, lang))
                    item.setToolTip(item.text())
                    if diff and r.unit in (Unit.KR, Unit.COUNT) and r.key not in _MORE_IS_BETTER:
                        item.setForeground(QBrush(POSITIVE if diff > 0 else NEGATIVE))
                else:
                    item = QTableWidgetItem(format_value(r.unit, r.values[i], lang))
                    if i == c.base_index:
                        item.setFont(bold)
                item.setTextAlignment(right)
                self.table.setItem(y, x, item)
        self._fit_columns()

    def _has_notes(self) -> bool:
        return self.comparison is not None and bool(self.comparison.noted)

    def _fill_notes(self) -> None:
        """Each compared scenario's notes under its name in bold, as typed (paragraphs kept); hidden if none."""
        c = self.comparison
        noted = c.noted if c is not None else ()
        parts = [f"<p><b>{escape(name)}</b><br/>{escape(text).replace(chr(10), '<br/>')}</p>" for name, text in noted]
        html = (f"<p><b>{escape(t('Noter og beslutninger'))}</b></p>" + "".join(parts)) if parts else ""
        self.notes.setHtml(html)
        if self.compact:
            self._notes_tab()
        else:
            self.notes.setVisible(bool(noted))
        self.fit_height()

    def _notes_tab(self) -> None:
        """In the compact page the notes are a last tab, there only while a compared scenario has notes."""
        at = self.stacked.indexOf(self.notes)
        if self._has_notes() and at < 0:
            self.stacked.addTab(self.notes, t("Noter og beslutninger"))
        elif not self._has_notes() and at >= 0:
            self.stacked.removeTab(at)
            self.notes.setParent(self)  # kept (hidden) until the page is no longer compact
            self.notes.hide()

    def notes_text(self) -> str:
        """The notes as shown (tests)."""
        return self.notes.toPlainText() if self._has_notes() else ""

    def _fit_columns(self) -> None:
        """Three scenarios beside the what-if dock on a 1280-pixel projector (issue 15.4): the amounts' columns
        as wide as their longest amount (never cut), the scenario names in the header and the figures' labels
        wrapped over two lines instead of widening their columns; the last column takes any room left. Where
        that is still too wide (the workshop's type at 1280 px under a real font), the labels give up more width
        and wrap over more lines (a long word breaks where it must); the amounts stay whole."""
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        # the cell's own margins (Qt's delegate keeps focus-frame margin + 1 on each side) and 4 px of air: no
        # more, every pixel counts at 1280 px (three scenarios beside the what-if dock)
        pad = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 4
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)  # the base's values are bold
        label_width = metrics.horizontalAdvance("Husleje pr. m² brutto") + pad
        heights = [metrics.height()]
        wider: dict[int, int] = {}  # columns of points: as wide as the word "procentpoint", where there is room

        def measure() -> list[int]:
            """Each column's width (set on it, and returned: a hidden column's width reads as 0)."""
            widths = []
            for x in range(self.table.columnCount()):
                texts = [item.text() for y in range(self.table.rowCount())
                         if (item := self.table.item(y, x)) is not None and self.table.columnSpan(y, x) == 1]
                if x == 0:
                    # a figure's label wraps at about 20 characters' width ("Husleje pr. m² brutto pr. år")
                    width = min(max((metrics.horizontalAdvance(t) for t in texts), default=0) + pad, label_width)
                else:
                    # amounts are never cut or wrapped; "procentpoint" may wrap below its number
                    shown = bold_metrics if x == 1 + self._base_column() else metrics
                    width = max((shown.horizontalAdvance(t.split(" procentpoint")[0]) for t in texts), default=0)
                    if any(t.endswith(" procentpoint") for t in texts):
                        wider[x] = metrics.horizontalAdvance("procentpoint")
                    head = self.table.horizontalHeaderItem(x)
                    words = head.text().split() if head is not None else []
                    # the header wraps between words: at least as wide as its longest word
                    width = max(width, *(metrics.horizontalAdvance(w) for w in words)) + pad
                self.table.setColumnWidth(x, width)
                widths.append(width)
            return widths

        # the page's width less its margins and the table's frame and scroll bar (a hidden tab's viewport is stale)
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right() if layout is not None else 0
        room = self.width() - margins - self.table.verticalScrollBar().sizeHint().width() - 4
        if self.table.isVisible():  # on screen: its own width is exact (in the compact page a tab's frame less)
            room = min(room, self.table.width() - 2 * self.table.frameWidth()
                       - self.table.verticalScrollBar().sizeHint().width())
        least = metrics.averageCharWidth() * LABEL_LEAST_CHARS + pad
        c = self.comparison
        self._set_difference_headers(False)
        for x in range(self.table.columnCount()):
            self.table.setColumnHidden(x, False)  # a hidden column takes no width set on it
        widths = measure()
        # Every column, the labels at their least: where even that is wider than the room, the table shows the
        # values or the differences as chosen (the base's values always), and never scrolls sideways.
        # In workshop mode only (the projector's question; at the desk the table scrolls as it did) and only on
        # screen (a page never shown has no width of its own; it is fitted again when shown).
        narrow = (c is not None and self._in_workshop() and self.isVisible() and any(d for _i, d in self._columns)
                  and sum(widths) - max(0, widths[0] - least) > room)
        differences = narrow and self.show_differences.isChecked()
        if differences:
            self._set_difference_headers(True)  # "Forskel" names its scenario where its values are hidden
            widths = measure()
        for x, (i, is_diff) in enumerate(self._columns, start=1):
            hide = narrow and (not is_diff and c is not None and i != c.base_index if differences else is_diff)
            self.table.setColumnHidden(x, hide)
        self.narrow = narrow
        self._place_switch()
        shown_columns = [x for x in range(self.table.columnCount()) if not self.table.isColumnHidden(x)]
        # The word "procentpoint" wraps below its number whole ("±0,0 proce…" otherwise) where the columns then
        # still fit the page; where they would not (three scenarios beside the what-if dock at 1280 px) the
        # number stays whole and the word is elided, whole in the cell's tooltip.
        total = sum(widths[x] for x in shown_columns)
        extra = sum(max(0, w + pad - widths[x]) for x, w in wider.items() if x in shown_columns)
        if total + extra <= room:
            for x, w in wider.items():
                self.table.setColumnWidth(x, max(widths[x], w + pad))
        elif total > room:
            # the labels down to about eleven characters' width, wrapped over more lines (Qt breaks a word longer
            # than that, "tilskudsberettigede", where it must): three scenarios then fit beside the what-if dock
            # at 1280 px in the workshop's type (895 px of 848 before)
            label = max(least, widths[0] - (total - room))
            self.table.setColumnWidth(0, min(label, widths[0]))
        for x in shown_columns:
            head = self.table.horizontalHeaderItem(x)
            if head is not None:
                width = self.table.columnWidth(x)
                box = metrics.boundingRect(0, 0, width - pad, 10_000, Qt.TextFlag.TextWordWrap, head.text())
                heights.append(box.height())
        header.setFixedHeight(max(heights) + pad)
        self.table.resizeRowsToContents()

    def _in_workshop(self) -> bool:
        """Whether the window is in workshop mode (`desktop.workshop.WorkshopMode.active`)."""
        return bool(getattr(getattr(self.window(), "workshop", None), "active", False))

    def _set_difference_headers(self, named: bool) -> None:
        """A difference column's header: "Forskel" beside its scenario's values; "Forskel" over the scenario's
        name (two compact lines) where the values are hidden."""
        c = self.comparison
        for x, (i, is_diff) in enumerate(self._columns, start=1):
            head = self.table.horizontalHeaderItem(x)
            if is_diff and head is not None and c is not None:
                head.setText(t("Forskel") + ("\n" + c.scenarios[i] if named else ""))

    def _base_column(self) -> int:
        """The table column (after the label) of the base's values: each scenario before it has two columns."""
        c = self.comparison
        return 0 if c is None else 2 * c.base_index

    def current_view(self) -> ChartView:
        return self.charts.currentWidget()  # type: ignore[return-value]

    # --- reading (tests) -------------------------------------------------------------------------------------

    def cell(self, key: str, column: int) -> str:
        """The text shown for row `key` in table column `column` (0 = the label)."""
        for y in range(self.table.rowCount()):
            item = self.table.item(y, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                shown = self.table.item(y, column)
                return shown.text() if shown is not None else ""
        raise KeyError(key)


# Rows where a larger value is good news (colouring the difference green, not red).
_MORE_IS_BETTER = {"grant", "grant_share", "eligible_total", "financing_total"}
