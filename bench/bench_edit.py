"""Issue 19, point 2: edit → figures panel, CPU per edit, on the large and the XL plan (bench_start's plans).

    python bench/bench_edit.py [--repeat 21] [--only large,XL] [--profile large]

In one process (offscreen): the main window with the plan open on the rooms page, shown and painted; then each
step through the rooms model or table as a user makes it — a cell edit (net m² of a room, `setData`), adding a
room line (`add_row`), deleting it (`delete_rows`), undo — followed by `processEvents()` until the panel shows
the new gross area. CPU = `time.process_time()` (this process), wall = `perf_counter`; medians; the first of
each kind warms the caches and is not counted. Target: 16 ms CPU (large), 100 ms (XL).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def measure(key: str, repeat: int, profile: bool = False, only: str = "") -> dict[str, tuple[float, float]]:
    from bench_start import PLANS, make_plans

    from desktop.app import make_application

    app = make_application()
    import shutil
    import tempfile

    from PySide6.QtCore import Qt

    from desktop.mainwindow import MainWindow
    from desktop.session import PlanSession
    from planners.model.money import format_m2
    from planners.store.planfile import PlanFile

    source = make_plans(PLANS, [key])[key]
    path = Path(tempfile.mkdtemp()) / source.name  # a copy: every run edits the same plan as the first
    shutil.copyfile(source, path)
    window = MainWindow()
    window.set_session(PlanSession(PlanFile.open(path)), remember=False)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    workspace, session = window.workspace, window.session
    assert workspace is not None and session is not None
    table: Any = workspace.show_page("rooms").tables[0]  # type: ignore[attr-defined]
    model = table.model()
    app.processEvents()
    col = next(i for i, c in enumerate(model.columns) if c.field == "net_m2")
    label = workspace.panel.labels["gross_m2"]

    def settle() -> None:
        app.processEvents()
        assert label.text() == format_m2(session.figures.gross_m2)

    def edit(k: int) -> None:
        index = model.index(k % 50, col)
        assert model.setData(index, str(Decimal(model.data(index, Qt.ItemDataRole.EditRole)) + 1))  # a new value

    def add(_k: int) -> None:
        table.select_rows([3])
        table.add_row()

    def delete(_k: int) -> None:
        table.select_rows([4])
        table.delete_rows()

    def undo(_k: int) -> None:
        session.undo_stack.undo()

    steps: dict[str, Callable[[int], None]] = {"edit a cell": edit, "add a line": add, "delete a line": delete,
                                               "undo": undo}  # fmt: skip
    if only:
        steps = {n: f for n, f in steps.items() if n in only.split(",")}
    times: dict[str, list[tuple[float, float]]] = {}
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
    edits = session.undo_stack.index  # one more on every edit pushed (count stays after an undo is replaced)
    for k in range(repeat + 1):
        for name, step in steps.items():
            count = edits()
            c, w = time.process_time(), time.perf_counter()
            if prof is not None and k:
                prof.enable()
            step(k)
            settle()
            if prof is not None:
                prof.disable()
            assert edits() != count or name == "undo", f"{name} made no edit"
            if k:
                times.setdefault(name, []).append((time.process_time() - c, time.perf_counter() - w))
    if prof is not None:
        import pstats

        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
    window.close_plan()
    window.close()
    return {n: (statistics.median(c for c, _ in v) * 1000, statistics.median(w for _, w in v) * 1000)
            for n, v in times.items()}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--only", default="large,XL")
    parser.add_argument("--profile", choices=("large", "XL"))
    parser.add_argument("--steps", default="", help="e.g. 'edit a cell' (default: all four)")
    args = parser.parse_args()
    if args.profile:
        measure(args.profile, min(args.repeat, 5), profile=True, only=args.steps)
        return
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')} UTC\n")
    print(f"edit → panel, medians of {args.repeat} (ms)\n")
    print("| plan | step | CPU | wall | target (CPU) |")
    print("|---|---|---|---|---|")
    for key in args.only.split(","):
        target = {"large": "16 ms", "XL": "100 ms"}[key]
        for name, (c, w) in measure(key, args.repeat, only=args.steps).items():
            print(f"| {key} | {name} | {c:.1f} | {w:.1f} | {target} |")


if __name__ == "__main__":
    main()
