"""Issue 19.3 (s20-frac): the engine's cost in `summary`, for an instruction count under callgrind (deterministic).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/engine_steps.py STEP PLAN
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/engine_steps.py PART N PLAN

STEP: after the open a summary makes (`read_plan_scenario`, with the modules a summary imports before the engine),
0 stops there, 1 imports the engine, 2 computes the shown scenario once (the first call, as `summary` makes it),
3 computes it again (warm). The instructions of step N are the count at N less the count at N − 1.
PART: one part of a warm compute, called N times (the count at N less the count at 0, ÷ N): `compute`, `rooms`
(`RoomSums.of`), `space` (the rest of `compute_space`), `lines` (`LineSums.of`), `annual` (the rest of
`compute_annual`), `establishment`, `establishment_figures`, `financing`, `tenants`.
Run it in each tree with the working folder and PYTHONPATH the tree, byte-compiled first."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from planners.model import Plan, Scenario


def _parts(plan: Plan, sc: Scenario) -> dict[str, Callable[[], object]]:
    from decimal import localcontext

    from planners.figures import engine, establishment, rent, space

    captured: list[tuple] = []  # the tenants' figures' arguments, as compute passes them
    tenant_figures = engine._tenant_figures
    engine._tenant_figures = lambda *args: captured.append(args) or tenant_figures(*args)
    engine.compute(plan, sc)
    engine._tenant_figures = tenant_figures
    sp, keys = space.compute_space(sc)
    annual = rent.compute_annual(sc, keys)
    with localcontext(space.EXACT):
        gross = sp.net_m2 * sc.gross_factor
    costs, years = sc.costs, plan.years
    est = establishment.compute_establishment_exact(costs, years, gross, annual.in_project)
    rooms, lines = space.RoomSums.of(sc), rent.LineSums.of(sc)
    return {
        "compute": lambda: engine.compute(plan, sc),
        "rooms": lambda: space.RoomSums.of(sc),
        "space": lambda: space.compute_space(sc, rooms),
        "lines": lambda: rent.LineSums.of(sc),
        "annual": lambda: rent.compute_annual(sc, keys, lines),
        "establishment": lambda: establishment.compute_establishment_exact(costs, years, gross, annual.in_project),
        "establishment_figures": lambda: engine._establishment_figures(est),
        "financing": lambda: rent.compute_financing(sc.financing),
        "tenants": lambda: engine._tenant_figures(*captured[0]),
    }


def main() -> None:
    gc.disable()  # as `desktop.main` runs a reading command
    import planners.checks.findings  # noqa: F401  (imported before the engine, as by a summary)
    import planners.figures.summary  # noqa: F401
    from planners.store.reading import read_plan_scenario

    plan, _names = read_plan_scenario(sys.argv[-1], None)
    sc = plan.scenarios[0]
    if sys.argv[1].isdigit():
        step = int(sys.argv[1])
        if step >= 1:
            from planners.figures.engine import compute
        for _ in range(max(0, step - 1)):
            compute(plan, sc)
    else:
        part = _parts(plan, sc)[sys.argv[1]]
        for _ in range(int(sys.argv[2])):
            part()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
