"""The checks page: the selected scenario's findings grouped by level (errors, warnings, notes).

Double-click (or Enter) on a finding asks the window to jump to the page and row of `finding.ref`.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.i18n import LEVELS, lang, t
from desktop.pages.lists import heading, hint
from desktop.session import PlanSession
from desktop.signals import emit
from planners.model import Finding, Level
from planners.model.linekinds import LINE_KINDS, lines_of

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
        self._groups: list[QTreeWidgetItem] = []
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([t("Hvor"), t("Fund")])
        self.tree.header().setStretchLastSection(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree)
        session.plan_changed.connect(self.refresh)
        self.refresh()

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
                tip = f"{message}\n[{f.code}]"
                for col, text in ((0, self.where(f)), (1, textwrap.fill(message, 100))):
                    index = model.index(i, col, group)
                    model.setData(index, text)
                    model.setData(index, tip, Qt.ItemDataRole.ToolTipRole)
                model.setData(model.index(i, 0, group), f, Qt.ItemDataRole.UserRole)
            self.tree.setExpanded(group, True)
        self.tree.setColumnWidth(0, 230)

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

    def findings_items(self) -> list[QTreeWidgetItem]:
        # The group wrappers are kept on the page: PySide6 invalidates a child item's wrapper when the wrapper
        # of its parent (made by Qt, not Python) is collected.
        self._groups = [g for i in range(self.tree.topLevelItemCount()) if (g := self.tree.topLevelItem(i))]
        return [c for group in self._groups for j in range(group.childCount()) if (c := group.child(j))]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding):
            emit(self.jump, finding)

    def table_for(self, kind: str) -> None:
        return None

    def active_table(self) -> None:
        return None
