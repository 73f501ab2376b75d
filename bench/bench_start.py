"""Issue 19, point 1: start → painted window, against a bare PySide6 window with a table, in the same run.

    python bench/bench_start.py [--rounds 7] [--only example,large,XL] [--profile large] [--before DIR]
    python bench/bench_start.py --instructions example [--before DIR]

Each child is a fresh interpreter (byte-compiled first, PYTHONDONTWRITEBYTECODE unset: PLATFORM.md) in a new
temporary home (no remembered settings), on the offscreen platform unless a display is set:
- anchor: `QApplication`, a `QMainWindow` holding a `QTableView` on a 30 × 8 `QStandardItemModel`, shown; the
  event loop runs until the window's first paint event, then a zero-timer quits; the window closes; exit.
- ours: `sundhedshus PLAN` with `SUNDHEDSHUS_STARTUP_PROBE=1` (`desktop.app._probe`: the same first paint, the
  same zero-timer, the window closed as the app closes it, the plan's lock released) for the example, the large
  plan (`bench_engine.build_plan()`: 10 scenarios × 60 tenants × 600 rooms) and the XL plan (10 scenarios ×
  600 tenants × 6.000 rooms).
Rounds interleave anchor and plans; CPU = user + sys of the child (`RUSAGE_CHILDREN`), wall from spawn to
exit; the ratio is of the medians. `--profile KEY` runs one child of KEY under cProfile and prints the top.
`--instructions KEY` runs the anchor and KEY (in each tree) once under callgrind and prints the instructions: they
do not move with the machine's load (two runs agree to ≈ 0,1 %), so a step too small for the CPU medians shows.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from child_runs import run_child  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

ANCHOR = """
import sys, time
started = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
model = QStandardItemModel(30, 8)
for r in range(30):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"{r}.{c}"))
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1280, 720)
window.show()
class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint and watched is window:
            self.seen = True
            QTimer.singleShot(0, app.quit)
        return False
painted = FirstPaint()
window.installEventFilter(painted)
QTimer.singleShot(10_000, app.quit)
app.exec()
print(f"startup {time.perf_counter() - started:.3f} painted={painted.seen}", flush=True)
window.close()
"""

OURS = "import sys, desktop.main as m; sys.exit(m.main(sys.argv[1:]))"

# Under valgrind the child runs ≈ 50 times slower, so the app's delayed timers (the charts' module after 1 s, the
# collector's look every 0,5 s) would fire before the first paint and be counted: pushed out, for this only.
PUSH_TIMERS = """
import importlib.abc, importlib.machinery, sys
PUSH = {"desktop.mainwindow": ("CHARTS_MODULE_MS", 10**7), "desktop.collector": ("INTERVAL_MS", 10**7)}
class PushTimers(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in PUSH:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module, run=run, name=name):
            run(module)
            setattr(module, *PUSH[name])
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, PushTimers())
"""


def _env(home: str, tree: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ, HOME=home, XDG_DOCUMENTS_DIR=str(Path(home) / "Dokumenter"),
               XDG_CONFIG_HOME=str(Path(home) / ".config"), PYTHONPATH=str(tree),
               SUNDHEDSHUS_STARTUP_PROBE="1")  # fmt: skip
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _child(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """CPU (user + sys) and wall of one child; the child's own seconds to the painted window."""
    # Run in the child's own home: `python -c` puts the working folder first on sys.path, so a child started in a
    # source tree would import that tree's code whatever PYTHONPATH says (the "before" tree measured the after).
    run = run_child(cmd, env, env["HOME"], capture=True, timeout=600)
    line = next((x for x in run.stdout.splitlines() if x.startswith("startup ")), None)
    if line is None or "painted=True" not in line:
        raise RuntimeError(f"no painted window: {run.stdout!r} {run.stderr[-2000:]!r}")
    inner = float(line.split()[1])
    return run.cpu, run.wall, inner


def make_plans(folder: Path, only: list[str]) -> dict[str, Path]:
    """The plans asked for, written into `folder` once (kept between runs: the XL plan takes a minute to write)."""
    from bench_engine import build_plan, build_scenario

    from planners import reference
    from planners.interchange.plan_json import load_json
    from planners.model import Plan
    from planners.store.planfile import create_plan_file

    def xl() -> Plan:
        plan = build_plan(scenarios=1)  # the plan's own fields; its scenarios replaced
        plan.scenarios = [build_scenario(f"Scenarie {k + 1}", 10, tenants=600) for k in range(10)]
        plan.applied_scenario = plan.scenarios[0].name
        return plan

    makers = {"example": lambda: load_json(reference.example_path()), "large": build_plan, "XL": xl}
    folder.mkdir(parents=True, exist_ok=True)
    plans = {}
    for key in only:
        path = folder / f"{key}.sundhedshus"
        if not path.exists():
            create_plan_file(path, makers[key]()).close()
        plans[key] = path
    return plans


def _plans_folder() -> Path:
    """Kept between runs, per schema version: a plan written by an older version would be migrated (in place, after a
    backup) by the first open, and a reading open would migrate a copy every time, which is not the start measured."""
    from planners.store.schema import SCHEMA_VERSION

    return Path(tempfile.gettempdir()) / f"sundhedshus-bench-plans-v{SCHEMA_VERSION}"


PLANS = _plans_folder()


def run(rounds: int, only: list[str], before: Path | None) -> None:
    trees = {"": ROOT, **({"before: ": before} if before is not None else {})}
    for tree in trees.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop"], cwd=tree,
                       env=_env(tempfile.gettempdir(), tree), check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        plans = make_plans(PLANS, only)
        runs: dict[str, list[tuple[float, float, float]]] = {}
        for _ in range(rounds):
            for prefix, key in [("", "anchor"), *((p, k) for k in plans for p in trees)]:
                home = tempfile.mkdtemp(dir=tmp)
                if key == "anchor":
                    cmd = [sys.executable, "-c", ANCHOR]
                else:
                    cmd = [sys.executable, "-c", OURS, str(plans[key])]
                    Path(str(plans[key]) + ".lock").unlink(missing_ok=True)  # a killed run's
                runs.setdefault(prefix + key, []).append(_child(cmd, _env(home, trees[prefix])))
                print(f"  {prefix}{key}: {runs[prefix + key][-1]}", file=sys.stderr, flush=True)
                shutil.rmtree(home, ignore_errors=True)
    med = {k: tuple(statistics.median(r[i] for r in v) * 1000 for i in range(3)) for k, v in runs.items()}
    ac, aw, ai = med["anchor"]
    targets = {"example": "≤ 1,5×", "large": "≤ 2×", "XL": "≤ 3×"}
    print(f"start → painted window, medians of {rounds} interleaved rounds (ms)\n")
    print("| what | CPU | ratio CPU | wall | ratio wall | inside (to paint) | target (CPU) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| bare PySide6 window with a table | {ac:.0f} | 1 | {aw:.0f} | 1 | {ai:.0f} | |")
    for key in plans:
        for prefix in trees:
            c, w, i = med[prefix + key]
            print(f"| {prefix}{key} | {c:.0f} | {c / ac:.2f}× | {w:.0f} | {w / aw:.2f}× | {i:.0f} | {targets[key]} |")
    print()


def profile(key: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plans = make_plans(PLANS, [key])
        home = tempfile.mkdtemp(dir=tmp)
        out = Path(tmp) / "start.prof"
        # written by an exit handler: the app ends with a fast exit (`desktop.app.leave`), which runs the exit
        # handlers but never returns to a `cProfile.run`
        code = ("import atexit, cProfile, sys, desktop.main as m; p = cProfile.Profile(); "
                f"atexit.register(lambda: (p.disable(), p.dump_stats({str(out)!r}))); "
                "p.enable(); m.main(sys.argv[1:])")  # fmt: skip
        subprocess.run([sys.executable, "-c", code, str(plans[key])], env=_env(home), cwd=home, check=True)
        import pstats

        pstats.Stats(str(out)).sort_stats("cumulative").print_stats(45)


def instructions(key: str, before: Path | None) -> None:
    """The instructions (callgrind's Ir) of one start of the anchor and of `key` in each tree; a copy of the plan."""
    trees = {"": ROOT, **({"before: ": before} if before is not None else {})}
    with tempfile.TemporaryDirectory() as tmp:
        plan = make_plans(PLANS, [key])[key]
        counts = {}
        for tree in trees.values():
            subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop"], cwd=tree,
                           env=_env(tmp, tree), check=True, stdout=subprocess.DEVNULL)
        for name, tree, code in [("anchor", ROOT, ANCHOR), *((p + key, t, PUSH_TIMERS + OURS) for p, t in trees.items())]:
            home = tempfile.mkdtemp(dir=tmp)
            copy = Path(home) / plan.name
            shutil.copyfile(plan, copy)
            args = [] if name == "anchor" else [str(copy)]
            run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                                  "-c", code, *args], env=_env(home, tree), cwd=home, capture_output=True, text=True,
                                 check=True)  # fmt: skip
            counts[name] = int(next(x for x in run.stderr.splitlines() if "Collected" in x).split()[-1])
    print("start → painted window, instructions (callgrind Ir, one run each)\n")
    print("| what | M instructions | ratio |")
    print("|---|---|---|")
    for name, ir in counts.items():
        print(f"| {name} | {ir / 1e6:,.1f} | {ir / counts['anchor']:.2f}× |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="example,large,XL")
    parser.add_argument("--profile", choices=("example", "large", "XL"))
    parser.add_argument("--instructions", choices=("example", "large", "XL"))
    parser.add_argument("--before", type=Path, help="another tree (planners, desktop, resources) run alongside")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return
    if args.instructions:
        instructions(args.instructions, args.before)
        return
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')} UTC, "
          f"platform {'offscreen' if not os.environ.get('DISPLAY') else os.environ['DISPLAY']}\n")
    run(args.rounds, args.only.split(","), args.before)


if __name__ == "__main__":
    main()
