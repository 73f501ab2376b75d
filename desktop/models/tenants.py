"""The tenants of the selected scenario as a table."""

from __future__ import annotations

import dataclasses

from desktop.i18n import SECTORS, t, tenant_kind_name
from desktop.models.base import Column, LineTableModel
from desktop.numbers import show_decimal, show_kr, show_number
from planners.figures.repairs import free_tenant_id
from planners.model import Tenant, TenantKind


class TenantsModel(LineTableModel):
    kind = "tenant"

    def make_columns(self) -> list[Column]:
        cats = lambda: self.session.plan.catalogs  # noqa: E731 (read at display time: the plan is reloaded)

        def sector_text(x: Tenant, _r: int) -> str:
            if x.sector is None:
                info = cats().tenant_kinds.get(x.kind)
                return t("{navn} (standard)").format(navn=t(SECTORS[info.sector])) if info else ""
            return t(SECTORS[x.sector])

        return [
            Column(t("Navn"), lambda x, _r: x.name, "name", undo_text=t("ændr navn")),
            Column(t("Type"), lambda x, _r: tenant_kind_name(cats(), x.kind), "kind", "choice",
                   t("ændr lejertype"),
                   choices=lambda: [(k, tenant_kind_name(cats(), k)) for k in TenantKind]),
            Column(t("Sektor"), sector_text, "sector", "choice", t("ændr sektor"),
                   choices=lambda: [(None, t("Standard for typen"))] + [(k, t(v)) for k, v in SECTORS.items()]),
            Column(t("Behandlere"), lambda x, _r: show_decimal(x.clinicians), "clinicians", "decimal",
                   t("ændr antal behandlere"), number=True, tooltip=t("Læger/behandlere, fuldtidsstillinger")),
            Column(t("Øvrigt personale"), lambda x, _r: show_decimal(x.staff), "staff", "decimal",
                   t("ændr personale"), number=True),
            Column(t("Tilmeldte patienter"), lambda x, _r: show_number(x.listed_patients) if x.listed_patients
                   else "", "listed_patients", "int", t("ændr tilmeldte patienter"), number=True),
            Column(t("Ydernumre"), lambda x, _r: str(x.provider_numbers) if x.provider_numbers else "",
                   "provider_numbers", "int", t("ændr ydernumre"), number=True),
            Column(t("Åbent (timer/uge)"), lambda x, _r: show_decimal(x.weekly_hours), "weekly_hours", "decimal",
                   t("ændr åbningstid"), optional=True, number=True),
            Column(t("Husleje i dag (kr./år)"), lambda x, _r: show_kr(x.current_annual_rent),
                   "current_annual_rent", "decimal", t("ændr nuværende husleje"), optional=True, number=True),
            Column(t("Note"), lambda x, _r: x.note, "note", undo_text=t("ændr note")),
        ]  # fmt: skip
        # No id column: rooms, shares and the annex name a tenant by its name; the id is the file's own key,
        # made from the name when a tenant is added (issue 14.3) and never shown.

    def _free_id(self, base: str) -> str:
        return free_tenant_id(base, {x.id for x in self.lines()})

    def new_line(self) -> Tenant:
        name = t("Ny lejer")
        return Tenant(id=self._free_id(name), name=name, kind=TenantKind.OTHER)

    def duplicate(self, line: object) -> Tenant:
        assert isinstance(line, Tenant)
        name = line.name + t(" (kopi)")
        return dataclasses.replace(line, id=self._free_id(name), name=name, row_id=None)

