"""The room programme of the selected scenario as a table."""

from __future__ import annotations

from decimal import Decimal

from desktop.i18n import room_type_name, t
from desktop.models.base import Column, LineTableModel
from desktop.models.placement import (
    placement_choices,
    placement_text,
    placement_value,
    placement_values,
    shares_text,
)
from desktop.numbers import show_decimal, show_m2
from planners.model import RoomLine, RoomType


class RoomsModel(LineTableModel):
    kind = "room"

    def make_columns(self) -> list[Column]:
        cats = lambda: self.session.plan.catalogs  # noqa: E731
        sc = lambda: self.session.scenario  # noqa: E731
        return [
            Column(t("Rumtype"), lambda x, _r: room_type_name(cats(), x.type), "type", "choice", t("ændr rumtype"),
                   choices=lambda: [(k, room_type_name(cats(), k)) for k in RoomType]),
            Column(t("Betegnelse"), lambda x, _r: x.label, "label", undo_text=t("ændr betegnelse")),
            Column(t("Antal"), lambda x, _r: str(x.count), "count", "int", t("ændr antal rum"), number=True),
            Column(t("Netto m² pr. rum"), lambda x, _r: show_decimal(x.net_m2), "net_m2", "decimal",
                   t("ændr areal"), number=True),
            Column(t("Netto m² i alt"), lambda x, _r: show_m2(x.net_total), number=True, row_only=True),
            Column(t("Bruges af"), lambda x, _r: placement_text(sc(), x), "tenant", "placement", t("ændr hvem der bruger rummet"),
                   edit_value=placement_value, to_values=lambda x, v: placement_values(x, v, True),
                   choices=lambda: placement_choices(sc(), vacant=True)),
            Column(t("Egne andele (%)"), lambda x, _r: shares_text(sc(), x.shared), "shared", "shares",
                   t("ændr andele"), tooltip=t("Dobbeltklik for at fordele et fælles rum med egne andele")),
        ]  # fmt: skip

    def new_line(self) -> RoomLine:
        info = self.session.plan.catalogs.room_types.get(RoomType.OFFICE)
        return RoomLine(type=RoomType.OFFICE, net_m2=info.default_net_m2 if info else Decimal(12), vacant=True)

