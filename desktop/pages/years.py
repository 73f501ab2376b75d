"""The page "Husleje over tid" (issue 17): the scenario's rent terms over the years, and what each tenant pays and
the owner keeps in each operating year, as tables and a chart.

Everything shown is computed by the core (`planners.figures.years.compute_years`); an edit here is one
`SetTimeLine` (or `SetMarketRentDefault`) operation through the session, so it is undoable like any other.
The page computes its figures only while it is on screen (it is marked stale on every edit otherwise).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import COST_CATEGORIES, FINANCING_SOURCES, t
from desktop.numbers import edit_text, number_hint, parse_decimal, show_decimal, show_kr, show_m2
from desktop.pages.lists import heading, hint
from desktop.session import PlanSession
from planners.figures.market import area_tolerance, charged_against_market
from planners.figures.years import compute_years, operating_years
from planners.model.timeline import (
    LCCBYG_DISCOUNT_PCT,
    LCCBYG_PRICE_GROWTH_PCT,
    LCCBYG_SOURCE,
    SAEBY_AREA_TOLERANCE_PCT,
    SAEBY_SOURCE,
    CostSplit,
    FinancingYear,
    LoanTerms,
    MarketRentDefault,
    Phase,
    RentBasis,
    Repayment,
    TenantTerms,
    TimeLine,
)
from planners.model.yearly import YearsFigures
from planners.store.operations import SetMarketRentDefault, SetTimeLine

BASIS_NAMES = {RentBasis.COST: "Omkostningsbestemt husleje", RentBasis.MARKET: "Markedsleje",
               RentBasis.LOWER: "Den laveste af omkostningsbestemt husleje og markedsleje"}  # fmt: skip
SPLIT_NAMES = {CostSplit.KEYS: "Hver linje efter sin egen fordelingsnøgle",
               CostSplit.LEASE_AREA: "Som lejekontrakten i Sæby: fællesareal efter basisareal, "
                                     "hele bygningens udgifter efter lejeareal"}  # fmt: skip
VAT_NAMES = {None: "Ikke besluttet", True: "Ja, frivilligt momsregistreret", False: "Nej, udlejning uden moms"}
REPAYMENT_NAMES = {Repayment.ANNUITY: "Annuitetslån", Repayment.SERIAL: "Serielån"}
HIRTSHALS_EXAMPLE = "Hirtshals lægehus: 375.000 kr. om året for 730 m², vurderet efter markedspriserne (nordjyske.dk 2020)"


def _item(text: str, align_right: bool = True, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _int_or_none(text: str) -> int | None | str:
    """A year or count typed in a cell: an int, None for an empty cell, or "" when it is no whole number."""
    value = parse_decimal(text) if text.strip() else None
    if not text.strip():
        return None
    if value is None or value != value.to_integral_value():
        return ""
    return int(value)


class YearsChart(QWidget):
    """Each tenant's rent charged and the owner's surplus by year (matplotlib, made on first show)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: Any = None
        self.figure: Any = None
        self.data: tuple[YearsFigures, list[str]] | None = None
        self.draws = 0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_data(self, data: tuple[YearsFigures, list[str]]) -> None:
        self.data = data
        if self.isVisible():
            self.redraw()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.redraw()

    def redraw(self) -> None:
        if self.data is None:
            return
        if self.canvas is None:
            # Imported on the first chart shown: matplotlib costs most of the app's start time (PLATFORM.md).
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.figure = Figure(layout="constrained")
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.canvas.setMinimumSize(320, 220)
            self._layout.addWidget(self.canvas)
        y, names = self.data
        fig = self.figure
        fig.clear()
        ax = fig.add_subplot(1, 1, 1)
        years = [r.year for r in y.years]
        for i, name in enumerate(names):
            ax.plot(years, [float(r.tenants[i].charged) for r in y.years], marker="o", markersize=3, label=name)
        ax.plot(years, [float(r.surplus) for r in y.years], color="black", linestyle="--",
                label=t("Ejerens over-/underskud"))
        ax.axhline(0, color="#999", linewidth=0.8)
        ax.set_ylabel(t("kr. om året"))
        ax.set_title(t("Husleje pr. lejer og ejerens resultat pr. år"))
        ax.yaxis.set_major_formatter(lambda v, _pos: show_decimal(Decimal(round(v)), 0))
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the lines, not over them
        ax.grid(True, alpha=0.3)
        self.canvas.draw()
        self.draws += 1


class YearsPage(QWidget):
    title = "Husleje over tid"
    tables: list = []

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dirty = True
        self._filling = False
        outer = QVBoxLayout(self)
        self.heading = heading("")
        outer.addWidget(self.heading)
        outer.addWidget(hint(t(
            "Husleje og udgifter for hvert driftsår: lejere, der flytter ind senere, lån med afdragsfrie år, "
            "indeksering og markedsleje. En kommune eller region, der udlejer til sundhedspersoner, skal gøre det "
            "på markedsvilkår (sundhedsloven §§ 205 a–205 b). Satser uden kilde er skøn: skriv kilden ved siden af.")))

        # Terms above, the figures by year below: both in sight while editing (a splitter the user can move).
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(splitter, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        terms = QGroupBox(t("Vilkår"))
        grid = QGridLayout(terms)
        self.first_year = QLineEdit()
        self.years = QLineEdit()
        self.basis = QComboBox()
        for basis, text in BASIS_NAMES.items():
            self.basis.addItem(t(text), basis)
        self.rent_index = QLineEdit()
        self.rent_index_source = QLineEdit()
        self.running_index = QLineEdit()
        self.running_index_source = QLineEdit()
        self.discount = QLineEdit()
        self.discount_source = QLineEdit()
        self.vat = QComboBox()
        for value, text in VAT_NAMES.items():
            self.vat.addItem(t(text), value)
        self.split = QComboBox()
        for choice, text in SPLIT_NAMES.items():
            self.split.addItem(t(text), choice)
        self.tolerance = QLineEdit()
        self.market = QLineEdit()
        self.market_source = QLineEdit()
        rows: list[tuple[str, QWidget, QLineEdit | None]] = [
            ("Første driftsår", self.first_year, None),
            ("Antal driftsår", self.years, None),
            ("Huslejen fastsættes som", self.basis, None),
            ("Markedsleje for lokaler, kr. pr. m² brutto om året (standard)", self.market, self.market_source),
            ("Indeksering af markedsleje, % om året", self.rent_index, self.rent_index_source),
            ("Indeksering af driftsudgifter, % om året", self.running_index, self.running_index_source),
            ("Kalkulationsrente til nutidsværdi, % om året", self.discount, self.discount_source),
            ("Frivillig momsregistrering af udlejningen", self.vat, None),
            ("Fordeling af fællesareal og fælles udgifter", self.split, None),
            ("Arealtolerance i lejekontrakten, ±%", self.tolerance, None),
        ]
        grid.addWidget(QLabel(t("Kilde")), 0, 2, Qt.AlignmentFlag.AlignLeft)
        for r, (label, editor, source) in enumerate(rows, start=1):
            grid.addWidget(QLabel(t(label)), r, 0)
            if isinstance(editor, QLineEdit):
                editor.setMaximumWidth(230)
                grid.addWidget(editor, r, 1)
            else:  # a choice has no source: it may use the source's column too
                grid.addWidget(editor, r, 1, 1, 2)
            if source is not None:
                source.setPlaceholderText(t("kilde, eller «skøn»"))
                grid.addWidget(source, r, 2)
        grid.setColumnStretch(2, 1)
        self.first_year.setPlaceholderText(t("automatisk"))
        self.years.setPlaceholderText(t("automatisk"))
        self.discount.setPlaceholderText(t("ingen nutidsværdi"))
        self.market.setPlaceholderText(t("ingen standard"))
        self.market.setToolTip(t("Eksempel (ikke en standard): ") + t(HIRTSHALS_EXAMPLE))
        self.tolerance.setPlaceholderText(t("ingen"))
        buttons = QHBoxLayout()
        self.lccbyg = QPushButton(t("Brug LCCbyg's nøgletal (rente 5,5 %, prisudvikling 2 %)"))
        self.lccbyg.setToolTip(t(LCCBYG_SOURCE))
        self.lccbyg.clicked.connect(self._use_lccbyg)
        self.saeby = QPushButton(t("Brug Sæby-lejekontraktens fordeling og ±15 % arealtolerance"))
        self.saeby.setToolTip(t(SAEBY_SOURCE))
        self.saeby.clicked.connect(self._use_saeby)
        buttons.addWidget(self.lccbyg)
        buttons.addWidget(self.saeby)
        buttons.addStretch(1)
        grid.addLayout(buttons, len(rows) + 1, 0, 1, 3)
        layout.addWidget(terms)
        for editor, apply_ in (
            (self.first_year, self._edit_int("first_year", "Første driftsår")),
            (self.years, self._edit_int("years", "Antal driftsår")),
            (self.rent_index, self._edit_decimal("rent_index_pct", "Indeksering af markedsleje", zero=True)),
            (self.running_index, self._edit_decimal("running_index_pct", "Indeksering af driftsudgifter", zero=True)),
            (self.discount, self._edit_decimal("discount_pct", "Kalkulationsrente")),
            (self.tolerance, self._edit_decimal("area_tolerance_pct", "Arealtolerance")),
            (self.rent_index_source, self._edit_text("rent_index_source", "Kilde til indeksering")),
            (self.running_index_source, self._edit_text("running_index_source", "Kilde til indeksering")),
            (self.discount_source, self._edit_text("discount_source", "Kilde til kalkulationsrente")),
        ):
            editor.editingFinished.connect(apply_)
        self.market.editingFinished.connect(self._edit_market_default)
        self.market_source.editingFinished.connect(self._edit_market_default)
        self.basis.activated.connect(lambda _i: self._set("ændr huslejegrundlag", rent_basis=RentBasis(self.basis.currentData())))
        self.vat.activated.connect(lambda _i: self._set("ændr momsregistrering", vat_registered=self.vat.currentData()))
        self.split.activated.connect(lambda _i: self._set("ændr fordeling", cost_split=CostSplit(self.split.currentData())))

        layout.addWidget(heading(t("Lejernes år og markedsleje")))
        self.tenant_table = QTableWidget(0, 6)
        self.tenant_table.setHorizontalHeaderLabels([t("Lejer"), t("Flytter ind (år)"), t("Sidste år i huset"),
                                                     t("Markedsleje kr./m²"), t("Markedsleje kr. om året"),
                                                     t("Kilde")])  # fmt: skip
        self.tenant_table.itemChanged.connect(self._tenant_edited)
        layout.addWidget(self.tenant_table)
        layout.addWidget(heading(t("Lån: afdragsform")))
        self.loan_table = QTableWidget(0, 5)
        self.loan_table.setHorizontalHeaderLabels([t("Lån"), t("Beløb"), t("Afdragsform"), t("Afdragsfrie år"),
                                                   t("Første betalingsår")])  # fmt: skip
        self.loan_table.itemChanged.connect(self._loan_edited)
        layout.addWidget(self.loan_table)
        layout.addWidget(heading(t("Finansiering: året pengene gives for")))
        layout.addWidget(hint(t("Et tilskud gives for et bestemt år. Skriv året, så kommer pengene i kassen det år. "
                                "Et lån, der gives for et senere år, betales tilbage fra det år. Tomt felt: pengene "
                                "kommer i projektårene, før driften begynder.")))
        self.financing_table = QTableWidget(0, 3)
        self.financing_table.setHorizontalHeaderLabels([t("Finansiering"), t("Beløb"), t("Gives for året")])
        self.financing_table.itemChanged.connect(self._financing_edited)
        layout.addWidget(self.financing_table)
        layout.addWidget(heading(t("Etaper")))
        layout.addWidget(hint(t("Rum i en etape tages i brug fra etapens første år; før det koster de ikke drift og "
                                "tæller ikke i arealet. Skriv rumlinjernes numre fra rumprogrammet, fx «3, 4». "
                                "Etapens anlægsposter (numrene fra anlægsbudgettet) betales i etapens første år; "
                                "giv det lån, der betaler dem, samme år ovenfor.")))
        self.phase_table = QTableWidget(0, 4)
        self.phase_table.setHorizontalHeaderLabels([t("Etape"), t("Første år i brug"), t("Rumlinjer"),
                                                    t("Anlægsposter")])
        self.phase_table.itemChanged.connect(self._phase_edited)
        layout.addWidget(self.phase_table)
        phase_buttons = QHBoxLayout()
        self.add_phase = QPushButton(t("Tilføj etape"))
        self.add_phase.clicked.connect(self._add_phase)
        self.delete_phase = QPushButton(t("Slet valgt etape"))
        self.delete_phase.clicked.connect(self._delete_phase)
        phase_buttons.addWidget(self.add_phase)
        phase_buttons.addWidget(self.delete_phase)
        phase_buttons.addStretch(1)
        layout.addLayout(phase_buttons)
        for table in (self.tenant_table, self.loan_table, self.financing_table, self.phase_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()

        self.tabs = QTabWidget()
        self.owner_table = QTableWidget(0, 0)
        self.rent_table = QTableWidget(0, 0)
        self.statement_table = QTableWidget(0, 0)
        self.chart = YearsChart()
        self.tabs.addTab(self.owner_table, t("Ejeren pr. år"))
        self.tabs.addTab(self.rent_table, t("Lejerne betaler pr. år"))
        self.tabs.addTab(self.statement_table, t("Omkostning, marked og opkrævet"))
        self.tabs.addTab(self.chart, t("Diagram"))
        for table in (self.owner_table, self.rent_table, self.statement_table):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setAlternatingRowColors(True)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = hint("")
        results_layout.addWidget(self.summary)
        results_layout.addWidget(self.tabs, 1)
        splitter.addWidget(results)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        session.plan_changed.connect(self._changed)
        self.refresh()

    # --- editing -----------------------------------------------------------------------------------------

    @property
    def timeline(self) -> TimeLine:
        return self.session.scenario.timeline

    def _run_timeline(self, timeline: TimeLine, text_da: str) -> None:
        sid = self.session.scenario.row_id
        if sid is not None and timeline != self.timeline:
            self.session.run(SetTimeLine(sid, timeline), text_da)
        else:
            self.refresh()  # show the stored value again

    def _set(self, text_da: str, **values: Any) -> None:
        if self._filling:
            return
        self._run_timeline(dataclasses.replace(copy.deepcopy(self.timeline), **values), text_da)

    def _refuse(self, label: str, text: str) -> None:
        self.session.refused.emit(t("{felt}: «{tekst}» er ikke et tal").format(felt=t(label), tekst=text)
                                  + number_hint(text))
        self.refresh()

    def _edit_int(self, attr: str, label: str) -> Callable[[], None]:
        def apply_() -> None:
            editor = self.first_year if attr == "first_year" else self.years
            value = _int_or_none(editor.text())
            if value == "":
                self._refuse(label, editor.text())
            elif value != getattr(self.timeline, attr):
                self._set(f"ændr {label.lower()}", **{attr: value})

        return apply_

    def _edit_decimal(self, attr: str, label: str, zero: bool = False) -> Callable[[], None]:
        editors = {"rent_index_pct": self.rent_index, "running_index_pct": self.running_index,
                   "discount_pct": self.discount, "area_tolerance_pct": self.tolerance}  # fmt: skip

        def apply_() -> None:
            text = editors[attr].text()
            value = parse_decimal(text) if text.strip() else (Decimal(0) if zero else None)
            if text.strip() and value is None:
                self._refuse(label, text)
            elif value != getattr(self.timeline, attr):
                self._set(f"ændr {label.lower()}", **{attr: value})

        return apply_

    def _edit_text(self, attr: str, label: str) -> Callable[[], None]:
        editors = {"rent_index_source": self.rent_index_source, "running_index_source": self.running_index_source,
                   "discount_source": self.discount_source}  # fmt: skip

        def apply_() -> None:
            if editors[attr].text() != getattr(self.timeline, attr):
                self._set(f"ændr {label.lower()}", **{attr: editors[attr].text()})

        return apply_

    def _edit_market_default(self) -> None:
        if self._filling:
            return
        text = self.market.text()
        if not text.strip():
            value = None
        else:
            per_m2 = parse_decimal(text)
            if per_m2 is None:
                self._refuse("Markedsleje", text)
                return
            value = MarketRentDefault(per_m2, self.market_source.text())
        if value != self.session.plan.market_rent:
            self.session.run(SetMarketRentDefault(value), "ændr markedsleje")

    def _use_lccbyg(self) -> None:
        self._set("brug LCCbyg's nøgletal", discount_pct=LCCBYG_DISCOUNT_PCT, discount_source=LCCBYG_SOURCE,
                  running_index_pct=LCCBYG_PRICE_GROWTH_PCT, running_index_source=LCCBYG_SOURCE)

    def _use_saeby(self) -> None:
        self._set("brug Sæby-lejekontraktens vilkår", cost_split=CostSplit.LEASE_AREA,
                  area_tolerance_pct=SAEBY_AREA_TOLERANCE_PCT)

    def _tenant_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        tenant = self.session.scenario.tenants[row]
        tl = copy.deepcopy(self.timeline)
        terms = tl.tenant_terms(tenant.id)
        if terms is None:
            terms = TenantTerms(tenant.id)
            tl.tenants.append(terms)
        text = item.text()
        header = self.tenant_table.horizontalHeaderItem(col)
        label = header.text() if header is not None else ""
        if col in (1, 2):
            value = _int_or_none(text)
            if value == "":
                self._refuse(label, text)
                return
            setattr(terms, "move_in" if col == 1 else "move_out", value)
        elif col in (3, 4):
            number = parse_decimal(text) if text.strip() else None
            if text.strip() and number is None:
                self._refuse(label, text)
                return
            setattr(terms, "market_per_m2" if col == 3 else "market_total", number)
        elif col == 5:
            terms.market_source = text
        if terms == TenantTerms(tenant.id):
            tl.tenants.remove(terms)  # nothing left to say about the tenant
        self._run_timeline(tl, "ændr lejerens vilkår")

    def _loan_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        line = self._loan_lines()[row]
        tl = copy.deepcopy(self.timeline)
        terms = tl.loan_terms(line)
        if terms is None:
            terms = LoanTerms(line)
            tl.loans.append(terms)
        value = _int_or_none(item.text())
        if value == "" or (col == 3 and value is None):
            header = self.loan_table.horizontalHeaderItem(col)
            self._refuse(header.text() if header is not None else "", item.text())
            return
        if col == 3:
            terms.interest_only_years = int(value or 0)
        elif col == 4:
            terms.first_year = value if isinstance(value, int) else None
        if terms == LoanTerms(line):
            tl.loans.remove(terms)
        self._run_timeline(tl, "ændr lånets vilkår")

    def _repayment_chosen(self, line: int, repayment: Repayment) -> None:
        if self._filling:
            return
        tl = copy.deepcopy(self.timeline)
        terms = tl.loan_terms(line)
        if terms is None:
            terms = LoanTerms(line)
            tl.loans.append(terms)
        terms.repayment = repayment
        if terms == LoanTerms(line):
            tl.loans.remove(terms)
        self._run_timeline(tl, "ændr afdragsform")

    def _add_phase(self) -> None:
        tl = copy.deepcopy(self.timeline)
        first, last = operating_years(self.session.plan, self.session.scenario)
        number = len(tl.phases) + 2  # the house itself is the first stage
        tl.phases.append(Phase(t("Etape {n}").format(n=number), min(first + 2, last)))
        self._run_timeline(tl, "tilføj etape")

    def _delete_phase(self) -> None:
        row = self.phase_table.currentRow()
        tl = copy.deepcopy(self.timeline)
        if 0 <= row < len(tl.phases):
            del tl.phases[row]
            self._run_timeline(tl, "slet etape")

    def _phase_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        tl = copy.deepcopy(self.timeline)
        phase = tl.phases[row]
        text = item.text()
        if col == 0:
            phase.name = text
        elif col == 1:
            year = _int_or_none(text)
            if not isinstance(year, int):
                self._refuse("Første år i brug", text)
                return
            phase.first_year = year
        else:
            parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
            numbers = [_int_or_none(p) for p in parts]
            label = "Rumlinjer" if col == 2 else "Anlægsposter"
            if not all(isinstance(n, int) and n >= 1 for n in numbers):
                self._refuse(label, text)
                return
            positions = [int(n) - 1 for n in numbers if isinstance(n, int)]  # shown from 1, stored from 0
            if col == 2:
                phase.rooms = positions
            else:
                # A cost line is built in one phase: naming it here takes it out of any other phase.
                for other in tl.phases:
                    if other is not phase:
                        other.costs = [c for c in other.costs if c not in positions]
                phase.costs = list(dict.fromkeys(positions))
        self._run_timeline(tl, "ændr etape")

    def _financing_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2:
            return
        line = item.row()
        value = _int_or_none(item.text())
        if value == "":
            self._refuse("Gives for året", item.text())
            return
        tl = copy.deepcopy(self.timeline)
        tl.financing_years = [f for f in tl.financing_years if f.line != line]
        if isinstance(value, int):
            tl.financing_years.append(FinancingYear(line, value))
            tl.financing_years.sort(key=lambda f: f.line)
        self._run_timeline(tl, "ændr finansieringens år")

    def _loan_lines(self) -> list[int]:
        return [i for i, f in enumerate(self.session.scenario.financing) if f.is_repaid]

    # --- showing -----------------------------------------------------------------------------------------

    def _changed(self, _changes: object) -> None:
        self.dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.dirty:
            self.refresh()

    def refresh(self) -> None:
        self.dirty = False
        plan, sc = self.session.plan, self.session.scenario
        tl = sc.timeline
        first, last = operating_years(plan, sc)
        self.heading.setText(t("Husleje over tid — {scenarie}").format(scenarie=sc.name))
        self._filling = True
        try:
            self.first_year.setText("" if tl.first_year is None else str(tl.first_year))
            self.years.setText("" if tl.years is None else str(tl.years))
            self.first_year.setToolTip(t("Driftsår: {fra}–{til}. Tomt felt: året efter projektets sidste år.").format(
                fra=first, til=last))
            self.years.setToolTip(t("Driftsår: {fra}–{til}. Tomt felt: det længste lån, der betales af huslejen, "
                                    "ellers 25 år (KommuneKredits normale maksimum).").format(fra=first, til=last))
            self.basis.setCurrentIndex(self.basis.findData(tl.rent_basis))
            self.rent_index.setText(edit_text(tl.rent_index_pct))
            self.rent_index_source.setText(tl.rent_index_source)
            self.running_index.setText(edit_text(tl.running_index_pct))
            self.running_index_source.setText(tl.running_index_source)
            self.discount.setText(edit_text(tl.discount_pct))
            self.discount_source.setText(tl.discount_source)
            self.vat.setCurrentIndex(list(VAT_NAMES).index(tl.vat_registered))
            self.split.setCurrentIndex(self.split.findData(tl.cost_split))
            self.tolerance.setText(edit_text(tl.area_tolerance_pct))
            default = plan.market_rent
            self.market.setText(edit_text(default.per_m2) if default else "")
            self.market_source.setText(default.source if default else "")
            self._fill_terms()
        finally:
            self._filling = False
        y = compute_years(plan, sc)
        self._fill_results(y)

    def _fill_terms(self) -> None:
        sc = self.session.scenario
        tl = sc.timeline
        self.tenant_table.setRowCount(len(sc.tenants))
        for r, tenant in enumerate(sc.tenants):
            tt = tl.tenant_terms(tenant.id) or TenantTerms(tenant.id)
            self.tenant_table.setItem(r, 0, _item(tenant.name, align_right=False))
            values = ["" if tt.move_in is None else str(tt.move_in),
                      "" if tt.move_out is None else str(tt.move_out),
                      edit_text(tt.market_per_m2), edit_text(tt.market_total)]  # fmt: skip
            for c, text in enumerate(values, start=1):
                self.tenant_table.setItem(r, c, _item(text, editable=not self.session.readonly))
            self.tenant_table.setItem(r, 5, _item(tt.market_source, align_right=False,
                                                  editable=not self.session.readonly))
        lines = self._loan_lines()
        self.loan_table.setRowCount(len(lines))
        for r, i in enumerate(lines):
            line = sc.financing[i]
            terms = tl.loan_terms(i) or LoanTerms(i)
            own = t("Egenfinansiering, betales af huslejen")
            label = line.text or (t("Lån") if line.source.value == "loan" else own)
            self.loan_table.setItem(r, 0, _item(f"{label} ({line.interest_pct} %, {line.years} år)".replace(".", ","),
                                                align_right=False))
            self.loan_table.setItem(r, 1, _item(show_kr(line.amount)))
            combo = QComboBox()
            for repayment, text in REPAYMENT_NAMES.items():
                combo.addItem(t(text), repayment)
            combo.setCurrentIndex(combo.findData(terms.repayment))
            combo.setEnabled(not self.session.readonly)
            combo.activated.connect(lambda _i, line=i, c=combo: self._repayment_chosen(line, Repayment(c.currentData())))
            self.loan_table.setCellWidget(r, 2, combo)
            self.loan_table.setItem(r, 3, _item(str(terms.interest_only_years), editable=not self.session.readonly))
            self.loan_table.setItem(r, 4, _item("" if terms.first_year is None else str(terms.first_year),
                                                editable=not self.session.readonly))
        self.financing_table.setRowCount(len(sc.financing))
        for r, line in enumerate(sc.financing):
            label = line.text or FINANCING_SOURCES[line.source]
            self.financing_table.setItem(r, 0, _item(label, align_right=False))
            self.financing_table.setItem(r, 1, _item(show_kr(line.amount)))
            given = tl.financing_year(r)
            cell = _item("" if given is None else str(given), editable=not self.session.readonly)
            cell.setToolTip(t("Tomt felt: i projektårene"))
            self.financing_table.setItem(r, 2, cell)
        self.phase_table.setRowCount(len(tl.phases))
        for r, phase in enumerate(tl.phases):
            editable = not self.session.readonly
            self.phase_table.setItem(r, 0, _item(phase.name, align_right=False, editable=editable))
            self.phase_table.setItem(r, 1, _item(str(phase.first_year), editable=editable))
            self.phase_table.setItem(r, 2, _item(", ".join(str(i + 1) for i in phase.rooms), align_right=False,
                                                 editable=editable))
            costs = _item(", ".join(str(i + 1) for i in phase.costs), align_right=False, editable=editable)
            named = [f"{i + 1}: {sc.costs[i].text or COST_CATEGORIES[sc.costs[i].category]}"
                     for i in phase.costs if 0 <= i < len(sc.costs)]
            costs.setToolTip("\n".join(named))
            self.phase_table.setItem(r, 3, costs)
        self.add_phase.setEnabled(not self.session.readonly)
        self.delete_phase.setEnabled(not self.session.readonly and bool(tl.phases))
        for table in (self.tenant_table, self.loan_table, self.financing_table, self.phase_table):
            table.setFixedHeight(table.horizontalHeader().height() + 4
                                 + sum(table.rowHeight(r) for r in range(table.rowCount())) + 2)

    def _fill_results(self, y: YearsFigures) -> None:
        sc = self.session.scenario
        names = [tenant.name for tenant in sc.tenants]
        owner_cols = [t("År"), t("Kapitaludgift"), t("Drift"), t("Udstyr og ydelser"), t("Udgifter i alt"),
                      t("Lejeindtægt"), t("Tomgang"), t("Over-/underskud"), t("Kassebeholdning"),
                      t("Anlæg betalt"), t("Finansiering modtaget")]  # fmt: skip
        self.owner_table.setColumnCount(len(owner_cols))
        self.owner_table.setHorizontalHeaderLabels(owner_cols)
        self.owner_table.setRowCount(len(y.years))
        self.rent_table.setColumnCount(len(names) + 2)
        self.rent_table.setHorizontalHeaderLabels([t("År"), *names, t("I alt")])
        self.rent_table.setRowCount(len(y.years))
        for r, row in enumerate(y.years):
            values = [row.capital_cost, row.running_cost, row.equipment_cost + row.services_cost, row.total_cost,
                      row.income, row.vacancy_cost, row.surplus, row.cash_balance, row.establishment,
                      row.financing_received]  # fmt: skip
            self.owner_table.setItem(r, 0, _item(str(row.year)))
            for c, v in enumerate(values, start=1):
                self.owner_table.setItem(r, c, _item(show_kr(v)))
            self.rent_table.setItem(r, 0, _item(str(row.year)))
            for c, tenant_year in enumerate(row.tenants, start=1):
                text = show_kr(tenant_year.charged) if tenant_year.present else t("ikke i huset")
                self.rent_table.setItem(r, c, _item(text))
            self.rent_table.setItem(r, len(names) + 1, _item(show_kr(row.income)))
        self._fill_statement(y)
        for table in (self.owner_table, self.rent_table, self.statement_table):
            table.verticalHeader().hide()
            table.resizeColumnsToContents()
        self.chart.set_data((y, names))
        pv = y.present_value
        basis = t(BASIS_NAMES[y.rent_basis]).lower()
        text = t("Driftsår {fra}–{til}; huslejen er {grundlag}.").format(fra=y.first_year, til=y.last_year,
                                                                         grundlag=basis)
        if y.opening_balance:
            text += " " + t("Kassebeholdning ved driftens begyndelse: {beløb} (anlæg betalt i driftsårene minus "
                            "finansiering givet for dem).").format(beløb=show_kr(y.opening_balance))
        if pv is not None:
            text += " " + t("Nutidsværdi ved {rente} % om året: lejeindtægt {indtægt}, udgifter {udgifter}, "
                            "ejerens resultat {resultat}").format(
                rente=show_decimal(pv.discount_pct), indtægt=show_kr(pv.income), udgifter=show_kr(pv.total_cost),
                resultat=show_kr(pv.surplus))
        self.summary.setText(text)

    def _fill_statement(self, y: YearsFigures) -> None:
        """Each tenant's first year in the house: cost rent, market rent and rent charged side by side, and the
        lease area with the contract's tolerance."""
        sc = self.session.scenario
        tol = sc.timeline.area_tolerance_pct
        cols = [t("Lejer"), t("Første år"), t("Lejeareal"), t("Omkostningsbestemt husleje"), t("Markedsleje"),
                t("Opkrævet husleje"), t("Forskel til markedsleje")]
        if tol is not None:
            cols.append(t("Lejeareal inden for ±{pct} %").format(pct=show_decimal(tol)))
        self.statement_table.setColumnCount(len(cols))
        self.statement_table.setHorizontalHeaderLabels(cols)
        self.statement_table.setRowCount(len(sc.tenants))
        for r, tenant in enumerate(sc.tenants):
            self.statement_table.setItem(r, 0, _item(tenant.name, align_right=False))
            row = next((row for row in y.years if row.tenants[r].present), None)
            if row is None:
                self.statement_table.setItem(r, 1, _item(t("ikke i huset i driftsårene"), align_right=False))
                continue
            ty = row.tenants[r]
            gap = charged_against_market(ty)
            values = [str(row.year), show_m2(ty.lease_gross_m2), show_kr(ty.space_cost_rent),
                      show_kr(ty.market_rent) if ty.market_rent is not None else t("ikke angivet"),
                      show_kr(ty.space_charged), show_kr(gap) if gap is not None else ""]  # fmt: skip
            if tol is not None:
                low, high = area_tolerance(ty.lease_gross_m2, tol)
                values.append(f"{show_m2(low)} – {show_m2(high)}")
            for c, text in enumerate(values, start=1):
                self.statement_table.setItem(r, c, _item(text))
        self.statement_table.setToolTip(t("Husleje for lokalerne; udstyr og fælles ydelser opkræves efter "
                                          "omkostninger ved siden af."))
