"""Small plans whose every figure is worked out by hand (the arithmetic is in the comments).

Plan 1 "Nordby": every key (area, headcount, equal, custom naming only some tenants), a vacant room, tenant-bought
  equipment, no equipment cost line, percent of percent (listed before the line it depends on), a 0 % loan.
Plan 2 "Sydby": area key with every weight zero (→ equal), custom shares over 100, a percent cycle, a percent line
  depending on the cycle and on equipment, a line naming its own category, a basis-free equipment line (not
  eligible, spread) and a second one (ignored), a spread naming a year outside the plan, a loan with interest,
  own money repaid by rent, another grant.
Plan 3 "Vestby": no tenants (shared room vacant, shared equipment and services to the owner), per m² with m²
  given, a spread not summing to 100, no loan (grant "borrowed" at 3 % over 30 years).
Plan 4 "Østby": tenants but no rooms (gross 0: rate 0, building cost to the owner), two scenarios.

Annuities A = P·r/(1 − (1 + r)^−n) were evaluated separately with 50-digit decimals; they are asserted to 1e-10 kr.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from planners.figures.engine import compute
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
from planners.model.errors import PlanError

CAT = CostCategory
SRC = FinancingSource
AREA, HEADCOUNT, EQUAL = Allocation(AllocationKey.AREA), Allocation(AllocationKey.HEADCOUNT), Allocation(
    AllocationKey.EQUAL)


def custom(**shares: int | str) -> Allocation:
    return Allocation(AllocationKey.CUSTOM, {k: D(str(v)) for k, v in shares.items()})


def rates(**values: int) -> dict[RunningRate, D]:
    out = {r: D(0) for r in RunningRate}
    out.update({RunningRate(k): D(v) for k, v in values.items()})
    return out


def approx(actual: D | None, expected: D, tol: str = "1e-10") -> bool:
    return actual is not None and abs(actual - expected) <= D(tol)


def zero_categories(**values: int | str) -> dict[CostCategory, D]:
    out = {c: D(0) for c in CostCategory}
    out.update({CostCategory(k): D(str(v)) for k, v in values.items()})
    return out


# --- Plan 1 "Nordby" -----------------------------------------------------------------------------------------


def nordby() -> Plan:
    sc = Scenario(
        name="Nybyg",
        gross_factor=D("1.5"),
        tenants=[
            Tenant("a", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(3), staff=D(1),
                   current_annual_rent=D(150000)),
            Tenant("b", "Fysioterapien", TenantKind.PHYSIOTHERAPIST, clinicians=D(1)),
            Tenant("c", "Hjemmeplejen", TenantKind.HOME_NURSING, current_annual_rent=D(0)),
        ],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(20), 2, tenant="a"),  # 40
            RoomLine(RoomType.TREATMENT, D(10), tenant="b"),  # 10
            RoomLine(RoomType.OFFICE, D(50), tenant="c"),  # 50
            RoomLine(RoomType.WAITING, D(30), shared=AREA),
            RoomLine(RoomType.STAFF_ROOM, D(20), shared=HEADCOUNT),
            RoomLine(RoomType.MEETING, D(15), shared=EQUAL),
            RoomLine(RoomType.OFFICE, D(40), shared=custom(a=50, b=25)),  # c not named; 25 % unallocated
            RoomLine(RoomType.STORAGE, D(5), 2, vacant=True),  # 10
        ],
        equipment=[
            EquipmentLine("ecg", D(30000), D(10), annual_service=D(3000), shared=EQUAL),
            EquipmentLine("spirometer", D(12000), D(6), quantity=2, annual_service=D(500), in_project=False,
                          tenant="a"),
            EquipmentLine("other", D(40000), D(8), annual_service=D(1000), in_project=False, shared=custom(b=60)),
        ],
        costs=[
            CostLine(CAT.CONSTRUCTION, per_m2=D(10000), spread={2024: D(40), 2025: D(60)}),
            CostLine(CAT.CONTINGENCY, percent=D(5), of=[CAT.CONSTRUCTION, CAT.CONSULTANCY]),
            CostLine(CAT.CONSULTANCY, percent=D(10), of=[CAT.CONSTRUCTION]),
            CostLine(CAT.FURNITURE, amount=D(100000), eligible=False, spread={2025: D(100)}),
        ],
        financing=[
            FinancingLine(SRC.GRANT, D(1919875)),
            FinancingLine(SRC.LOAN, D(1935000), interest_pct=D(0), years=20),
        ],
        running=Running(rates(utilities=100, cleaning=100), [
            Service("Fælles reception", D(100000), HEADCOUNT),
            Service("IT", D(50000), AREA),
        ]),
    )
    return Plan("Sundhedshus Nordby", [2024, 2025], scenarios=[sc])


def test_nordby_space() -> None:
    f = compute(nordby())
    # net = 40 + 10 + 50 + 30 + 20 + 15 + 40 + 10 = 215; gross = 215 × 1.5 = 322.5
    assert f.net_m2 == 215 and f.gross_m2 == D("322.5") and f.gross_factor == D("1.5")
    a, b, c = f.tenants
    assert [t.tenant_id for t in f.tenants] == ["a", "b", "c"]
    assert (a.dedicated_net_m2, b.dedicated_net_m2, c.dedicated_net_m2) == (40, 10, 50)
    # waiting 30 by area 40:10:50 → 12, 3, 15; staff room 20 by headcount 4:1:0 → 16, 4, 0;
    # meeting 15 equal → 5 each; office 40 custom a 50 %, b 25 % → 20, 10, 0 and 10 unallocated.
    # a = 40 + 12 + 16 + 5 + 20 = 93; b = 10 + 3 + 4 + 5 + 10 = 32; c = 50 + 15 + 0 + 5 + 0 = 70
    assert (a.allocated_net_m2, b.allocated_net_m2, c.allocated_net_m2) == (93, 32, 70)
    assert (a.allocated_gross_m2, b.allocated_gross_m2, c.allocated_gross_m2) == (D("139.5"), 48, 105)
    # vacant = storage 10 + office's unallocated 10 = 20 net, 30 gross
    assert f.vacant_net_m2 == 20 and f.vacant_gross_m2 == 30


def test_nordby_establishment() -> None:
    f = compute(nordby())
    lines = f.cost_lines
    assert [c.index for c in lines] == [0, 1, 2, 3]
    # construction 10.000 × 322,5 m² (gross, default) = 3.225.000; 40 % / 60 %
    assert lines[0].amount == 3225000 and lines[0].by_year == {2024: 1290000, 2025: 1935000}
    # consultancy 10 % × 3.225.000 = 322.500, evenly: 161.250 a year
    assert lines[2].amount == 322500 and lines[2].by_year == {2024: 161250, 2025: 161250}
    # contingency 5 % × (3.225.000 + 322.500) = 177.375, evenly: 88.687,5 (listed before consultancy)
    assert lines[1].amount == 177375 and lines[1].by_year == {2024: D("88687.5"), 2025: D("88687.5")}
    assert lines[3].amount == 100000 and not lines[3].eligible and lines[3].by_year == {2025: 100000}
    assert all(not c.in_cycle and not c.ignored for c in lines)
    # No equipment cost line: the ECG (30.000, bought in the project) is eligible and spread evenly.
    assert f.equipment_in_project == 30000 and f.equipment_eligible
    assert f.equipment_by_year == {2024: 15000, 2025: 15000}
    assert f.by_category == zero_categories(construction=3225000, consultancy=322500, contingency=177375,
                                            furniture=100000, equipment=30000)
    assert f.eligible_by_category == zero_categories(construction=3225000, consultancy=322500,
                                                     contingency=177375, equipment=30000)
    # total = 3.225.000 + 322.500 + 177.375 + 100.000 + 30.000 = 3.854.875; eligible = total − 100.000
    assert f.establishment_total == 3854875 and f.eligible_total == 3754875 and f.non_eligible_total == 100000
    # 2024: 1.290.000 + 88.687,5 + 161.250 + 15.000 = 1.554.937,5
    # 2025: 1.935.000 + 88.687,5 + 161.250 + 100.000 + 15.000 = 2.299.937,5
    assert f.by_year == {2024: D("1554937.5"), 2025: D("2299937.5")}
    assert f.years == [2024, 2025]
    assert f.by_category_year[CAT.CONTINGENCY] == {2024: D("88687.5"), 2025: D("88687.5")}
    assert f.by_category_year[CAT.FURNITURE] == {2024: 0, 2025: 100000}
    assert f.by_category_year[CAT.IT] == {2024: 0, 2025: 0}
    assert f.cycle_lines == [] and f.ignored_equipment_lines == []


def test_nordby_financing_and_rent() -> None:
    f = compute(nordby())
    # 1.919.875 + 1.935.000 = 3.854.875 = the establishment total
    assert f.financing_total == 3854875 and f.financing_difference == 0 and f.grant == 1919875
    assert f.grant_share == D(1919875) / D(3754875)  # grant / eligible total
    assert f.financing_by_source[SRC.LOAN] == 1935000 and f.financing_by_source[SRC.OWN_REGION] == 0
    # 0 % loan: 1.935.000 / 20 = 96.750 a year
    assert [x.annuity for x in f.financing_lines] == [0, 96750]
    assert f.capital_cost == 96750
    # running 100 + 100 = 200 kr./m² × 322,5 = 64.500; building 161.250; rate 161.250 / 322,5 = 500
    assert f.running_rates_total == 200 and f.running_cost == 64500 and f.building_cost == 161250
    assert f.rent_per_gross_m2 == 500
    # Without grant, on the loan's terms (0 %, 20 years): 1.919.875 / 20 = 95.993,75
    assert f.grant_loan_terms == (D(0), 20)
    assert f.capital_cost_without_grant == D("192743.75")
    assert f.rent_per_gross_m2_without_grant == (D("192743.75") + 64500) / D("322.5")
    # equipment: ECG 3.000 (service; bought in the project); spirometers 2 × (500 + 12.000/6) = 5.000;
    # analyser 1.000 + 40.000/8 = 6.000
    assert [(e.investment, e.annual_cost) for e in f.equipment_lines] == [
        (30000, 3000), (24000, 5000), (40000, 6000)]
    assert f.equipment_annual_total == 14000 and f.services_total == 150000
    # 161.250 + 14.000 + 150.000 = 325.250
    assert f.annual_cost_total == 325250


def test_nordby_tenants() -> None:
    f = compute(nordby())
    a, b, c = f.tenants
    # space rent = allocated gross × 500
    assert (a.space_rent, b.space_rent, c.space_rent) == (69750, 24000, 52500)
    # equipment: ECG 1.000 each; a + 5.000 spirometers; b + 60 % × 6.000 = 3.600 (40 % = 2.400 unallocated)
    assert (a.equipment_share, b.equipment_share, c.equipment_share) == (6000, 4600, 1000)
    # services: reception by headcount 4:1:0 → 80.000, 20.000, 0; IT by area 40:10:50 → 20.000, 5.000, 25.000
    assert (a.services_share, b.services_share, c.services_share) == (100000, 25000, 25000)
    assert (a.total, b.total, c.total) == (175750, 53600, 78500)
    # vacancy = 30 m² × 500 + 2.400 = 17.400; 175.750 + 53.600 + 78.500 + 17.400 = 325.250
    assert f.vacancy_cost == 17400
    assert a.per_month == D(175750) / 12 and b.per_month == D(53600) / 12
    assert a.per_gross_m2 == D(175750) / D("139.5") and c.per_gross_m2 == D(78500) / 105
    assert a.per_clinician == D(175750) / 3 and b.per_clinician == 53600 and c.per_clinician is None
    assert a.clinicians == 3 and c.clinicians == 0
    # a: 175.750 − 150.000 = 25.750, 25.750 / 150.000; b: no current rent; c: current rent 0
    assert a.current_annual_rent == 150000 and a.change == 25750 and a.change_pct == D(25750) / 150000
    assert b.current_annual_rent is None and b.change is None and b.change_pct is None
    assert c.change == 78500 and c.change_pct is None


# --- Plan 2 "Sydby" ------------------------------------------------------------------------------------------

A_LOAN = D("21710.368418317046675346154463863")  # 400.000 × 0,025 / (1 − 1,025^−25)
A_OWN = D("7474.3214904170032250069898398646")  # 146.500 × 0,03 / (1 − 1,03^−30)
A_GRANT = D("27137.960522896308344182693079829")  # 500.000 × 0,025 / (1 − 1,025^−25)


def sydby() -> Plan:
    sc = Scenario(
        name="Ombygning",
        gross_factor=D("1.25"),
        tenants=[
            Tenant("g", "Lægerne i Sydby", TenantKind.GP_PRACTICE, clinicians=D(2), staff=D(1),
                   current_annual_rent=D(50000)),
            Tenant("p", "Sydby Fysioterapi", TenantKind.PHYSIOTHERAPIST, clinicians=D(1)),
        ],
        rooms=[
            RoomLine(RoomType.WAITING, D(40), shared=AREA),  # no dedicated rooms: every weight 0 → equal
            RoomLine(RoomType.CONSULTATION, D(12), 2, shared=custom(g=70, p=40)),  # 110 %
        ],
        equipment=[
            EquipmentLine("ecg", D(25000), D(5), quantity=2, annual_service=D(1000), shared=HEADCOUNT),
            EquipmentLine("other", D(9000), D(3), in_project=False, tenant="p"),
        ],
        costs=[
            CostLine(CAT.CONSTRUCTION, amount=D(1000000), spread={2019: D(10), 2020: D(40), 2021: D(50)}),
            CostLine(CAT.CONSULTANCY, percent=D(10), of=[CAT.CONSTRUCTION, CAT.CONTINGENCY]),
            CostLine(CAT.CONTINGENCY, percent=D(10), of=[CAT.CONSULTANCY]),
            CostLine(CAT.IT, percent=D(15), of=[CAT.CONSULTANCY, CAT.EQUIPMENT]),
            CostLine(CAT.EQUIPMENT, eligible=False, spread={2021: D(100)}),
            CostLine(CAT.EQUIPMENT, text="igen"),
            CostLine(CAT.EQUIPMENT, text="Installation", amount=D(30000)),
            CostLine(CAT.OTHER, amount=D(3000)),
            CostLine(CAT.OTHER, percent=D(50), of=[CAT.OTHER]),
        ],
        financing=[
            FinancingLine(SRC.GRANT, D(500000)),
            FinancingLine(SRC.LOAN, D(400000), interest_pct=D("2.5"), years=25),
            FinancingLine(SRC.OWN_MUNICIPALITY, D(146500), repaid_by_rent=True, interest_pct=D(3), years=30),
            FinancingLine(SRC.OTHER_GRANT, D(50000)),
        ],
        running=Running(rates(maintenance=100), [
            Service("Reception", D(12000), custom(g=50)),
            Service("IT", D(6000), EQUAL),
        ]),
    )
    return Plan("Sundhedshus Sydby", [2020, 2021, 2022], scenarios=[sc])


def test_sydby_space() -> None:
    f = compute(sydby())
    g, p = f.tenants
    # net = 40 + 2 × 12 = 64, gross × 1,25 = 80
    assert f.net_m2 == 64 and f.gross_m2 == 80
    assert g.dedicated_net_m2 == 0 and p.dedicated_net_m2 == 0
    # waiting 40 equal (area weights all 0) → 20 each; consultation 24 × 70 % = 16,8 and × 40 % = 9,6
    assert g.allocated_net_m2 == D("36.8") and p.allocated_net_m2 == D("29.6")
    assert g.allocated_gross_m2 == 46 and p.allocated_gross_m2 == 37
    # 110 % given: −10 % × 24 = −2,4 m² vacant (−3 gross)
    assert f.vacant_net_m2 == D("-2.4") and f.vacant_gross_m2 == -3


def test_sydby_establishment() -> None:
    f = compute(sydby())
    lines = f.cost_lines
    assert lines[0].amount == 1000000
    assert lines[0].by_year == {2019: 100000, 2020: 400000, 2021: 500000}  # 2019 is outside the plan: kept
    # consultancy ↔ contingency name each other: a cycle, both 0 kr.
    assert f.cycle_lines == [1, 2] and lines[1].in_cycle and lines[2].in_cycle
    assert lines[1].amount == 0 and lines[2].amount == 0
    assert lines[1].by_year == {2020: 0, 2021: 0, 2022: 0}
    # it = 15 % × (consultancy 0 (in the cycle) + equipment 50.000 + installation 30.000) = 12.000; 4.000 a year
    assert lines[3].amount == 12000 and not lines[3].in_cycle
    assert lines[3].by_year == {2020: 4000, 2021: 4000, 2022: 4000}
    # the first basis-free equipment line carries the equipment: 2 × 25.000 = 50.000, not eligible, all in 2021
    assert lines[4].amount == 50000 and not lines[4].eligible and lines[4].by_year == {2021: 50000}
    assert not lines[4].ignored
    # the second is ignored: 0 kr.
    assert f.ignored_equipment_lines == [5] and lines[5].ignored and lines[5].amount == 0
    assert lines[6].amount == 30000 and lines[6].by_year == {2020: 10000, 2021: 10000, 2022: 10000}
    assert lines[7].amount == 3000
    # 50 % of "other" takes the OTHER line of its category only: 50 % × 3.000 = 1.500
    assert lines[8].amount == 1500 and lines[8].by_year == {2020: 500, 2021: 500, 2022: 500}
    assert f.equipment_in_project == 50000 and not f.equipment_eligible
    assert f.equipment_by_year == {2021: 50000}
    # equipment = 50.000 + 30.000 = 80.000; other = 3.000 + 1.500 = 4.500
    assert f.by_category == zero_categories(construction=1000000, it=12000, equipment=80000, other=4500)
    assert f.eligible_by_category == zero_categories(construction=1000000, it=12000, equipment=30000, other=4500)
    # total 1.096.500; eligible 1.046.500; not eligible 50.000 (the equipment itself)
    assert f.establishment_total == 1096500 and f.eligible_total == 1046500 and f.non_eligible_total == 50000
    # 2019: 100.000; 2020: 400.000 + 4.000 + 10.000 + 1.000 + 500 = 415.500;
    # 2021: 500.000 + 4.000 + 50.000 + 10.000 + 1.000 + 500 = 565.500; 2022: 4.000 + 10.000 + 1.000 + 500 = 15.500
    assert f.by_year == {2019: 100000, 2020: 415500, 2021: 565500, 2022: 15500}
    assert list(f.by_year) == [2019, 2020, 2021, 2022]
    assert f.by_category_year[CAT.EQUIPMENT] == {2019: 0, 2020: 10000, 2021: 60000, 2022: 10000}


def test_sydby_financing_and_rent() -> None:
    f = compute(sydby())
    # 500.000 + 400.000 + 146.500 + 50.000 = 1.096.500
    assert f.financing_total == 1096500 and f.financing_difference == 0
    assert f.grant == 500000  # other_grant is not the grant
    assert f.grant_share == D(500000) / D(1046500)
    assert f.financing_by_source == {SRC.GRANT: 500000, SRC.OWN_MUNICIPALITY: 146500, SRC.OWN_REGION: 0,
                                     SRC.OWN_PRACTICE: 0, SRC.LOAN: 400000, SRC.OTHER_GRANT: 50000}
    annuities = [x.annuity for x in f.financing_lines]
    assert annuities[0] == 0 and annuities[3] == 0
    assert approx(annuities[1], A_LOAN) and approx(annuities[2], A_OWN)
    capital = A_LOAN + A_OWN
    assert approx(f.capital_cost, capital)
    # running 100 × 80 = 8.000
    assert f.running_cost == 8000
    assert approx(f.building_cost, capital + 8000)
    rate = (capital + 8000) / 80
    assert approx(f.rent_per_gross_m2, rate)
    # the grant as if borrowed on the first loan's terms: 2,5 %, 25 years
    assert f.grant_loan_terms == (D("2.5"), 25)
    assert approx(f.capital_cost_without_grant, capital + A_GRANT)
    assert approx(f.rent_per_gross_m2_without_grant, (capital + A_GRANT + 8000) / 80)
    # equipment: 2 × 1.000 service = 2.000 (bought in the project); 9.000 / 3 = 3.000 (bought by p)
    assert [(e.investment, e.annual_cost) for e in f.equipment_lines] == [(50000, 2000), (9000, 3000)]
    # annual = building + 5.000 + 18.000
    assert approx(f.annual_cost_total, capital + 8000 + 5000 + 18000)

    g, p = f.tenants
    assert approx(g.space_rent, 46 * rate) and approx(p.space_rent, 37 * rate)
    # ECG 2.000 by headcount 3:1 → 1.500 / 500; p's own 3.000
    assert g.equipment_share == 1500 and p.equipment_share == 3500
    # reception 12.000 custom g 50 % → 6.000 (6.000 unallocated); IT 6.000 equal → 3.000 each
    assert g.services_share == 9000 and p.services_share == 3000
    assert approx(g.total, 46 * rate + 10500) and approx(p.total, 37 * rate + 6500)
    # vacancy = −3 m² × rate + 6.000
    assert approx(f.vacancy_cost, -3 * rate + 6000)
    assert approx(g.per_month, (46 * rate + 10500) / 12)
    assert approx(g.per_gross_m2, (46 * rate + 10500) / 46) and approx(g.per_clinician, (46 * rate + 10500) / 2)
    assert approx(g.change, 46 * rate + 10500 - 50000)
    assert approx(g.change_pct, (46 * rate + 10500 - 50000) / 50000, "1e-15")


# --- Plan 3 "Vestby": no tenants -----------------------------------------------------------------------------

A_GRANT_DEFAULT = D("5101.9259320252581740662046688")  # 100.000 × 0,03 / (1 − 1,03^−30)


def vestby() -> Plan:
    sc = Scenario(
        name="Modernisering",
        gross_factor=D("1.4"),
        rooms=[
            RoomLine(RoomType.WAITING, D(50), shared=custom()),
            RoomLine(RoomType.OFFICE, D(50), vacant=True),
        ],
        equipment=[EquipmentLine("ecg", D(10000), D(5), annual_service=D(700), shared=AREA)],
        costs=[
            CostLine(CAT.CONSTRUCTION, per_m2=D(2000), m2=D(100), spread={2019: D(50), 2020: D(50)}),
            CostLine(CAT.ACQUISITION, amount=D(60000), eligible=True, spread={2019: D(80)}),
        ],
        financing=[
            FinancingLine(SRC.GRANT, D(100000)),
            FinancingLine(SRC.OWN_PRACTICE, D(170000), interest_pct=D(4), years=10),  # not repaid by rent
        ],
        running=Running(rates(cleaning=50), [Service("Reception", D(20000), HEADCOUNT)]),
    )
    return Plan("Sundhedshus Vestby", [2019], scenarios=[sc])


def test_vestby_without_tenants() -> None:
    f = compute(vestby())
    assert f.tenants == []
    # net 100, gross 140; with no tenants the shared waiting room is vacant too
    assert f.net_m2 == 100 and f.gross_m2 == 140 and f.vacant_net_m2 == 100 and f.vacant_gross_m2 == 140
    # construction 2.000 × 100 m² (given, not the gross area) = 200.000, half in 2020 (outside the plan)
    assert f.cost_lines[0].amount == 200000 and f.cost_lines[0].by_year == {2019: 100000, 2020: 100000}
    # 80 % of 60.000 = 48.000: not rescaled
    assert f.cost_lines[1].by_year == {2019: 48000}
    assert f.by_category == zero_categories(construction=200000, acquisition=60000, equipment=10000)
    assert f.establishment_total == 270000 and f.eligible_total == 270000
    # 2019: 100.000 + 48.000 + 10.000 = 158.000; 2020: 100.000 (the 12.000 not spread is in no year)
    assert f.by_year == {2019: 158000, 2020: 100000}
    # own money not repaid: no capital cost; no loan: the grant is "borrowed" at 3 %, 30 years
    assert f.capital_cost == 0 and f.financing_lines[1].annuity == 0
    assert f.grant_loan_terms == (D(3), 30)
    assert approx(f.capital_cost_without_grant, A_GRANT_DEFAULT)
    assert f.grant_share == D(100000) / D(270000)
    # running 50 × 140 = 7.000 = building cost; rate 50
    assert f.building_cost == 7000 and f.rent_per_gross_m2 == 50
    assert approx(f.rent_per_gross_m2_without_grant, (A_GRANT_DEFAULT + 7000) / 140)
    # everything is the owner's: 7.000 + 700 (ECG service) + 20.000
    assert f.equipment_annual_total == 700 and f.services_total == 20000
    assert f.annual_cost_total == 27700 and f.vacancy_cost == 27700


# --- Plan 4 "Østby": no rooms --------------------------------------------------------------------------------


def ostby() -> Plan:
    tenants = [Tenant("x", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(1)),
               Tenant("y", "Jordemoder", TenantKind.MIDWIFE)]
    first = Scenario(
        name="Første",
        tenants=tenants,
        equipment=[EquipmentLine("other", D(1000), D(4), in_project=False, shared=AREA)],
        costs=[CostLine(CAT.CONSTRUCTION, amount=D(100000)), CostLine(CAT.OTHER, per_m2=D(500))],
        financing=[FinancingLine(SRC.LOAN, D(100000), years=10)],
        running=Running(rates(utilities=100)),
    )
    second = Scenario(name="Anden", tenants=[Tenant("x", "Lægerne", TenantKind.GP_PRACTICE)])
    return Plan("Sundhedshus Østby", [2030, 2031], scenarios=[first, second], applied_scenario="Anden")


def test_ostby_without_rooms() -> None:
    f = compute(ostby(), "Første")
    assert f.scenario == "Første" and f.net_m2 == 0 and f.gross_m2 == 0
    # per m² of a gross area of 0 = 0; construction 100.000 evenly: 50.000 a year
    assert f.cost_lines[1].amount == 0 and f.by_year == {2030: 50000, 2031: 50000}
    # 0 % loan: 100.000 / 10 = 10.000; running 100 × 0 m² = 0; the rate is 0 without any area
    assert f.capital_cost == 10000 and f.building_cost == 10000 and f.running_cost == 0
    assert f.rent_per_gross_m2 == 0 and f.rent_per_gross_m2_without_grant == 0
    # 1.000 / 4 = 250 a year, area key with no area → equal: 125 each
    x, y = f.tenants
    assert x.equipment_share == 125 and y.equipment_share == 125 and x.total == 125 and y.total == 125
    assert x.per_gross_m2 is None and x.per_clinician == 125 and y.per_clinician is None
    # the building cost is the owner's: 10.250 − 250 = 10.000
    assert f.annual_cost_total == 10250 and f.vacancy_cost == 10000


def test_scenario_selection() -> None:
    plan = ostby()
    assert compute(plan).scenario == "Anden"  # the one applied for
    assert compute(plan, plan.scenarios[0]).scenario == "Første"
    plan.applied_scenario = None
    assert compute(plan).scenario == "Første"  # else the first
    with pytest.raises(PlanError) as info:
        compute(plan, "Tredje")
    assert "Tredje" in info.value.message and isinstance(info.value, KeyError)
    with pytest.raises(PlanError):
        compute(Plan("Tom", [2020]))
