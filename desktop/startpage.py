"""The start page: recent plans, a new plan from each template, open a plan, open the example."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import lang, t
from desktop.signals import emit
from planners import reference


class StartPage(QWidget):
    open_recent = Signal(str)
    new_from_template = Signal(str)
    open_file = Signal()
    open_example = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The page scrolls when the window is smaller than it (a projector, a large zoom): its content never
        # sets the window's minimum.
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setProperty("zoomBaseWidths", [0, 16777215])
        frame.addWidget(area)
        content = QWidget()
        area.setWidget(content)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(40, 30, 40, 30)
        title = QLabel(t("Sundhedshus"))
        title.setStyleSheet("font-size: 22pt; font-weight: bold")
        outer.addWidget(title)
        intro = QLabel(t("Planlæg et læge- og sundhedshus: lejere, rumprogram, udstyr, anlægsbudget, finansiering "
                         "og husleje — og lav ansøgningsbilaget til puljen."))  # fmt: skip
        intro.setWordWrap(True)
        outer.addWidget(intro)
        # The first-run hint: shown until a plan has been opened once (the recent list is then not empty).
        self.first_run = QLabel(t("Ny her? Åbn eksemplet for at se en færdig plan, eller start en tom plan med guiden. "
                                  "Hold musen over et felt eller en kolonne for at se, hvad det betyder, og "
                                  "tryk F1 for hjælp og puljens regler."))  # fmt: skip
        self.first_run.setObjectName("firstRunHint")
        self.first_run.setWordWrap(True)
        self.first_run.setStyleSheet("background: #e8f1fb; color: #123; padding: 8px; border-radius: 4px")
        outer.addWidget(self.first_run)
        row = QHBoxLayout()
        outer.addLayout(row, 1)

        recent = QGroupBox(t("Seneste planer"))
        lay = QVBoxLayout(recent)
        self.recent = QListWidget()
        self.recent.itemActivated.connect(lambda item: emit(self.open_recent, item.data(Qt.ItemDataRole.UserRole)))
        lay.addWidget(self.recent)
        open_button = QPushButton(t("Åbn en plan…"))
        open_button.clicked.connect(self.open_file)
        lay.addWidget(open_button)
        row.addWidget(recent, 1)

        new = QGroupBox(t("Ny plan"))
        lay2 = QVBoxLayout(new)
        # An empty plan with the guide first; the templates after it, named as the examples they are.
        self.empty_button = QPushButton(t("Tom plan med guide…"))
        self.empty_button.setToolTip(t("En tom plan: en kort guide spørger til lejere, rum, bygning og finansiering "
                                       "og viser til sidst, hvad hver lejer betaler om måneden"))  # fmt: skip
        self.empty_button.setStyleSheet("text-align: left; padding: 6px; font-weight: bold")
        self.empty_button.clicked.connect(lambda _c=False: emit(self.new_from_template, ""))
        lay2.addWidget(self.empty_button)
        lay2.addSpacing(8)
        lay2.addWidget(QLabel(t("Eller start fra et eksempel (du vælger filnavnet først):")))
        for name, title_da, title_en in reference.template_titles():
            named = title_en if lang() == "en" else title_da
            prefix = t("Eksempel: ")
            button = QPushButton(named if named.lower().startswith(prefix.strip().lower()) else prefix + named)
            button.setStyleSheet("text-align: left; padding: 6px")
            button.clicked.connect(lambda _c=False, n=name: emit(self.new_from_template, n))
            lay2.addWidget(button)
        lay2.addSpacing(12)
        example = QPushButton(t("Åbn eksemplet (en kopi i Dokumenter)"))
        example.clicked.connect(self.open_example)
        lay2.addWidget(example)
        lay2.addStretch(1)
        row.addWidget(new, 1)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        self.first_run.setVisible(not paths)
        for p in paths:
            item = QListWidgetItem(f"{Path(p).stem}    —    {Path(p).parent}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.recent.addItem(item)
        if not paths:
            item = QListWidgetItem(t("(ingen endnu)"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
