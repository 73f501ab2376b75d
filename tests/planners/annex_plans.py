"""Plans for the annex tests: the bundled templates changed into every edge the annex must express.

Each edge plan starts from the example template and breaks one thing the engine turns into a finding (or
an empty case), so the recalculated annex is compared with the engine exactly where formulas are hardest.
"""

from __future__ import annotations

import copy
from decimal import Decimal as D

from planners.interchange.plan_json import load_json
from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    GPCollaboration,
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
from planners.reference import template_names, template_path

INJECTIONS = ['=HYPERLINK("http://x","y")', "=1+1", "+45 1234", "@SUM(A1)"]


def templates() -> dict[str, Plan]:
    return {name: load_json(template_path(name)) for name, _ in template_names()}


def example() -> Plan:
    return load_json(template_path("example"))


def _applied(plan: Plan) -> Scenario:
    return plan.scenario()


def edge_plans() -> dict[str, Plan]:
    """name → plan whose applied scenario has the edge in its name."""
    out: dict[str, Plan] = {}

    p = example()
    sc = _applied(p)
    ids = [t.id for t in sc.tenants]
    sc.rooms.append(RoomLine(RoomType.MEETING, D("22.5"), 1, "Mødelokale",
                             shared=Allocation(AllocationKey.CUSTOM, {ids[0]: D(40), ids[1]: D("29.5")})))
    sc.equipment.append(EquipmentLine("other", D(12000), D(5), "Fælles printer", 2, D(800), False,
                                      shared=Allocation(AllocationKey.CUSTOM, {ids[0]: D(80), ids[2]: D(45)})))
    sc.running.services.append(Service("Rengøring af fællesarealer", D(90000),
                                       Allocation(AllocationKey.CUSTOM, {ids[1]: D(30)})))
    out["custom_not_100"] = p

    p = example()
    sc = _applied(p)
    sc.costs.append(CostLine(CostCategory.CONTINGENCY, "Uforudset A", percent=D(10),
                             of=[CostCategory.CONSTRUCTION, CostCategory.OTHER]))
    sc.costs.append(CostLine(CostCategory.OTHER, "Uforudset B", percent=D(5), of=[CostCategory.CONTINGENCY]))
    # Depends on the cycle without being in it: counts the cycle's lines as 0 kr.
    sc.costs.append(CostLine(CostCategory.IT, "Byggestyring", percent=D("2.5"),
                             of=[CostCategory.OTHER, CostCategory.CONSTRUCTION, CostCategory.IT]))
    # Naming its own category takes the other lines of that category.
    sc.costs.append(CostLine(CostCategory.CONSULTANCY, "Tilsyn", percent=D(3),
                             of=[CostCategory.CONSULTANCY, CostCategory.EQUIPMENT]))
    out["percent_cycle"] = p

    p = example()
    sc = _applied(p)
    sc.costs.append(CostLine(CostCategory.EQUIPMENT, "Udstyr", eligible=False, spread={2019: D(100)}))
    sc.costs.append(CostLine(CostCategory.EQUIPMENT, "Udstyr igen", eligible=True))
    sc.costs.append(CostLine(CostCategory.EQUIPMENT, "Installation", percent=D(8), of=[CostCategory.EQUIPMENT]))
    out["second_equipment_line"] = p

    p = example()
    sc = _applied(p)
    sc.costs[0].spread = {2019: D(30), 2020: D(50)}
    sc.costs.append(CostLine(CostCategory.FURNITURE, "Efterfølgende inventar", amount=D("123456.78"),
                             spread={2020: D(60), 2022: D(40)}))
    sc.costs.append(CostLine(CostCategory.IT, "Net", per_m2=D(150), m2=D("212.5")))
    out["spread_not_100"] = p

    p = example()
    sc = _applied(p)
    sc.tenants.clear()
    for room in sc.rooms:
        if room.tenant is not None:
            room.tenant, room.vacant = None, True
        if room.shared is not None and room.shared.key is AllocationKey.CUSTOM:
            room.shared.shares.clear()
    for line in sc.equipment:
        if line.tenant is not None:
            line.tenant, line.shared = None, Allocation(AllocationKey.AREA)
        if line.shared is not None:
            line.shared.shares.clear()
    for service in sc.running.services:
        service.shared.shares.clear()
    out["no_tenants"] = p

    p = example()
    sc = _applied(p)
    sc.rooms.clear()
    out["zero_gross"] = p

    p = example()
    sc = _applied(p)
    for t in sc.tenants:
        t.clinicians, t.staff = D(0), D(0)
    sc.rooms = [r for r in sc.rooms if r.tenant is None]  # no dedicated rooms: area weights all zero
    sc.financing = [f for f in sc.financing if f.source is not FinancingSource.LOAN]
    for f in sc.financing:
        if f.source.is_own:
            f.repaid_by_rent, f.interest_pct, f.years = True, D(0), 20
    out["zero_weights"] = p

    p = example()
    sc = _applied(p)
    sc.financing = [FinancingLine(FinancingSource.GRANT, D(1000000)),
                    FinancingLine(FinancingSource.OTHER_GRANT, D(250000), "Fonden"),
                    FinancingLine(FinancingSource.OWN_PRACTICE, D(300000), "Lægerne", repaid_by_rent=False)]
    out["no_loans"] = p

    # Issue 14.4: a loan whose tick is taken off counts nothing in the rent; the grant "without grant" is then
    # borrowed on the later loan the rent does repay (4 %, 20 years), not on the first loan line by source.
    p = example()
    sc = _applied(p)
    loan = next(f for f in sc.financing if f.source is FinancingSource.LOAN)
    loan.repaid_by_rent = False
    sc.financing.append(FinancingLine(FinancingSource.LOAN, D(1000000), "Lån til inventar", D(4), 20))
    out["loan_not_repaid"] = p
    return out


def injection_plan(text: str) -> Plan:
    """The example with `text` in every text field a user types."""
    p = copy.deepcopy(example())
    p.title = text
    p.applicant.name = text
    p.partners = [text]
    p.gp_collaboration = GPCollaboration(text, text)
    p.contact.name = p.contact.email = p.contact.phone = text
    p.address = text
    p.description = text
    sc = _applied(p)
    sc.name = text
    p.applied_scenario = text
    for t in sc.tenants:
        t.name = text
        t.note = text
    for r in sc.rooms:
        r.label = text
    for e in sc.equipment:
        e.name = text
    for c in sc.costs:
        c.text = text
    for f in sc.financing:
        f.text = text
    for s in sc.running.services:
        s.name = text
    return p


def tiny_plan() -> Plan:
    """Two tenants, one shared room; every figure computed by hand in the tests."""
    sc = Scenario(
        name="Lille",
        gross_factor=D("1.5"),
        tenants=[Tenant("a", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(2), staff=D(2)),
                 Tenant("b", "Fysioterapeuten", TenantKind.PHYSIOTHERAPIST, clinicians=D(1),
                        current_annual_rent=D(20000))],
        rooms=[RoomLine(RoomType.CONSULTATION, D(10), 2, "Konsultation", tenant="a"),
               RoomLine(RoomType.TREATMENT, D(10), 1, "Behandling", tenant="b"),
               RoomLine(RoomType.WAITING, D(30), 1, "Venteværelse", shared=Allocation(AllocationKey.AREA))],
        costs=[CostLine(CostCategory.CONSTRUCTION, "Byggeri", amount=D(1000000), spread={2019: D(40), 2020: D(60)}),
               CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(10), of=[CostCategory.CONSTRUCTION])],
        financing=[FinancingLine(FinancingSource.GRANT, D(500000)),
                   FinancingLine(FinancingSource.LOAN, D(600000), "Lån", D(0), 10)],
        running=Running({**{r: D(0) for r in RunningRate}, RunningRate.UTILITIES: D(100)},
                        [Service("Reception", D(12000), Allocation(AllocationKey.HEADCOUNT))]),
    )
    return Plan(title="Lille sundhedshus", years=[2019, 2020], scenarios=[sc])


LONG = ("Fælles sundhedshus for praktiserende læger, fysioterapeuter, psykologer og kommunens sundhedspleje "
        "med plads til jordemoderkonsultation, diætist og genoptræning i den tidligere sparekassebygning på "
        "torvet, ombygget i etaper med elevator, nye trapper og tilgængelige toiletter på alle tre etager, "
        "så huset kan rumme flere behandlere")


def long_names_plan() -> Plan:
    """The example with a 300-character name in every text field a user types (tenants numbered apart)."""
    assert len(LONG) >= 300
    p = injection_plan(LONG[:300])
    sc = _applied(p)
    for i, t in enumerate(sc.tenants):
        t.name = f"{i + 1}. {LONG[:296]}"
    return p


def five_scenario_plan() -> Plan:
    """The example with three more scenarios (copies of the applied one, the gross factor stepped up)."""
    p = example()
    base = _applied(p)
    for k in range(3):
        extra = copy.deepcopy(base)
        extra.name = f"Variant {k + 1} med større bruttofaktor"
        extra.gross_factor = (base.gross_factor or D("1.3")) + D("0.05") * (k + 1)
        p.scenarios.append(extra)
    return p
