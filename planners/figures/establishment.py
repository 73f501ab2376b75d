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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from planners.model import CostCategory, CostLine

_ZERO = Fraction(0)
_HUNDRED = Fraction(100)


@dataclass
class LineAmount:
    index: int
    category: CostCategory
    amount: Fraction
    eligible: bool
    by_year: dict[int, Fraction]
    in_cycle: bool = False
    ignored: bool = False


@dataclass
class Establishment:
    lines: list[LineAmount]
    equipment_in_project: Fraction
    equipment_eligible: bool
    equipment_by_year: dict[int, Fraction]
    by_category: dict[CostCategory, Fraction]
    eligible_by_category: dict[CostCategory, Fraction]
    by_year: dict[int, Fraction]  # every plan year (zero included) and every year a spread names, sorted
    by_category_year: dict[CostCategory, dict[int, Fraction]]  # every category × every year of by_year
    total: Fraction
    eligible_total: Fraction
    cycle_lines: list[int] = field(default_factory=list)
    ignored_equipment_lines: list[int] = field(default_factory=list)


def spread_amount(amount: Fraction, spread: Mapping[int, Decimal], years: list[int]) -> dict[int, Fraction]:
    """The amount by year: as the spread gives it (not rescaled), or evenly over `years` without a spread."""
    if spread:
        return {int(y): amount * Fraction(pct) / _HUNDRED for y, pct in spread.items()}
    if not years:
        return {}
    each = amount / len(years)
    return dict.fromkeys(years, each)


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


def compute_establishment(costs: list[CostLine], years: list[int], gross_m2: Fraction,
                          equipment_in_project: Fraction) -> Establishment:
    years = list(dict.fromkeys(years))
    n = len(costs)
    amounts: list[Fraction] = [_ZERO] * n
    in_cycle = [False] * n
    ignored = [False] * n
    carrier: int | None = None
    percent_lines: list[int] = []
    # Σ of the lines whose amount does not depend on other lines, per category (equipment: the items too).
    base: dict[CostCategory, Fraction] = dict.fromkeys(CostCategory, _ZERO)
    base[CostCategory.EQUIPMENT] = equipment_in_project
    for i, line in enumerate(costs):
        if line.amount is not None:
            amounts[i] = Fraction(line.amount)
        elif line.per_m2 is not None:
            m2 = Fraction(line.m2) if line.m2 is not None else gross_m2
            amounts[i] = Fraction(line.per_m2) * m2
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

    # Percent lines in dependency order: line → the percent lines of the categories it names.
    position = {line_index: k for k, line_index in enumerate(percent_lines)}
    by_category: dict[CostCategory, list[int]] = {}
    for i in percent_lines:
        by_category.setdefault(costs[i].category, []).append(i)
    named = [list(dict.fromkeys(costs[i].of)) for i in percent_lines]  # each named category counted once
    edges = [[position[m] for c in cats for m in by_category.get(c, ()) if m != i]
             for i, cats in zip(percent_lines, named, strict=True)]
    for component in _strongly_connected(len(percent_lines), edges):
        if len(component) > 1:
            for k in component:
                in_cycle[percent_lines[k]] = True  # counts 0 kr.
            continue
        k = component[0]
        i = percent_lines[k]
        total = _ZERO
        for c in named[k]:
            total += base[c]
            for m in by_category.get(c, ()):
                if m != i:
                    total += amounts[m]  # already computed (dependencies first), or 0 in a cycle
        amounts[i] = Fraction(costs[i].percent) * total / _HUNDRED  # type: ignore[arg-type]

    equipment_eligible = True
    equipment_by_year: dict[int, Fraction]
    lines: list[LineAmount] = []
    for i, line in enumerate(costs):
        if i == carrier:
            amounts[i] = equipment_in_project
            equipment_eligible = line.eligible
        by_year = spread_amount(amounts[i], line.spread, years)
        lines.append(LineAmount(i, line.category, amounts[i], line.eligible, by_year, in_cycle[i], ignored[i]))
    # Every contribution to the budget: the lines, and the equipment itself where no line carries it.
    contributions = list(lines)
    if carrier is None:
        equipment_by_year = spread_amount(equipment_in_project, {}, years)
        contributions.append(LineAmount(-1, CostCategory.EQUIPMENT, equipment_in_project, True,
                                        equipment_by_year))
    else:
        equipment_by_year = lines[carrier].by_year

    all_years = set(years)
    for part in contributions:
        all_years.update(part.by_year)
    year_list = sorted(all_years)
    totals = dict.fromkeys(CostCategory, _ZERO)
    eligible = dict.fromkeys(CostCategory, _ZERO)
    cat_year = {cat: dict.fromkeys(year_list, _ZERO) for cat in CostCategory}
    for part in contributions:
        totals[part.category] += part.amount
        if part.eligible:
            eligible[part.category] += part.amount
        row = cat_year[part.category]
        for y, v in part.by_year.items():
            row[y] += v
    by_year = {y: sum((cat_year[cat][y] for cat in CostCategory), _ZERO) for y in year_list}
    return Establishment(
        lines=lines,
        equipment_in_project=equipment_in_project,
        equipment_eligible=equipment_eligible,
        equipment_by_year=equipment_by_year,
        by_category=totals,
        eligible_by_category=eligible,
        by_year=by_year,
        by_category_year=cat_year,
        total=sum(totals.values(), _ZERO),
        eligible_total=sum(eligible.values(), _ZERO),
        cycle_lines=[i for i in range(n) if in_cycle[i]],
        ignored_equipment_lines=[i for i in range(n) if ignored[i]],
    )
