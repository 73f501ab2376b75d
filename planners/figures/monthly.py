"""What each tenant pays a month: the engine's annual tenant figures divided by 12, exact to 28 digits and
rounded only for display. One computation for the guide's last page and the one-page handout (issue 15.7)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planners.model.money import CONTEXT
from planners.model.results import ScenarioFigures


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
    twelve = Decimal(12)

    def month(x: Decimal | None) -> Decimal | None:
        return CONTEXT.divide(x, twelve) if x is not None else None

    return [MonthlyRow(tf.tenant_id, tf.name, tf.per_month, month(tf.per_clinician), month(tf.current_annual_rent),
                       month(tf.change)) for tf in figures.tenants]  # fmt: skip
