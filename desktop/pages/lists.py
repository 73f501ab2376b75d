"""The pages that are lists of lines: tenants, room programme, equipment, establishment and financing, running
costs and rent. Each holds one or more `LineTable`s; the window's row actions act on the active one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import error_text, t
from desktop.models.base import LineTableModel
from desktop.models.costs import CostsModel
from desktop.models.equipment import EquipmentModel
from desktop.models.financing import FinancingModel
from desktop.models.rooms import RoomsModel
from desktop.models.running import RatesModel, StatementsModel
from desktop.models.services import ServicesModel
from desktop.models.tenants import TenantsModel
from desktop.numbers import show_kr, show_m2
from desktop.pages.headings import heading, hint  # here too: the pages import them from this module
from desktop.pages.table import LineTable
from desktop.session import PlanSession
from planners.figures.balance import balancing_amount
from planners.figures.repairs import balance_line
from planners.model.errors import PlanError
from planners.store.operations import Changes, UpdateLine


class ListPage(QWidget):
    """A page of one or more line tables under headings."""

    title = ""
    tables: list[LineTable]

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tables = []
        self._active: LineTable | None = None
        self.layout_ = QVBoxLayout(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def add_table(
        self, model: LineTableModel, title: str = "", note: str = "", into: QSplitter | None = None
    ) -> LineTable:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        if title:
            lay.addWidget(heading(title))
        if note:
            lay.addWidget(hint(note))
        table = LineTable(model, box)
        lay.addWidget(table)
        (into or self.layout_).addWidget(box)
        self.tables.append(table)
        return table

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The row actions act on the table used last (a page may hold several). Followed through the
        # application's focusChanged signal rather than an event filter on every table.
        for table in self.tables:
            if new is table or (new is not None and table.isAncestorOf(new)):
                self._active = table

    def active_table(self) -> LineTable | None:
        return self._active or (self.tables[0] if self.tables else None)

    def table_for(self, kind: str) -> LineTable | None:
        return next((x for x in self.tables if x.line_model.kind == kind), None)


class TenantsPage(ListPage):
    title = "Lejere"

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.add_table(TenantsModel(session), t("Lejere"),
                       t("Alle, der skal bo i huset: lægepraksis, kommunale tilbud, private behandlere. "
                         "Dobbeltklik i en celle for at rette; tal skrives på dansk (1.234,5)."))  # fmt: skip
        # The capacity aid (issue 8): listed patients → GPs needed, and the suggested room programme.
        from PySide6.QtWidgets import QHBoxLayout, QPushButton

        from desktop.dialogs.capacity import CapacityDialog, capacity_lines

        row = QHBoxLayout()
        self.capacity = hint("")
        row.addWidget(self.capacity, 1)
        self.suggest = QPushButton(t("Foreslå rumprogram…"))
        self.suggest.setToolTip(t("Rum efter normerne i planens kataloger for lejernes behandlere og tilmeldte "
                                  "patienter; du vælger selv, hvilke der tilføjes"))  # fmt: skip
        self.suggest.clicked.connect(lambda: CapacityDialog(session, self.window()).exec())
        self.suggest.setEnabled(not session.readonly)
        row.addWidget(self.suggest)
        self.layout_.addLayout(row)
        self._capacity_lines = capacity_lines
        session.plan_changed.connect(self._refresh_capacity)
        self._refresh_capacity()

    def _refresh_capacity(self, _changes: object = None) -> None:
        lines = self._capacity_lines(self.session)
        self.capacity.setText(t("Lægebehov: ") + "; ".join(lines) if lines else "")


class RoomsPage(ListPage):
    title = "Rumprogram"

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.summary = hint("")
        self.add_table(RoomsModel(session), t("Rumprogram"),
                       t("Hvert rum: type, antal, nettoareal og hvem der bruger det — én lejer, fælles efter en "
                         "fordelingsnøgle, eller ledigt til senere udlejning."))  # fmt: skip
        self.layout_.addWidget(self.summary)
        session.plan_changed.connect(self._refresh)
        self._refresh()

    def _refresh(self, _changes: object = None) -> None:
        f = self.session.key_figures  # (the areas only: the rest of the figures follow after the paint)
        self.summary.setText(t("Netto i alt {netto}, brutto {brutto} (bruttofaktor {faktor}); ledigt {ledig} brutto.")
                             .format(netto=show_m2(f.net_m2), brutto=show_m2(f.gross_m2),
                                     faktor=str(f.gross_factor).replace(".", ","),
                                     ledig=show_m2(f.vacant_gross_m2)))  # fmt: skip


class EquipmentPage(ListPage):
    title = "Udstyr"

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.add_table(EquipmentModel(session), t("Udstyr"),
                       t("Fælles og eget udstyr. Udstyr, der købes i projektet, indgår i anlægsbudgettet; "
                         "udstyr, lejerne selv køber, afskrives i den årlige udgift."))  # fmt: skip


class EstablishmentPage(ListPage):
    title = "Anlæg og finansiering"

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.layout_.addWidget(split)
        self.add_table(CostsModel(session), t("Anlægsudgifter"),
                       t("Beløb, pris pr. m² eller procent af andre kategorier. Kategorien udstyr er summen af "
                         "udstyr købt i projektet."), into=split)  # fmt: skip
        self.add_table(FinancingModel(session), t("Finansiering"),
                       t("Finansieringen skal svare til anlægsudgifterne."), into=split)  # fmt: skip
        self.totals = hint("")
        row = QHBoxLayout()
        row.addWidget(self.totals, 1)
        self.balance_button = QPushButton(t("Udlign finansieringen"))
        self.balance_button.setToolTip(t("Den valgte finansieringslinje (ellers det første lån) får præcis det beløb, "
                                         "der gør finansieringen lig med anlægsudgifterne"))  # fmt: skip
        self.balance_button.clicked.connect(lambda _c=False: self.balance())
        row.addWidget(self.balance_button)
        self.layout_.addLayout(row)
        session.plan_changed.connect(self._refresh)
        self._refresh()

    def balance(self) -> Changes | None:
        """The chosen financing line (else the first loan, else own money) takes the difference, to the øre: one
        undo step; refused in Danish where the other lines already exceed the costs."""
        session = self.session
        table = self.table_for("financing")
        rows = table.selected_rows() if table is not None and table.selectionModel().hasSelection() else []
        index = rows[0] if rows else balance_line(session.scenario)
        if index is None:
            session.refused.emit(t("Der er ingen finansieringslinje at udligne med: tilføj et lån eller egen "
                                   "finansiering først."))  # fmt: skip
            return None
        try:
            amount = balancing_amount(session.plan, session.scenario.name, index)
        except PlanError as exc:
            session.refused.emit(error_text(exc))
            return None
        line = session.scenario.financing[index]
        if line.row_id is None or amount == line.amount:
            return None
        changes = session.run(UpdateLine("financing", line.row_id, {"amount": amount}), t("udlign finansieringen"))
        if changes is not None and table is not None:
            table.select_rows([index])
        return changes

    def _refresh(self, _changes: object = None) -> None:
        f = self.session.figures
        self.balance_button.setEnabled(f.financing_difference != 0 and not self.session.readonly)
        self.totals.setText(
            t("Anlæg i alt {anlæg} (heraf tilskudsberettiget {berettiget}); udstyr i projektet {udstyr}; "
              "finansiering i alt {fin}").format(anlæg=show_kr(f.establishment_total),
                                                  berettiget=show_kr(f.eligible_total),
                                                  udstyr=show_kr(f.equipment_in_project),
                                                  fin=show_kr(f.financing_total)))  # fmt: skip


class RunningPage(ListPage):
    title = "Drift og husleje"

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.layout_.addWidget(split)
        top = QWidget()
        lay = QVBoxLayout(top)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(heading(t("Driftsudgifter pr. brutto-m²")))
        self.rates = QTableView()
        self.rates_model = RatesModel(session)
        self.rates.setModel(self.rates_model)
        from desktop.delegates import TableDelegate

        self.rates.setItemDelegate(TableDelegate(self.rates))
        self.rates.resizeColumnsToContents()
        self.rates.verticalHeader().hide()
        self.rates.verticalHeader().setDefaultSectionSize(24)
        # No stretched last column: where the page is narrower than the table, a stretched column is squeezed and
        # its amounts elided ("274.4…"); unstretched, the table scrolls sideways and every amount stays whole.
        self.rates.horizontalHeader().setStretchLastSection(False)
        lay.addWidget(self.rates)
        split.addWidget(top)
        self.add_table(ServicesModel(session), t("Fælles ydelser"),
                       t("Faste fælles udgifter om året, fordelt efter en nøgle."), into=split)  # fmt: skip
        bottom = QWidget()
        lay2 = QVBoxLayout(bottom)
        lay2.setContentsMargins(0, 0, 0, 0)
        lay2.addWidget(heading(t("Husleje pr. lejer")))
        self.rent = hint("")
        lay2.addWidget(self.rent)
        self.statements = QTableView()
        statements = StatementsModel(session)
        self.statements.setModel(statements)
        statements.modelReset.connect(self.statements.resizeColumnsToContents)
        self.statements.resizeColumnsToContents()
        self.statements.verticalHeader().hide()
        self.statements.verticalHeader().setDefaultSectionSize(24)
        self.statements.horizontalHeader().setStretchLastSection(False)  # as the rates: amounts never squeezed
        lay2.addWidget(self.statements)
        split.addWidget(bottom)
        session.plan_changed.connect(self._refresh)
        self._refresh()

    def _refresh(self, _changes: object = None) -> None:
        f = self.session.figures
        self.rent.setText(
            t("Årlig udgift i alt {i_alt}: kapital {kapital}, drift {drift}, udstyr {udstyr}, fælles ydelser "
              "{ydelser}; ledige arealer koster ejeren {ledig} om året").format(
                i_alt=show_kr(f.annual_cost_total), kapital=show_kr(f.capital_cost), drift=show_kr(f.running_cost),
                udstyr=show_kr(f.equipment_annual_total), ydelser=show_kr(f.services_total),
                ledig=show_kr(f.vacancy_cost)))  # fmt: skip
        # Not resizeColumnsToContents() here: on a plan of 60 tenants it costs ~40 ms an edit.

