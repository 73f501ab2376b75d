"""The shared services a year (reception, IT, …) of the selected scenario as a table."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from desktop.i18n import t
from desktop.models.base import Column, LineTableModel
from desktop.models.placement import (
    placement_choices,
    placement_text,
    placement_value,
    placement_values,
    shares_text,
)
from desktop.numbers import show_kr
from planners.model import Allocation, Service


def _service_values(line: Service, value: object) -> dict[str, object]:
    values = placement_values(line, value, False)
    return {"shared": values["shared"] or Allocation()}


class ServicesModel(LineTableModel):
    kind = "service"

    def make_columns(self) -> list[Column]:
        sc = lambda: self.session.scenario  # noqa: E731
        return [
            Column(t("Fælles ydelse"), lambda x, _r: x.name, "name", undo_text=t("ændr navn")),
            Column(t("Udgift (kr./år)"), lambda x, _r: show_kr(x.annual), "annual", "decimal", t("ændr udgift"),
                   number=True),
            Column(t("Fordeles"), lambda x, _r: placement_text(sc(), x), "shared", "placement",
                   t("ændr fordeling"), edit_value=placement_value, to_values=_service_values,
                   choices=lambda: placement_choices(sc(), vacant=False, tenants=False)),
            Column(t("Egne andele (%)"), lambda x, _r: shares_text(sc(), x.shared), "shared", "shares",
                   t("ændr andele")),
        ]  # fmt: skip

    def new_line(self) -> Service:
        return Service(name=t("Ny fælles ydelse"), annual=Decimal(0), shared=Allocation())

    def duplicate(self, line: object) -> Service:
        assert isinstance(line, Service)
        return dataclasses.replace(line, row_id=None)

