"""Repairs the app offers (issue 14 point 4), computed here and applied by the GUI as one edit each.

- `rescaled_shares`: after a tenant leaves (or a share was typed wrong), every line shared by agreed shares whose
  shares over the scenario's tenants no longer sum to 100 % gets them scaled proportionally so they do; the last
  tenant's share takes the rounding so the sum is exactly 100. Lines whose shares sum to 0 are left alone (there
  is nothing to scale).
- `balance_line`: which financing line "Udlign finansieringen" uses where the user chose none — the first loan,
  else the first own money the rent repays, else the first own money. The amount is
  `planners.figures.balance.balancing_amount`.

May import what `planners.figures` may (the model); never the store or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planners.model import Allocation, AllocationKey, FinancingSource, Scenario
from planners.model.money import CONTEXT

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ShareFix:
    """One shared line's new agreed shares. `kind` is the line kind ("room", "equipment", "service")."""

    kind: str
    index: int  # position in its list
    row_id: int | None
    name: str  # the line's own text, for the message saying which splits changed
    before: Decimal  # Σ of the shares before
    shared: Allocation


def _rescaled(shared: Allocation, tenant_ids: list[str]) -> tuple[Decimal, Allocation] | None:
    if shared.key is not AllocationKey.CUSTOM:
        return None
    present = [tid for tid in tenant_ids if tid in shared.shares]
    total = sum((shared.shares[tid] for tid in present), Decimal(0))
    if total == HUNDRED or total <= 0:
        return None
    shares: dict[str, Decimal] = {}
    for tid in present[:-1]:
        # Two decimals of a percent are what a person types and reads; the last share takes the remainder.
        shares[tid] = CONTEXT.divide(shared.shares[tid] * HUNDRED, total).quantize(Decimal("0.01"))
    shares[present[-1]] = HUNDRED - sum(shares.values(), Decimal(0))
    return total, Allocation(AllocationKey.CUSTOM, shares)


def rescaled_shares(scenario: Scenario) -> list[ShareFix]:
    """Every line shared by agreed shares not summing to 100 % over the tenants, with shares that do."""
    tenant_ids = [t.id for t in scenario.tenants]
    fixes = []
    lines: list[tuple[str, int, object, str]] = []
    lines += [("room", i, r, r.label or str(r.type)) for i, r in enumerate(scenario.rooms)]
    lines += [("equipment", i, e, e.name or e.item) for i, e in enumerate(scenario.equipment)]
    lines += [("service", i, s, s.name) for i, s in enumerate(scenario.running.services)]
    for kind, i, line, name in lines:
        shared = getattr(line, "shared", None)
        if shared is None:
            continue
        result = _rescaled(shared, tenant_ids)
        if result is not None:
            fixes.append(ShareFix(kind, i, getattr(line, "row_id", None), name, result[0], result[1]))
    return fixes


def balance_line(scenario: Scenario) -> int | None:
    """The financing line "Udlign finansieringen" uses by default (None where there is none to use)."""
    financing = scenario.financing
    for test in (lambda f: f.source is FinancingSource.LOAN,
                 lambda f: f.source.is_own and f.repaid_by_rent,
                 lambda f: f.source.is_own):  # fmt: skip
        index = next((i for i, f in enumerate(financing) if test(f)), None)
        if index is not None:
            return index
    return None
