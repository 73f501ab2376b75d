"""The financing lines of the selected scenario as a table."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.i18n import FINANCING_SOURCES, t
from desktop.models.base import Column, Index, LineTableModel
from desktop.numbers import show_decimal, show_kr
from planners.model import FinancingLine, FinancingSource


def _repaid_tip(line: FinancingLine) -> str:
    if line.source is FinancingSource.LOAN and not line.repaid_by_rent:
        return t("Lånet betales ikke af huslejen og indgår ikke i den")
    return "" if line.source is FinancingSource.LOAN or line.source.is_own else t("Et tilskud betales ikke tilbage")


def _can_be_repaid(line: FinancingLine) -> bool:
    return line.source is FinancingSource.LOAN or line.source.is_own


class FinancingModel(LineTableModel):
    kind = "financing"

    def make_columns(self) -> list[Column]:
        def annuity(_x: FinancingLine, row: int) -> str:
            lines = self.session.figures.financing_lines
            return show_kr(lines[row].annuity) if row < len(lines) and lines[row].annuity else ""

        return [
            # A new source brings its own tick in the same undo step (a loan ticked, own money and grants not;
            # FinancingLine.repaid_after_source), so a line turned into a loan counts in the rent at once.
            Column(t("Kilde"), lambda x, _r: t(FINANCING_SOURCES[x.source]), "source", "choice", t("ændr kilde"),
                   choices=lambda: [(k, t(v)) for k, v in FINANCING_SOURCES.items()],
                   to_values=lambda x, v: {"source": v,
                                           "repaid_by_rent": x.repaid_after_source(FinancingSource(str(v)))}),
            Column(t("Tekst"), lambda x, _r: x.text, "text", undo_text=t("ændr tekst")),
            Column(t("Beløb (kr.)"), lambda x, _r: show_kr(x.amount), "amount", "decimal", t("ændr finansieringsbeløb"),
                   number=True),
            Column(t("Rente (%)"), lambda x, _r: show_decimal(x.interest_pct, 3) if x.is_repaid else "",
                   "interest_pct", "decimal", t("ændr rente"), number=True),
            Column(t("Løbetid (år)"), lambda x, _r: str(x.years) if x.years else "", "years", "int",
                   t("ændr løbetid"), optional=True, number=True),
            # A loan's and own money's ticks decide whether the line counts in the rent (FinancingLine.is_repaid,
            # issue 14.4); a grant is never paid back: its tick shows so and cannot be changed. The text is the
            # tick's tooltip.
            Column(t("Betales tilbage af huslejen"),
                   lambda x, _r: _repaid_tip(x), "repaid_by_rent", "bool", t("ændr tilbagebetaling"),
                   edit_value=lambda x: x.is_repaid,
                   tooltip=t("Et lån eller egenfinansiering, som huslejen betaler tilbage som et annuitetslån")),
            Column(t("Ydelse (kr./år)"), annuity, number=True),
        ]  # fmt: skip

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.row() < len(self.lines()) and self.columns[index.column()].field == \
                "repaid_by_rent" and not _can_be_repaid(self.line(index.row())):
            return flags & ~(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        return flags

    def new_line(self) -> FinancingLine:
        return FinancingLine(source=FinancingSource.OWN_MUNICIPALITY, amount=Decimal(0))

    def duplicate(self, line: object) -> FinancingLine:
        assert isinstance(line, FinancingLine)
        return dataclasses.replace(line, row_id=None)

