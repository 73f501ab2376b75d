"""Space and the allocation keys (DESIGN §4 "Space" and the key rules of "Edge rules"), in exact rationals.

The keys are computed once per scenario (`Keys`), and shared amounts are summed per key and per custom share
map (`Pot`) before they are split, so the cost grows linearly with the lines, not with lines × tenants.

Speed (issue 19.3): a line's amount (count × net m², kr.) is a terminating decimal, so the loops over the lines
add `Decimal`s in a context that keeps every digit (`EXACT`: coefficient × a power of ten, i.e. scaled
integers, never rounded). A split divides (a key's share): its parts are integer numerators over one common
denominator (`Parts`), never a `Fraction` per tenant; the engine rounds each once (`exact.ratio`). The
`Fraction` views (`Space.allocated`, `split`) are made only when asked for (the yearly figures use them).

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
from collections.abc import Callable, Sequence
from decimal import Decimal, localcontext
from functools import cached_property

from planners.figures.exact import EXACT
from planners.model import Allocation, AllocationKey, RoomLine, Scenario, Tenant
from planners.model.prebuilt import dataclass, field

_SIMPLE_KEYS = (AllocationKey.AREA, AllocationKey.HEADCOUNT, AllocationKey.EQUAL)
_CUSTOM = AllocationKey.CUSTOM

_DZERO = Decimal(0)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:  # types only: `fractions` is imported where a Fraction is made (issue 19.3, s20-frac)
    from fractions import Fraction

    CustomMap = tuple[tuple[str, Fraction], ...]  # (tenant id, percent) of the tenants the map names, sorted

__all__ = ["EXACT", "Keys", "Parts", "Pot", "RoomSums", "Space", "compute_keys", "compute_space",
           "exact_sum", "split", "split_parts"]


def exact_sum(values: list[Decimal]) -> Fraction:
    """Σ values as an exact rational (the Decimals added with every digit kept)."""
    from fractions import Fraction

    return Fraction(exact_decimal_sum(values))


def exact_decimal_sum(values: Sequence[Decimal]) -> Decimal:
    """Σ values with every digit kept (an exact Decimal)."""
    total = _DZERO
    with localcontext(EXACT):
        for v in values:
            total += v
    return total


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
        from fractions import Fraction

        return {key: [Fraction(w, total) for w in ws] for key, (ws, total) in self.weights.items()}


def _whole_weights(ratios: Sequence[tuple[int, int]]) -> tuple[list[int], int]:
    """Weights (exact, as integer ratios) over a common denominator, and their total; every weight 1 where the
    total is zero (the split is then equal: DESIGN §4 edge rules)."""
    common = math.lcm(*(d for _n, d in ratios))
    whole = [n * (common // d) for n, d in ratios]
    total = sum(whole)
    if total == 0:
        return [1] * len(ratios), len(ratios)
    return whole, total


def compute_keys(tenants: list[Tenant], dedicated_net: Sequence[tuple[int, int]]) -> Keys:
    """The shares of each key, computed once. `dedicated_net` is in the tenants' order, each area as its integer
    ratio (`as_integer_ratio()`: the caller has them)."""
    ids = [t.id for t in tenants]
    index = {tid: i for i, tid in enumerate(ids)}
    if not tenants:
        return Keys(ids, index, {key: ([], 0) for key in _SIMPLE_KEYS})
    with localcontext(EXACT):
        heads = [(t.clinicians + t.staff).as_integer_ratio() for t in tenants]
    weights = {
        AllocationKey.AREA: _whole_weights(dedicated_net),
        AllocationKey.HEADCOUNT: _whole_weights(heads),
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
    # Summed per custom share map as given (its items): a line costs one dict look-up, not a sort. Maps equal in
    # value need not be merged: their parts are added over one common denominator either way (`split_parts`).
    _custom: dict[tuple[tuple[str, Decimal], ...], Decimal] = field(default_factory=dict)

    def add(self, allocation: Allocation, amount: Decimal) -> None:
        if allocation.key == _CUSTOM:
            given = tuple(allocation.shares.items())
            self._custom[given] = EXACT.add(self._custom.get(given, _DZERO), amount)
        else:
            self._by_key[allocation.key] = EXACT.add(self._by_key.get(allocation.key, _DZERO), amount)

    @property
    def by_key(self) -> dict[AllocationKey, Fraction]:
        from fractions import Fraction

        return {k: Fraction(v) for k, v in self._by_key.items()}

    @property
    def custom(self) -> dict[CustomMap, Fraction]:
        from fractions import Fraction

        out: dict[CustomMap, Fraction] = {}
        for given, amount in self._custom.items():
            # Maps equal in value (50 and 50.0) share one entry; ids that are not tenants are left out, so
            # their part stays unallocated.
            cmap = tuple(sorted((tid, Fraction(pct)) for tid, pct in given if tid in self.index))
            out[cmap] = out.get(cmap, 0) + Fraction(amount)
        return out


@dataclass
class Parts:
    """Each tenant's part of a pot as integer numerators over one denominator (tenants' order, not reduced), and
    the part no tenant gets (→ the owner) as a numerator over its own denominator."""

    numerators: list[int]
    denominator: int
    rest_numerator: int
    rest_denominator: int

    @property
    def fractions(self) -> list[Fraction]:
        from fractions import Fraction

        d = self.denominator
        return [Fraction(x, d) for x in self.numerators]

    @property
    def rest(self) -> Fraction:
        from fractions import Fraction

        return Fraction(self.rest_numerator, self.rest_denominator)


def split_parts(pot: Pot, keys: Keys) -> Parts:
    """Each tenant's part of the pot and the part no tenant gets, as integers (`Parts`).

    Exact: Σ parts + unallocated = Σ amounts put into the pot. Every term (an amount × a weight ÷ its total,
    or × a percent ÷ 100) is put over one common denominator and added as integers.
    """
    n = len(keys.ids)
    index = keys.index
    if n == 0:
        # No tenants: everything shared goes, whole, to the owner (DESIGN §4 edge rules).
        with localcontext(EXACT):
            whole = sum(pot._by_key.values(), _DZERO) + sum(pot._custom.values(), _DZERO)
        rn, rd = whole.as_integer_ratio()
        return Parts([], 1, rn, rd)
    dense: list[tuple[int, int, list[int]]] = []  # (amount's numerator, denominator, weight of every tenant)
    sparse: list[tuple[int, int, list[tuple[int, int]]]] = []  # (…, (tenant's position, weight) named)
    rest: list[tuple[int, int]] = []  # the parts no tenant gets: (numerator, denominator)
    for key, amount in pot._by_key.items():
        if amount:
            weights, total = keys.weights[key]
            num, den = amount.as_integer_ratio()
            dense.append((num, den * total, weights))
    for given, amount in pot._custom.items():
        # Ids that are not tenants are left out, so their part stays unallocated.
        ratios = [(index[tid], pct.as_integer_ratio()) for tid, pct in given if tid in index]
        common = math.lcm(*(d for _i, (_n, d) in ratios)) if ratios else 1
        named = [(i, pn * (common // pd)) for i, (pn, pd) in ratios]
        given_total = sum(w for _i, w in named)  # Σ percent × common
        num, den = amount.as_integer_ratio()
        sparse.append((num, den * common * 100, named))
        rest.append((num * (100 * common - given_total), den * common * 100))
    denominator = math.lcm(*(d for _n, d, _w in dense), *(d for _n, d, _w in sparse))
    numerators = [0] * n
    for num, den, weights in dense:
        m = num * (denominator // den)
        numerators = [x + m * w for x, w in zip(numerators, weights, strict=True)]
    for num, den, named in sparse:
        m = num * (denominator // den)
        for i, w in named:
            numerators[i] += m * w
    rest_den = math.lcm(*(d for _n, d in rest)) if rest else 1
    rest_num = sum(num * (rest_den // den) for num, den in rest)
    return Parts(numerators, denominator, rest_num, rest_den)


def split(pot: Pot, keys: Keys) -> tuple[list[Fraction], Fraction]:
    """Each tenant's part of the pot (tenants' order) and the part no tenant gets (→ the owner), as Fractions."""
    parts = split_parts(pot, keys)
    return parts.fractions, parts.rest


class Space:
    """The areas of one scenario (net m², exact). Gross = net × the scenario's gross factor.

    Kept as the engine needs them: exact Decimals (`net_m2`, `dedicated_m2`, the lines' sums) and the allocated
    areas as integers over one denominator (`allocated_parts`: dedicated + Σ shared net × share). The Fraction
    views (`net`, `dedicated`, `allocated`, `vacant`, `gross`) are made when first asked for."""

    def __init__(self, gross_factor: Decimal, net_m2: Decimal, dedicated_m2: list[Decimal],
                 allocated_parts: Parts, vacant_m2: Decimal) -> None:
        self.gross_factor_d = gross_factor
        self.net_m2 = net_m2
        self.dedicated_m2 = dedicated_m2
        self.allocated_parts = allocated_parts  # rest: the unallocated part of shared lines
        self.vacant_m2 = vacant_m2  # vacant lines (without the unallocated part of shared lines)

    @cached_property
    def gross_factor(self) -> Fraction:
        from fractions import Fraction

        return Fraction(self.gross_factor_d)

    @cached_property
    def net(self) -> Fraction:
        """Every room line, vacant included."""
        from fractions import Fraction

        return Fraction(self.net_m2)

    @cached_property
    def dedicated(self) -> list[Fraction]:
        """Tenants' order."""
        from fractions import Fraction

        return [Fraction(d) for d in self.dedicated_m2]

    @cached_property
    def allocated(self) -> list[Fraction]:
        """Dedicated + Σ shared net × share, tenants' order."""
        return self.allocated_parts.fractions

    @cached_property
    def vacant(self) -> Fraction:
        """Vacant lines + the unallocated part of shared lines (all of them without tenants)."""
        from fractions import Fraction

        return Fraction(self.vacant_m2) + self.allocated_parts.rest

    @property
    def gross(self) -> Fraction:
        return self.net * self.gross_factor


@dataclass
class RoomSums:
    """The room lines of one scenario summed by where each goes (what `compute_space` loops over the lines for),
    kept between edits: a line replaced, added or deleted changes them by that line's difference (`add`,
    `remove`), exactly (EXACT: every digit kept), so an edit of one room costs one line, not every line (issue
    19.2). Valid for the tenants' ids `ids` (their positions index `dedicated`).

    A key or share map stays in `by_key`/`custom` exactly while a line uses it (`_uses`): the same keys a sum
    over the lines has, so that the split's denominators are the same integers."""

    ids: list[str]
    net: Decimal = _DZERO
    dedicated: list[Decimal] = field(default_factory=list)
    vacant: Decimal = _DZERO
    by_key: dict[AllocationKey, Decimal] = field(default_factory=dict)
    custom: dict[tuple[tuple[str, Decimal], ...], Decimal] = field(default_factory=dict)
    _uses: dict[object, int] = field(default_factory=dict)  # key or share map → lines using it
    _index: dict[str, int] = field(default_factory=dict)  # a tenant's id → its position (the last of equal ids)

    @classmethod
    def of(cls, scenario: Scenario) -> RoomSums:
        """The sums over every room line of the scenario."""
        ids = [t.id for t in scenario.tenants]
        index = {tid: i for i, tid in enumerate(ids)}
        sums = cls(ids, dedicated=[_DZERO] * len(ids), _index=index)
        dedicated, by_key, custom, uses = sums.dedicated, sums.by_key, sums.custom, sums._uses
        vacant = _DZERO
        # get(None) is None: a vacant line needs no test of its own (the ids are str, so cast for the type checker)
        index_get: Callable[[str | None], int | None] = index.get  # type: ignore[assignment]
        with localcontext(EXACT):  # every digit kept (see the module's docstring); the operators use it
            for room in scenario.rooms:
                count = room.count
                amount = room.net_m2 if count == 1 else room.net_m2 * count  # × 1 is the same Decimal
                shared = room.shared
                if shared is not None:
                    key = shared.key
                    if key == _CUSTOM:
                        given = tuple(shared.shares.items())
                        custom[given] = custom.get(given, _DZERO) + amount
                        uses[given] = uses.get(given, 0) + 1
                    else:
                        by_key[key] = by_key.get(key, _DZERO) + amount
                        uses[key] = uses.get(key, 0) + 1
                else:
                    i = index_get(room.tenant)  # None for a vacant line (no tenant) and an id that is no tenant
                    if i is not None:
                        dedicated[i] += amount
                    else:
                        vacant += amount  # a vacant line (or one naming no tenant of the scenario)
            # Every line went to exactly one of these sums, so they add up to the net area: exact, in any order the
            # same digits and exponent (the smallest of the terms'), and a room costs one addition, not two.
            sums.net = sum(dedicated, vacant) + sum(by_key.values(), _DZERO) + sum(custom.values(), _DZERO)
        sums.vacant = vacant
        return sums

    def add(self, room: RoomLine) -> None:
        """Count one more room line."""
        self._change(room, 1)

    def remove(self, room: RoomLine) -> None:
        """Count one room line less (one that was added before, unchanged since)."""
        self._change(room, -1)

    def _change(self, room: RoomLine, sign: int) -> None:
        with localcontext(EXACT):
            amount = room.net_m2 * room.count
            if sign < 0:
                amount = -amount
            self.net += amount
            shared = room.shared
            if shared is None:
                i = self._index.get(room.tenant) if room.tenant is not None else None
                if i is not None:
                    self.dedicated[i] += amount
                else:
                    self.vacant += amount
                return
            if shared.key == _CUSTOM:
                given = tuple(shared.shares.items())
                self.custom[given] = self.custom.get(given, _DZERO) + amount
                if not self._count(given, sign):
                    del self.custom[given]  # no line uses it any more: gone, as from a sum over the lines
            else:
                key = shared.key
                self.by_key[key] = self.by_key.get(key, _DZERO) + amount
                if not self._count(key, sign):
                    del self.by_key[key]

    def _count(self, used: object, sign: int) -> int:
        """One line more (sign 1) or less (−1) uses a key or share map; how many use it now."""
        uses = self._uses.get(used, 0) + sign
        if uses:
            self._uses[used] = uses
        else:
            self._uses.pop(used, None)
        return uses


def compute_space(scenario: Scenario, sums: RoomSums | None = None) -> tuple[Space, Keys]:
    """The scenario's areas and its keys (the area key needs the dedicated areas first), from the room lines'
    sums (`sums`: kept between edits, for the scenario's tenants; None: summed here)."""
    tenants = scenario.tenants
    if sums is None:
        sums = RoomSums.of(scenario)
    index = {t.id: i for i, t in enumerate(tenants)}
    pot = Pot(index)
    pot._by_key, pot._custom = dict(sums.by_key), dict(sums.custom)
    dedicated = list(sums.dedicated)
    ratios = [d.as_integer_ratio() for d in dedicated]
    keys = compute_keys(tenants, ratios)
    parts = split_parts(pot, keys)
    # allocated = dedicated + the shared parts, over the parts' denominator (made a multiple of every
    # dedicated area's denominator, a power of ten).
    common = math.lcm(parts.denominator, *(d for _n, d in ratios))
    scale = common // parts.denominator
    allocated = Parts([n * (common // d) + x * scale for (n, d), x in zip(ratios, parts.numerators, strict=True)],
                      common, parts.rest_numerator, parts.rest_denominator)
    return Space(scenario.gross_factor, sums.net, dedicated, allocated, sums.vacant), keys
