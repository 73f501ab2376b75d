"""A small plan whose what-if, balance and goal-seek figures are worked out by hand in the tests.

"Småby", scenario "Nybyg", plan year 2027:
- Tenants: A "Lægerne" (3 clinicians + 1 staff, today 100.000 kr. a year), B "Fysioterapien" (1 clinician,
  today 50.000 kr.).
- Rooms: A 100 m², B 50 m² dedicated; one shared room of 50 m² (area key: A 2/3, B 1/3; headcount 4:1; equal).
  Net 200 m², gross factor 1,5 → gross 300 m². Allocated gross: A 200 m², B 100 m².
- Costs: construction 20.000 kr./m² × 300 = 6.000.000; consultancy 10 % of construction = 600.000; total
  6.600.000 kr.
- Financing: grant 1.500.000; loan 5.100.000 at 0 % over 20 years → annuity 255.000 kr. a year. Balanced.
- Running: utilities 150 kr./m² × 300 = 45.000. Building cost 300.000 → rent rate 1.000 kr./m².
- One service, reception 24.000 kr. a year, equal key: 12.000 each.
- A pays 200.000 + 12.000 = 212.000 kr. a year; B 100.000 + 12.000 = 112.000 kr.
"""

from __future__ import annotations

from decimal import Decimal as D

from planners.model import (
    Allocation,
    AllocationKey,
    CostCategory,
    CostLine,
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


def smaaby(grant: int = 1_500_000, loan: int = 5_100_000, interest: str = "0", years: int = 20) -> Plan:
    rates = {r: D(0) for r in RunningRate}
    rates[RunningRate.UTILITIES] = D(150)
    scenario = Scenario(
        name="Nybyg",
        gross_factor=D("1.5"),
        tenants=[
            Tenant("a", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(3), staff=D(1),
                   current_annual_rent=D(100_000)),
            Tenant("b", "Fysioterapien", TenantKind.PHYSIOTHERAPIST, clinicians=D(1),
                   current_annual_rent=D(50_000)),
        ],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(100), tenant="a"),
            RoomLine(RoomType.TREATMENT, D(50), tenant="b"),
            RoomLine(RoomType.WAITING, D(50), shared=Allocation(AllocationKey.AREA)),
        ],
        costs=[
            CostLine(CostCategory.CONSTRUCTION, "Byggeri", per_m2=D(20_000)),
            CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(10), of=[CostCategory.CONSTRUCTION]),
        ],
        financing=[
            FinancingLine(FinancingSource.GRANT, D(grant), "Pulje"),
            FinancingLine(FinancingSource.LOAN, D(loan), "Lån", interest_pct=D(interest), years=years),
        ],
        running=Running(per_gross_m2=rates, services=[Service("Reception", D(24_000),
                                                              Allocation(AllocationKey.EQUAL))]),
    )
    return Plan(title="Småby", years=[2027], scenarios=[scenario])
