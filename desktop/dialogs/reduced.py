"""Plan → "Tilskuddet blev mindre…" (issue 16.7): enter the grant given, choose how to meet the shortfall, and get
the revised plan as a new scenario beside the one applied for (one undoable edit).

The proposal is the core's (`planners.figures.reduced.propose_reduced_grant`); this dialog only reads the amount
and the choice, shows what the proposal does before it is added, and adds it with `AddScenario`.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import error_text, t
from desktop.numbers import parse_decimal, show_kr
from desktop.pages.scenarios import free_name
from desktop.session import PlanSession
from planners.figures.reduced import Choice, ReducedGrant, propose_reduced_grant
from planners.model import FinancingSource
from planners.model.errors import PlanError
from planners.store.operations import AddScenario, Changes


class ReducedGrantDialog(QDialog):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(t("Tilskuddet blev mindre"))
        source = session.plan.scenario()
        self.source = source
        applied = sum((f.amount for f in source.financing if f.source is FinancingSource.GRANT), Decimal(0))
        layout = QVBoxLayout(self)
        intro = QLabel(t("Scenariet «{navn}» søger {beløb} i tilskud. Skriv det bevilgede beløb, og vælg hvordan "
                         "det manglende dækkes: planen får et nyt scenarie, og det ansøgte bliver stående til "
                         "sammenligning.").format(navn=source.name, beløb=show_kr(applied)))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(t("f.eks. 4.500.000"))
        form.addRow(t("Bevilget tilskud (kr.)"), self.amount)
        self.name = QLineEdit(free_name({s.name for s in session.plan.scenarios},
                                        t("{navn} – mindre tilskud").format(navn=source.name)))  # fmt: skip
        form.addRow(t("Navn på det nye scenarie"), self.name)
        layout.addLayout(form)
        self.drop = QRadioButton(t("Udelad delprojekter efter prioritet (højeste nummer først)"))
        self.loan = QRadioButton(t("Lån det manglende beløb"))
        group = QButtonGroup(self)
        for button in (self.drop, self.loan):
            group.addButton(button)
            layout.addWidget(button)
        has_subprojects = any(line.subproject for line in source.costs)
        self.drop.setEnabled(has_subprojects)
        (self.drop if has_subprojects else self.loan).setChecked(True)
        if not has_subprojects:
            layout.addWidget(QLabel(t("Ingen af scenariets poster hører til et delprojekt (siden Ansøgning).")))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.summary = ""
        self.setMinimumWidth(min(520, self.fontMetrics().averageCharWidth() * 70))

    def choice(self) -> Choice:
        return Choice.DROP if self.drop.isChecked() else Choice.LOAN

    def propose(self) -> ReducedGrant | None:
        """The core's proposal for what is entered; None (the reason shown) if it cannot be made."""
        granted = parse_decimal(self.amount.text())
        if granted is None:
            self.result_label.setText(t("Skriv det bevilgede tilskud som et beløb, f.eks. 4.500.000"))
            return None
        try:
            return propose_reduced_grant(self.session.plan, self.source.name, granted, self.choice(),
                                         self.name.text().strip())  # fmt: skip
        except PlanError as exc:
            self.result_label.setText(error_text(exc))
            return None

    def add(self) -> Changes | None:
        """Add the proposal as a new scenario after the one applied for, and show it; one undo step."""
        proposal = self.propose()
        if proposal is None:
            return None
        at = self.session.plan.scenarios.index(self.source) + 1
        changes = self.session.run(AddScenario(proposal.scenario, index=at), t("tilskuddet blev mindre"))
        if changes is None:
            return None
        new = [i for kind, i in changes.inserted if kind == "scenario"]
        if new:
            self.session.select_scenario(new[0])
        self.summary = summary(proposal)
        self.accept()
        return changes


def summary(p: ReducedGrant) -> str:
    """What the proposal did, in the user's language."""
    # Each sentence ends on a word or a bracket: an amount last would end on "kr.." (issue 16.5).
    parts = [t("Nyt scenarie «{navn}»: tilskuddet er {bevilget} (ansøgt: {ansøgt}).").format(
        navn=p.scenario.name, bevilget=show_kr(p.granted), ansøgt=show_kr(p.applied))]
    if p.dropped:
        parts.append(t("Udeladt: {delprojekter} (anlægsudgifterne {sparet} lavere).").format(
            delprojekter=", ".join(p.dropped), sparet=show_kr(p.saved)))
    if p.remaining > 0:
        parts.append(t("Udeladelserne dækker ikke det hele: {rest} mangler stadig og lånes.").format(
            rest=show_kr(p.remaining)))
    if p.loan_change:
        parts.append(t("Lånet er {beløb} {retning}.").format(
            beløb=show_kr(abs(p.loan_change)), retning=t("større") if p.loan_change > 0 else t("mindre")))
    return " ".join(parts)
