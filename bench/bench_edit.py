"""Issue 19, point 2: edit → figures panel, CPU per edit, on the large and the XL plan (bench_start's plans).

    python bench/bench_edit.py [--repeat 21] [--only large,XL] [--profile large]

In one process (offscreen): the main window with the plan open on the rooms page, shown and painted; then each
step through the rooms model or table as a user makes it — a cell edit (net m² of a room, `setData`), adding a
room line (`add_row`), deleting it (`delete_rows`), undo — then the events Qt has posted (layout, and the
window's paint: `sendPostedEvents`, which Qt delivers before any timer) until the panel shows the new gross area
and is painted: that is "edit → panel". Then `processEvents()` runs what was deferred after the paint (the checks
and what follows them: the counts, the checks page): "+ deferred" is the time until then. CPU =
`time.process_time()` (this process), wall = `perf_counter`; medians; the first of each kind warms the caches
and is not counted. Target: 16 ms CPU (large), 100 ms (XL) for edit → panel.

    python bench/bench_edit.py --instructions large [--before DIR]

The same steps under callgrind (needs valgrind), each tree in its own child: instructions (Ir) of edit → panel
painted, per step, the mean of two (after one not counted). Not moved by the machine's load or speed: read it
beside the CPU figures. Instrumentation starts after the window is open (`callgrind_control -i on`), and only
what runs inside the measured steps is counted (each runs inside `functools.reduce`, the one function
`--toggle-collect` names).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


Times = dict[str, tuple[float, float, float, float]]  # step → CPU, wall (to the panel), CPU, wall (+ deferred)


_EDIT_ROLE = 2  # Qt.ItemDataRole.EditRole (Qt is imported with the app, in the child)


class _Window:
    """The main window with `key`'s plan (a copy) open on the rooms page, shown and painted, 1366×768; the four
    steps as a user makes them, and `settle` (the posted events until the panel is painted)."""

    def __init__(self, key: str) -> None:
        from bench_start import PLANS, make_plans

        from desktop.app import make_application

        self.app = app = make_application()
        import shutil
        import tempfile

        from PySide6.QtCore import QEvent, QObject

        from desktop.mainwindow import MainWindow
        from desktop.numbers import edit_text, parse_decimal
        from desktop.session import PlanSession
        from planners.model.money import format_m2
        from planners.store.planfile import PlanFile

        # (imported here, not in the steps measured)
        self.edit_text, self.parse_decimal, self.format_m2 = edit_text, parse_decimal, format_m2
        source = make_plans(PLANS, [key])[key]
        path = Path(tempfile.mkdtemp()) / source.name  # a copy: every run edits the same plan as the first
        shutil.copyfile(source, path)
        self.window = window = MainWindow()
        window.set_session(PlanSession(PlanFile.open(path)), remember=False)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        workspace, session = window.workspace, window.session
        assert workspace is not None and session is not None
        self.session = session
        self.table: Any = workspace.show_page("rooms").tables[0]  # type: ignore[attr-defined]
        self.model = self.table.model()
        app.processEvents()
        self.col = next(i for i, c in enumerate(self.model.columns) if c.field == "net_m2")
        self.label = workspace.panel.labels["gross_m2"]

        class Painted(QObject):
            """Counts the panel label's paints (the panel is on screen, not only set)."""

            count = 0

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        self.painted = Painted()
        self.label.installEventFilter(self.painted)
        self.steps: dict[str, Callable[[int], None]] = {"edit a cell": self.edit, "add a line": self.add,
                                                        "delete a line": self.delete, "undo": self.undo}  # fmt: skip

    def settle(self) -> None:
        """Deliver the posted events (layout requests, then the window's paint) until the panel is painted.
        Timers (the deferred checks) are not run here."""
        before = self.painted.count
        for _ in range(5):  # an event handled may post the next (a layout request, then the paint)
            self.app.sendPostedEvents()
            if self.painted.count != before:
                break
        assert self.painted.count != before, "the panel was not painted"

    def check(self) -> None:
        """The panel shows the plan's gross area as the figures have it: asked after the step is measured (reading
        `session.figures` may finish the figures the session computes after the paint, issue 19.2)."""
        assert self.label.text() == self.format_m2(self.session.figures.gross_m2)

    def edit(self, k: int) -> None:
        index = self.model.index(k % 50, self.col)
        value = self.parse_decimal(str(self.model.data(index, _EDIT_ROLE)))
        assert value is not None
        assert self.model.setData(index, self.edit_text(value + 1))  # a new value, typed as the user types it (1,5)

    def add(self, _k: int) -> None:
        self.table.select_rows([3])
        self.table.add_row()

    def delete(self, _k: int) -> None:
        self.table.select_rows([4])
        self.table.delete_rows()

    def undo(self, _k: int) -> None:
        self.session.undo_stack.undo()

    def close(self) -> None:
        self.window.close_plan()
        self.window.close()


def measure(key: str, repeat: int, profile: bool = False, only: str = "") -> Times:
    bench = _Window(key)
    app, session, steps = bench.app, bench.session, bench.steps

    def settle() -> tuple[float, float]:
        bench.settle()
        return time.process_time(), time.perf_counter()

    if only:
        steps = {n: f for n, f in steps.items() if n in only.split(",")}
    times: dict[str, list[tuple[float, float, float, float]]] = {}
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
            c1, w1 = settle()
            app.processEvents()  # what was deferred after the paint: the checks, the counts
            assert not getattr(session, "findings_due", lambda: False)()  # (the code before: no deferral)
            c2, w2 = time.process_time(), time.perf_counter()
            if prof is not None:
                prof.disable()
            bench.check()
            assert edits() != count or name == "undo", f"{name} made no edit"
            if k:
                times.setdefault(name, []).append((c1 - c, w1 - w, c2 - c, w2 - w))
    if prof is not None:
        import pstats

        pstats.Stats(prof).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(int(os.environ.get("TOP", "40")))
    bench.close()
    return {n: tuple(statistics.median(x[i] for x in v) * 1000 for i in range(4))  # type: ignore[misc]
            for n, v in times.items()}  # fmt: skip


STEPS = ("edit a cell", "add a line", "delete a line", "undo")


def instructions(key: str, before: Path | None) -> None:
    """Instructions of each step in this tree and in `before`, each tree's steps in their own children."""
    import subprocess
    import tempfile

    from bench_start import PLANS, make_plans

    make_plans(PLANS, [key])  # written once, by this tree (the children copy it)
    here = Path(__file__).resolve().parent.parent
    trees = {"this tree": here, **({"before": before.resolve()} if before is not None else {})}
    counts: dict[tuple[str, str], float] = {}
    for step in STEPS:
        for name, tree in trees.items():
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "callgrind.out"
                env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "QT_QPA_PLATFORM": "offscreen"}
                subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
                                "--toggle-collect=functools_reduce", f"--callgrind-out-file={out}", sys.executable,
                                str(Path(__file__).resolve()), "--child-instructions", key, step],
                               env=env, cwd=tmp, check=True, capture_output=True)  # fmt: skip
                totals = next(x for x in out.read_text().splitlines() if x.startswith(("totals:", "summary:")))
                counts[(step, name)] = int(totals.split()[1]) / 2  # two steps counted
    print(f"edit → panel painted, {key} plan, instructions (callgrind Ir, M, a step; mean of two)\n")
    print("| step | " + " | ".join(trees) + (" | ratio |" if before is not None else " |"))
    print("|---|" + "---|" * (len(trees) + (before is not None)))
    for step in STEPS:
        row = [f"{counts[(step, name)] / 1e6:,.1f}" for name in trees]
        ratio = f" | {counts[(step, 'this tree')] / counts[(step, 'before')]:.3f}" if before is not None else ""
        print(f"| {step} | " + " | ".join(row) + ratio + " |")


def _once(step: Callable[[], None]) -> Callable[[int, int], int]:
    """`step` as the function `functools.reduce` calls (once, for two items)."""

    def call(_a: int, _b: int) -> int:
        step()
        return 0

    return call


def _child_instructions(key: str, step: str) -> None:
    """One tree's `step` under callgrind: three times, the last two counted (inside `functools.reduce`)."""
    import functools
    import subprocess

    bench = _Window(key)

    def run(name: str, k: int) -> None:
        bench.steps[name](k)
        bench.settle()

    for k in range(3):
        if k == 1:  # instrumented from here; counted only inside functools.reduce
            subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
        for name in bench.steps:
            if k and name == step:
                functools.reduce(_once(functools.partial(run, name, k)), (0, 1))
            else:
                run(name, k)
            bench.check()
            bench.app.processEvents()  # what was deferred after the paint: not counted
    bench.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--only", default="large,XL")
    parser.add_argument("--profile", choices=("large", "XL"))
    parser.add_argument("--steps", default="", help="e.g. 'edit a cell' (default: all four)")
    parser.add_argument("--instructions", choices=("large", "XL"))
    parser.add_argument("--before", type=Path, help="with --instructions: another tree measured alongside")
    parser.add_argument("--child-instructions", nargs=2, metavar=("KEY", "STEP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_instructions:
        _child_instructions(*args.child_instructions)
        return
    if args.instructions:
        instructions(args.instructions, args.before)
        return
    if args.profile:
        measure(args.profile, min(args.repeat, 5), profile=True, only=args.steps)
        return
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')} UTC\n")
    print(f"edit → panel, medians of {args.repeat} (ms)\n")
    print("| plan | step | edit → panel CPU | wall | + deferred (checks) CPU | wall | target (CPU) |")
    print("|---|---|---|---|---|---|---|")
    for key in args.only.split(","):
        target = {"large": "16 ms", "XL": "100 ms"}[key]
        for name, (c, w, c2, w2) in measure(key, args.repeat, only=args.steps).items():
            print(f"| {key} | {name} | {c:.1f} | {w:.1f} | {c2:.1f} | {w2:.1f} | {target} |", flush=True)


if __name__ == "__main__":
    main()
