"""Start from nothing (issue 14 point 1): an empty plan, and the guide's answers as ordinary edits.

`empty_plan` is a plan with no tenants, rooms, costs or financing: only the bundled reference data (catalogs,
the newest round), nothing of a template. The guide (desktop/dialogs/guide.py) asks a partnership what it knows —
place, tenants, the suggested rooms, the building, the financing — and each of its steps becomes ONE operation
here (`*_step`), run through the session like any edit: undoable and editable later on the pages.

"A loan takes the rest": the loan line's amount is `planners.figures.balance.balancing_amount` on a copy of the
scenario with the new lines, so the financing equals the establishment total exactly.

May import everything of the core (like `cli` and `reference`); never Qt.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from planners.figures.balance import balancing_amount
from planners.figures.capacity import SuggestedRoom
from planners.interchange.plan_json import plan_from_dict
from planners.model import (
    CostCategory,
    CostLine,
    FinancingLine,
    FinancingSource,
    Plan,
    ProjectType,
    RoomLine,
    Scenario,
    Sector,
    Tenant,
    TenantKind,
)
from planners.model.i18n import translate
from planners.store.operations import AddLine, Batch, Operation, SetPlanFields, SetRunningRate

SCENARIO_NAME = "Plan"  # the empty plan's one scenario; the user renames it on the scenarios page
OWN_SOURCE = {Sector.MUNICIPAL: FinancingSource.OWN_MUNICIPALITY, Sector.REGIONAL: FinancingSource.OWN_REGION}


def empty_plan(title: str, year: int | None = None) -> Plan:
    """A plan with one empty scenario, the bundled catalogs and the newest round; two planning years from
    `year` (default: next year). Made through the same reading as a template file, so it has every default
    a file has."""
    first = year if year is not None else date.today().year + 1
    return plan_from_dict({
        "format": "sundhedshus-plan",
        "format_version": 1,
        "plan": {"title": title, "years": [first, first + 1]},
        "scenarios": [{"name": SCENARIO_NAME}],
    })  # fmt: skip


@dataclass
class GuideTenant:
    """A tenant as the guide asks for it."""

    name: str
    kind: TenantKind
    clinicians: Decimal = Decimal(0)
    listed_patients: int = 0
    current_annual_rent: Decimal | None = None  # kr. a year today; None = not known


@dataclass
class Building:
    """The building: new or converted, and its price as a construction rate (with its source) or a total."""

    project_type: ProjectType
    rate_per_m2: Decimal | None = None  # kr. per gross m²
    rate_source: str = ""
    known_total: Decimal | None = None  # kr., where the total is known (a tender, an offer)


@dataclass
class Financing:
    """The financing: the grant applied for, own money per tenant (by id), and a loan that takes the rest."""

    grant: Decimal
    own: dict[str, Decimal] = field(default_factory=dict)
    loan_interest_pct: Decimal = Decimal(0)
    loan_years: int = 30


def tenant_id(name: str, taken: set[str]) -> str:
    """A short id from the name, unique in `taken` (ids stay in the file, never on screen)."""
    plain = unicodedata.normalize("NFKD", name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    base = re.sub(r"[^a-z0-9]+", "_", plain.encode("ascii", "ignore").decode()).strip("_")[:24] or "lejer"
    if not base[0].isalpha():
        base = "l_" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def tenant_lines(tenants: list[GuideTenant], taken: set[str] | None = None) -> list[Tenant]:
    ids = set(taken or ())
    lines = []
    for g in tenants:
        tid = tenant_id(g.name, ids)
        ids.add(tid)
        lines.append(Tenant(id=tid, name=g.name.strip(), kind=g.kind, clinicians=g.clinicians,
                            listed_patients=g.listed_patients, current_annual_rent=g.current_annual_rent))  # fmt: skip
    return lines


def own_source(plan: Plan, tenant: Tenant) -> FinancingSource:
    """Where a tenant's own money comes from: the municipality, the region, or the practice (private)."""
    sector = tenant.sector
    if sector is None:
        info = plan.catalogs.tenant_kinds.get(tenant.kind)
        sector = info.sector if info is not None else None
    return OWN_SOURCE.get(sector, FinancingSource.OWN_PRACTICE) if sector is not None else FinancingSource.OWN_PRACTICE


def building_costs(building: Building, lang: str = "da") -> list[CostLine]:
    """The construction cost line: a rate per gross m² (its source in the text) or the known total."""
    if building.known_total is not None:
        return [CostLine(CostCategory.CONSTRUCTION, text=translate("Byggeri, kendt samlet pris", lang),
                         amount=building.known_total)]  # fmt: skip
    if building.rate_per_m2 is None:
        return []
    text = translate("Byggeri pr. m² brutto", lang)
    if building.rate_source.strip():
        text = translate("Byggeri pr. m² brutto (kilde: {kilde})", lang, kilde=building.rate_source.strip())
    return [CostLine(CostCategory.CONSTRUCTION, text=text, per_m2=building.rate_per_m2)]


def financing_lines(plan: Plan, scenario: Scenario, financing: Financing, lang: str = "da") -> list[FinancingLine]:
    """The grant, each tenant's own money and a loan that takes the rest, exactly (PlanError in Danish where
    the grant and own money already exceed the costs)."""
    lines = []
    if financing.grant > 0:
        lines.append(FinancingLine(FinancingSource.GRANT, financing.grant, text=translate("Tilskud fra puljen", lang)))
    names = {t.id: t for t in scenario.tenants}
    for tid, amount in financing.own.items():
        if amount > 0 and tid in names:
            lines.append(FinancingLine(own_source(plan, names[tid]), amount,
                                       text=translate("Egen finansiering: {navn}", lang, navn=names[tid].name)))  # fmt: skip
    loan = FinancingLine(FinancingSource.LOAN, Decimal(0), text=translate("Lån (tager resten)", lang),
                         interest_pct=financing.loan_interest_pct, years=financing.loan_years)  # fmt: skip
    trial = copy.deepcopy(plan)
    sc = next(s for s in trial.scenarios if s.name == scenario.name)
    sc.financing = [*sc.financing, *lines, loan]
    loan.amount = balancing_amount(trial, sc.name, len(sc.financing) - 1)
    return [*lines, loan] if loan.amount > 0 else lines


# --- the guide's steps as operations (each one undo step) ----------------------------------------------------


def place_step(title: str, municipality: str | None, pool_round: str) -> Operation:
    return SetPlanFields({"title": title, "municipality": municipality, "pool_round": pool_round})


def tenants_step(scenario_id: int, tenants: list[Tenant]) -> Operation:
    return Batch(tuple(AddLine(scenario_id, "tenant", t) for t in tenants), "lejere")


def rooms_step(scenario_id: int, accepted: list[SuggestedRoom]) -> Operation | None:
    rooms: list[RoomLine] = []
    for s in accepted:
        room = copy.deepcopy(s.room)
        room.count = s.missing or room.count
        rooms.append(room)
    return Batch(tuple(AddLine(scenario_id, "room", r) for r in rooms), "rum") if rooms else None


def building_step(plan: Plan, scenario_id: int, building: Building, lang: str = "da") -> Operation:
    """Project type, the construction cost line, and the catalogs' running rates (where the scenario has none)."""
    steps: list[Operation] = [SetPlanFields({"project_type": building.project_type})]
    steps += [AddLine(scenario_id, "cost", c) for c in building_costs(building, lang)]
    scenario = next(s for s in plan.scenarios if s.row_id == scenario_id)
    for rate, value in plan.catalogs.running_rates.items():
        if value and not scenario.running.per_gross_m2.get(rate):
            steps.append(SetRunningRate(scenario_id, rate, value))
    return Batch(tuple(steps), "bygning")


def financing_step(plan: Plan, scenario_id: int, financing: Financing, lang: str = "da") -> Operation:
    scenario = next(s for s in plan.scenarios if s.row_id == scenario_id)
    lines = financing_lines(plan, scenario, financing, lang)
    return Batch(tuple(AddLine(scenario_id, "financing", f) for f in lines), "finansiering")


# --- the answer a partnership came for ---------------------------------------------------------------------------


# `MonthlyRow` and `monthly_rows` live in `planners.figures.monthly` (the handout reads them too).
