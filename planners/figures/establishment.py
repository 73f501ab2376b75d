"""The establishment budget (DESIGN §4 "Establishment" and its edge rules), in exact rationals.

- A cost line's amount: a fixed `amount`; `per_m2` × `m2` (default: the scenario's gross area, vacant included);
  or `percent` × the sum of the categories named in `of` (each named category counted once).
- Category `equipment` = Σ quantity × unit price of the equipment lines bought in the project, plus the cost lines
  of category `equipment` that have a basis (e.g. installation). Its eligibility and spread come from the FIRST
  cost line of category `equipment` without a basis (the "carrier"); in the figures that line's amount is the
  equipment bought in the project, so Σ of the cost lines' amounts is the establishment total. A further
  basis-free `equipment` line is ignored (0 kr.). Without a carrier the equipment bought in the project is
  eligible and spread evenly over the plan's years (and appears in no cost line).
- Percent lines may name categories that hold other percent lines: they are computed in dependency order. A line
  never counts itself (naming its own category takes the OTHER lines of that category). Lines in a cycle count
  0 kr. **Chosen**: a line that depends on a cycle without being in it is computed normally, counting the cycle's
  lines as 0 kr. (what the annex shows for them too).
- A cost line of another category without a basis (invalid input) counts 0 kr.
- Spread: none (or `{}`) = evenly over the plan's years; a spread is applied as given, never rescaled (a spread
  not summing to 100 or naming a year outside the plan is a finding of the checks, and such a year is kept).

Speed (issue 19.3): every amount here is a decimal input times decimals, except the area and equipment passed
in (rationals whose denominator D is known) and an even spread (÷ the number of years Y). So every figure is
kept as an exact `Decimal` times the fixed scale S = D·Y (`Establishment.scale`): scaled integers, added and
multiplied with every digit kept (`space.EXACT`, which traps any rounding), never a Fraction per line. The
engine divides by S once per figure when it rounds (`rent.rounded_ratio`); `Establishment.total` is exact.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, localcontext

from planners.figures.space import EXACT
from planners.model import CostCategory, CostLine
from planners.model.prebuilt import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:  # a type only: `fractions` is imported where a Fraction is made (issue 19.3, s20-frac)
    from fractions import Fraction

_CATEGORIES = tuple(CostCategory)  # iterating an enum is slow: once, here
_PERCENT = Decimal("0.01")  # × 0.01 rather than ÷ 100: a multiplication, exact in EXACT


@dataclass
class LineAmount:
    """One cost line's amount and its amounts by year, each × `Establishment.scale` (exact Decimals)."""

    index: int
    category: CostCategory
    amount: Decimal
    eligible: bool
    by_year: dict[int, Decimal]
    in_cycle: bool = False
    ignored: bool = False


@dataclass
class Establishment:
    """The establishment budget. Every amount is the exact figure × `scale` (a whole number), as a Decimal."""

    scale: int
    lines: list[LineAmount]
    equipment_in_project: Decimal
    equipment_eligible: bool
    equipment_by_year: dict[int, Decimal]
    by_category: dict[CostCategory, Decimal]
    eligible_by_category: dict[CostCategory, Decimal]
    by_year: dict[int, Decimal]  # every plan year (zero included) and every year a spread names, sorted
    by_category_year: dict[CostCategory, dict[int, Decimal]]  # every category × every year of by_year
    scaled_total: Decimal
    scaled_eligible_total: Decimal
    cycle_lines: list[int] = field(default_factory=list)
    ignored_equipment_lines: list[int] = field(default_factory=list)

    @property
    def total(self) -> Fraction:
        """The establishment total, exact."""
        from fractions import Fraction

        return Fraction(self.scaled_total) / self.scale

    @property
    def eligible_total(self) -> Fraction:
        from fractions import Fraction

        return Fraction(self.scaled_eligible_total) / self.scale


def spread_amount(amount: Decimal, spread: Mapping[int, Decimal], years: list[int]) -> dict[int, Decimal]:
    """The amount by year, × the number of plan years (so an even share stays exact): as the spread gives it
    (not rescaled), or evenly over `years` without a spread. Call inside `localcontext(EXACT)`."""
    if spread:
        # amount × pct × 0.01 × Y, the factors without pct multiplied once: exact, so in any order the same
        # digits and exponent
        scaled = amount * _PERCENT * (len(years) or 1)
        return {int(y): scaled * pct for y, pct in spread.items()}
    if not years:
        return {}
    return dict.fromkeys(years, amount)


def _strongly_connected(n: int, edges: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm, iterative. Components come out dependencies first (reverse topological order)."""
    index_of = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index_of[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index_of[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            recurse = False
            for j in range(i, len(edges[v])):
                w = edges[v][j]
                if index_of[w] == -1:
                    work.append((v, j + 1))
                    work.append((w, 0))
                    recurse = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index_of[w])
            if recurse:
                continue
            if low[v] == index_of[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return components


def _scaled(q: Fraction, scale: int) -> Decimal:
    """q × scale as an exact Decimal (scale is a multiple of q's denominator)."""
    return Decimal(q.numerator * (scale // q.denominator))


def compute_establishment(costs: list[CostLine], years: list[int], gross_m2: Fraction,
                          equipment_in_project: Fraction) -> Establishment:
    """The budget from a rational gross area and equipment bought in the project (the yearly figures' and the
    balancing's; the engine's is `compute_establishment_exact`)."""
    from fractions import Fraction

    gross_m2 = Fraction(gross_m2)
    equipment_in_project = Fraction(equipment_in_project)
    years = list(dict.fromkeys(years))
    per_year = len(years) or 1
    # D: every amount × D is a terminating decimal; the figures are kept × D·Y (see the module's docstring).
    denominator = math.lcm(gross_m2.denominator, equipment_in_project.denominator)
    with localcontext(EXACT):
        return _compute(costs, years, _scaled(gross_m2, denominator), _scaled(equipment_in_project, denominator),
                        denominator, per_year)


def compute_establishment_exact(costs: list[CostLine], years: list[int], gross_m2: Decimal,
                                equipment_in_project: Decimal) -> Establishment:
    """`compute_establishment` where the gross area and the equipment bought in the project are exact Decimals
    (as the engine has them): D = 1, no Fraction at all."""
    return finish_establishment(begin_establishment(costs, years, gross_m2, equipment_in_project))


class Amounts:
    """The first part of the budget (`begin_establishment`): every cost line's amount and the totals by category,
    without the amounts by year (`finish_establishment`). The engine's figures panel needs only these (issue 19.2)."""

    __slots__ = ("costs", "years", "equipment_d", "denominator", "per_year", "amounts", "in_cycle", "ignored",
                 "carrier", "by_category", "eligible_by_category")  # fmt: skip
    costs: list[CostLine]
    years: list[int]
    equipment_d: Decimal
    denominator: int
    per_year: int
    amounts: list[Decimal]  # each line's amount × D (the carrier's: the equipment bought in the project)
    in_cycle: list[bool]
    ignored: list[bool]
    carrier: int | None
    by_category: dict[CostCategory, Decimal]  # × D·Y, as `Establishment.by_category`
    eligible_by_category: dict[CostCategory, Decimal]

    @property
    def scale(self) -> int:
        return self.denominator * self.per_year


def begin_establishment(costs: list[CostLine], years: list[int], gross_m2: Decimal,
                        equipment_in_project: Decimal) -> Amounts:
    """`compute_establishment_exact`'s first part: the lines' amounts and the totals by category (see `Amounts`)."""
    years = list(dict.fromkeys(years))
    with localcontext(EXACT):
        return _amounts(costs, years, gross_m2, equipment_in_project, 1, len(years) or 1)


def finish_establishment(a: Amounts) -> Establishment:
    """The budget `begin_establishment` began: the lines' amounts by year, and by category and year."""
    with localcontext(EXACT):
        return _spread(a)


def _compute(costs: list[CostLine], years: list[int], gross_d: Decimal, equipment_d: Decimal, denominator: int,
             per_year: int) -> Establishment:
    """The budget with every amount × `denominator` (lines) and then × `per_year` (the figures)."""
    return _spread(_amounts(costs, years, gross_d, equipment_d, denominator, per_year))


def _amounts(costs: list[CostLine], years: list[int], gross_d: Decimal, equipment_d: Decimal, denominator: int,
             per_year: int) -> Amounts:
    """Every line's amount × `denominator`, and the totals by category × `denominator` × `per_year`."""
    zero = Decimal(0)
    n = len(costs)
    amounts: list[Decimal] = [zero] * n  # × D
    in_cycle = [False] * n
    ignored = [False] * n
    carrier: int | None = None
    percent_lines: list[int] = []
    # Σ of the lines whose amount does not depend on other lines, per category (equipment: the items too).
    base: dict[CostCategory, Decimal] = dict.fromkeys(_CATEGORIES, zero)
    base[CostCategory.EQUIPMENT] = equipment_d
    for i, line in enumerate(costs):
        if line.amount is not None:
            amounts[i] = line.amount * denominator
        elif line.per_m2 is not None:
            m2 = line.m2 * denominator if line.m2 is not None else gross_d
            amounts[i] = line.per_m2 * m2
        elif line.percent is not None:
            percent_lines.append(i)
            continue
        elif line.category == CostCategory.EQUIPMENT:
            if carrier is None:
                carrier = i
            else:
                ignored[i] = True
            continue  # the carrier's amount is the equipment itself, already in base
        base[line.category] += amounts[i]

    # Percent lines in dependency order: line → the percent lines of the categories it names. The graph goes
    # through one node per category (line → category → its percent lines), so it has as many edges as the
    # lines name categories, not lines × lines; a line naming its own category points straight at the OTHER
    # lines of it (through the category node it would depend on itself). A path through a category node is a
    # path between lines, so lines share a cycle exactly where a component holds more than one line.
    p = len(percent_lines)
    categories = _CATEGORIES
    cat_node = {c: p + j for j, c in enumerate(categories)}
    by_category: dict[CostCategory, list[int]] = {}
    for k, i in enumerate(percent_lines):
        by_category.setdefault(costs[i].category, []).append(k)
    named = [list(dict.fromkeys(costs[i].of)) for i in percent_lines]  # each named category counted once
    edges: list[list[int]] = []
    for k, i in enumerate(percent_lines):
        own = costs[i].category
        out = [cat_node[c] for c in named[k] if c != own]
        if own in named[k]:
            out += [m for m in by_category.get(own, ()) if m != k]
        edges.append(out)
    edges += [by_category.get(c, []) for c in categories]
    # Σ of the percent lines computed so far, per category (a line in a cycle stays 0 kr.).
    computed = dict.fromkeys(_CATEGORIES, zero)
    for component in _strongly_connected(len(edges), edges):
        lines_in = [k for k in component if k < p]
        if len(lines_in) > 1:
            for k in lines_in:
                in_cycle[percent_lines[k]] = True  # counts 0 kr.
            continue
        if not lines_in:
            continue  # a category node
        k = lines_in[0]
        i = percent_lines[k]
        # Every other percent line of a named category is a dependency: computed already, or 0 in a cycle; this
        # line is not computed yet, so `computed` holds exactly the others.
        total = zero
        for c in named[k]:
            total += base[c] + computed[c]
        amounts[i] = costs[i].percent * total * _PERCENT  # type: ignore[operator]
        computed[costs[i].category] += amounts[i]
    if carrier is not None:
        amounts[carrier] = equipment_d

    # Every contribution to the budget: the lines, and the equipment itself where no line carries it (eligible).
    totals = dict.fromkeys(_CATEGORIES, zero)
    eligible = dict.fromkeys(_CATEGORIES, zero)
    for i, line in enumerate(costs):
        amount = amounts[i] * per_year
        totals[line.category] += amount
        if line.eligible:
            eligible[line.category] += amount
    if carrier is None:
        totals[CostCategory.EQUIPMENT] += equipment_d * per_year
        eligible[CostCategory.EQUIPMENT] += equipment_d * per_year
    a = Amounts()
    a.costs, a.years, a.equipment_d, a.denominator, a.per_year = costs, years, equipment_d, denominator, per_year
    a.amounts, a.in_cycle, a.ignored, a.carrier = amounts, in_cycle, ignored, carrier
    a.by_category, a.eligible_by_category = totals, eligible
    return a


def _spread(a: Amounts) -> Establishment:
    """The budget of `a`'s amounts, with the amounts by year (inside `localcontext(EXACT)`)."""
    zero = Decimal(0)
    costs, years, equipment_d, per_year, amounts, carrier = a.costs, a.years, a.equipment_d, a.per_year, a.amounts, \
        a.carrier
    equipment_eligible = True
    equipment_by_year: dict[int, Decimal]
    lines: list[LineAmount] = []
    for i, line in enumerate(costs):
        if i == carrier:
            equipment_eligible = line.eligible
        by_year = spread_amount(amounts[i], line.spread, years)
        lines.append(LineAmount(i, line.category, amounts[i] * per_year, line.eligible, by_year, a.in_cycle[i],
                                a.ignored[i]))
    # Every contribution to the budget: the lines, and the equipment itself where no line carries it.
    contributions = list(lines)
    if carrier is None:
        equipment_by_year = spread_amount(equipment_d, {}, years)
        contributions.append(LineAmount(-1, CostCategory.EQUIPMENT, equipment_d * per_year, True,
                                        equipment_by_year))
    else:
        equipment_by_year = lines[carrier].by_year

    all_years = set(years)
    for part in contributions:
        all_years.update(part.by_year)
    year_list = sorted(all_years)
    cat_year = {cat: dict.fromkeys(year_list, zero) for cat in _CATEGORIES}
    for part in contributions:
        row = cat_year[part.category]
        for y, v in part.by_year.items():
            row[y] += v
    by_year = {y: sum((cat_year[cat][y] for cat in _CATEGORIES), zero) for y in year_list}
    totals, eligible = a.by_category, a.eligible_by_category
    n = len(costs)
    return Establishment(
        scale=a.scale,
        lines=lines,
        equipment_in_project=equipment_d * per_year,
        equipment_eligible=equipment_eligible,
        equipment_by_year=equipment_by_year,
        by_category=totals,
        eligible_by_category=eligible,
        by_year=by_year,
        by_category_year=cat_year,
        scaled_total=sum(totals.values(), zero),
        scaled_eligible_total=sum(eligible.values(), zero),
        cycle_lines=[i for i in range(n) if a.in_cycle[i]],
        ignored_equipment_lines=[i for i in range(n) if a.ignored[i]],
    )
