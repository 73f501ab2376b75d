"""Benchmark of the desktop application (desktop issue, point 9).

1. Edit → figures: on the large synthetic plan of `bench/bench_engine.py` (10 scenarios of 60 tenants, 600 room
   lines, 150 equipment lines, 40 cost lines), the median time from a cell edit through the room model's
   `setData` (validation, the operation in one transaction, the undo command, reloading what changed, the
   figures and findings recomputed, every model and the panel refreshed, events processed) until the panel
   shows the new gross area. Target ≤ 50 ms.
2. Start: a fresh process (`sundhedshus --example`, in a temporary home folder) until the main window with the
   plan is shown. Target ≤ 1.5 s; matplotlib must not be imported.

    .venv/bin/python bench/bench_gui.py [--repeat N]

Runs offscreen where there is no display.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def bench_edit(repeat: int) -> tuple[float, float]:
    from bench_engine import build_plan

    from desktop.app import make_application

    os.environ.setdefault("SUNDHEDSHUS_SETTINGS_DIR", tempfile.mkdtemp())  # not the user's recent plans
    app = make_application()
    from desktop.mainwindow import MainWindow
    from desktop.session import PlanSession
    from planners.model.money import format_m2
    from planners.store.planfile import create_plan_file

    with tempfile.TemporaryDirectory() as tmp:
        plan_file = create_plan_file(Path(tmp) / "bench.sundhedshus", build_plan())
        window = MainWindow()
        window.set_session(PlanSession(plan_file), remember=False)
        window.show()
        app.processEvents()
        view = window.workspace.show_page("rooms").tables[0]
        model = view.model()
        col = next(i for i, c in enumerate(model.columns) if c.field == "net_m2")
        label = window.workspace.panel.labels["gross_m2"]
        times = []
        for k in range(repeat + 1):
            value = 20 + k % 7
            t0 = time.perf_counter()
            assert model.setData(model.index(k % 50, col), str(value))
            app.processEvents()
            elapsed = time.perf_counter() - t0
            assert label.text() == format_m2(window.session.figures.gross_m2)
            if k:  # the first edit warms the caches
                times.append(elapsed)
        # Undo through the stack, the same path.
        undo = []
        for _ in range(min(repeat, 10)):
            t0 = time.perf_counter()
            window.session.undo_stack.undo()
            app.processEvents()
            undo.append(time.perf_counter() - t0)
        window.close_plan()
        window.close()
    return statistics.median(times) * 1000, statistics.median(undo) * 1000


def bench_start(repeat: int) -> tuple[float, float]:
    walls, inner = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, HOME=home, XDG_DOCUMENTS_DIR=str(Path(home) / "Dokumenter"),
                       SUNDHEDSHUS_STARTUP_PROBE="1")  # fmt: skip
            code = ("import sys, desktop.main as m; rc = m.main(['--example']); "
                    "assert 'matplotlib' not in sys.modules, 'matplotlib imported at start'; sys.exit(rc)")  # fmt: skip
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            walls.append(time.perf_counter() - t0)
            line = next(x for x in out.stdout.splitlines() if x.startswith("startup "))
            inner.append(float(line.split()[1]))
    return statistics.median(walls), statistics.median(inner)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    edit, undo = bench_edit(args.repeat)
    print(f"edit → panel (large plan, median of {args.repeat}): {edit:.1f} ms (target ≤ 50 ms)")
    print(f"undo → panel (median): {undo:.1f} ms")
    wall, inner = bench_start(5)
    print(f"start to shown window with the example (median of 5): {wall:.2f} s wall, "
          f"{inner:.2f} s inside the app (target ≤ 1.5 s; matplotlib not imported)")


if __name__ == "__main__":
    main()
