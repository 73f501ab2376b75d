"""SQL statements per edit (issue 13, point 5): how many statements one cell edit and one plan-field edit send
to SQLite, counted with `sqlite3.Connection.set_trace_callback` on the plan file's connection.

Counted on the large synthetic plan of `bench/bench_engine.py` (10 scenarios of 60 tenants, 600 room lines …):
- a cell edit: the room table model's `setData` on the net area (the GUI path: validation, the operation in its
  transaction, the undo command, reloading what changed), and the same `UpdateLine` applied by the core alone;
- a plan-field edit: `PlanSession.run(SetPlanFields({"title": …}))`, and the operation applied by the core alone.

Runs on the code before the core's split too (to measure "before"): `PYTHONPATH=/work/base python bench/…`.

    .venv/bin/python bench/bench_statements.py
"""

from __future__ import annotations

import collections
import importlib
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _module(*names: str) -> ModuleType:
    """The first of `names` that imports (the modules moved when the core was split into sub-packages)."""
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ImportError(names)


@contextmanager
def counting(conn: sqlite3.Connection) -> Iterator[collections.Counter[str]]:
    """Count the statements run on `conn`, by their first word (SELECT, UPDATE, BEGIN …)."""
    counts: collections.Counter[str] = collections.Counter()

    def trace(statement: str) -> None:
        counts[statement.split(None, 1)[0].upper()] += 1

    conn.set_trace_callback(trace)
    try:
        yield counts
    finally:
        conn.set_trace_callback(None)


def _show(what: str, counts: collections.Counter[str], ms: float) -> None:
    detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    print(f"{what}: {sum(counts.values())} statements ({detail}); {ms:.1f} ms CPU")


def _timed(fn: Callable[[], object]) -> float:
    """CPU time of this process (the machines are shared and loaded: wall time says little, PLATFORM.md)."""
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) * 1000


def main() -> None:
    from bench_engine import build_plan

    from desktop.app import make_application

    os.environ.setdefault("SUNDHEDSHUS_SETTINGS_DIR", tempfile.mkdtemp())  # not the user's recent plans
    app = make_application()
    from desktop.models.rooms import RoomsModel
    from desktop.session import PlanSession

    planfile = _module("planners.store.planfile", "planners.store")
    ops = _module("planners.store.operations", "planners.operations")

    with tempfile.TemporaryDirectory() as tmp:
        plan_file = planfile.create_plan_file(Path(tmp) / "bench.sundhedshus", build_plan())
        session = PlanSession(plan_file)
        conn = plan_file._conn  # the benchmark watches the connection; the app never touches it
        model = RoomsModel(session)
        col = next(i for i, c in enumerate(model.columns) if c.field == "net_m2")

        model.setData(model.index(0, col), "21")  # warm up (first statements compile)
        with counting(conn) as cell:
            ms = _timed(lambda: model.setData(model.index(1, col), "22"))
        _show("cell edit through the table model (net area of a room)", cell, ms)

        row_id = session.scenario.rooms[2].row_id
        with counting(conn) as core_cell:
            ms = _timed(lambda: plan_file.apply(ops.UpdateLine("room", row_id, {"net_m2": Decimal(23)})))
        _show("the same UpdateLine applied by the core alone", core_cell, ms)

        session.run(ops.SetPlanFields({"title": "Varm op"}), "ændr titel")
        with counting(conn) as plan_edit:
            ms = _timed(lambda: session.run(ops.SetPlanFields({"title": "Sundhedshus Nord"}), "ændr titel"))
        _show("plan-field edit through the session (title)", plan_edit, ms)

        with counting(conn) as core_plan:
            ms = _timed(lambda: plan_file.apply(ops.SetPlanFields({"title": "Sundhedshus Syd"})))
        _show("the same SetPlanFields applied by the core alone", core_plan, ms)
        session.close()
    del app


if __name__ == "__main__":
    main()
