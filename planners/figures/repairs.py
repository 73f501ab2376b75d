"""Repairs the app offers (issue 14 point 4), computed here and applied by the GUI as one edit each.

- `rescaled_shares`: after a tenant leaves (or a share was typed wrong), every line shared by agreed shares whose
  shares over the scenario's tenants no longer sum to 100 % gets them scaled proportionally so they do; the last
  tenant's share takes the rounding so the sum is exactly 100. Lines whose shares sum to 0 are left alone (there
  is nothing to scale).
- `include_new_tenant`: a tenant just added takes part in no agreed shares; offered to every line whose agreed
  shares sum to 100 %: the new tenant gets an equal part (100 % / the number of tenants then in the split) and the
  others keep their proportions in the rest.
- `fitted_spreads`: "Ret fordelingen på år" for every cost line at once: years at 0 % are dropped, a share on a
  year before (after) the project's years moves to its first (last) year, and shares not summing to 100 % are
  scaled so they do (two decimals, the last year takes the rounding); a spread with nothing left is emptied
  (an empty spread is spread evenly over the project's years).
- `free_tenant_id`: the id a new tenant gets, made from its name (the id is the file's key, never shown).
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
    # A room without a label is named by the caller from its type (the plan's catalog); never by the type's code.
    lines += [("room", i, r, r.label) for i, r in enumerate(scenario.rooms)]
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


def _shared_lines(scenario: Scenario) -> list[tuple[str, int, object, str]]:
    lines: list[tuple[str, int, object, str]] = []
    lines += [("room", i, r, r.label) for i, r in enumerate(scenario.rooms)]
    lines += [("equipment", i, e, e.name or e.item) for i, e in enumerate(scenario.equipment)]
    lines += [("service", i, s, s.name) for i, s in enumerate(scenario.running.services)]
    return lines


def include_new_tenant(scenario: Scenario, tenant_id: str) -> list[ShareFix]:
    """Every line with agreed shares summing to exactly 100 % over the other tenants, with `tenant_id` added:
    it gets 100 / (n + 1) % (n: the tenants with a share above 0), the others are scaled by n / (n + 1), two
    decimals each, the new tenant taking the rounding so the sum stays exactly 100. `before` is the new tenant's
    share before (0). Lines the new tenant already has a share in, or whose shares do not sum to 100, are left."""
    others = [t.id for t in scenario.tenants if t.id != tenant_id]
    fixes = []
    for kind, i, line, name in _shared_lines(scenario):
        shared = getattr(line, "shared", None)
        if shared is None or shared.key is not AllocationKey.CUSTOM or shared.shares.get(tenant_id, 0) > 0:
            continue
        present = [tid for tid in others if shared.shares.get(tid, 0) > 0]
        if not present or sum((shared.shares[tid] for tid in present), Decimal(0)) != HUNDRED:
            continue
        n = len(present)
        shares = {tid: CONTEXT.divide(shared.shares[tid] * n, Decimal(n + 1)).quantize(Decimal("0.01"))
                  for tid in present}  # fmt: skip
        shares[tenant_id] = HUNDRED - sum(shares.values(), Decimal(0))
        fixes.append(ShareFix(kind, i, getattr(line, "row_id", None), name, Decimal(0),
                              Allocation(AllocationKey.CUSTOM, shares)))
    return fixes


@dataclass(frozen=True)
class SpreadFix:
    """One cost line's new spread over the years."""

    index: int  # position in the scenario's cost lines
    row_id: int | None
    spread: dict[int, Decimal]


def fitted_spread(spread: dict[int, Decimal], years: list[int]) -> dict[int, Decimal]:
    """`spread` on the project's `years` (sorted, not empty), summing to exactly 100 % (see the module's text)."""
    moved: dict[int, Decimal] = {}
    for year, share in sorted(spread.items()):
        if share <= 0:
            continue
        target = year if year in years else (years[0] if year < years[0] else years[-1]
                                              if year > years[-1] else max(y for y in years if y < year))
        moved[target] = moved.get(target, Decimal(0)) + share
    total = sum(moved.values(), Decimal(0))
    if total <= 0:
        return {}
    if total == HUNDRED:
        return moved
    ordered = sorted(moved)
    out = {y: CONTEXT.divide(moved[y] * HUNDRED, total).quantize(Decimal("0.01")) for y in ordered[:-1]}
    out[ordered[-1]] = HUNDRED - sum(out.values(), Decimal(0))
    return out


def fitted_spreads(scenario: Scenario, years: list[int]) -> list[SpreadFix]:
    """Every cost line whose spread uses a year outside `years` or does not sum to 100 %, with one that fits.
    Only the years with a share above 0 count, as in the checks. [] without project years."""
    chosen = sorted(years)
    if not chosen:
        return []
    fixes = []
    for i, line in enumerate(scenario.costs):
        if not line.spread:
            continue
        used = [y for y, share in line.spread.items() if share > 0]
        total = sum(line.spread.values(), Decimal(0))
        if total == HUNDRED and all(y in chosen for y in used):
            continue
        fixes.append(SpreadFix(i, line.row_id, fitted_spread(line.spread, chosen)))
    return fixes


def free_tenant_id(name: str, used: set[str]) -> str:
    """A tenant id not in `used`, made from `name` ("Fysioterapi Nord" → "fysioterapi_nord", then "…_2")."""
    base = "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")
    base = "_".join(part for part in base.split("_") if part) or "lejer"
    if base not in used:
        return base
    n = 2
    while f"{base}_{n}" in used:
        n += 1
    return f"{base}_{n}"


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
