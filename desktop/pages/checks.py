"""The checks page: the selected scenario's findings grouped by level (errors, warnings, notes).

Double-click (or Enter) on a finding asks the window to jump to the page and row of `finding.ref`.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
        self.tree.clear()
        findings = self.session.findings
        for level in Level:
            mine = [f for f in findings if f.level is level]
            group = QTreeWidgetItem(self.tree, [f"{t(LEVELS[level])} ({len(mine)})"])
            group.setFirstColumnSpanned(True)
            group.setForeground(0, QBrush(QColor(COLOURS[level])))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for f in mine:
                # Wrapped by hand: a tree view elides long text instead of wrapping it.
                message = f.message(lang())
                item = QTreeWidgetItem(group, [self.where(f), textwrap.fill(message, 100)])
                item.setData(0, Qt.ItemDataRole.UserRole, f)
                item.setToolTip(1, f"{message}\n[{f.code}]")
                item.setToolTip(0, f"{message}\n[{f.code}]")
            group.setExpanded(True)
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
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is not None:
                out += [child for j in range(group.childCount()) if (child := group.child(j)) is not None]
        return out

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding):
            emit(self.jump, finding)

    def table_for(self, kind: str) -> None:
        return None

    def active_table(self) -> None:
        return None
