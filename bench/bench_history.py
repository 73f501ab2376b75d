"""History, diff and merge (issue 18): opening a plan with 10.000 history entries against the same plan without,
the cost of one edit with and without recording its history, and `diff` / `merge` against opening the two plans.

Times are CPU time of this process (`time.process_time`), each measurement the median of interleaved runs, so the
load of a shared machine hits both sides alike.

    PYTHONPATH=$PWD .venv/bin/python bench/bench_history.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.history.diff import diff_plans  # noqa: E402
from planners.history.files import read_with_origin  # noqa: E402
from planners.history.merge import merge_plans  # noqa: E402
from planners.interchange.plan_json import load_json  # noqa: E402
from planners.reference import template_path  # noqa: E402
from planners.store import history  # noqa: E402
from planners.store.operations import UpdateLine  # noqa: E402
from planners.store.planfile import PlanFile, create_plan_file  # noqa: E402

ENTRIES = 10_000
ROUNDS = 15


def cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def open_and_load(path: Path) -> None:
    with PlanFile.open(path) as f:
        f.load()


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    plain = folder / "uden.sundhedshus"
    create_plan_file(plain, load_json(template_path("large"))).close()
    full = folder / "med.sundhedshus"
    shutil.copy(plain, full)
    with PlanFile.open(full) as f:
        room = f.load().scenarios[0].rooms[0]
        assert room.row_id is not None
        conn = f.conn
        conn.execute("BEGIN IMMEDIATE")
        for n in range(ENTRIES):  # entries as real edits make them: a cell edit and its inverse
            op = UpdateLine("room", room.row_id, {"net_m2": Decimal(n % 50 + 5)})
            history.record(conn, "ændr areal", "bench", op, UpdateLine("room", room.row_id, {"net_m2": room.net_m2}))
        conn.execute("COMMIT")
        assert history.count(conn) == ENTRIES + 1
    print(f"sizes: without {plain.stat().st_size // 1024} KiB, with {ENTRIES} entries {full.stat().st_size // 1024} KiB")

    a, b = [], []
    for _ in range(ROUNDS):
        a.append(cpu(lambda: open_and_load(plain)))
        b.append(cpu(lambda: open_and_load(full)))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"open + load (large template): without history {ma * 1000:.1f} ms, with {ENTRIES} entries "
          f"{mb * 1000:.1f} ms (ratio {mb / ma:.2f})")

    with PlanFile.open(plain) as f:
        row = f.load().scenarios[0].rooms[1]
        assert row.row_id is not None
        rid = row.row_id
        with_history: list[float] = []
        without: list[float] = []
        for n in range(ROUNDS * 4):
            op = UpdateLine("room", rid, {"label": f"x{n}"})
            with_history.append(cpu(lambda op=op: f.apply(op, "ændr betegnelse")))  # type: ignore[misc]
            without.append(cpu(lambda n=n: _apply_bare(f, rid, n)))  # type: ignore[misc]
    print(f"one cell edit: with its history entry {statistics.median(with_history) * 1000:.2f} ms, "
          f"without {statistics.median(without) * 1000:.2f} ms")

    mine, theirs = folder / "min.sundhedshus", folder / "deres.sundhedshus"
    shutil.copy(plain, mine)
    shutil.copy(plain, theirs)
    with PlanFile.open(theirs) as f:
        s = f.load().scenarios[0]
        f.apply(UpdateLine("tenant", s.tenants[0].row_id, {"note": "deres"}))  # type: ignore[arg-type]
    reading, diffing, merging = [], [], []
    for _ in range(5):
        reading.append(cpu(lambda: (read_with_origin(mine), read_with_origin(theirs))))
        pm, pt = read_with_origin(mine), read_with_origin(theirs)
        assert pm.origin is not None
        base, m_plan, t_plan = pm.origin.plan, pm.plan, pt.plan
        diffing.append(cpu(lambda m=m_plan, t=t_plan: diff_plans(m, t, by_row_id=True)))  # type: ignore[misc]
        merging.append(cpu(lambda b=base, m=m_plan, t=t_plan: merge_plans(b, m, t)))  # type: ignore[misc]
    print(f"large template: reading both files with their origins {statistics.median(reading) * 1000:.0f} ms; "
          f"diff (figures of 1 changed scenario… all scenarios) {statistics.median(diffing) * 1000:.0f} ms; "
          f"merge {statistics.median(merging) * 1000:.0f} ms")
    shutil.rmtree(folder)


def _apply_bare(f: PlanFile, rid: int, n: int) -> None:
    from planners.store import operations

    operations.apply(f.conn, UpdateLine("room", rid, {"label": f"y{n}"}))


if __name__ == "__main__":
    main()
