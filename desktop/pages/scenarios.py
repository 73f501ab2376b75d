"""The page "Scenarier" (issue 9, point 1): the plan's scenarios with their key figures, and managing them.

New (an empty scenario), duplicate (a deep copy of every line, in the core: `DuplicateScenario`), rename, delete,
move, and mark as the one applied for — each ONE operation through the session's dispatcher, so each is one
undo step (deleting needs no question: undo brings the scenario back whole). Double-click shows a scenario (every
page and the panel follow the scenario selected).

The table's figures are the engine's (`planners.figures.engine.compute`) for every scenario; they are computed only
while the page is on screen (on a zero-timer after an edit, so the figures panel is never held up), and the
selected scenario's figures are the session's own, never computed twice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.flow import FlowLayout
from desktop.i18n import t
from desktop.numbers import show_kr, show_m2
from desktop.pages.lists import heading
from desktop.pages.overview import CommitTextEdit
from desktop.session import PlanSession
from planners.figures.engine import compute
from planners.model import Scenario
from planners.model.results import ScenarioFigures
from planners.store.operations import (
    AddScenario,
    Changes,
    DeleteScenario,
    DuplicateScenario,
    MoveScenario,
    RenameScenario,
    SetPlanFields,
    SetScenarioFields,
)

COLUMNS = ("Scenarie", "Ansøges", "Lejere", "Bruttoareal", "Anlægsudgifter i alt", "Tilskud fra puljen",
           "Husleje pr. m² med tilskud")  # fmt: skip
NAME_CHARS = 24  # the name column's widest, in average characters (a longer name elides)


def free_name(taken: set[str], wanted: str) -> str:
    """`wanted`, or "wanted 2", "wanted 3"… — the first not taken (scenario names are unique)."""
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted} {n}" in taken:
        n += 1
    return f"{wanted} {n}"


class ScenariosPage(QWidget):
    title = "Scenarier"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._figures: dict[int, ScenarioFigures] = {}
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_if_shown)
        outer = QVBoxLayout(self)
        outer.addWidget(heading(t("Scenarier")))
        intro = QLabel(t("Et scenarie er en variant af planen (fx ombygning eller nybyg, 3 eller 5 praksis). "
                         "Dobbeltklik for at vise et scenarie; alle sider og nøgletal følger det valgte."))  # fmt: skip
        intro.setWordWrap(True)
        outer.addWidget(intro)
        # The buttons wrap onto a second row where the page is narrow (a 1024-pixel projector, a large zoom):
        # in one row they held the page 783 px wide and it scrolled sideways.
        button_row = QWidget(self)
        buttons = FlowLayout(button_row)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("new", "Nyt scenarie…", "Et nyt, tomt scenarie", self.new_scenario),
            ("duplicate", "Dupliker…", "En kopi af det markerede scenarie med alle dets linjer",
             self.duplicate_scenario),
            ("rename", "Omdøb…", "Giv det markerede scenarie et nyt navn", self.rename_scenario),
            ("delete", "Slet", "Slet det markerede scenarie (kan fortrydes)", self.delete_scenario),
            ("applied", "Marker som ansøgt", "Det markerede scenarie er det, der søges tilskud til",
             self.mark_applied),
            ("up", "Flyt op", "Flyt scenariet op", lambda: self.move_scenario(-1)),
            ("down", "Flyt ned", "Flyt scenariet ned", lambda: self.move_scenario(1)),
            ("show", "Vis scenariet", "Vis det markerede scenarie på alle sider", self.show_selected),
        ):
            button = QPushButton(t(text), self)
            button.setToolTip(t(tip))
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        outer.addWidget(button_row)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([t(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # The amounts as wide as their text, never cut; the name column (which stretched and pushed the amounts
        # out of view on a narrow page) as wide as its longest name up to NAME_CHARS, elided beyond (whole in the
        # tooltip); the last column takes any room left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.show_selected(row))
        outer.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("scenarioMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        # The workshop's notes and decisions for the marked scenario (issue 15.7): committed when the field is left.
        self.notes_box = QGroupBox(self)
        notes_layout = QVBoxLayout(self.notes_box)
        self.notes = CommitTextEdit(self.notes_box)
        self.notes.setObjectName("scenarioNotes")
        self.notes.setPlaceholderText(t("Hvad workshoppen besluttede eller bemærkede om scenariet"))
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.notes.committed.connect(self.commit_notes)
        notes_layout.addWidget(self.notes)
        outer.addWidget(self.notes_box)
        self.table.currentCellChanged.connect(lambda *_a: self._show_notes())
        session.plan_changed.connect(self._changed)
        self._fill()

    def _fit_columns(self) -> None:
        """Each amount column as wide as its widest amount or its header's longest word (the header wraps
        between words: "Anlægsudgifter / i alt"), so the amounts fit a narrow page whole; the names up to
        NAME_CHARS."""
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)  # the scenario shown is bold
        pad = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        heights = [metrics.height()]
        for x in range(self.table.columnCount()):
            texts = [item.text() for y in range(self.table.rowCount()) if (item := self.table.item(y, x)) is not None]
            width = max((bold_metrics.horizontalAdvance(text) for text in texts), default=0)
            head = self.table.horizontalHeaderItem(x)
            words = head.text().split() if head is not None else []
            width = max(width, *(bold_metrics.horizontalAdvance(word) for word in words)) + pad
            if x == 0:
                width = min(width, metrics.averageCharWidth() * NAME_CHARS)
            self.table.setColumnWidth(x, width)
            if head is not None:
                box = bold_metrics.boundingRect(0, 0, width - pad, 10_000, Qt.TextFlag.TextWordWrap, head.text())
                heights.append(box.height())
        self.table.horizontalHeader().setFixedHeight(max(heights) + pad)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: the amounts grew
            self._fit_columns()

    # --- dialogs (tests replace this) -------------------------------------------------------------------

    def ask_name(self, title: str, default: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, t("Navn på scenariet:"), text=default)
        return name.strip() if ok and name.strip() else None

    # --- reading ---------------------------------------------------------------------------------------------

    def selected(self) -> Scenario | None:
        row = self.table.currentRow()
        scenarios = self.session.plan.scenarios
        return scenarios[row] if 0 <= row < len(scenarios) else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentCell(row, 0)

    def figures_of(self, scenario: Scenario) -> ScenarioFigures:
        if scenario.row_id == self.session.scenario_id:
            return self.session.figures
        found = self._figures.get(scenario.row_id)  # type: ignore[arg-type]
        if found is None:
            found = compute(self.session.plan, scenario)
            self._figures[scenario.row_id] = found  # type: ignore[index]
        return found

    # --- keeping the table current -------------------------------------------------------------------------

    def _changed(self, changes: Changes | None) -> None:
        if changes is None or changes.scenario_id is None or changes.touches("scenario", "plan", "catalog"):
            self._figures.clear()
        else:
            self._figures.pop(changes.scenario_id, None)
        self._stale = True
        if self.isVisible():
            if changes is None or changes.touches("scenario", "plan"):
                self._fill()  # the list itself changed (rare): shown at once
            else:
                self._timer.start()  # a line edit: after the figures panel, never holding the edit up

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._fill()

    def _refresh_if_shown(self) -> None:
        if self._stale and self.isVisible():
            self._fill()

    def _fill(self) -> None:
        keep = self.table.currentRow()
        plan = self.session.plan
        applied = plan.scenario().name
        self.table.setRowCount(len(plan.scenarios))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, s in enumerate(plan.scenarios):
            f = self.figures_of(s) if self.isVisible() else None
            texts = [
                s.name,
                t("✔ ansøges") if s.name == applied else "",
                str(len(s.tenants)),
                show_m2(f.gross_m2) if f else "",
                show_kr(f.establishment_total) if f else "",
                show_kr(f.grant) if f else "",
                t("{kr} pr. år").format(kr=show_kr(f.rent_per_gross_m2)) if f else "",
            ]
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if s.row_id == self.session.scenario_id:
                    item.setFont(bold)  # the scenario every page shows
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, s.row_id)
                    item.setToolTip(s.name)
                self.table.setItem(row, col, item)
        self._fit_columns()
        self._stale = not self.isVisible()
        if 0 <= keep < len(plan.scenarios):
            self.select_row(keep)
        else:
            self.select_row(max(0, plan.scenarios.index(self.session.scenario)))
        self._show_notes()

    # --- notes and decisions (issue 15.7) ---------------------------------------------------------------------

    def _show_notes(self) -> None:
        s = self.selected()
        self.notes_box.setTitle(t("Noter og beslutninger – «{navn}»").format(navn=s.name) if s else t("Noter og beslutninger"))
        if s is not None and not self.notes.hasFocus():
            self.notes.setPlainText(s.notes)
        self.notes.setReadOnly(self.session.readonly or s is None)

    def commit_notes(self) -> Changes | None:
        s = self.selected()
        text = self.notes.toPlainText()
        if s is None or text == s.notes:
            return None
        changes = self.session.run(SetScenarioFields(s.row_id, {"notes": text}),  # type: ignore[arg-type]
                                   t("ændr noter og beslutninger"))  # fmt: skip
        if changes is None:
            self._show_notes()
        return changes

    # --- the operations (each one undo step) ------------------------------------------------------------------

    def _taken(self) -> set[str]:
        return {s.name for s in self.session.plan.scenarios}

    def _show_new(self, changes: Changes | None) -> None:
        if changes is None:
            return
        new = [i for kind, i in changes.inserted if kind == "scenario"]
        if new:
            self.session.select_scenario(new[0])
            self.select_row(self.session.plan.scenarios.index(self.session.scenario))

    def new_scenario(self) -> Changes | None:
        name = self.ask_name(t("Nyt scenarie"), free_name(self._taken(), t("Nyt scenarie")))
        if name is None:
            return None
        at = self.session.plan.scenarios.index(self.session.scenario) + 1
        changes = self.session.run(AddScenario(Scenario(name=name), index=at), t("nyt scenarie"))
        self._show_new(changes)
        return changes

    def duplicate_scenario(self) -> Changes | None:
        source = self.selected()
        if source is None:
            return None
        name = self.ask_name(t("Dupliker scenarie"), free_name(self._taken(), t("{navn} (kopi)").format(navn=source.name)))
        if name is None:
            return None
        changes = self.session.run(DuplicateScenario(source.row_id, name), t("dupliker scenarie"))  # type: ignore[arg-type]
        self._show_new(changes)
        return changes

    def rename_scenario(self) -> Changes | None:
        s = self.selected()
        if s is None:
            return None
        name = self.ask_name(t("Omdøb scenarie"), s.name)
        if name is None or name == s.name:
            return None
        return self.session.run(RenameScenario(s.row_id, name), t("omdøb scenarie"))  # type: ignore[arg-type]

    def delete_scenario(self) -> Changes | None:
        s = self.selected()
        if s is None:
            return None
        if len(self.session.plan.scenarios) <= 1:
            self.message.setText(t("Planens sidste scenarie kan ikke slettes"))
            return None
        changes = self.session.run(DeleteScenario(s.row_id), t("slet scenarie"))  # type: ignore[arg-type]
        if changes is not None:
            self.message.setText(t("Scenariet «{navn}» er slettet. Fortryd (Ctrl+Z) henter det tilbage.")
                                 .format(navn=s.name))  # fmt: skip
        return changes

    def mark_applied(self) -> Changes | None:
        s = self.selected()
        if s is None or s.name == self.session.plan.applied_scenario:
            return None
        return self.session.run(SetPlanFields({"applied_scenario": s.name}), t("marker scenarie som ansøgt"))

    def move_scenario(self, step: int) -> Changes | None:
        s = self.selected()
        if s is None:
            return None
        row = self.session.plan.scenarios.index(s)
        to = row + step
        if not 0 <= to < len(self.session.plan.scenarios):
            return None
        changes = self.session.run(MoveScenario(s.row_id, to), t("flyt scenarie"))  # type: ignore[arg-type]
        if changes is not None:
            self.select_row(to)
        return changes

    def show_selected(self, row: int | None = None) -> None:
        if row is not None:
            self.select_row(row)
        s = self.selected()
        if s is not None:
            self.session.select_scenario(s.row_id)  # type: ignore[arg-type]
