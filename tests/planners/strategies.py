"""Hypothesis strategies that generate valid `Plan`s (DESIGN §3: every value in its range, every reference to a
tenant that exists, exactly one of tenant/shared/vacant), for property-based tests of the core.

`plans()` varies everything the figures depend on: every allocation key, custom shares that do and don't sum to
100 (naming some or all tenants), vacant rooms, scenarios with no tenants, fixed / per-m² (with and without m²) /
percent cost lines (percent of percent, naming its own category, cycles), basis-free equipment lines (a second one
too), spreads (evenly, summing to 100, not summing to 100, naming a year outside the plan), grants, loans
(0 % too), own money repaid by the rent or not, other grants, equipment bought in the project or by the tenants,
services, running rates.

`plans(consistent=True)` gives plans without the engine's inconsistencies (custom shares sum to 100, spreads sum
to 100 within the plan's years, no percent cycle, at most one basis-free equipment line); the financing is not
balanced against the establishment total (that is a check, not a figure).

Amounts are exact decimals with few digits, as users type them. Individual custom shares stay within 0–100.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    Plan,
    RoomLine,
    RoomType,
    Running,
    RunningRate,
    Scenario,
    Service,
    Tenant,
    TenantKind,
)

SIMPLE_KEYS = [AllocationKey.AREA, AllocationKey.HEADCOUNT, AllocationKey.EQUAL]


def decimals(min_value: int | float = 0, max_value: int | float = 10**6, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most `places` decimals in [min_value, max_value]."""
    scale = 10**places
    return st.integers(int(min_value * scale), int(max_value * scale)).map(lambda n: Decimal(n).scaleb(-places))


def positive(max_value: int | float, places: int = 1) -> st.SearchStrategy[Decimal]:
    """Exact decimals > 0 (areas, lifetimes, gross factors)."""
    return decimals(10**-places, max_value, places)


@st.composite
def shares_summing_to_100(draw: st.DrawFn, ids: list[str]) -> dict[str, Decimal]:
    """Percent shares (one decimal) for the tenants named, summing to exactly 100."""
    named = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=len(named) - 1, max_size=len(named) - 1)))
    bounds = [0, *cuts, 1000]
    return {tid: Decimal(bounds[k + 1] - bounds[k]).scaleb(-1) for k, tid in enumerate(named)}


@st.composite
def allocations(draw: st.DrawFn, ids: list[str], consistent: bool = False) -> Allocation:
    """Any key; custom shares sum to 100 where `consistent`, else may (0 to all tenants named, any sum)."""
    if consistent and not ids:
        return Allocation(draw(st.sampled_from(SIMPLE_KEYS)))  # custom without tenants cannot sum to 100
    key = draw(st.sampled_from([*SIMPLE_KEYS, AllocationKey.CUSTOM]))
    if key is not AllocationKey.CUSTOM:
        return Allocation(key)
    if consistent or (ids and draw(st.booleans())):
        return Allocation(key, draw(shares_summing_to_100(ids)))
    named = draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True)) if ids else []
    return Allocation(key, {tid: draw(decimals(0, 100, 1)) for tid in named})


@st.composite
def tenants(draw: st.DrawFn, min_size: int = 0, max_size: int = 5) -> list[Tenant]:
    n = draw(st.integers(min_size, max_size))
    out = []
    for k in range(n):
        out.append(Tenant(
            id=f"t{k}",
            name=draw(st.sampled_from(["Lægerne", "Fysioterapi", "Jordemoder", "Hjemmepleje", "Tandlæge"])) + f" {k}",
            kind=draw(st.sampled_from(list(TenantKind))),
            clinicians=draw(decimals(0, 8, 1)),
            staff=draw(decimals(0, 8, 1)),
            current_annual_rent=draw(st.none() | decimals(0, 10**6, 2)),
        ))
    return out


@st.composite
def room_lines(draw: st.DrawFn, ids: list[str], consistent: bool = False) -> RoomLine:
    kind = draw(st.sampled_from(["tenant", "shared", "vacant"] if ids else ["shared", "vacant"]))
    line = RoomLine(type=draw(st.sampled_from(list(RoomType))), net_m2=draw(positive(60, 1)),
                    count=draw(st.integers(1, 4)))
    if kind == "tenant":
        line.tenant = draw(st.sampled_from(ids))
    elif kind == "shared":
        line.shared = draw(allocations(ids, consistent))
    else:
        line.vacant = True
    return line


@st.composite
def equipment_lines(draw: st.DrawFn, ids: list[str], consistent: bool = False) -> EquipmentLine:
    line = EquipmentLine(
        item=draw(st.sampled_from(["ecg", "spirometer", "other"])),
        unit_price=draw(decimals(0, 200_000, 2)),
        lifetime_years=draw(positive(15, 1)),
        quantity=draw(st.integers(1, 3)),
        annual_service=draw(decimals(0, 20_000, 2)),
        in_project=draw(st.booleans()),
    )
    if ids and draw(st.booleans()):
        line.tenant = draw(st.sampled_from(ids))
    else:
        line.shared = draw(allocations(ids, consistent))
    return line


@st.composite
def spreads(draw: st.DrawFn, years: list[int], consistent: bool = False) -> dict[int, Decimal]:
    """{} (evenly), a spread over the plan's years summing to 100, or (not consistent) any spread, possibly
    naming a year outside the plan or not summing to 100."""
    choice = draw(st.sampled_from(["even", "sum100", "any"] if not consistent else ["even", "sum100"]))
    if choice == "even":
        return {}
    if choice == "sum100":
        named = draw(st.lists(st.sampled_from(years), min_size=1, max_size=len(years), unique=True))
        return shares_summing_to_100_years(draw, named)
    outside = [years[0] - 1, years[-1] + 1]
    named = draw(st.lists(st.sampled_from(years + outside), min_size=1, max_size=len(years) + 2, unique=True))
    return {y: draw(decimals(0, 100, 1)) for y in named}


def shares_summing_to_100_years(draw: st.DrawFn, years: list[int]) -> dict[int, Decimal]:
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=len(years) - 1, max_size=len(years) - 1)))
    bounds = [0, *cuts, 1000]
    return {y: Decimal(bounds[k + 1] - bounds[k]).scaleb(-1) for k, y in enumerate(sorted(years))}


@st.composite
def cost_lines(draw: st.DrawFn, years: list[int], consistent: bool = False,
               max_size: int = 8) -> list[CostLine]:
    n = draw(st.integers(0, max_size))
    categories = list(CostCategory)
    # Consistent plans avoid cycles: a percent line names only categories ranked below its own.
    rank = draw(st.permutations(categories))
    basis_free_equipment = 0
    out = []
    for _ in range(n):
        category = draw(st.sampled_from(categories))
        bases = ["amount", "per_m2", "percent"]
        if category is CostCategory.EQUIPMENT and not (consistent and basis_free_equipment):
            bases.append("none")
        basis = draw(st.sampled_from(bases))
        line = CostLine(category=category, text=draw(st.sampled_from(["", "Ombygning", "Rådgivning", "Diverse"])),
                        eligible=draw(st.booleans()), spread=draw(spreads(years, consistent)))
        if basis == "amount":
            line.amount = draw(decimals(0, 5_000_000, 2))
        elif basis == "per_m2":
            line.per_m2 = draw(decimals(0, 30_000, 0))
            line.m2 = draw(st.none() | positive(2000, 1))
        elif basis == "percent":
            allowed = categories if not consistent else list(rank[: rank.index(category)])
            if not allowed:
                line.amount = draw(decimals(0, 5_000_000, 2))
            else:
                line.percent = draw(decimals(0, 30, 1))
                line.of = draw(st.lists(st.sampled_from(allowed), min_size=1, max_size=3, unique=True))
        else:
            basis_free_equipment += 1
        out.append(line)
    return out


@st.composite
def financing_lines(draw: st.DrawFn, max_size: int = 5) -> list[FinancingLine]:
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        source = draw(st.sampled_from(list(FinancingSource)))
        line = FinancingLine(source=source, amount=draw(decimals(0, 10_000_000, 0)))
        repaid = source is FinancingSource.LOAN or (source.is_own and draw(st.booleans()))
        if repaid:
            line.repaid_by_rent = True  # a loan is ticked by default (issue 14.4); own money when drawn so
            line.interest_pct = draw(decimals(0, 8, 2))
            line.years = draw(st.integers(1, 40))
        out.append(line)
    return out


@st.composite
def scenarios(draw: st.DrawFn, years: list[int], consistent: bool = False, name: str = "Scenarie",
              min_tenants: int = 0, max_tenants: int = 5, max_rooms: int = 10, max_equipment: int = 5,
              max_costs: int = 8, max_services: int = 3) -> Scenario:
    ts = draw(tenants(min_tenants, max_tenants))
    ids = [t.id for t in ts]
    return Scenario(
        name=name,
        gross_factor=draw(decimals(1, 2, 2)),
        tenants=ts,
        rooms=draw(st.lists(room_lines(ids, consistent), max_size=max_rooms)),
        equipment=draw(st.lists(equipment_lines(ids, consistent), max_size=max_equipment)),
        costs=draw(cost_lines(years, consistent, max_costs)),
        financing=draw(financing_lines()),
        running=Running(
            per_gross_m2={rate: draw(decimals(0, 300, 2)) for rate in RunningRate},
            services=[Service(name=f"Service {k}", annual=draw(decimals(0, 500_000, 2)),
                              shared=draw(allocations(ids, consistent)))
                      for k in range(draw(st.integers(0, max_services)))],
        ),
    )


@st.composite
def plans(draw: st.DrawFn, consistent: bool = False, min_tenants: int = 0, max_tenants: int = 5,
          max_rooms: int = 10, max_equipment: int = 5, max_costs: int = 8, max_services: int = 3,
          max_scenarios: int = 1) -> Plan:
    """A valid plan of 1..max_scenarios scenarios over 1–4 consecutive years."""
    first = draw(st.integers(2018, 2026))
    years = list(range(first, first + draw(st.integers(1, 4))))
    n = draw(st.integers(1, max_scenarios))
    scs = [draw(scenarios(years, consistent, f"Scenarie {k + 1}", min_tenants, max_tenants, max_rooms,
                          max_equipment, max_costs, max_services)) for k in range(n)]
    return Plan(title="Sundhedshus", years=years, scenarios=scs,
                applied_scenario=draw(st.sampled_from([None, *[s.name for s in scs]])))
