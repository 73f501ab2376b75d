"""The checks page: the selected scenario's findings grouped by level (errors, warnings, notes). It follows the
session's `findings_changed`, which comes a moment after an edit (the checks run after the figures panel has
been painted), not `plan_changed`.

Double-click (or Enter) on a finding asks the window to jump to the page and row of `finding.ref`.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.help import look_up_html
from desktop.i18n import LEVELS, lang, t
from desktop.pages.lists import heading, hint
from desktop.session import PlanSession
from desktop.signals import emit
from planners.figures.repairs import fitted_spreads, rescaled_shares
from planners.model import Finding, Level
from planners.model.linekinds import LINE_KINDS, lines_of
from planners.store.operations import Batch, UpdateLine

COLOURS = {Level.ERROR: "#b00020", Level.WARNING: "#a05a00", Level.NOTE: "#35557a"}
ENTITY_NAMES = {"plan": "Planen", "scenario": "Scenariet", "tenant": "Lejer", "room": "Rum",
                "equipment": "Udstyr", "cost": "Anlægsudgift", "financing": "Finansiering",
                "service": "Fælles ydelse", "running": "Driftsudgifter"}  # fmt: skip


class ChecksPage(QWidget):
    title = "Tjek"
    tables: list = []
    jump = Signal(object)  # the Finding whose object to show

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.addWidget(heading(t("Tjek af planen")))
        layout.addWidget(hint(t("Fejl skal rettes før ansøgningen sendes; advarsler og bemærkninger bør læses. "
                                "Dobbeltklik på et fund for at gå til det, det handler om.")))  # fmt: skip
        self.tree = QTreeWidget(self)
        self._look_up_text: str | None = None
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([t("Hvor"), t("Fund")])
        self.tree.header().setStretchLastSection(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree, 1)
        # The app's own repairs, each one undo step for every line it concerns (issue 14.4); shown only where
        # there is something to repair. "Udlign finansieringen" is on the establishment-and-financing page.
        repairs = QHBoxLayout()
        self.fix_shares = QPushButton(t("Skalér aftalte andele til 100 %"), self)
        self.fix_shares.setToolTip(t("Hver fælles linje med aftalte andele, der ikke summerer til 100 %, skaleres, "
                                     "så de øvrige lejeres andele står i samme forhold som før"))
        self.fix_shares.clicked.connect(self.rescale_shares)
        self.fix_spreads = QPushButton(t("Ret fordelingen på år for alle linjer"), self)
        self.fix_spreads.setToolTip(t("År med 0 % fjernes, andele på år uden for projektets år flyttes til "
                                      "nærmeste projektår, og hver linje skaleres til 100 %"))
        self.fix_spreads.clicked.connect(self.fit_spreads)
        repairs.addWidget(self.fix_shares)
        repairs.addWidget(self.fix_spreads)
        repairs.addStretch(1)
        layout.addLayout(repairs)
        # What the round's data does not know: a short list to look up in the call, not a warning (issue 14.3).
        self.look_up = QLabel(self)
        self.look_up.setWordWrap(True)
        self.look_up.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.look_up)
        session.findings_changed.connect(self.refresh)
        # The repair buttons say what the lines are (not the findings): on screen they follow the edit at once.
        session.plan_changed.connect(self._plan_changed)
        self.refresh()

    def _plan_changed(self, _changes: object = None) -> None:
        if self.isVisible():
            self._show_repairs()

    def refresh(self, _changes: object = None) -> None:
        # The items are made by the tree's own model (insertRows, setData), never as QTreeWidgetItem(...) from
        # Python: an item made in Python is a PySide6 wrapper whose data()/setData() Qt must look up as a possible
        # Python override on every paint and every role, and PySide6 6.11 leaks a reference to None on each
        # lookup (≈10 per refresh of the large template; tests/desktop/test_refcounts.py).
        self.tree.clear()
        model = self.tree.model()
        findings = self.session.findings
        bold = QFont(self.tree.font())
        bold.setBold(True)
        levels = list(Level)
        model.insertRows(0, len(levels))
        for row, level in enumerate(levels):
            mine = [f for f in findings if f.level is level]
            group = model.index(row, 0)
            model.setData(group, f"{t(LEVELS[level])} ({len(mine)})")
            model.setData(group, QBrush(QColor(COLOURS[level])), Qt.ItemDataRole.ForegroundRole)
            model.setData(group, bold, Qt.ItemDataRole.FontRole)
            model.insertRows(0, len(mine), group)
            for i, f in enumerate(mine):
                # Wrapped by hand: a tree view elides long text instead of wrapping it.
                message = f.message(lang())
                tip = message
                for col, text in ((0, self.where(f)), (1, textwrap.fill(message, 100))):
                    index = model.index(i, col, group)
                    model.setData(index, text)
                    model.setData(index, tip, Qt.ItemDataRole.ToolTipRole)
                model.setData(model.index(i, 0, group), f, Qt.ItemDataRole.UserRole)
            self.tree.setExpanded(group, True)
        self.tree.setColumnWidth(0, 230)
        self._show_repairs()
        text = look_up_html(self.session.plan.pool_round)
        if text != self._look_up_text:  # setText only on a change (each Qt call from Python costs, see above)
            self._look_up_text = text
            self.look_up.setText(text)
            self.look_up.setVisible(bool(text))

    def _show_repairs(self) -> None:
        """Each repair button shown only where there is something to repair."""
        editable = not self.session.readonly
        for button, wanted in ((self.fix_shares, editable and bool(rescaled_shares(self.session.scenario))),
                               (self.fix_spreads, editable and bool(fitted_spreads(self.session.scenario,
                                                                                   self.session.plan.years)))):
            if button.isHidden() == wanted:  # only on a change: each Qt call from Python costs (see above)
                button.setVisible(wanted)

    def rescale_shares(self) -> None:
        """Every split by agreed shares back to 100 %, one undo step."""
        fixes = [f for f in rescaled_shares(self.session.scenario) if f.row_id is not None]
        steps = tuple(UpdateLine(f.kind, f.row_id, {"shared": f.shared}) for f in fixes if f.row_id is not None)
        if steps:
            self.session.run(Batch(steps, t("skalér aftalte andele")), t("skalér aftalte andele"))

    def fit_spreads(self) -> None:
        """Every cost line's spread over the years fitted to the project's years, one undo step."""
        fixes = fitted_spreads(self.session.scenario, self.session.plan.years)
        steps = tuple(UpdateLine("cost", f.row_id, {"spread": f.spread}) for f in fixes if f.row_id is not None)
        if steps:
            self.session.run(Batch(steps, t("ret fordelingen på år")), t("ret fordelingen på år"))

    def where(self, f: Finding) -> str:
        ref = f.ref
        name = t(ENTITY_NAMES.get(ref.entity, ref.entity))
        if ref.index is None:
            return name
        kind = ref.entity
        if kind in LINE_KINDS:
            lines = lines_of(self.session.scenario, kind)
            if ref.index < len(lines):
                line = lines[ref.index]
                label = getattr(line, "name", "") or getattr(line, "label", "") or getattr(line, "text", "")
                if label:
                    return f"{name} {ref.index + 1}: {label}"
        return f"{name} {ref.index + 1}"

    def findings_indexes(self) -> list[QModelIndex]:
        """Column 0 of every finding's row, as the tree's model indexes (its data: the `Finding` in UserRole).
        Indexes, not `QTreeWidgetItem` wrappers: a wrapper PySide6 made for an item Qt owns outlives the item when
        the tree is cleared or destroyed, and a widget made later at the same address was then handed that stale
        wrapper (`verticalHeader()` returned a QTreeWidgetItem, a test run of 2026-12-02)."""
        model = self.tree.model()
        groups = [model.index(i, 0) for i in range(model.rowCount())]
        return [model.index(j, 0, group) for group in groups for j in range(model.rowCount(group))]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding):
            emit(self.jump, finding)

    def table_for(self, kind: str) -> None:
        return None

    def active_table(self) -> None:
        return None
