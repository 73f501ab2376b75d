"""How the charts and the report show things: one colour and one name per tenant, category and source.

Pure Python (no matplotlib), so the GUI can colour a table row like its chart without loading matplotlib.
The colours are colour-blind-safe: tenants take Paul Tol's "muted" scheme (nine colours) plus Okabe-Ito's
orange as a tenth; cost categories take the Okabe-Ito scheme; financing sources Tol's "bright" scheme;
the parts of a tenant's annual cost Tol's "high contrast" scheme. Grey is kept for what belongs to no
tenant ("Øvrige", vacant area, the owner's vacancy cost).

A tenant's colour depends only on the scenario's tenants, never on the chart, so it agrees across charts: the
first ten tenants in the plan's order keep their own colour; beyond ten, the largest ten (by allocated gross
area, then annual total, then plan order) keep theirs and the rest are grouped as "Øvrige" (issue 6).
"""

from __future__ import annotations

from dataclasses import dataclass

from planners.model import CostCategory, FinancingSource, Level
from planners.model.results import ScenarioFigures, TenantFigures

# Paul Tol, "muted" (personal.sron.nl/~pault): rose, indigo, sand, green, cyan, wine, teal, olive, purple;
# the tenth is Okabe-Ito's orange, which none of the nine resembles for the common colour-vision deficiencies.
TENANT_COLOURS: tuple[str, ...] = (
    "#CC6677",
    "#332288",
    "#DDCC77",
    "#117733",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#E69F00",
)
MAX_TENANTS = len(TENANT_COLOURS)
OTHERS_COLOUR = "#BBBBBB"  # "Øvrige": the tenants grouped beyond ten
VACANT_COLOUR = "#DDDDDD"  # vacant area and the owner's vacancy cost
TEXT_COLOUR = "#222222"

# Okabe & Ito (2008), "Color Universal Design": one colour per cost category, grey for "other".
CATEGORY_COLOURS: dict[CostCategory, str] = {
    CostCategory.ACQUISITION: "#000000",
    CostCategory.CONSTRUCTION: "#0072B2",
    CostCategory.CONSULTANCY: "#E69F00",
    CostCategory.FURNITURE: "#CC79A7",
    CostCategory.EQUIPMENT: "#009E73",
    CostCategory.IT: "#56B4E9",
    CostCategory.CONTINGENCY: "#D55E00",
    CostCategory.OTHER: "#999999",
}

# Paul Tol, "bright".
SOURCE_COLOURS: dict[FinancingSource, str] = {
    FinancingSource.GRANT: "#228833",
    FinancingSource.OWN_MUNICIPALITY: "#4477AA",
    FinancingSource.OWN_REGION: "#66CCEE",
    FinancingSource.OWN_PRACTICE: "#CCBB44",
    FinancingSource.LOAN: "#EE6677",
    FinancingSource.OTHER_GRANT: "#AA3377",
}

# Paul Tol, "high contrast": the three parts of a tenant's annual cost.
PART_COLOURS: dict[str, str] = {"space": "#004488", "equipment": "#DDAA33", "services": "#BB5566"}
# Rent per m² with and without the grant.
RENT_COLOURS: dict[str, str] = {"with_grant": "#228833", "without_grant": "#EE6677"}

LEVEL_COLOURS: dict[Level, str] = {Level.ERROR: "#BB5566", Level.WARNING: "#DDAA33", Level.NOTE: "#4477AA"}


# --- names ---------------------------------------------------------------------------------------
# The (da, en) tables live in planners.model.names (one place for the GUI too); re-exported for the charts and report.
from planners.model.names import (  # noqa: E402, F401
    APPLICANT_TYPE_NAMES,
    CATEGORY_NAMES,
    LEVEL_NAMES,
    OTHERS_NAME,
    PROJECT_TYPE_NAMES,
    SOURCE_NAMES,
    VACANT_NAME,
    name,
    pick,
)

# --- tenants -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TenantGroups:
    """Which tenants a chart shows on their own (with their colour) and which it groups as "Øvrige"."""

    shown: list[TenantFigures]  # in the plan's order
    others: list[TenantFigures]  # in the plan's order; empty for ten tenants or fewer
    colours: dict[str, str]  # tenant id → colour, for every tenant (the grouped ones get OTHERS_COLOUR)

    def colour(self, tenant_id: str) -> str:
        return self.colours.get(tenant_id, OTHERS_COLOUR)


def tenant_groups(figures: ScenarioFigures, limit: int = MAX_TENANTS) -> TenantGroups:
    """Split the tenants into those shown on their own and "Øvrige" (the smallest beyond `limit`)."""
    tenants = list(figures.tenants)
    if len(tenants) <= limit:
        kept_ids = {t.tenant_id for t in tenants}
    else:
        order = {t.tenant_id: i for i, t in enumerate(tenants)}
        ranked = sorted(tenants, key=lambda t: (-t.allocated_gross_m2, -t.total, order[t.tenant_id]))
        kept_ids = {t.tenant_id for t in ranked[:limit]}
    shown = [t for t in tenants if t.tenant_id in kept_ids]
    others = [t for t in tenants if t.tenant_id not in kept_ids]
    colours = {t.tenant_id: TENANT_COLOURS[i % len(TENANT_COLOURS)] for i, t in enumerate(shown)}
    colours.update({t.tenant_id: OTHERS_COLOUR for t in others})
    return TenantGroups(shown=shown, others=others, colours=colours)
