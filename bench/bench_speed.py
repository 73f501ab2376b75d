"""Issue 19 (core and command line): the engine against a naive float pass, and `summary` against the import
floor — each figure a ratio against its anchor measured in the same run, interleaved, medians, CPU and wall.

    python bench/bench_speed.py [--rounds 9] [--only engine|summary]

Engine: one scenario of the large plan (`bench_engine.build_scenario`: 60 tenants, 600 rooms, 150 equipment lines,
40 cost lines) at 1×, 10× (XL) and 64× its lines. Anchor: `float_pass`, the same figures in binary floats,
written plainly (one pass over the lines, a split per key, the tenants' totals) — what any program must at
least do. Each round times, for each scale, the float pass and then the engine (CPU: `time.process_time`; wall:
`time.perf_counter`); the ratio is of the medians. The exponent is log(t64 / t10) / log(6.4) (and from 1×).

Summary: `sundhedshus summary` of the large plan (and of the XL plan: 10 scenarios of 10× the lines), a fresh
interpreter each, against `python -c "import sqlite3, decimal, json"`, run alternately; CPU = user + sys of the
child (`resource.getrusage(RUSAGE_CHILDREN)`). Byte-compiled first, PYTHONDONTWRITEBYTECODE unset (PLATFORM.md).
Set PYTHONPATH to the tree to measure.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import build_plan, build_scenario  # noqa: E402
from child_runs import print_ratio_table, run_child  # noqa: E402

from planners.figures.engine import compute  # noqa: E402
from planners.model import AllocationKey, Plan, Scenario  # noqa: E402

SCALES = (1, 10, 64)


def float_pass(plan: Plan, sc: Scenario) -> dict[str, object]:
    """The scenario's main figures in floats: areas, keys, equipment, services, the budget, rent per tenant."""
    index = {t.id: i for i, t in enumerate(sc.tenants)}
    n = len(index)

    def split(pot: dict, custom: dict, shares: dict) -> tuple[list[float], float]:
        parts = [0.0] * n
        for key, amount in pot.items():
            w = shares[key]
            for i in range(n):
                parts[i] += amount * w[i]
        rest = 0.0
        for items, amount in custom.items():
            given = 0.0
            for tid, pct in items:
                if tid in index:
                    parts[index[tid]] += amount * float(pct) / 100
                    given += float(pct)
            rest += amount * (100 - given) / 100
        return parts, rest

    dedicated = [0.0] * n
    net = vacant = 0.0
    pot: dict = {}
    custom: dict = {}
    for room in sc.rooms:
        a = room.count * float(room.net_m2)
        net += a
        if room.shared is not None:
            if room.shared.key is AllocationKey.CUSTOM:
                k = tuple(room.shared.shares.items())
                custom[k] = custom.get(k, 0.0) + a
            else:
                pot[room.shared.key] = pot.get(room.shared.key, 0.0) + a
        elif room.tenant in index:
            dedicated[index[room.tenant]] += a
        else:
            vacant += a
    total_ded = sum(dedicated)
    heads = [float(t.clinicians) + float(t.staff) for t in sc.tenants]
    total_heads = sum(heads)
    shares = {
        AllocationKey.AREA: [d / total_ded if total_ded else 1 / n for d in dedicated],
        AllocationKey.HEADCOUNT: [h / total_heads if total_heads else 1 / n for h in heads],
        AllocationKey.EQUAL: [1 / n] * n,
    }
    parts, rest = split(pot, custom, shares)
    allocated = [d + p for d, p in zip(dedicated, parts, strict=True)]
    factor = float(sc.gross_factor)
    gross = net * factor

    eq_parts = [0.0] * n
    pot, custom = {}, {}
    in_project = eq_total = 0.0
    eq_lines = []
    for line in sc.equipment:
        inv = line.quantity * float(line.unit_price)
        cost = line.quantity * float(line.annual_service)
        if line.in_project:
            in_project += inv
        else:
            cost += inv / float(line.lifetime_years)
        eq_lines.append((inv, cost))
        eq_total += cost
        if line.shared is not None:
            if line.shared.key is AllocationKey.CUSTOM:
                k = tuple(line.shared.shares.items())
                custom[k] = custom.get(k, 0.0) + cost
            else:
                pot[line.shared.key] = pot.get(line.shared.key, 0.0) + cost
        elif line.tenant in index:
            eq_parts[index[line.tenant]] += cost
    shared, _ = split(pot, custom, shares)
    eq_parts = [a + b for a, b in zip(eq_parts, shared, strict=True)]
    pot, custom = {}, {}
    sv_total = 0.0
    for service in sc.running.services:
        a = float(service.annual)
        sv_total += a
        if service.shared.key is AllocationKey.CUSTOM:
            k = tuple(service.shared.shares.items())
            custom[k] = custom.get(k, 0.0) + a
        else:
            pot[service.shared.key] = pot.get(service.shared.key, 0.0) + a
    sv_parts, _ = split(pot, custom, shares)

    years = plan.years
    by_cat: dict = {}
    by_year = dict.fromkeys(years, 0.0)
    amounts = []
    for cl in sc.costs:  # percent lines of earlier lines' categories, in list order (no cycles here)
        if cl.amount is not None:
            a = float(cl.amount)
        elif cl.per_m2 is not None:
            a = float(cl.per_m2) * (float(cl.m2) if cl.m2 is not None else gross)
        elif cl.percent is not None:
            a = float(cl.percent) * sum(by_cat.get(c, 0.0) for c in cl.of) / 100
        else:
            a = in_project
        amounts.append(a)
        by_cat[cl.category] = by_cat.get(cl.category, 0.0) + a
        if cl.spread:
            for y, pct in cl.spread.items():
                by_year[y] = by_year.get(y, 0.0) + a * float(pct) / 100
        else:
            for y in years:
                by_year[y] += a / len(years)
    capital = 0.0
    for f in sc.financing:
        if f.is_repaid and f.years:
            r = float(f.interest_pct) / 100
            capital += float(f.amount) * r / (1 - (1 + r) ** -f.years) if r else float(f.amount) / f.years
    running = sum(float(v) for v in sc.running.per_gross_m2.values()) * gross
    rate = (capital + running) / gross if gross else 0.0
    tenants = []
    for i, t in enumerate(sc.tenants):
        g = allocated[i] * factor
        total = g * rate + eq_parts[i] + sv_parts[i]
        tenants.append((g, total, total / 12, total / g if g else None,
                        total / float(t.clinicians) if t.clinicians else None))
    return {"gross": gross, "vacant": vacant + rest, "tenants": tenants, "equipment": eq_lines,
            "by_category": by_cat, "by_year": by_year, "amounts": amounts, "total": sum(by_cat.values())}


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    c, w = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c, time.perf_counter() - w


def bench_engine(rounds: int) -> None:
    plans = {}
    for scale in SCALES:
        plan = Plan(title="Benchmark", years=[2024, 2025, 2026], scenarios=[build_scenario("Scenarie 1", scale)])
        plans[scale] = plan
        float_pass(plan, plan.scenarios[0])
        compute(plan)  # warm up: imports, caches
    times: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for _ in range(rounds):
        for scale, plan in plans.items():
            sc = plan.scenarios[0]
            times.setdefault(("float", scale), []).append(_timed(partial(float_pass, plan, sc)))
            times.setdefault(("engine", scale), []).append(_timed(partial(compute, plan, sc)))

    def med(what: str, scale: int, k: int) -> float:
        return statistics.median(t[k] for t in times[(what, scale)]) * 1000

    print(f"Engine vs naive float pass, medians of {rounds} interleaved rounds (ms)\n")
    print("| scale | rooms | float CPU | engine CPU | ratio CPU | float wall | engine wall | ratio wall |")
    print("|---|---|---|---|---|---|---|---|")
    for scale in SCALES:
        fc, ec, fw, ew = med("float", scale, 0), med("engine", scale, 0), med("float", scale, 1), med("engine", scale, 1)
        print(f"| {scale}× | {len(plans[scale].scenarios[0].rooms)} | {fc:.2f} | {ec:.2f} | {ec / fc:.2f} | "
              f"{fw:.2f} | {ew:.2f} | {ew / fw:.2f} |")
    for what in ("float", "engine"):
        e10 = math.log(med(what, 64, 0) / med(what, 10, 0)) / math.log(6.4)
        e1 = math.log(med(what, 64, 0) / med(what, 1, 0)) / math.log(64)
        print(f"\n{what}: exponent (CPU) 10×→64× {e10:.3f}, 1×→64× {e1:.3f}", end="")
    print("\n")


def _child_cpu(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    run = run_child(cmd, env, cwd)
    return run.cpu, run.wall


def bench_summary(rounds: int) -> None:
    import planners
    from planners.store.planfile import create_plan_file

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    root = Path(planners.__file__).resolve().parent.parent  # the tree measured (PYTHONPATH), byte-compiled
    subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop"], cwd=root, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for label, scale in (("large", 1), ("XL", 10)):
            path = Path(tmp) / f"{label}.sundhedshus"
            create_plan_file(path, build_plan(scale)).close()
            files[label] = path
        floor = [sys.executable, "-c", "import sqlite3, decimal, json"]
        runs: dict[str, list[tuple[float, float]]] = {}
        for _ in range(rounds):
            runs.setdefault("floor", []).append(_child_cpu(floor, env, root))
            for label, path in files.items():
                cmd = [sys.executable, "-m", "desktop.main", "summary", str(path)]
                # in the measured tree: `python -m` puts the working folder ahead of PYTHONPATH
                runs.setdefault(label, []).append(_child_cpu(cmd, env, root))
    print(f"`summary` vs the import floor, medians of {rounds} interleaved runs (ms)\n")
    print_ratio_table(("floor: import sqlite3, decimal, json", runs["floor"]),
                      [(f"summary, {label} plan", runs[label]) for label in files])
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--only", choices=("engine", "summary"))
    args = parser.parse_args()
    import planners

    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"tree {Path(planners.__file__).resolve().parent.parent}\n")
    if args.only in (None, "engine"):
        bench_engine(args.rounds)
    if args.only in (None, "summary"):
        bench_summary(args.rounds)


if __name__ == "__main__":
    main()
