"""Benchmark of the budget engine (engine issue, point 8).

Builds a large synthetic plan in code: 10 scenarios, each of 60 tenants, 600 room lines, 150 equipment lines and
40 cost lines (×4 and ×16 for the growth check; the tenants stay 60), and prints the median time of
`planners.figures.engine.compute()` for one scenario, plus the checks (`planners.checks.findings.run_checks`) and, where
`planners.store.planfile` exists, writing the plan to a file and opening it again before computing.

Target: compute ≤ 20 ms at 1× on a 2-core machine, and time growing linearly with the lines.

    .venv/bin/python bench/bench_engine.py [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

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

KEYS = [AllocationKey.AREA, AllocationKey.HEADCOUNT, AllocationKey.EQUAL, AllocationKey.CUSTOM]
CATEGORIES = [CostCategory.CONSTRUCTION, CostCategory.CONSULTANCY, CostCategory.IT, CostCategory.CONTINGENCY,
              CostCategory.FURNITURE, CostCategory.OTHER, CostCategory.ACQUISITION]


def _allocation(i: int, ids: list[str]) -> Allocation:
    key = KEYS[i % len(KEYS)]
    if key is not AllocationKey.CUSTOM:
        return Allocation(key)
    # A few different custom maps, some summing to 100, some not.
    a, b, c = ids[i % len(ids)], ids[(i + 7) % len(ids)], ids[(i + 13) % len(ids)]
    return Allocation(key, {a: Decimal(50), b: Decimal("30.5"), c: Decimal(10 + i % 20)})


def build_scenario(name: str, scale: int = 1, tenants: int = 60) -> Scenario:
    ids = [f"t{k}" for k in range(tenants)]
    sc = Scenario(name=name, gross_factor=Decimal("1.35"))
    sc.tenants = [
        Tenant(id=tid, name=f"Lejer {k}", kind=TenantKind.GP_PRACTICE if k % 5 == 0 else TenantKind.OTHER,
               clinicians=Decimal(k % 4), staff=Decimal(k % 3) / 2,
               current_annual_rent=Decimal(100000 + 1000 * k) if k % 2 else None)
        for k, tid in enumerate(ids)
    ]
    rooms = []
    for i in range(600 * scale):
        net = Decimal(8 + i % 30) + Decimal(i % 10) / 10
        if i % 10 < 6:
            rooms.append(RoomLine(RoomType.CONSULTATION, net, 1 + i % 3, tenant=ids[i % tenants]))
        elif i % 10 < 9:
            rooms.append(RoomLine(RoomType.WAITING, net, shared=_allocation(i, ids)))
        else:
            rooms.append(RoomLine(RoomType.OFFICE, net, vacant=True))
    sc.rooms = rooms
    equipment = []
    for i in range(150 * scale):
        line = EquipmentLine(item="other", unit_price=Decimal(5000 + 137 * i), lifetime_years=Decimal(3 + i % 9),
                             quantity=1 + i % 2, annual_service=Decimal(i % 7) * 250, in_project=i % 3 != 0)
        if i % 2:
            line.tenant = ids[i % tenants]
        else:
            line.shared = _allocation(i, ids)
        equipment.append(line)
    sc.equipment = equipment
    costs = [CostLine(CostCategory.EQUIPMENT, eligible=True, spread={2024: Decimal(40), 2025: Decimal(60)})]
    for i in range(40 * scale - 1):
        cat = CATEGORIES[i % len(CATEGORIES)]
        if i % 4 == 0:
            line = CostLine(cat, per_m2=Decimal(9000 + i))
        elif i % 4 == 1:
            # Percent of categories whose lines come earlier in CATEGORIES: no cycle, but chains of percent lines.
            of = [CATEGORIES[j] for j in range(CATEGORIES.index(cat))][:3] or [CostCategory.CONSTRUCTION]
            line = CostLine(cat, percent=Decimal(5 + i % 7), of=of)
        else:
            line = CostLine(cat, amount=Decimal(100000 + 1000 * i),
                            spread={2024: Decimal(30), 2025: Decimal(30), 2026: Decimal(40)})
        costs.append(line)
    sc.costs = costs
    sc.financing = [
        FinancingLine(FinancingSource.GRANT, Decimal(20_000_000)),
        FinancingLine(FinancingSource.LOAN, Decimal(30_000_000), interest_pct=Decimal("2.5"), years=25),
        FinancingLine(FinancingSource.OWN_MUNICIPALITY, Decimal(5_000_000), repaid_by_rent=True,
                      interest_pct=Decimal(3), years=30),
    ]
    sc.running = Running(
        per_gross_m2={r: Decimal(50 + 10 * k) for k, r in enumerate(RunningRate)},
        services=[Service(f"Service {k}", Decimal(50000 + k * 1000), _allocation(k, ids)) for k in range(12)],
    )
    return sc


def build_plan(scale: int = 1, scenarios: int = 10) -> Plan:
    plan = Plan(title="Benchmark", years=[2024, 2025, 2026])
    plan.scenarios = [build_scenario(f"Scenarie {k + 1}", scale) for k in range(scenarios)]
    plan.applied_scenario = plan.scenarios[0].name
    return plan


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _optional(module: str, name: str) -> Callable | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    run_checks = _optional("planners.checks.findings", "run_checks")
    create_plan_file = _optional("planners.store.planfile", "create_plan_file")
    read_plan = _optional("planners.store.planfile", "read_plan")

    print(f"{'scale':>5} {'rooms':>6} {'equip':>6} {'costs':>6} {'compute ms':>11} {'+checks ms':>11} "
          f"{'open+compute ms':>16}")
    base = None
    for scale in (1, 4, 16):
        plan = build_plan(scale)
        sc = plan.scenarios[0]
        t_compute = median_ms(lambda plan=plan: compute(plan), args.repeat)
        base = base or t_compute
        t_checks = "–"
        if run_checks is not None:
            def with_checks(plan=plan, sc=sc):
                try:
                    return run_checks(plan, sc, compute(plan, sc))
                except NotImplementedError:
                    return None
            t_checks = f"{median_ms(with_checks, args.repeat):.1f}"
        t_open = "–"
        if create_plan_file is not None and read_plan is not None:
            try:
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / "bench.sundhedshus"
                    create_plan_file(path, plan)
                    t_open = f"{median_ms(lambda path=path: compute(read_plan(path)), max(3, args.repeat // 4)):.1f}"
            except (NotImplementedError, TypeError) as exc:  # a stub, or another signature
                t_open = f"n/a ({type(exc).__name__})"
        print(f"{scale:>4}× {len(sc.rooms):>6} {len(sc.equipment):>6} {len(sc.costs):>6} {t_compute:>11.2f} "
              f"{t_checks:>11} {t_open:>16}   (×{t_compute / base:.1f})")


if __name__ == "__main__":
    main()
