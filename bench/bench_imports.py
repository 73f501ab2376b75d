"""Issue 19 (a light import of the core): what importing our code costs, in fresh interpreters, byte-compiled.

    PYTHONPATH=$PWD python bench/bench_imports.py [--rounds 9] [--against OLD_TREE]

With --against (a tree with planners/, desktop/ and resources/, e.g. `git archive 5f26006 planners desktop
resources | tar -x -C /tmp/old`), every case is also run on that tree in the same rounds, interleaved, and the
table gives both and their ratio.

Each round runs, interleaved, a fresh interpreter for each of:
- floor: `import sqlite3, decimal, json` (the anchor of `bench_speed.py --only summary`);
- `planners.model`, `planners.cli`, and "summary path": every module of ours that `sundhedshus summary` of the
  large plan loads (found by running it once), imported in the order it loads them. Each is timed in the child
  with `time.process_time()` around the imports, after the floor's modules are imported (so the figure is
  what our code adds on top of the floor, the standard-library modules only it pulls in included);
- the whole `sundhedshus summary` of the large plan (CPU = user + sys of the child).
Medians, CPU in ms. Byte-compiled first with PYTHONDONTWRITEBYTECODE unset (PLATFORM.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from child_runs import run_child  # noqa: E402

FLOOR = "import sqlite3, decimal, json"
TIMED = ("import sys, time\n" + FLOOR + "\n"
         "t = time.process_time()\n{imports}\nprint(time.process_time() - t)\n")
# Printed by an exit handler: a reading command ends its process itself after running them (`desktop.main`).
LOADED = ("import atexit, sys, runpy\nsys.argv = ['sundhedshus', 'summary', {path!r}]\nbefore = set(sys.modules)\n"
          "atexit.register(lambda: print(' '.join(m for m in sys.modules if m not in before and m.split('.')[0] in"
          " ('planners', 'desktop')), file=sys.stderr))\n"
          "try:\n    runpy.run_module('desktop.main', run_name='__main__')\nexcept SystemExit:\n    pass\n")


def _child(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    """CPU (user + sys) of a child run in its tree (`python -c` puts the working folder first on the path)."""
    run = run_child(cmd, env, env["PYTHONPATH"], capture=True)
    return run.cpu, run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--against", type=Path, help="another tree to measure in the same rounds (before)")
    args = parser.parse_args()
    from bench_engine import build_plan

    import planners
    from planners.store.planfile import create_plan_file

    roots = {"this": Path(planners.__file__).resolve().parent.parent}
    if args.against:
        roots = {"before": args.against.resolve(), "after": roots["this"]}
    envs = {}
    for label, root in roots.items():
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPATH"] = str(root)
        envs[label] = env
        subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop", "resources"], cwd=root,
                       env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"trees {', '.join(f'{k}: {v}' for k, v in roots.items())}\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.sundhedshus"
        create_plan_file(path, build_plan(1)).close()
        cases: dict[str, dict[str, str]] = {}
        for label, env in envs.items():
            done = subprocess.run([sys.executable, "-c", LOADED.format(path=str(path))], env=env,
                                  cwd=env["PYTHONPATH"], check=True, capture_output=True, text=True)
            ours = done.stderr.split()
            cases[label] = {
                "import planners.model": "import planners.model",
                "import planners.cli": "import planners.cli",
                "summary path (every module of ours it loads)": "\n".join(f"import {m}" for m in ours),
            }
        floor_cmd = [sys.executable, "-c", FLOOR]
        summary_cmd = [sys.executable, "-m", "desktop.main", "summary", str(path)]
        cpu: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            cpu.setdefault(("floor", ""), []).append(_child(floor_cmd, envs[next(iter(envs))])[0])
            for label, env in envs.items():
                for case, imports in cases[label].items():
                    _, out = _child([sys.executable, "-c", TIMED.format(imports=imports)], env)
                    cpu.setdefault((case, label), []).append(float(out))
                cpu.setdefault(("`sundhedshus summary`, large plan (whole process)", label), []).append(
                    _child(summary_cmd, env)[0])
    floor = statistics.median(cpu["floor", ""]) * 1000
    labels = list(envs)
    print(f"Medians of {args.rounds} interleaved fresh interpreters, CPU ms (÷ floor in brackets); the imports are "
          "timed inside the child, after the floor's modules\n")
    print("| what | " + " | ".join(labels) + (" | after ÷ before |" if len(labels) == 2 else " |"))
    print("|---|" + "---|" * len(labels) + ("---|" if len(labels) == 2 else ""))
    print(f"| floor: `{FLOOR}` (whole process) | " + " | ".join(f"{floor:.1f} (1)" for _ in labels)
          + (" | |" if len(labels) == 2 else " |"))
    for case in dict.fromkeys(c for c, label in cpu if label):
        values = [statistics.median(cpu[case, label]) * 1000 for label in labels]
        row = " | ".join(f"{v:.1f} ({v / floor:.2f})" for v in values)
        extra = f" | {values[1] / values[0]:.2f} |" if len(values) == 2 else " |"
        print(f"| {case} | {row}{extra}")
    print()


if __name__ == "__main__":
    main()
