"""Opening a plan with 10.000 history entries against the same plan without (issue 18.1).

Two files made from the large template: one as created, one with 10.000 history entries (cell edits with their
inverses, as the GUI records them). Each round opens and loads both for editing, interleaved, so the load of a
shared machine hits both alike; the medians of 7 rounds of CPU time (`time.process_time`, this process: opening
starts no other) and of wall time, and their ratio (with / without).

    PYTHONPATH=$PWD .venv/bin/python bench/bench_open_history.py [--profile]
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

from planners.interchange.plan_json import load_json  # noqa: E402
from planners.reference import template_path  # noqa: E402
from planners.store import history  # noqa: E402
from planners.store.operations import UpdateLine  # noqa: E402
from planners.store.planfile import PlanFile, create_plan_file  # noqa: E402

ENTRIES = 10_000
ROUNDS = 7
REPEAT = 5  # opens per measurement: one open is a few ms, below the clock's useful resolution under load


def make_files(folder: Path) -> tuple[Path, Path]:
    plain = folder / "uden.sundhedshus"
    create_plan_file(plain, load_json(template_path("large"))).close()
    full = folder / "med.sundhedshus"
    shutil.copy(plain, full)
    with PlanFile.open(full) as f:
        room = f.load().scenarios[0].rooms[0]
        assert room.row_id is not None
        conn = f.conn
        conn.execute("BEGIN IMMEDIATE")
        for n in range(ENTRIES):
            op = UpdateLine("room", room.row_id, {"net_m2": Decimal(n % 50 + 5)})
            history.record(conn, "ændr areal", "bench", op, UpdateLine("room", room.row_id, {"net_m2": room.net_m2}))
        conn.execute("COMMIT")
        assert history.count(conn) == ENTRIES + 1
    return plain, full


def open_and_load(path: Path) -> None:
    for _ in range(REPEAT):
        with PlanFile.open(path) as f:
            f.load()


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return (time.process_time() - c0) / REPEAT, (time.perf_counter() - w0) / REPEAT


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        plain, full = make_files(folder)
        print(f"sizes: without history {plain.stat().st_size // 1024} KiB, "
              f"with {ENTRIES} entries {full.stat().st_size // 1024} KiB")
        if "--profile" in sys.argv:
            import cProfile
            import pstats

            cProfile.runctx("open_and_load(full)", globals(), {"full": full}, str(folder / "prof"))
            pstats.Stats(str(folder / "prof")).sort_stats("cumulative").print_stats(25)
        open_and_load(plain)  # warm the page cache and the imports for both
        open_and_load(full)
        cpu_a, cpu_b, wall_a, wall_b = [], [], [], []
        for _ in range(ROUNDS):
            c, w = measure(lambda: open_and_load(plain))
            cpu_a.append(c)
            wall_a.append(w)
            c, w = measure(lambda: open_and_load(full))
            cpu_b.append(c)
            wall_b.append(w)
        ca, cb = statistics.median(cpu_a), statistics.median(cpu_b)
        wa, wb = statistics.median(wall_a), statistics.median(wall_b)
        print(f"open for editing + load (large template), medians of {ROUNDS}:")
        print(f"  CPU : without {ca * 1000:.1f} ms, with {ENTRIES} entries {cb * 1000:.1f} ms, ratio {cb / ca:.2f}")
        print(f"  wall: without {wa * 1000:.1f} ms, with {ENTRIES} entries {wb * 1000:.1f} ms, ratio {wb / wa:.2f}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
