"""The merge dialog, File → "Flet en kopi ind…" (issue 18.4): another copy of this plan (mailed back by a
colleague) is merged into the open one. What only one side changed is taken as it is; each conflict (a field both
changed differently, a line one removed and the other changed) is shown side by side, mine and theirs, for the
user to choose. "Flet" makes the whole merge ONE edit: one undo step, one history entry. Copies with no common
history are compared, never merged (the difference dialog opens instead).

The merge is the core's (`planners.history.merge.merge_plans` against the copies' common origin); the edit that
brings its result into the file is `planners.history.replay.batch_to`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.diff import RowsModel, change_rows, rows_view
from desktop.i18n import lang, t
from desktop.settings import fit_to_screen
from planners.history.diff import diff_plans, field_name, show
from planners.history.files import PlanWithOrigin
from planners.history.merge import Conflict, MergeResult, Side, merge_plans
from planners.history.replay import batch_to, foreign_objects
from planners.model import Plan
from planners.model.i18n import N_

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow
    from desktop.session import PlanSession

NOT_COPIES = N_("«{navn}» er ikke en kopi af denne plan (de to har ingen fælles historik), så de flettes ikke: "
              "ingen kan vide, hvilke linjer der er de samme. Forskellene vises i stedet.")  # fmt: skip


def _value(conflict: Conflict, value: object) -> str:
    if conflict.field is None:  # the whole line: removed on one side, changed on the other
        return t("fjernet") if value == "removed" else t("ændret")
    return show(value, conflict.plan, lang())


class MergeDialog(QDialog):
    """Their changes to be merged in, and one row per conflict with "Min kopi" / "Deres kopi" to choose."""

    def __init__(self, session: PlanSession, base: Plan, mine: Plan, theirs: PlanWithOrigin,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        self.base, self.mine, self.theirs = base, mine, theirs
        self.outcome: MergeResult = merge_plans(base, mine, theirs.plan)
        self.merged = False
        name = theirs.path.name
        self.setWindowTitle(t("Flet «{navn}» ind").format(navn=name))
        layout = QVBoxLayout(self)
        # What their copy brings, as it will be once merged (conflicts left at mine here; they are listed below).
        incoming = diff_plans(mine, self.outcome.plan, by_row_id=True, lang=lang(), figures=False)
        rows, colours = change_rows(incoming)
        intro = QLabel(t("Ændringerne fra «{navn}», som flettes ind i planen her ({n}):").format(
            navn=name, n=len(rows)))  # fmt: skip
        intro.setWordWrap(True)
        intro.setStyleSheet("font-weight: bold")
        layout.addWidget(intro)
        self.incoming_model = RowsModel([t("Hvad"), t("Scenarie"), t("Hvor"), t("Felt"), t("Før"), t("Nu")],
                                        rows, colours, self)  # fmt: skip
        view = rows_view(self.incoming_model)
        for col, width in enumerate((80, 120, 250, 170, 150)):
            view.setColumnWidth(col, width)
        layout.addWidget(view, 2)
        conflicts = self.outcome.conflicts
        head = QLabel(t("Ingen konflikter: intet er ændret forskelligt i begge kopier.") if not conflicts else
                      t("{n} konflikt(er): begge kopier har ændret det samme forskelligt. Vælg for hver, "
                        "hvilken værdi planen skal have.").format(n=len(conflicts)))  # fmt: skip
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: bold" + ("; color: #8a0016" if conflicts else ""))
        layout.addWidget(head)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[tuple[str, str], QRadioButton] = {}
        if conflicts:
            grid_host = QWidget()
            grid = QGridLayout(grid_host)
            for col, text in enumerate((t("Hvad"), t("Før"), t("Min kopi (denne plan)"),
                                        t("Deres kopi («{navn}»)").format(navn=name))):  # fmt: skip
                label = QLabel(text)
                label.setStyleSheet("font-weight: bold")
                grid.addWidget(label, 0, col)
            for row, conflict in enumerate(conflicts, start=1):
                what = (f"{conflict.scenario}: " if conflict.scenario else "") + conflict.subject
                if conflict.field:
                    what += f", {field_name(conflict.field, lang())}"
                what_label = QLabel(what[:1].upper() + what[1:])
                what_label.setWordWrap(True)
                grid.addWidget(what_label, row, 0)
                before = show(conflict.base, conflict.plan, lang()) if conflict.field else t("findes")
                grid.addWidget(QLabel(before), row, 1)
                group = QButtonGroup(self)
                for col, side, value in ((2, Side.MINE, conflict.mine), (3, Side.THEIRS, conflict.theirs)):
                    button = QRadioButton(_value(conflict, value))
                    button.setStyleSheet("background: #fff4c2; padding: 3px")
                    group.addButton(button)
                    grid.addWidget(button, row, col)
                    self.buttons[(conflict.key, side.value)] = button
                group.buttonToggled.connect(lambda _b, _c: self._update_ok())
                self.groups[conflict.key] = group
            grid.setRowStretch(len(conflicts) + 1, 1)  # the rows at the top, not spread over the area
            grid.setColumnStretch(0, 1)
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.StyledPanel)
            area.setWidget(grid_host)
            layout.addWidget(area, 1)
        note = QLabel(t("Fletningen bliver ét trin, som kan fortrydes (Ctrl+Z), og den skrives i historikken."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        layout.addWidget(note)
        box = QDialogButtonBox()
        self.ok = QPushButton(t("Flet"))
        box.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(t("Annullér"))
        self.ok.clicked.connect(self.merge)
        cancel.clicked.connect(self.reject)
        layout.addWidget(box)
        self._update_ok()
        fit_to_screen(self, (1100, 660))  # never past a 1024×768 projector's edge

    def choose(self, key: str, side: str) -> None:
        """Pick mine ("mine") or theirs ("theirs") for one conflict (what a click on its button does)."""
        self.buttons[(key, side)].setChecked(True)

    def choices(self) -> dict[str, str]:
        return {key: side for (key, side), button in self.buttons.items() if button.isChecked()}

    def _update_ok(self) -> None:
        open_ = len(self.outcome.conflicts) - len(self.choices())
        self.ok.setEnabled(open_ == 0)
        self.ok.setToolTip(t("Vælg en værdi for hver konflikt først") if open_ else "")

    def merge(self) -> bool:
        """Merge with the choices made, as one edit. False if a conflict is still open or the edit was refused."""
        chosen = self.choices()
        result = merge_plans(self.base, self.mine, self.theirs.plan, chosen)
        if result.conflicts:
            return False
        label = t("flet «{navn}» ind").format(navn=self.theirs.path.name)
        op = batch_to(self.mine, result.plan, label, foreign_objects(self.theirs.plan))
        if self.session.run(op, label) is None:
            return False  # refused: the session has said why
        self.merged = True
        self.accept()
        return True


def merge_copy_in(window: MainWindow, path: str | Path | None = None) -> MergeDialog | None:
    """File → "Flet en kopi ind…": choose the other copy, then the merge dialog; copies with no common history are
    compared instead (the difference dialog)."""
    from desktop.dialogs.diff import DiffDialog, choose_and_read

    session = window.session
    if session is None or session.readonly:
        return None
    theirs = choose_and_read(window, path, t("Flet en kopi ind"), t("Sundhedshus-planer (*.sundhedshus)"),
                             t("Kopien kan ikke flettes"))  # fmt: skip
    if theirs is None:
        return None
    if theirs.path.resolve() == session.file.path.resolve():
        window.tell(t("Kopien kan ikke flettes"), t("Det er planen selv; vælg den anden kopi."))
        return None
    origin = session.file.origin()
    if origin is None or theirs.origin is None or origin.token != theirs.origin.token:
        window.tell(t("Ikke kopier af samme plan"), t(NOT_COPIES).format(navn=theirs.path.name))
        dialog = DiffDialog(session.plan, theirs.plan, False,
                            t("Forskelle fra denne plan til «{navn}»").format(navn=theirs.path.name),
                            t("De to er ikke kopier af samme plan: linjerne parres efter indhold og placering."),
                            window)  # fmt: skip
        dialog.show()
        window.diff_dialog = dialog
        return None
    merge = MergeDialog(session, origin.plan, session.file_plan(), theirs, window)
    merge.show()
    window.merge_dialog = merge
    return merge
