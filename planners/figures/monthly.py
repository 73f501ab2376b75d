"""What each tenant pays a month: the engine's annual tenant figures divided by 12, exact to 28 digits and
rounded only for display. One computation for the guide's last page, the one-page handout (issue 15.7), the
offer letter and the report (each component of the rent a month, and the rent charged in a year a month)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planners.model.money import CONTEXT
from planners.model.results import ScenarioFigures, TenantFigures
from planners.model.yearly import TenantYear

_TWELVE = Decimal(12)


def a_month(annual: Decimal) -> Decimal:
    """A year's amount a month (÷ 12, exact to 28 digits)."""
    return CONTEXT.divide(annual, _TWELVE)


@dataclass(frozen=True)
class ComponentMonths:
    """One tenant's rent a month by component: premises, its share of equipment and of shared services, and the
    total (the engine's own per-month figure)."""

    space: Decimal
    equipment: Decimal
    services: Decimal
    total: Decimal


def component_months(tf: TenantFigures) -> ComponentMonths:
    return ComponentMonths(a_month(tf.space_rent), a_month(tf.equipment_share), a_month(tf.services_share),
                           tf.per_month)


def charged_month(ty: TenantYear) -> Decimal:
    """The rent charged in one operating year (premises, equipment and services), a month."""
    return a_month(ty.charged)


@dataclass(frozen=True)
class MonthlyRow:
    """What one tenant pays a month (rent, equipment, shared services), per clinician, today and the change."""

    tenant_id: str
    name: str
    per_month: Decimal
    per_clinician_month: Decimal | None  # None without clinicians
    today_month: Decimal | None  # None without today's rent
    change_month: Decimal | None


def monthly_rows(figures: ScenarioFigures) -> list[MonthlyRow]:
    """The engine's tenant figures a month: its own per-month total, the annual per-clinician figure and today's
    rent and change divided by 12 (exact to 28 digits; rounded only for display)."""
    def month(x: Decimal | None) -> Decimal | None:
        return a_month(x) if x is not None else None

    return [MonthlyRow(tf.tenant_id, tf.name, tf.per_month, month(tf.per_clinician), month(tf.current_annual_rent),
                       month(tf.change)) for tf in figures.tenants]  # fmt: skip
