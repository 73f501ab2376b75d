"""Space and the allocation keys (DESIGN §4 "Space" and the key rules of "Edge rules"), in exact rationals.

The keys are computed once per scenario (`Keys`), and shared amounts are summed per key and per custom share
map (`Pot`) before they are split, so the cost grows linearly with the lines, not with lines × tenants.

Speed (issue 19.3): a line's amount (count × net m², kr.) is a terminating decimal, so the loops over the lines
add `Decimal`s in a context that keeps every digit (`EXACT`: coefficient × a power of ten, i.e. scaled
integers, never rounded) and turn each sum into a `Fraction` once. Fractions are needed only where a split
divides (a key's share), which costs per tenant and per key, not per line.

Rules implemented literally:
- *area*, *headcount* and *equal* split over every tenant of the scenario; *area* weighs by dedicated net m²
  (never by allocated area), *headcount* by clinicians + staff; where every weight is zero the split is equal.
- *custom*: the tenants named get their percent, the others 0 %; the part not given to tenants
  (100 − Σ shares, negative where the shares exceed 100) is unallocated: it goes to the owner (vacancy).
  A share naming an id that is not a tenant of the scenario (invalid input) gives nothing to anyone, so its part
  is unallocated as well.
- With no tenants, every shared amount is unallocated (a shared room counts as vacant).
- A dedicated line naming an id that is not a tenant (invalid input; it cannot be stored) is treated as vacant
  (rooms) or unallocated (equipment), so the engine never fails and the invariant still holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact, InvalidOperation, localcontext
from fractions import Fraction

from planners.model import Allocation, AllocationKey, Scenario, Tenant

_ZERO = Fraction(0)
_SIMPLE_KEYS = (AllocationKey.AREA, AllocationKey.HEADCOUNT, AllocationKey.EQUAL)

CustomMap = tuple[tuple[str, Fraction], ...]  # (tenant id, percent) of the tenants the map names, sorted

# Addition and multiplication of finite decimals in this context are exact (every digit kept); `Inexact` is
# trapped all the same, so a rounding could never pass unnoticed.
EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, Inexact])
_DZERO = Decimal(0)


def exact_sum(values: list[Decimal]) -> Fraction:
    """Σ values as an exact rational (the Decimals added with every digit kept)."""
    total = _DZERO
    with localcontext(EXACT):
        for v in values:
            total += v
    return Fraction(total)


@dataclass
class Keys:
    """Every tenant's share under the keys area, headcount and equal, in the tenants' order: as whole weights
    over their whole total (`weights`: share = weight / total), so that a split multiplies integers."""

    ids: list[str]
    index: dict[str, int]
    weights: dict[AllocationKey, tuple[list[int], int]]

    @property
    def shares(self) -> dict[AllocationKey, list[Fraction]]:
        """Each key's shares as fractions (Σ = 1 with tenants)."""
        return {key: [Fraction(w, total) for w in ws] for key, (ws, total) in self.weights.items()}


def _whole_weights(weights: Sequence[Fraction | Decimal]) -> tuple[list[int], int]:
    """Weights (exact) over a common denominator, and their total; every weight 1 where the total is zero (the
    split is then equal: DESIGN §4 edge rules)."""
    ratios = [w.as_integer_ratio() for w in weights]
    common = math.lcm(*(d for _n, d in ratios))
    whole = [n * (common // d) for n, d in ratios]
    total = sum(whole)
    if total == 0:
        return [1] * len(weights), len(weights)
    return whole, total


def compute_keys(tenants: list[Tenant], dedicated_net: list[Fraction]) -> Keys:
    """The shares of each key, computed once. `dedicated_net` is in the tenants' order."""
    ids = [t.id for t in tenants]
    index = {tid: i for i, tid in enumerate(ids)}
    if not tenants:
        return Keys(ids, index, {key: ([], 0) for key in _SIMPLE_KEYS})
    weights = {
        AllocationKey.AREA: _whole_weights(list(dedicated_net)),
        AllocationKey.HEADCOUNT: _whole_weights([EXACT.add(t.clinicians, t.staff) for t in tenants]),
        AllocationKey.EQUAL: ([1] * len(tenants), len(tenants)),
    }
    return Keys(ids, index, weights)


@dataclass
class Pot:
    """Shared amounts of one kind (room net m², equipment kr. a year, services kr. a year), summed per key and
    per custom share map, to be split once.

    `add` takes exact `Decimal`s (added with every digit kept); `by_key` and `custom` give the sums as
    Fractions."""

    index: dict[str, int]  # the tenants' ids → position, to drop ids that are not tenants from custom maps
    _by_key: dict[AllocationKey, Decimal] = field(default_factory=dict)
    # Summed per custom share map as given (its items); merged by value only when split, so a line costs one
    # dict look-up, not a sort.
    _custom: dict[tuple[tuple[str, Decimal], ...], Decimal] = field(default_factory=dict)

    def add(self, allocation: Allocation, amount: Decimal) -> None:
        if allocation.key == AllocationKey.CUSTOM:
            given = tuple(allocation.shares.items())
            self._custom[given] = EXACT.add(self._custom.get(given, _DZERO), amount)
        else:
            self._by_key[allocation.key] = EXACT.add(self._by_key.get(allocation.key, _DZERO), amount)

    @property
    def by_key(self) -> dict[AllocationKey, Fraction]:
        return {k: Fraction(v) for k, v in self._by_key.items()}

    @property
    def custom(self) -> dict[CustomMap, Fraction]:
        out: dict[CustomMap, Fraction] = {}
        for given, amount in self._custom.items():
            # Maps equal in value (50 and 50.0) share one entry; ids that are not tenants are left out, so
            # their part stays unallocated.
            cmap = tuple(sorted((tid, Fraction(pct)) for tid, pct in given if tid in self.index))
            out[cmap] = out.get(cmap, _ZERO) + Fraction(amount)
        return out


def split(pot: Pot, keys: Keys) -> tuple[list[Fraction], Fraction]:
    """Each tenant's part of the pot (tenants' order) and the part no tenant gets (→ the owner).

    Exact: Σ parts + unallocated = Σ amounts put into the pot. Every term (an amount × a weight ÷ its total,
    or × a percent ÷ 100) is put over one common denominator and added as integers; each tenant's part is
    made a Fraction once.
    """
    n = len(keys.ids)
    by_key, custom = pot.by_key, pot.custom
    if n == 0:
        # No tenants: everything shared goes, whole, to the owner (DESIGN §4 edge rules).
        return [_ZERO] * n, sum(by_key.values(), _ZERO) + sum(custom.values(), _ZERO)
    dense: list[tuple[int, int, list[int]]] = []  # (amount's numerator, denominator, weight of every tenant)
    sparse: list[tuple[int, int, list[tuple[int, int]]]] = []  # (…, (tenant's position, weight) named)
    rest: list[tuple[int, int]] = []  # the parts no tenant gets: (numerator, denominator)
    for key, amount in by_key.items():
        if amount:
            weights, total = keys.weights[key]
            dense.append((amount.numerator, amount.denominator * total, weights))
    for cmap, amount in custom.items():
        common = math.lcm(*(pct.denominator for _tid, pct in cmap)) if cmap else 1
        named = [(keys.index[tid], pct.numerator * (common // pct.denominator)) for tid, pct in cmap]
        given = sum(w for _i, w in named)  # Σ percent × common
        sparse.append((amount.numerator, amount.denominator * common * 100, named))
        rest.append((amount.numerator * (100 * common - given), amount.denominator * common * 100))
    denominator = math.lcm(*(d for _n, d, _w in dense), *(d for _n, d, _w in sparse))
    numerators = [0] * n
    for num, den, weights in dense:
        m = num * (denominator // den)
        for i in range(n):
            numerators[i] += m * weights[i]
    for num, den, named in sparse:
        m = num * (denominator // den)
        for i, w in named:
            numerators[i] += m * w
    parts = [Fraction(x, denominator) for x in numerators]
    rest_den = math.lcm(*(d for _n, d in rest)) if rest else 1
    unallocated = Fraction(sum(num * (rest_den // den) for num, den in rest), rest_den)
    return parts, unallocated


@dataclass
class Space:
    """The areas of one scenario (net m², exact). Gross = net × the scenario's gross factor."""

    gross_factor: Fraction
    net: Fraction  # every room line, vacant included
    dedicated: list[Fraction]  # tenants' order
    allocated: list[Fraction]  # dedicated + Σ shared net × share
    vacant: Fraction  # vacant lines + the unallocated part of shared lines (all of them without tenants)

    @property
    def gross(self) -> Fraction:
        return self.net * self.gross_factor


def compute_space(scenario: Scenario) -> tuple[Space, Keys]:
    """The scenario's areas and its keys (the area key needs the dedicated areas first)."""
    index = {t.id: i for i, t in enumerate(scenario.tenants)}
    dedicated_d = [_DZERO] * len(scenario.tenants)
    vacant_d = _DZERO
    net_d = _DZERO
    pot = Pot(index)
    with localcontext(EXACT):  # every digit kept (see the module's docstring)
        for room in scenario.rooms:
            amount = room.net_m2 * room.count
            net_d += amount
            if room.shared is not None:
                pot.add(room.shared, amount)
            elif room.tenant is not None and room.tenant in index:
                dedicated_d[index[room.tenant]] += amount
            else:
                vacant_d += amount  # a vacant line (or one naming no tenant of the scenario)
    dedicated = [Fraction(d) for d in dedicated_d]
    keys = compute_keys(scenario.tenants, dedicated)
    parts, unallocated = split(pot, keys)
    allocated = [d + p for d, p in zip(dedicated, parts, strict=True)]
    space = Space(Fraction(scenario.gross_factor), Fraction(net_d), dedicated, allocated,
                  Fraction(vacant_d) + unallocated)
    return space, keys
