"""Do two trees' engines give the same figures? Repr-identical `ScenarioFigures` (every Decimal's digits and
exponent) for generated plans and the benchmark plans — the check run for issue 19.3 against the code before it.

    git archive c37aa13 planners | tar -x -C /tmp/old
    PYTHONPATH=$PWD .venv/bin/python bench/engine_identical.py /tmp/old [--plans 400]
"""

from __future__ import annotations

import argparse
import os
import pickle
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the other tree (holding planners/)")
    parser.add_argument("--plans", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "plans.pkl"
        data.write_bytes(pickle.dumps(generate(args.plans)))
        results = []
        for tree in (args.old, str(ROOT)):
            out = Path(tmp) / f"out{len(results)}.txt"
            env = {**os.environ, "PYTHONPATH": tree}
            subprocess.run([sys.executable, "-c", RUN, str(data), str(out)], env=env, check=True, cwd=tree)
            results.append(out.read_text().split("\n"))
    old, new = results
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    print(f"{len(new)} scenarios, {len(differ)} differ" + (f": first at {differ[0]}" if differ else ""))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
