"""The establishment cost lines of the selected scenario as a table."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from desktop.i18n import COST_CATEGORIES, t
from desktop.models.base import Column, LineTableModel
from desktop.numbers import show_decimal, show_kr
from planners.model import CostCategory, CostLine

BASES: dict[str, str] = {
    "amount": "Fast beløb",
    "per_m2": "Pris pr. m²",
    "percent": "Procent af andre poster",
    "none": "Intet (udstyr i projektet)",
}


def basis_of(line: CostLine) -> str:
    if line.amount is not None:
        return "amount"
    if line.per_m2 is not None:
        return "per_m2"
    if line.percent is not None:
        return "percent"
    return "none"


def basis_value(line: CostLine) -> Decimal | None:
    return {"amount": line.amount, "per_m2": line.per_m2, "percent": line.percent}.get(basis_of(line))


def basis_values(line: CostLine, basis: object) -> dict[str, object]:
    """Switch the basis, carrying the number over (so a user can correct the kind of basis)."""
    value = basis_value(line) if basis_value(line) is not None else Decimal(0)
    out: dict[str, object] = {"amount": None, "per_m2": None, "percent": None, "m2": None,
                              "of": [] if basis != "percent" else (line.of or [CostCategory.CONSTRUCTION])}
    if basis in ("amount", "per_m2", "percent"):
        out[str(basis)] = value
    if basis == "per_m2":
        out["m2"] = line.m2
    return out


def value_text(line: CostLine) -> str:
    basis = basis_of(line)
    if basis == "amount":
        return show_kr(line.amount)
    if basis == "per_m2":
        return t("{sats} kr./m²").format(sats=show_decimal(line.per_m2))
    if basis == "percent":
        return f"{show_decimal(line.percent)} %"
    return ""


def of_text(line: CostLine) -> str:
    return ", ".join(t(COST_CATEGORIES[c]) for c in line.of)


def spread_text(line: CostLine) -> str:
    if not line.spread:
        return t("Jævnt over årene")
    return ", ".join(f"{year}: {show_decimal(p)} %" for year, p in sorted(line.spread.items()))


class CostsModel(LineTableModel):
    kind = "cost"

    def make_columns(self) -> list[Column]:
        def amount(_x: CostLine, row: int) -> str:
            lines = self.session.figures.cost_lines
            return show_kr(lines[row].amount) if row < len(lines) else ""

        return [
            Column(t("Kategori"), lambda x, _r: t(COST_CATEGORIES[x.category]), "category", "choice",
                   t("ændr kategori"), choices=lambda: [(k, t(v)) for k, v in COST_CATEGORIES.items()]),
            Column(t("Tekst"), lambda x, _r: x.text, "text", undo_text=t("ændr tekst")),
            Column(t("Grundlag"), lambda x, _r: t(BASES[basis_of(x)]), "amount", "choice", t("ændr grundlag"),
                   edit_value=basis_of, to_values=basis_values,
                   choices=lambda: [(k, t(v)) for k, v in BASES.items()]),
            Column(t("Beløb, sats eller %"), lambda x, _r: value_text(x), "per_m2", "decimal", t("ændr anlægsbeløb"),
                   edit_value=basis_value, number=True,
                   to_values=lambda x, v: {basis_of(x) if basis_of(x) != "none" else "amount": v}),
            Column(t("m² (tom = bruttoareal)"), lambda x, _r: show_decimal(x.m2), "m2", "decimal", t("ændr m²"),
                   optional=True, number=True),
            Column(t("Procent af"), lambda x, _r: of_text(x), "of", "of", t("ændr procentgrundlag")),
            Column(t("Tilskudsberettiget"), lambda x, _r: "", "eligible", "bool", t("ændr tilskudsberettigelse")),
            Column(t("Fordeling på år"), lambda x, _r: spread_text(x), "spread", "spread", t("ændr fordeling på år")),
            Column(t("Beløb (kr.)"), amount, number=True),
            # issue 16.6: what the application says of each line
            Column(t("Delprojekt"), lambda x, _r: x.subproject or "", "subproject", "choice", t("ændr delprojekt"),
                   choices=self._subprojects, tooltip=t("Delprojekterne og deres prioritet står på siden Ansøgning")),
            Column(t("Tilskud (kr.)"), lambda x, _r: show_kr(x.grant) if x.grant is not None else "", "grant",
                   "decimal", t("ændr tilskud pr. post"), optional=True, number=True,
                   tooltip=t("Den del af det ansøgte tilskud, der går til posten; fordeles på år som posten")),
            Column(t("Kilde"), lambda x, _r: x.source, "source", undo_text=t("ændr kilde"),
                   tooltip=t("Hvor beløbet eller satsen kommer fra (prisdata, tilbud, regnskab)")),
        ]  # fmt: skip

    def _subprojects(self) -> list[tuple[object, str]]:
        """No sub-project, then the plan's sub-projects by name (the name is what the line keeps)."""
        return [(None, t("(intet)")), *((sp.name, sp.name) for sp in self.session.plan.subprojects)]

    def new_line(self) -> CostLine:
        return CostLine(category=CostCategory.OTHER, text=t("Ny post"), amount=Decimal(0))

    def duplicate(self, line: object) -> CostLine:
        assert isinstance(line, CostLine)
        return dataclasses.replace(line, of=list(line.of), spread=dict(line.spread), row_id=None)

