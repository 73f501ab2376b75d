"""The overview page: the plan's own data (title, applicant, partners, GP collaboration, municipality and its
region, project type, years, VAT, description, contact) and the selected scenario's gross factor.

Each field commits when editing ends (Enter or leaving the field) as ONE `SetPlanFields` (or
`SetScenarioFields`) through the dispatcher; a refused value leaves the field showing the stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import APPLICANT_TYPES, PROJECT_TYPES, t
from desktop.numbers import edit_text, parse_decimal
from desktop.pages.headings import heading
from desktop.session import PlanSession
from desktop.signals import emit
from planners import reference
from planners.model import Applicant, ApplicantType, Contact, GPCollaboration, ProjectType
from planners.model import prebuilt as dataclasses  # its API, importing it only when used (issue 19)

if TYPE_CHECKING:  # the events' types are made by PySide when first named: for the type checker only
    from PySide6.QtGui import QFocusEvent, QResizeEvent


def _code(enum: type, value: object) -> object:
    """A combo box's item data back as its enum (Qt hands a StrEnum back as a plain str)."""
    return None if value is None else enum(value)


FIELD_CHARS = 34  # a field's least width in average characters: an address, an e-mail address
Values = Callable[[str], dict | None]
"""A field's text → the plan fields to set (None: the text is refused and the reason told)."""


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Tab moves to the next field, as in every other field (a tab character in "Partnere" was never meant).
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        emit(self.committed)


class OverviewPage(QWidget):
    title = "Oversigt"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.addWidget(heading(t("Oversigt over planen")))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        # Two columns where each form's fields keep FIELD_CHARS characters beside their labels, else one under
        # the other, the labels above their fields where even that is narrow (`_arrange`): the contact fields
        # were cut ("mette.lund@exa") on a 1024-pixel screen.
        cols = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.cols = cols
        left, right = QVBoxLayout(), QVBoxLayout()
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)

        project = QGroupBox(t("Projektet"))
        form = QFormLayout(project)
        self.title_edit = self._line(form, t("Titel"), lambda v: {"title": v})
        self.municipality = QComboBox()
        self.municipality.addItem(t("(ikke valgt)"), None)
        for name in sorted(reference.municipalities()):
            self.municipality.addItem(name, name)
        self.municipality.activated.connect(lambda _i: self._set({"municipality": self.municipality.currentData()},
                                                                  t("ændr kommune")))  # fmt: skip
        form.addRow(t("Kommune"), self.municipality)
        self.region = QLabel()
        form.addRow(t("Region"), self.region)
        self.address = self._line(form, t("Adresse"), lambda v: {"address": v})
        self.project_type = QComboBox()
        self.project_type.addItem(t("(ikke valgt)"), None)
        for code, label in PROJECT_TYPES.items():
            self.project_type.addItem(t(label), code)
        self.project_type.activated.connect(
            lambda _i: self._set({"project_type": _code(ProjectType, self.project_type.currentData())},
                                 t("ændr projekttype")))
        form.addRow(t("Projekttype"), self.project_type)
        self.pool_round = QComboBox()
        for name in sorted(reference.pool_rounds()):
            self.pool_round.addItem(t("Puljen {år}").format(år=name), name)
        self.pool_round.activated.connect(
            lambda _i: self._set({"pool_round": self.pool_round.currentData()}, t("ændr puljerunde")))
        form.addRow(t("Ansøgningsrunde"), self.pool_round)
        self.years = self._line(form, t("Projektets år"), self._years_values,
                                tip=t("Alle årene, adskilt af komma: 2018, 2019, 2020"))  # fmt: skip
        self.price_year = self._line(form, t("Prisniveau (år)"), self._price_year_values)
        self.vat = QCheckBox(t("Beløb er inkl. moms"))
        self.vat.clicked.connect(lambda on: self._set({"amounts_include_vat": bool(on)}, t("ændr moms")))
        form.addRow("", self.vat)
        self.gross_factor = self._line(form, t("Bruttofaktor (scenariet)"), None,
                                       tip=t("Bruttoareal = nettoareal × faktor; typisk 1,3–1,5"))  # fmt: skip
        self.gross_factor.editingFinished.connect(self._commit_gross_factor)
        left.addWidget(project)

        applicant = QGroupBox(t("Ansøger og partnere"))
        form2 = QFormLayout(applicant)
        self.applicant_name = self._line(form2, t("Ansøger"), lambda v: {
            "applicant": dataclasses.replace(self.session.plan.applicant, name=v)})  # fmt: skip
        self.applicant_type = QComboBox()
        for applicant_code, label in APPLICANT_TYPES.items():
            self.applicant_type.addItem(t(label), applicant_code)
        self.applicant_type.activated.connect(lambda _i: self._set(
            {"applicant": dataclasses.replace(self.session.plan.applicant, type=ApplicantType(self.applicant_type.currentData()))},
            t("ændr ansøgertype")))  # fmt: skip
        form2.addRow(t("Ansøgertype"), self.applicant_type)
        self.partners = CommitTextEdit()
        self.partners.setFixedHeight(80)
        self.partners.setPlaceholderText(t("Én partner pr. linje"))
        self.partners.committed.connect(self._commit_partners)
        form2.addRow(t("Partnere"), self.partners)
        self.gp_with = self._line(form2, t("Samarbejde med læger udenfor huset"), self._gp_values("with_"),
                                  tip=t("Kun hvis huset ikke selv har en lægepraksis (puljen 2019)"))  # fmt: skip
        self.gp_description = self._line(form2, t("Beskrivelse af samarbejdet"), self._gp_values("description"))
        left.addWidget(applicant)
        left.addStretch(1)

        contact = QGroupBox(t("Kontaktperson"))
        form3 = QFormLayout(contact)
        self.contact_name = self._line(form3, t("Navn"), self._contact_values("name"))
        self.contact_email = self._line(form3, t("E-mail"), self._contact_values("email"))
        self.contact_phone = self._line(form3, t("Telefon"), self._contact_values("phone"))
        right.addWidget(contact)
        desc = QGroupBox(t("Beskrivelse til ansøgningen"))
        lay = QVBoxLayout(desc)
        self.description = CommitTextEdit()
        self.description.committed.connect(
            lambda: self._set({"description": self.description.toPlainText()}, t("ændr beskrivelse")))
        lay.addWidget(self.description)
        right.addWidget(desc, 1)

        self.forms = [form, form2, form3]
        for f in self.forms:
            f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._made_readonly = False  # the fields as made: editable (`refresh`)
        session.plan_changed.connect(self.refresh)
        self.refresh()

    # --- fitting the width ---------------------------------------------------------------------------------------

    def _label_width(self) -> int:
        widths = [0]
        for f in self.forms:
            for row in range(f.rowCount()):
                item = f.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widths.append(widget.sizeHint().width())
        return max(widths)

    def arrange(self, width: int) -> None:
        """Two columns, one column, or one column with each label above its field, as `width` allows."""
        need = self._label_width() + self.fontMetrics().averageCharWidth() * FIELD_CHARS + 40
        two = width >= 2 * need
        direction = QBoxLayout.Direction.LeftToRight if two else QBoxLayout.Direction.TopToBottom
        if self.cols.direction() != direction:
            self.cols.setDirection(direction)
        wrap = QFormLayout.RowWrapPolicy.DontWrapRows if width >= need else QFormLayout.RowWrapPolicy.WrapAllRows
        for f in self.forms:
            if f.rowWrapPolicy() != wrap:
                f.setRowWrapPolicy(wrap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: the labels and the characters grew
            self.arrange(self.width())

    # --- fields ------------------------------------------------------------------------------------------------

    def _line(self, form: QFormLayout, label: str, values: Values | None, tip: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setToolTip(tip)
        if values is not None:
            edit.editingFinished.connect(lambda e=edit, v=values, lb=label: self._commit_line(e, v, lb))
        form.addRow(label, edit)
        return edit

    def _commit_line(self, edit: QLineEdit, values: Values, label: str) -> None:
        new = values(edit.text())
        if new is None:
            self.refresh()
            return
        self._set(new, t("ændr {felt}").format(felt=label.lower()))

    def _set(self, values: dict, text: str) -> None:
        plan = self.session.plan
        if all(getattr(plan, k) == v for k, v in values.items()):
            return
        from planners.store.operations import SetPlanFields  # the editing operations load with the first edit

        if self.session.run(SetPlanFields(values), text, merge_key=("plan", tuple(values))) is None:
            self.refresh()

    def _years_values(self, text: str) -> dict | None:
        try:
            years = [int(p) for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
        except ValueError:
            emit(self.session.refused, t("Projektets år: skriv årene adskilt af komma, f.eks. 2018, 2019"))
            return None
        return {"years": years}

    def _price_year_values(self, text: str) -> dict | None:
        if not text.strip():
            return {"price_year": None}
        if not text.strip().isdigit():
            emit(self.session.refused, t("Prisniveau: skriv et årstal, f.eks. 2018"))
            return None
        return {"price_year": int(text)}

    def _gp_values(self, attr: str) -> Values:
        def values(text: str) -> dict:
            old = self.session.plan.gp_collaboration or GPCollaboration()
            new = dataclasses.replace(old, **{attr: text})
            return {"gp_collaboration": None if not new.with_ and not new.description else new}

        return values

    def _contact_values(self, attr: str) -> Values:
        def values(text: str) -> dict:
            return {"contact": dataclasses.replace(self.session.plan.contact or Contact(), **{attr: text})}

        return values

    def _commit_partners(self) -> None:
        partners = [p.strip() for p in self.partners.toPlainText().splitlines() if p.strip()]
        self._set({"partners": partners}, t("ændr partnere"))

    def _commit_gross_factor(self) -> None:
        number = parse_decimal(self.gross_factor.text())
        scenario = self.session.scenario
        if number is None:
            emit(self.session.refused, t("Bruttofaktor: «{tekst}» er ikke et tal").format(tekst=self.gross_factor.text()))
            self.refresh()
            return
        if number == scenario.gross_factor:
            return
        from planners.store.operations import SetScenarioFields

        if self.session.run(SetScenarioFields(self.session.scenario_id, {"gross_factor": number}),
                            t("ændr bruttofaktor"), merge_key=("gross_factor",)) is None:  # fmt: skip
            self.refresh()

    # --- showing -------------------------------------------------------------------------------------------------

    def refresh(self, changes: object = None) -> None:
        if changes is not None and not changes.touches("plan", "scenario"):  # type: ignore[attr-defined]
            return
        plan = self.session.plan
        self.title_edit.setText(plan.title)
        self._pick(self.municipality, plan.municipality)
        info = reference.municipalities().get(plan.municipality or "")
        self.region.setText(info.region if info else "")
        self.address.setText(plan.address)
        self._pick(self.project_type, plan.project_type)
        self._pick(self.pool_round, plan.pool_round)
        self.years.setText(", ".join(str(y) for y in plan.years))
        self.price_year.setText(str(plan.price_year) if plan.price_year else "")
        self.vat.setChecked(plan.amounts_include_vat)
        self.gross_factor.setText(edit_text(self.session.scenario.gross_factor))
        applicant = plan.applicant or Applicant()
        self.applicant_name.setText(applicant.name)
        self._pick(self.applicant_type, applicant.type)
        if not self.partners.hasFocus():
            self.partners.setPlainText("\n".join(plan.partners))
        gp = plan.gp_collaboration
        self.gp_with.setText(gp.with_ if gp else "")
        self.gp_description.setText(gp.description if gp else "")
        self.contact_name.setText(plan.contact.name)
        self.contact_email.setText(plan.contact.email)
        self.contact_phone.setText(plan.contact.phone)
        if not self.description.hasFocus():
            self.description.setPlainText(plan.description)
        readonly = self.session.readonly
        if readonly or self._made_readonly:
            # The fields are made editable and only a read-only plan makes them otherwise, so an editable plan's
            # page has nothing to set: walking every child for it wrapped each in Python (its scroll bars, text
            # documents, item models: ≈ 3 ms and 11 Qt enum classes at every start).
            self._made_readonly = readonly
            for w in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
                w.setReadOnly(readonly)
            for control in self.findChildren(QComboBox) + self.findChildren(QCheckBox):
                control.setEnabled(not readonly)

    @staticmethod
    def _pick(combo: QComboBox, value: object) -> None:
        for i in range(combo.count()):
            if combo.itemData(i) == value:
                combo.setCurrentIndex(i)
                return
        combo.setCurrentIndex(0)

    def table_for(self, kind: str) -> None:
        return None

    def active_table(self) -> None:
        return None

    def focus_field(self, name: str | None) -> None:
        widget = {"title": self.title_edit, "municipality": self.municipality, "years": self.years,
                  "applicant": self.applicant_name, "gp_collaboration": self.gp_with,
                  "amounts_include_vat": self.vat, "gross_factor": self.gross_factor}.get(name or "")  # fmt: skip
        if widget is not None:
            # Here, not at the top: the first paint never names `Qt` (desktop.qtprops).
            from PySide6.QtCore import Qt

            widget.setFocus(Qt.FocusReason.OtherFocusReason)
