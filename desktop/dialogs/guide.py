"""The guide for a new, empty plan (issue 14 point 1): six short steps, each an ordinary undoable edit.

1. Sted: the plan's name, the municipality and the round of the pool.
2. Lejere: who moves in (kind, clinicians, listed patients, today's rent a year).
3. Rum: the capacity aid's suggested rooms, each kept or dropped.
4. Bygning: new or converted; a construction rate per m² with its source, or a known total.
5. Finansiering: the grant applied for, own money per tenant, and a loan that takes the rest (exactly).
6. Resultat: what each tenant pays a month, per clinician and against today.

Each step's "Næste" runs the step's operation (`planners.guide`) through the session: one undo step each,
everything editable later on the pages. "Tilbage" onto a stored step undoes that step (it is the last edit on the
undo stack then), so the step's answers can be changed and stored again with "Næste": never stored twice. The
computation is the core's; the dialog only asks and shows.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.i18n import PROJECT_TYPES, error_text, lang, room_type_name, t, tenant_kind_name
from desktop.numbers import edit_text, parse_decimal, show_kr
from desktop.session import PlanSession
from planners import guide, reference
from planners.figures.capacity import SuggestedRoom, suggest_rooms
from planners.figures.monthly import monthly_rows
from planners.model import ProjectType, TenantKind
from planners.model.errors import PlanError
from planners.store.operations import Operation

CONVERTED = (ProjectType.CONVERSION, ProjectType.MODERNISATION, ProjectType.EXTENSION)


def _number(text: str) -> Decimal | None:
    """A number typed the Danish way ("1.250.000", "2,5"); None for an empty field or not a number."""
    return parse_decimal(text.strip()) if text.strip() else None


class _Step(QWizardPage):
    """A step that stores its answers as one operation when the user goes on."""

    def __init__(self, guide_: GuideWizard, title: str, intro: str) -> None:
        super().__init__()
        self.guide = guide_
        self.setTitle(t(title))
        self.setSubTitle(t(intro))
        self.stored = False
        self.stored_at = -1  # the undo stack's index right after this step was stored
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        # The message's room is kept even when empty: a refusal does not shift the form.
        self.error.setMinimumHeight(self.error.fontMetrics().height() * 2)

    def operation(self) -> Operation | None:
        return None

    def validatePage(self) -> bool:  # noqa: N802
        if self.stored:  # asked again (Qt asks on "Næste" and on "Færdig"): stored once only
            return True
        self.error.setText("")
        try:
            op = self.operation()
        except (PlanError, ValueError) as exc:
            self.error.setText(error_text(exc) if isinstance(exc, PlanError) else str(exc))
            return False
        if op is None:
            return True
        if self.guide.session.run(op, t(self.title()).lower()) is None:
            self.error.setText(self.guide.last_refusal or t("Ændringen blev ikke gemt."))
            return False
        self.stored = True
        self.stored_at = self.guide.session.undo_stack.index()
        return True

    def take_back(self) -> None:
        """Going back onto this step: its stored edit is undone (only while it is the last edit) so that
        "Næste" stores the answers again, once."""
        stack = self.guide.session.undo_stack
        if self.stored and stack.index() == self.stored_at and stack.canUndo():
            stack.undo()
        self.stored = False


class PlacePage(_Step):
    def __init__(self, guide_: GuideWizard) -> None:
        super().__init__(guide_, "Sted og pulje", "Hvad hedder planen, hvor ligger huset, og hvilken ansøgningsrunde "
                                                  "søger I i?")  # fmt: skip
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        plan = guide_.session.plan
        self.title_edit = QLineEdit(plan.title)
        form.addRow(t("Planens navn"), self.title_edit)
        # Typed into, the field offers every municipality whose name contains the text, in any case ("lolland",
        # "sund"); a plain combo box jumped to the first name starting with the last letter typed.
        self.names = list(reference.municipalities())
        self.municipality = QComboBox()
        self.municipality.setEditable(True)
        self.municipality.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.municipality.addItem("", None)
        for name in self.names:
            self.municipality.addItem(name, name)
        completer = QCompleter(self.names, self.municipality)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.municipality.setCompleter(completer)
        line_edit = self.municipality.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(t("skriv en del af navnet, fx «lolland»"))
        if plan.municipality in self.names:
            self.municipality.setCurrentIndex(self.municipality.findData(plan.municipality))
        form.addRow(t("Kommune"), self.municipality)
        self.pool_round = QComboBox()
        for code, r in reference.pool_rounds().items():
            self.pool_round.addItem(r.name_en if lang() == "en" else r.name_da, code)
        self.pool_round.setCurrentIndex(max(self.pool_round.findData(plan.pool_round), 0))
        form.addRow(t("Ansøgningsrunde"), self.pool_round)
        form.addRow(self.error)

    def chosen_municipality(self) -> str | None:
        """The municipality typed or picked: an exact name in any case, else the one name containing the text;
        None for an empty field. Refused (ValueError, in plain Danish) where the text names none or several."""
        text = self.municipality.currentText().strip()
        if not text:
            return None
        folded = text.casefold()
        exact = [n for n in self.names if n.casefold() == folded]
        matches = exact or [n for n in self.names if folded in n.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(t("Ingen kommune hedder «{tekst}». Skriv en del af navnet, og vælg kommunen på "
                               "listen.").format(tekst=text))  # fmt: skip
        raise ValueError(t("Flere kommuner passer til «{tekst}»: {navne}. Vælg én på listen.")
                         .format(tekst=text, navne=", ".join(matches[:6])))  # fmt: skip

    def operation(self) -> Operation | None:
        title = self.title_edit.text().strip() or t("Ny plan")
        return guide.place_step(title, self.chosen_municipality(), self.pool_round.currentData())


class TenantsPage(_Step):
    COLUMNS = ("Navn", "Type", "Behandlere", "Tilmeldte patienter", "Husleje i dag (kr./år)")

    def __init__(self, guide_: GuideWizard) -> None:
        super().__init__(guide_, "Lejere", "Hvem flytter ind? En linje pr. lejer: fx jeres egen praksis, en anden "
                                           "praksis, en fysioterapeut, hjemmeplejen. Behandlere er læger, "
                                           "terapeuter eller jordemødre; husleje i dag er det, lejeren betaler nu "
                                           "om året (tom, hvis den ikke kendes).")  # fmt: skip
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([t(c) for c in self.COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(self.COLUMNS)):  # headers and numbers whole; the name takes what is left
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        add = QPushButton(t("Tilføj lejer"))
        add.clicked.connect(lambda _c=False: self.add_row())
        remove = QPushButton(t("Fjern lejer"))
        remove.clicked.connect(lambda _c=False: self.remove_row())
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_row(t("Lægepraksis"), TenantKind.GP_PRACTICE)

    def add_row(self, name: str = "", kind: TenantKind = TenantKind.GP_PRACTICE, clinicians: str = "",
                patients: str = "", rent: str = "") -> int:  # fmt: skip
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox()
        for k in self.guide.session.plan.catalogs.tenant_kinds:
            combo.addItem(tenant_kind_name(self.guide.session.plan.catalogs, k), k)
        combo.setCurrentIndex(max(combo.findData(kind), 0))
        self.table.setCellWidget(row, 1, combo)
        for col, text in ((2, clinicians), (3, patients), (4, rent)):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(1)
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def answers(self) -> list[guide.GuideTenant]:
        out = []
        for row in range(self.table.rowCount()):
            name = self._text(row, 0).strip()
            if not name:
                continue
            combo = self.table.cellWidget(row, 1)
            kind = TenantKind(combo.currentData()) if isinstance(combo, QComboBox) else TenantKind.OTHER  # Qt hands back str
            values = []
            for col in (2, 3, 4):
                text = self._text(row, col)
                value = _number(text)
                if text.strip() and (value is None or value < 0):
                    raise ValueError(t("{navn}: «{tekst}» i kolonnen {kolonne} er ikke et tal, der kan bruges.")
                                     .format(navn=name, tekst=text, kolonne=t(self.COLUMNS[col]).lower()))  # fmt: skip
                values.append(value)
            clinicians, patients, rent = values
            out.append(guide.GuideTenant(name, kind, clinicians or Decimal(0), int(patients or 0), rent))
        if not out:
            raise ValueError(t("Skriv mindst én lejer."))
        return out

    def operation(self) -> Operation | None:
        taken = {x.id for x in self.guide.session.scenario.tenants}
        lines = guide.tenant_lines(self.answers(), taken)
        return guide.tenants_step(self.guide.session.scenario_id, lines)


class RoomsPage(_Step):
    def __init__(self, guide_: GuideWizard) -> None:
        super().__init__(guide_, "Rum", "Ud fra lejerne foreslår normerne disse rum. Fjern fluebenet ved dem, I "
                                        "ikke vil have med; alt kan rettes bagefter under Rumprogram.")  # fmt: skip
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([t("Rum"), t("Antal"), t("Lejer"), t("Hvorfor")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.suggestions: list[SuggestedRoom] = []

    def initializePage(self) -> None:  # noqa: N802
        session = self.guide.session
        self.suggestions = suggest_rooms(session.plan, session.scenario, missing_only=True)
        names = {x.id: x.name for x in session.scenario.tenants}
        self.table.setRowCount(len(self.suggestions))
        for row, s in enumerate(self.suggestions):
            room = QTableWidgetItem(room_type_name(session.plan.catalogs, s.room.type))
            room.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            room.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, room)
            count = QTableWidgetItem(str(s.missing))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
            self.table.setItem(row, 2, QTableWidgetItem(names.get(s.room.tenant or "", "")))
            self.table.setItem(row, 3, QTableWidgetItem(s.reason(lang())))
        for item_col in (0, 1, 2):
            self.table.resizeColumnToContents(item_col)
        self.table.resizeRowsToContents()

    def accepted(self) -> list[SuggestedRoom]:
        items = [self.table.item(row, 0) for row in range(len(self.suggestions))]
        return [s for s, item in zip(self.suggestions, items, strict=True)
                if item is not None and item.checkState() == Qt.CheckState.Checked]  # fmt: skip

    def operation(self) -> Operation | None:
        return guide.rooms_step(self.guide.session.scenario_id, self.accepted())


class BuildingPage(_Step):
    def __init__(self, guide_: GuideWizard) -> None:
        super().__init__(guide_, "Bygning", "Bygger I nyt eller bygger I om? Og hvad koster det: en pris pr. m² "
                                            "brutto med kilde (fx en rådgivers overslag), eller en kendt samlet "
                                            "pris.")  # fmt: skip
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kind = QComboBox()
        for code in (ProjectType.NEW_BUILD, *CONVERTED):
            self.kind.addItem(t(PROJECT_TYPES[code]), code)
        form.addRow(t("Byggeriet"), self.kind)
        self.by_rate = QRadioButton(t("Pris pr. m² brutto"))
        self.by_total = QRadioButton(t("Kendt samlet pris"))
        group = QButtonGroup(self)
        group.addButton(self.by_rate)
        group.addButton(self.by_total)
        self.by_rate.setChecked(True)
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(t("kr. pr. m² brutto, fx 16.500"))
        self.source = QLineEdit()
        self.source.setPlaceholderText(t("hvor prisen kommer fra, fx rådgivers overslag maj 2026"))
        self.total = QLineEdit()
        self.total.setPlaceholderText(t("kr. i alt"))
        form.addRow(self.by_rate, self.rate)
        form.addRow(t("Kilde til prisen"), self.source)
        form.addRow(self.by_total, self.total)
        form.addRow(self.error)

    def answers(self) -> guide.Building:
        kind = ProjectType(self.kind.currentData())  # Qt hands back the str
        if self.by_total.isChecked():
            total = _number(self.total.text())
            if total is None or total <= 0:
                raise ValueError(t("Skriv den samlede pris i kroner."))
            return guide.Building(kind, known_total=total)
        rate = _number(self.rate.text())
        if rate is None or rate <= 0:
            raise ValueError(t("Skriv en pris pr. m² brutto i kroner."))
        return guide.Building(kind, rate_per_m2=rate, rate_source=self.source.text())

    def operation(self) -> Operation | None:
        session = self.guide.session
        return guide.building_step(session.plan, session.scenario_id, self.answers(), lang())


class FinancingPage(_Step):
    def __init__(self, guide_: GuideWizard) -> None:
        super().__init__(guide_, "Finansiering", "Tilskuddet I søger, de penge hver part selv lægger, og et lån, der "
                                                 "tager resten — så finansieringen svarer præcis til udgifterne.")  # fmt: skip
        layout = QVBoxLayout(self)
        self.total_label = QLabel()
        layout.addWidget(self.total_label)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.grant = QLineEdit()
        self.grant.setPlaceholderText(t("kr., fx 3.000.000"))
        form.addRow(t("Tilskud fra puljen"), self.grant)
        self.interest = QLineEdit(edit_text(Decimal("4")))
        form.addRow(t("Lånets rente (% om året)"), self.interest)
        self.years = QLineEdit("30")
        form.addRow(t("Lånets løbetid (år)"), self.years)
        layout.addLayout(form)
        layout.addWidget(QLabel(t("Egne penge pr. lejer (kr.; tom = ingen):")))
        self.own = QTableWidget(0, 2)
        self.own.setHorizontalHeaderLabels([t("Lejer"), t("Egne penge (kr.)")])
        self.own.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.own.verticalHeader().hide()
        layout.addWidget(self.own, 1)
        layout.addWidget(QLabel(t("Et lån tager resten.")))
        layout.addWidget(self.error)
        self.tenant_ids: list[str] = []

    def initializePage(self) -> None:  # noqa: N802
        session = self.guide.session
        self.total_label.setText(t("Anlægsudgifter i alt: {kr}").format(kr=show_kr(session.figures.establishment_total)))
        tenants = session.scenario.tenants
        self.tenant_ids = [x.id for x in tenants]
        self.own.setRowCount(len(tenants))
        for row, tenant in enumerate(tenants):
            name = QTableWidgetItem(tenant.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.own.setItem(row, 0, name)
            amount = QTableWidgetItem("")
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.own.setItem(row, 1, amount)

    def answers(self) -> guide.Financing:
        grant = _number(self.grant.text()) or Decimal(0)
        interest = _number(self.interest.text())
        years = _number(self.years.text())
        if interest is None or interest < 0:
            raise ValueError(t("Skriv lånets rente i procent."))
        if years is None or years <= 0 or years != years.to_integral_value():
            raise ValueError(t("Skriv lånets løbetid i hele år."))
        own = {}
        for row, tid in enumerate(self.tenant_ids):
            item = self.own.item(row, 1)
            value = _number(item.text()) if item is not None else None
            if value:
                own[tid] = value
        return guide.Financing(grant, own, interest, int(years))

    def operation(self) -> Operation | None:
        session = self.guide.session
        return guide.financing_step(session.plan, session.scenario_id, self.answers(), lang())


class ResultPage(QWizardPage):
    """What each tenant pays a month, per clinician, and against today — the engine's figures."""

    COLUMNS = ("Lejer", "Pr. måned", "Pr. behandler pr. måned", "I dag pr. måned", "Forskel pr. måned")

    def __init__(self, guide_: GuideWizard) -> None:
        super().__init__()
        self.guide = guide_
        self.setTitle(t("Hvad hver lejer betaler"))
        self.setSubTitle(t("Husleje, udstyr og fælles ydelser pr. måned. Alt kan rettes på siderne; tallene "
                           "følger med."))  # fmt: skip
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([t(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802
        f = self.guide.session.figures
        self.summary.setText(t("Anlægsudgifter {anlæg}, finansieret med tilskud {tilskud} og resten med egne "
                               "penge og lån. Huset koster {leje} om året.")
                             .format(anlæg=show_kr(f.establishment_total), tilskud=show_kr(f.grant),
                                     leje=show_kr(f.annual_cost_total)))  # fmt: skip
        rows = monthly_rows(f)
        self.table.setRowCount(len(rows))
        for row, m in enumerate(rows):
            change = ""
            if m.change_month is not None:
                change = ("+" if m.change_month > 0 else "") + show_kr(m.change_month)
            cells = [m.name, show_kr(m.per_month),
                     show_kr(m.per_clinician_month) if m.per_clinician_month is not None else "",
                     show_kr(m.today_month) if m.today_month is not None else "", change]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)


class GuideWizard(QWizard):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last_refusal = ""
        session.refused.connect(self._refused)
        self.setWindowTitle(t("Guide til en ny plan"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for button, text in ((QWizard.WizardButton.NextButton, "Næste"), (QWizard.WizardButton.CommitButton, "Næste"),
                             (QWizard.WizardButton.BackButton, "Tilbage"), (QWizard.WizardButton.FinishButton, "Færdig"),
                             (QWizard.WizardButton.CancelButton, "Luk guiden")):  # fmt: skip
            self.setButtonText(button, t(text))
        self.place = PlacePage(self)
        self.tenants = TenantsPage(self)
        self.rooms = RoomsPage(self)
        self.building = BuildingPage(self)
        self.financing = FinancingPage(self)
        self.result_page = ResultPage(self)
        for page in (self.place, self.tenants, self.rooms, self.building, self.financing, self.result_page):
            self.addPage(page)
        self._shown_id = self.startId()
        self.currentIdChanged.connect(self._moved)
        # Fits a laptop: never taller or wider than the screen.
        screen = self.screen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(860, room.width() - 40) if room else 860, min(620, room.height() - 60) if room else 620)

    def _moved(self, page_id: int) -> None:
        """Back onto a stored step takes it back (see `_Step.take_back`); forward stores through `validatePage`."""
        if page_id < self._shown_id:
            page = self.page(page_id)
            if isinstance(page, _Step):
                page.take_back()
        self._shown_id = page_id

    def _refused(self, text: str) -> None:
        self.last_refusal = text
