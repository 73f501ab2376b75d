"""The equipment of the selected scenario as a table."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from desktop.i18n import equipment_name, t
from desktop.models.base import Column, LineTableModel
from desktop.models.placement import (
    placement_choices,
    placement_text,
    placement_value,
    placement_values,
    shares_text,
)
from desktop.numbers import show_decimal, show_kr
from planners.model import Allocation, EquipmentLine


class EquipmentModel(LineTableModel):
    kind = "equipment"

    def make_columns(self) -> list[Column]:
        cats = lambda: self.session.plan.catalogs  # noqa: E731
        sc = lambda: self.session.scenario  # noqa: E731

        def item_values(line: EquipmentLine, code: object) -> dict[str, object]:
            # Picking a catalog item fills in its price, lifetime and service (the user may change them after).
            info = cats().equipment.get(str(code))
            if info is None:
                return {"item": code}
            return {"item": code, "name": info.name_da, "unit_price": info.unit_price,
                    "lifetime_years": info.lifetime_years, "annual_service": info.annual_service}

        def annual(_x: EquipmentLine, row: int) -> str:
            lines = self.session.figures.equipment_lines
            return show_kr(lines[row].annual_cost) if row < len(lines) else ""

        return [
            Column(t("Udstyr"), lambda x, _r: equipment_name(cats(), x.item), "item", "choice", t("ændr udstyr"),
                   to_values=item_values,
                   choices=lambda: [(k, v.name_da) for k, v in cats().equipment.items()]
                   + [("other", equipment_name(cats(), "other"))]),
            Column(t("Navn"), lambda x, _r: x.name, "name", undo_text=t("ændr navn")),
            Column(t("Antal"), lambda x, _r: str(x.quantity), "quantity", "int", t("ændr antal"), number=True),
            Column(t("Stykpris (kr.)"), lambda x, _r: show_kr(x.unit_price), "unit_price", "decimal",
                   t("ændr stykpris"), number=True),
            Column(t("Levetid (år)"), lambda x, _r: show_decimal(x.lifetime_years), "lifetime_years", "decimal",
                   t("ændr levetid"), number=True),
            Column(t("Service pr. stk. (kr./år)"), lambda x, _r: show_kr(x.annual_service), "annual_service",
                   "decimal", t("ændr service"), number=True),
            Column(t("Købes i projektet"), lambda x, _r: "", "in_project", "bool", t("ændr køb i projektet"),
                   tooltip=t("Afkrydset: købes for anlægsbudgettet. Ellers køber lejerne selv (afskrives i driften)")),
            Column(t("Bruges af"), lambda x, _r: placement_text(sc(), x), "tenant", "placement", t("ændr hvem der bruger udstyret"),
                   edit_value=placement_value, to_values=lambda x, v: placement_values(x, v, False),
                   choices=lambda: placement_choices(sc(), vacant=False)),
            Column(t("Egne andele (%)"), lambda x, _r: shares_text(sc(), x.shared), "shared", "shares",
                   t("ændr andele")),
            Column(t("Årlig udgift (kr.)"), annual, number=True),
        ]  # fmt: skip

    def new_line(self) -> EquipmentLine:
        return EquipmentLine(item="other", name=t("Nyt udstyr"), unit_price=Decimal(0),
                             lifetime_years=Decimal(5), shared=Allocation())  # fmt: skip

    def duplicate(self, line: object) -> EquipmentLine:
        assert isinstance(line, EquipmentLine)
        return dataclasses.replace(line, row_id=None)

