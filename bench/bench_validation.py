"""Linear validation and short excerpts (issue 20.10), measured on demand.

    PYTHONPATH=. python bench/bench_validation.py

- JSON import (parse + validation) of one scenario with N tenants (N = 1.000 … 8.000; the issue measured 107 s
  at 8.000) and of a plan with N scenarios (the names' uniqueness check was noted quadratic): CPU seconds, and
  the exponent between the two largest sizes (1.0 = linear, 2.0 = quadratic).
- The size of the message for a 20 MB unknown code (the issue: echoed whole).
Figures go in bench/RESULTS.md.
"""

from __future__ import annotations

import copy
import json
import math
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.interchange.plan_json import load_json  # noqa: E402
from planners.model.errors import PlanError  # noqa: E402
from planners.reference import template_path  # noqa: E402


def _cpu(fn: Callable[[], object]) -> float:
    best = math.inf
    for _ in range(3):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def tenants_doc(base: dict, n: int) -> str:
    doc = copy.deepcopy(base)
    scenario = doc["scenarios"][0]
    proto = scenario["tenants"][0]
    tenants = list(scenario["tenants"])  # the template's own (its lines and shares name them), then N more
    for i in range(n - len(tenants)):
        t = copy.deepcopy(proto)
        t["id"] = f"t{i}"
        t["name"] = f"Lejer {i}"
        tenants.append(t)
    scenario["tenants"] = tenants
    doc["scenarios"] = [scenario]
    doc["plan"].pop("applied_scenario", None)
    return json.dumps(doc)


def scenarios_doc(base: dict, n: int) -> str:
    doc = copy.deepcopy(base)
    proto = doc["scenarios"][0]
    doc["scenarios"] = [dict(copy.deepcopy(proto), name=f"Scenarie {i}") for i in range(n)]
    doc["plan"].pop("applied_scenario", None)
    return json.dumps(doc)


def load_or_problems(text: str) -> bool:
    try:
        load_json(text.encode())
    except PlanError:
        return False
    return True


def main() -> int:
    base = json.loads(template_path("example").read_text(encoding="utf-8"))
    for label, make, sizes in (("tenants in one scenario", tenants_doc, (1000, 2000, 4000, 8000)),
                               ("scenarios", scenarios_doc, (250, 500, 1000, 2000))):  # fmt: skip
        times = []
        for n in sizes:
            text = make(base, n)
            assert load_or_problems(text), f"the {label} document of {n} is not valid"
            seconds = _cpu(partial(load_or_problems, text))
            times.append(seconds)
            print(f"{label}: {n:>5}  {seconds:7.3f} s CPU (best of 3)", flush=True)
        exponent = math.log(times[-1] / times[-2]) / math.log(sizes[-1] / sizes[-2])
        print(f"{label}: exponent {sizes[-2]}→{sizes[-1]} = {exponent:.2f}", flush=True)
    doc = copy.deepcopy(base)
    doc["scenarios"][0]["rooms"][0]["type"] = "x" * 20_000_000
    try:
        load_json(json.dumps(doc).encode())
        print("20 MB unknown code: accepted?!")
    except PlanError as exc:
        text = "\n".join(str(p) for p in getattr(exc, "problems", [])) or str(exc)
        print(f"20 MB unknown code: refused, message {len(text.encode())} bytes: {text[:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
