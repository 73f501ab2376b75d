"""Do two trees' engines give the same figures? Repr-identical `ScenarioFigures` (every Decimal's digits and
exponent) for generated plans and the benchmark plans — the check run for issue 19.3 against the code before it.

    git archive c37aa13 planners | tar -x -C /tmp/old
    PYTHONPATH=$PWD .venv/bin/python bench/engine_identical.py /tmp/old [--plans 400] [--odd]

`--odd` (s20-frac) bends each generated plan out of the valid ranges the engine still computes without failing:
negative or zero gross factors, areas, clinicians, current rents, running rates, amounts and interest, repaid
lines without years — where a zero's sign or a negative denominator could tell two exact implementations apart.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = """
import pickle, sys
from planners.figures.engine import compute
out = []
for plan in pickle.load(open(sys.argv[1], "rb")):
    for sc in plan.scenarios:
        try:
            out.append(repr(compute(plan, sc)))
        except Exception as exc:
            out.append("ERROR " + type(exc).__name__)
open(sys.argv[2], "w").write("\\n".join(out))
"""


def generate(count: int) -> list:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_engine import build_plan

    from tests.planners.strategies import plans

    found: list = []

    @settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.one_of(plans(max_scenarios=2), plans(consistent=True)))
    def collect(plan: object) -> None:
        found.append(plan)

    collect()
    return [*found, build_plan(1, 2), build_plan(4, 1)]


def bend(plans: list, seed: int = 19) -> list:
    """Each plan with some of its values negated or zeroed (see the module's docstring), the same for both trees."""
    from decimal import Decimal

    rng = random.Random(seed)

    def odd(value: Decimal) -> Decimal:
        return rng.choice([value, -value, Decimal(0), Decimal("-0"), value * 3]) if rng.random() < 0.3 else value

    for plan in plans:
        for sc in plan.scenarios:
            sc.gross_factor = odd(sc.gross_factor)
            for t in sc.tenants:
                t.clinicians = odd(t.clinicians)
                if t.current_annual_rent is not None:
                    t.current_annual_rent = odd(t.current_annual_rent)
            for room in sc.rooms:
                room.net_m2 = odd(room.net_m2)
            for line in sc.financing:
                line.amount = odd(line.amount)
                line.interest_pct = odd(line.interest_pct)
                if rng.random() < 0.1:
                    line.years = rng.choice([None, 0, -3])
            sc.running.per_gross_m2 = {k: odd(v) for k, v in sc.running.per_gross_m2.items()}
            for service in sc.running.services:
                service.annual = odd(service.annual)
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the other tree (holding planners/)")
    parser.add_argument("--plans", type=int, default=400)
    parser.add_argument("--odd", action="store_true", help="bend the plans out of the valid ranges")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "plans.pkl"
        plans = generate(args.plans)
        data.write_bytes(pickle.dumps(bend(plans) if args.odd else plans))
        results = []
        for tree in (args.old, str(ROOT)):
            out = Path(tmp) / f"out{len(results)}.txt"
            env = {**os.environ, "PYTHONPATH": tree}
            subprocess.run([sys.executable, "-c", RUN, str(data), str(out)], env=env, check=True, cwd=tree)
            results.append(out.read_text().split("\n"))
    old, new = results
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    errors = sum(1 for line in new if line.startswith("ERROR"))
    print(f"{len(new)} scenarios ({errors} raise in both), {len(differ)} differ"
          + (f": first at {differ[0]}" if differ else ""))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
