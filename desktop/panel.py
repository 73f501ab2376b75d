"""The panel of key figures beside every page: updated on every edit (it listens to `plan_changed`)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from desktop.i18n import t
from desktop.numbers import show_kr, show_m2, show_pct
from desktop.session import PlanSession
from planners.figures.editing import financing_off_balance
from planners.model import Level


class FiguresPanel(QFrame):
    """Gross m², establishment total, grant and its share, rent per m² with/without grant, findings."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("figuresPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(250)
        self.setMaximumWidth(320)
        outer = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt")
        outer.addWidget(self.heading)
        form = QFormLayout()
        outer.addLayout(form)
        self.labels: dict[str, QLabel] = {}
        for key, text in (
            ("gross_m2", "Bruttoareal"),
            ("establishment_total", "Anlægsudgifter i alt"),
            ("grant", "Tilskud fra puljen"),
            ("grant_share", "Tilskudsandel (af tilskudsberettiget)"),
            ("financing_difference", "Finansiering minus udgifter"),
            ("rent", "Husleje pr. m² med tilskud"),
            ("rent_without", "Husleje pr. m² uden tilskud"),
            ("errors", "Fejl"),
            ("warnings", "Advarsler"),
        ):
            value = QLabel(self)
            value.setObjectName(key)
            name = QLabel(t(text), self)
            name.setWordWrap(True)
            form.addRow(name, value)
            self.labels[key] = value
        outer.addStretch(1)
        session.plan_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, _changes: object = None) -> None:
        f = self.session.figures
        counts = self.session.counts()
        self.heading.setText(t("Nøgletal — {scenarie}").format(scenarie=self.session.scenario.name))
        values = {
            "gross_m2": show_m2(f.gross_m2),
            "establishment_total": show_kr(f.establishment_total),
            "grant": show_kr(f.grant),
            "grant_share": show_pct(f.grant_share),
            "financing_difference": show_kr(f.financing_difference),
            "rent": t("{kr} pr. år").format(kr=show_kr(f.rent_per_gross_m2)),
            "rent_without": t("{kr} pr. år").format(kr=show_kr(f.rent_per_gross_m2_without_grant)),
            "errors": str(counts[Level.ERROR]),
            "warnings": str(counts[Level.WARNING]),
        }
        for key, text in values.items():
            self.labels[key].setText(text)
        self.labels["errors"].setStyleSheet("color: #b00020; font-weight: bold" if counts[Level.ERROR] else "")
        self.labels["warnings"].setStyleSheet("color: #a05a00" if counts[Level.WARNING] else "")
        off = financing_off_balance(f.financing_difference)
        self.labels["financing_difference"].setStyleSheet("color: #b00020" if off else "")
