"""The budget engine: every figure of DESIGN §4 for one scenario, as `planners.model.results.ScenarioFigures`.

`compute(plan, scenario)` is the entry point; `begin` and `finish` are its two parts, for a caller that shows the
first part's figures before the rest is needed (the GUI's figures panel after an edit, issue 19.2). The work is split by topic:
`planners.figures.space` (areas and keys), `planners.figures.establishment` (the establishment budget) and `planners.figures.rent`
(financing, equipment and services a year); this module puts them together and turns them into `Decimal`.

Precision. Every figure is computed as an exact rational (no rounding at all while computing) and then rounded
once to 28 significant digits (Python's default decimal context). A few figures are instead *derived from the
other Decimal figures* so that the identities a reader checks hold exactly, not just to 28 digits:
- `TenantFigures.total` = (space rent + equipment share) + services share, added in the default context;
  `building_cost` = capital cost + running cost; `annual_cost_total` = (building cost + equipment a year)
  + services; `establishment_total` = Σ `by_category` (category order); `eligible_total` = Σ
  `eligible_by_category`; `non_eligible_total` and `financing_difference` are exact differences.
- `vacancy_cost` = `annual_cost_total` − Σ tenant totals (Σ added in the tenants' order, as `sum()` does),
  with every digit kept, so that `sum(t.total for t in tenants) + vacancy_cost == annual_cost_total` holds
  exactly for every plan (DESIGN §4 invariant). It equals vacant gross × rent rate + the unallocated equipment
  and services (+ the building cost where the gross area is 0) to within 1e-20 of the amounts involved.
  Likewise `vacant_net_m2` = net − Σ allocated net and `vacant_gross_m2` = gross − Σ allocated gross.
- Amounts by year (`by_year`, each category's and each line's years, the equipment's years): where the exact
  years sum exactly to their total (a spread summing to 100 and no cycle), the last year takes the rounding
  remainder, so that `sum(by_year.values()) == establishment_total` holds exactly.
- `TenantFigures.change` = total − current rent (default context); `grant_share` = grant / eligible total
  (default context). The statement's ratios (`per_month`, `per_gross_m2`, `per_clinician`, `change_pct`) are
  the exact quotients of the exact tenant total, rounded once.
Rounding to whole kroner is for display only: `planners.model.money.round_kr`.

Zero gross area (no rooms): the rent rate is defined as 0 (with and without grant) and the whole building cost
goes to the owner's vacancy cost, so the invariant still holds.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from planners.figures.choice import UnknownScenario, select_scenario
from planners.figures.establishment import Amounts, Establishment, begin_establishment, finish_establishment
from planners.figures.exact import (
    EXACT,
    Ratio,
    dec_ratio,
    exact_form,
    ratio_sum,
    reduced,
    signed_ratio,
)
from planners.figures.rent import Annual, LineSums, compute_annual, compute_financing, rounded_ratio
from planners.figures.space import Keys, RoomSums, Space, compute_space
from planners.model import CostCategory, Plan, Scenario
from planners.model.money import CONTEXT, dsum, exact_sub
from planners.model.results import (
    CostLineFigures,
    EquipmentLineFigures,
    FinancingLineFigures,
    ScenarioFigures,
    TenantFigures,
)
from planners.model.timeline import rent_terms_in_use

_NOTHING: Ratio = (0, 1)
_DZERO = Decimal(0)
_CATEGORIES = tuple(CostCategory)
_add = CONTEXT.add
_exact_add = EXACT.add


def compute(plan: Plan, scenario: Scenario | str | None = None, rooms: RoomSums | None = None,
            lines: LineSums | None = None) -> ScenarioFigures:
    """Every figure of one scenario: the one given, the one named, or the one applied for (else the first).

    `rooms` and `lines` are the sums of the scenario's room lines and of its equipment and service lines, kept
    between edits (`incremental.PlanFigures`); None: summed here. The figures are the same either way.

    Raises `UnknownScenario` (a `PlanError` and a `KeyError`) for a name the plan does not have.
    """
    return finish(begin(plan, scenario, rooms, lines))


class Begun:
    """The first part of `compute` (`begin`): the areas, the establishment total, financing and the rent rates —
    what the figures panel and the rooms page show after every edit — and what the rest is computed from (`finish`:
    each tenant's rent, the cost lines and their years). An edit's panel waits for this part only (issue 19.2); each
    figure here is the very Decimal `finish` puts in `ScenarioFigures`, under the same name."""

    __slots__ = ("plan", "sc", "space", "keys", "lines", "gross_d", "running_rates_d", "running_d", "est", "fin", "rate",
                 "rate_without", "gross_ns", "by_category", "eligible_by_category", "scenario", "gross_factor",
                 "net_m2", "gross_m2", "allocated_gross", "vacant_gross_m2", "establishment_total", "eligible_total",
                 "financing_total", "grant", "grant_share", "financing_difference", "rent_per_gross_m2",
                 "rent_per_gross_m2_without_grant")  # fmt: skip
    plan: Plan
    sc: Scenario
    space: Space
    keys: Keys
    lines: LineSums
    gross_d: Decimal
    running_rates_d: Decimal
    running_d: Decimal
    est: Amounts
    fin: Financing
    rate: Ratio
    rate_without: Ratio
    gross_ns: list[Decimal]  # each tenant's allocated gross m² × its denominator, exact
    by_category: dict[CostCategory, Decimal]
    eligible_by_category: dict[CostCategory, Decimal]
    scenario: str
    gross_factor: Decimal
    net_m2: Decimal
    gross_m2: Decimal
    allocated_gross: list[Decimal]  # each tenant's allocated gross m², rounded
    vacant_gross_m2: Decimal
    establishment_total: Decimal
    eligible_total: Decimal
    financing_total: Decimal
    grant: Decimal
    grant_share: Decimal
    financing_difference: Decimal
    rent_per_gross_m2: Decimal
    rent_per_gross_m2_without_grant: Decimal

    def __init__(self, plan: Plan, sc: Scenario, space: Space, keys: Keys, lines: LineSums) -> None:
        self.plan, self.sc, self.space, self.keys, self.lines = plan, sc, space, keys, lines
        self.scenario, self.gross_factor = sc.name, sc.gross_factor


def begin(plan: Plan, scenario: Scenario | str | None = None, rooms: RoomSums | None = None,
          lines: LineSums | None = None) -> Begun:
    """The first part of `compute` (see `Begun`); `finish` makes the figures from it."""
    sc = select_scenario(plan, scenario)
    space, keys = compute_space(sc, rooms)
    if lines is None:
        lines = LineSums.of(sc)
    # Of the equipment and services only what is bought in the project (the establishment's): the tenants' parts
    # a year (`compute_annual`) are `finish`'s.
    b = Begun(plan, sc, space, keys, lines)
    with localcontext(EXACT):  # exact: the gross area and the running cost are sums and products of decimals
        b.gross_d = gross_d = space.net_m2 * sc.gross_factor
        b.running_rates_d = running_rates_d = sum(sc.running.per_gross_m2.values(), _DZERO)
        b.running_d = running_d = running_rates_d * gross_d
    # The lines' amounts and the totals by category; their amounts by year are `finish`'s.
    b.est = est = begin_establishment(sc.costs, plan.years, gross_d, lines.in_project)
    b.fin = fin = compute_financing(sc.financing)

    # The building cost and the rent rates: exact rationals as integers (a division, no Fraction; issue 19.3).
    building = ratio_sum([fin.capital_cost, running_d.as_integer_ratio()])
    without = ratio_sum([building, fin.grant_annuity])
    gn, gd = gross_d.as_integer_ratio()
    # Zero gross area: the rate is 0 and the building cost falls to the owner (see the module's docstring).
    b.rate = rate = reduced(building[0] * gd, building[1] * gn) if gn else _NOTHING
    b.rate_without = rate_without = (without[0] * gd, without[1] * gn) if gn else _NOTHING

    b.net_m2 = exact_form(space.net_m2)
    b.gross_m2 = gross_m2 = exact_form(gross_d)
    # Each tenant's allocated gross m² (its rent follows in `finish`): the exact numerator over a shared denominator.
    fn, fd = space.gross_factor_d.as_integer_ratio()
    b.gross_ns = gross_ns = [Decimal(a * fn) for a in space.allocated_parts.numerators]
    gross_dd = Decimal(space.allocated_parts.denominator * fd)
    with localcontext(CONTEXT):  # each rounded once
        b.allocated_gross = allocated_gross = [g / gross_dd for g in gross_ns]
    b.vacant_gross_m2 = exact_sub(gross_m2, dsum(allocated_gross))

    scale = Decimal(est.scale)
    b.by_category = by_category = {c: dec_ratio(v, scale) for c, v in est.by_category.items()}
    b.eligible_by_category = eligible = {c: dec_ratio(v, scale) for c, v in est.eligible_by_category.items()}
    b.establishment_total = total = dsum(by_category.values())
    b.eligible_total = eligible_total = dsum(eligible.values())
    b.financing_total = financing_total = exact_form(fin.total)
    b.grant = grant = exact_form(fin.grant)
    b.grant_share = CONTEXT.divide(grant, eligible_total) if eligible_total else Decimal(0)
    b.financing_difference = exact_sub(financing_total, total)
    b.rent_per_gross_m2 = signed_ratio(*rate)
    b.rent_per_gross_m2_without_grant = signed_ratio(*rate_without)
    return b


def finish(b: Begun) -> ScenarioFigures:
    """Every figure of the scenario `begin` began: the tenants' rent, the cost lines and their years, the rest."""
    sc, space, fin = b.sc, b.space, b.fin
    est = finish_establishment(b.est)
    annual = compute_annual(sc, b.keys, b.lines)
    tenants = _tenant_figures(sc, space, annual, b.rate, b.gross_ns, b.allocated_gross)
    establishment = _establishment_figures(est, b.by_category, b.eligible_by_category, b.establishment_total,
                                           b.eligible_total)  # fmt: skip

    capital_cost = signed_ratio(*fin.capital_cost)
    running_cost = exact_form(b.running_d)
    building_cost = CONTEXT.add(capital_cost, running_cost)
    equipment_annual_total = rounded_ratio(annual.equipment_scaled, annual.equipment_scale)
    services_total = exact_form(annual.services)
    annual_cost_total = CONTEXT.add(CONTEXT.add(building_cost, equipment_annual_total), services_total)
    vacancy_cost = exact_sub(annual_cost_total, dsum([t.total for t in tenants]))
    vacant_net_m2 = exact_sub(b.net_m2, dsum([t.allocated_net_m2 for t in tenants]))

    return ScenarioFigures(
        scenario=sc.name,
        gross_factor=sc.gross_factor,
        net_m2=b.net_m2,
        gross_m2=b.gross_m2,
        vacant_net_m2=vacant_net_m2,
        vacant_gross_m2=b.vacant_gross_m2,
        tenants=tenants,
        **establishment,
        financing_lines=[
            FinancingLineFigures(i, line.source, line.amount, signed_ratio(*a))
            for i, (line, a) in enumerate(zip(sc.financing, fin.annuities, strict=True))
        ],
        financing_by_source={src: exact_form(v) for src, v in fin.by_source.items()},
        financing_total=b.financing_total,
        grant=b.grant,
        grant_share=b.grant_share,
        financing_difference=b.financing_difference,
        capital_cost=capital_cost,
        running_rates_total=exact_form(b.running_rates_d),
        running_cost=running_cost,
        building_cost=building_cost,
        rent_per_gross_m2=b.rent_per_gross_m2,
        capital_cost_without_grant=signed_ratio(*ratio_sum([fin.capital_cost, fin.grant_annuity])),
        rent_per_gross_m2_without_grant=b.rent_per_gross_m2_without_grant,
        grant_loan_terms=fin.terms,
        equipment_lines=[
            EquipmentLineFigures(i, inv, cost)
            for i, (inv, cost) in enumerate(zip(annual.investments, annual.equipment_annual, strict=True))
        ],
        equipment_annual_total=equipment_annual_total,
        services_total=services_total,
        annual_cost_total=annual_cost_total,
        vacancy_cost=vacancy_cost,
        cycle_lines=list(est.cycle_lines),
        ignored_equipment_lines=list(est.ignored_equipment_lines),
        rent_years=_rent_years(b.plan, sc) if rent_terms_in_use(b.plan, sc) else None,
    )


def _tenant_figures(sc: Scenario, space: Space, annual: Annual, rate: Ratio, gross_ns: list[Decimal],
                    allocated_gross: list[Decimal]) -> list[TenantFigures]:  # fmt: skip
    # Each tenant's figures from integer numerators over integer denominators (no Fraction per operation:
    # each would reduce by a gcd); every figure is still the exact rational, rounded once. The parts of every
    # tenant share their denominators, so these (and their Decimals) are made once, not once per tenant.
    # The large numerators (the rate's ≈ 100 digits times a tenant's area) are products of whole Decimals in
    # EXACT (exponent 0, every digit kept): the same integers, but a tenant converts only its own small ones
    # from int to Decimal (a conversion of a long int costs as much as several divisions; s20-frac). Two passes,
    # each in its context, so that both the exact products and the roundings are operators (a context's method
    # parses its arguments: about twice the cost of the operator). `gross_ns` and `allocated_gross`: each tenant's
    # allocated gross m² as `begin` made them (numerator over ad × fd, and rounded).
    fn, fd = space.gross_factor_d.as_integer_ratio()
    rn, rd = rate  # reduced, the denominator positive (as a Fraction's)
    allocated = space.allocated_parts
    equipment, services = annual.equipment_shares, annual.services_shares
    ad = allocated.denominator
    ed = equipment.denominator * annual.equipment_scale
    sd = services.denominator
    gross_d = ad * fd  # allocated gross m² = gross_n / gross_d
    space_d = gross_d * rd  # its space rent = space_n / space_d
    k_space, k_equipment, k_services = ed * sd, space_d * sd, space_d * ed
    total_d = space_d * k_space  # the total = total_n / total_d (space rent + equipment + services)
    dec = Decimal
    frn_d, ks_d, ke_d, kv_d, total_dd = dec(fn * rn), dec(k_space), dec(k_equipment), dec(k_services), dec(total_d)
    per_gross_d = dec(rd * k_space)  # total_d / gross_d: a total per allocated gross m² = total_n / (this × gross_n)
    exact = []
    with localcontext(EXACT):  # the exact numerators and denominators: whole Decimals, every digit kept
        for t, a, e, s, gross_n in zip(sc.tenants, allocated.numerators, equipment.numerators, services.numerators,
                                       gross_ns, strict=True):  # fmt: skip
            a_d, e_d, s_d = dec(a), dec(e), dec(s)
            # gross_n × rn; "or": a zero product takes the sign of its factors (0 × −3 is −0), an int's zero none
            space_n = a_d * frn_d or _DZERO
            total_n = space_n * ks_d + e_d * ke_d + s_d * kv_d
            # The statement's ratios from the exact total (a ratio is then unchanged when every price doubles).
            cn, cd = t.clinicians.as_integer_ratio()  # a Decimal (or an int: both have it)
            current = t.current_annual_rent
            change = None
            if current is not None and current:
                un, ud = current.as_integer_ratio()
                un_d = dec(un)
                change = _signed(total_n * ud - un_d * total_dd, total_dd * un_d)
            exact.append((a_d, e_d, s_d, gross_n, space_n, total_n,
                          _signed(total_n, per_gross_d * gross_n) if gross_n else None,
                          _signed(total_n * cd, total_dd * cn) if cn else None, change))
    ad_d, space_dd, ed_d, sd_d, month_d = dec(ad), dec(space_d), dec(ed), dec(sd), dec(total_d * 12)
    out = []
    with localcontext(CONTEXT):  # each figure rounded once: the operators round as CONTEXT's methods
        for t, dedicated, gross, (a_d, e_d, s_d, _gross_n, space_n, total_n, per_gross, per_clinician, change) in zip(
                sc.tenants, space.dedicated_m2, allocated_gross, exact, strict=True):
            # Each part from its exact value (so more area never lowers a part); the total is their Decimal sum.
            space_rent = space_n / space_dd
            equipment_share = e_d / ed_d
            services_share = s_d / sd_d
            total = space_rent + equipment_share + services_share
            current = t.current_annual_rent
            # Positional, in the order of the fields of `TenantFigures` (keywords cost three times as much here).
            out.append(TenantFigures(
                t.id,  # tenant_id
                t.name,  # name
                t.clinicians,  # clinicians
                exact_form(dedicated),  # dedicated_net_m2
                a_d / ad_d,  # allocated_net_m2
                gross,  # allocated_gross_m2
                space_rent,
                equipment_share,
                services_share,
                total,
                total_n / month_d,  # per_month
                per_gross and per_gross[0] / per_gross[1],  # per_gross_m2
                per_clinician and per_clinician[0] / per_clinician[1],  # per_clinician
                current,  # current_annual_rent
                total - current if current is not None else None,  # change
                change and change[0] / change[1],  # change_pct
            ))
    return out


def _signed(numerator: Decimal, denominator: Decimal) -> tuple[Decimal, Decimal]:
    """A quotient's whole Decimals (exponent 0, as `Decimal(int)` makes them; denominator ≠ 0) with the
    denominator positive, as `exact.signed_ratio` divides them; call inside `localcontext(EXACT)`."""
    if denominator < 0:
        return -numerator, -denominator  # −0 is 0 here (not ROUND_FLOOR), as for integers
    return numerator, denominator


def _rent_years(plan: Plan, sc: Scenario) -> YearsFigures:
    """The rent over the years (`planners.figures.years`), imported only for a plan with rent terms: a plan
    without them never runs its 28 kB of code (nor `market`'s; issue 19, s17-sum2)."""
    from planners.figures.years import compute_years

    return compute_years(plan, sc)


def _years(parts: dict[int, Decimal], total_scaled: Decimal, total: Decimal, scale: Decimal) -> dict[int, Decimal]:
    """Amounts by year (each × `scale`, exact) in Decimal, sorted by year. Where the exact parts sum to the
    exact total, the last year takes the rounding remainder so that the Decimal parts, added in order, give
    exactly `total`."""
    years = sorted(parts)
    out = {}
    last: Decimal | None = None
    rounded = exact_total = _DZERO
    for y in years:
        v = parts[y]
        exact_total = _exact_add(exact_total, v)
        if last is None or v != last:  # equal amounts (an even spread, zeros) give equal figures: rounded once
            last, rounded = v, dec_ratio(v, scale)
        out[y] = rounded
    if years and exact_total == total_scaled:
        head = _DZERO  # the other years added in order, in the default context (as `dsum`)
        for y in years[:-1]:
            head = _add(head, out[y])
        out[years[-1]] = exact_sub(total, head)
    return out


TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:  # a type only: typing is not imported to run the engine
    from typing import TypedDict

    from planners.figures.rent import Financing
    from planners.model.yearly import YearsFigures

    class _EstablishmentFields(TypedDict):
        """The establishment fields of ScenarioFigures, with their types (they are passed as `**fields`)."""

        cost_lines: list[CostLineFigures]
        equipment_in_project: Decimal
        equipment_eligible: bool
        equipment_by_year: dict[int, Decimal]
        by_category: dict[CostCategory, Decimal]
        eligible_by_category: dict[CostCategory, Decimal]
        by_year: dict[int, Decimal]
        by_category_year: dict[CostCategory, dict[int, Decimal]]
        establishment_total: Decimal
        eligible_total: Decimal
        non_eligible_total: Decimal


def _establishment_figures(est: Establishment, by_category: dict[CostCategory, Decimal],
                           eligible_by_category: dict[CostCategory, Decimal], total: Decimal,
                           eligible_total: Decimal) -> _EstablishmentFields:  # fmt: skip
    """The establishment fields of ScenarioFigures, by name; the categories' amounts and totals as `begin` made them."""
    scale = Decimal(est.scale)
    cost_lines = []
    for line in est.lines:
        amount = dec_ratio(line.amount, scale)
        # Positional, in the order of the fields of `CostLineFigures` (keywords cost three times as much here).
        cost_lines.append(CostLineFigures(line.index, line.category, amount, line.eligible,
                                          _years(line.by_year, line.amount, amount, scale), line.in_cycle,
                                          line.ignored))
    by_category_year = {
        c: _years(est.by_category_year[c], est.by_category[c], by_category[c], scale) for c in _CATEGORIES
    }
    equipment_in_project = dec_ratio(est.equipment_in_project, scale)
    return {
        "cost_lines": cost_lines,
        "equipment_in_project": equipment_in_project,
        "equipment_eligible": est.equipment_eligible,
        "equipment_by_year": _years(est.equipment_by_year, est.equipment_in_project, equipment_in_project, scale),
        "by_category": by_category,
        "eligible_by_category": eligible_by_category,
        "by_year": _years(est.by_year, est.scaled_total, total, scale),
        "by_category_year": by_category_year,
        "establishment_total": total,
        "eligible_total": eligible_total,
        "non_eligible_total": exact_sub(total, eligible_total),
    }


_select = select_scenario  # the name the engine's callers have used
__all__ = ["UnknownScenario", "compute", "select_scenario"]
