"""Issue 19 (a light import of the core): what importing our code costs, in fresh interpreters, byte-compiled.

    PYTHONPATH=$PWD python bench/bench_imports.py [--rounds 9]

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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

FLOOR = "import sqlite3, decimal, json"
TIMED = ("import sys, time\n" + FLOOR + "\n"
         "t = time.process_time()\n{imports}\nprint(time.process_time() - t)\n")
LOADED = ("import sys, runpy\nsys.argv = ['sundhedshus', 'summary', {path!r}]\nbefore = set(sys.modules)\n"
          "try:\n    runpy.run_module('desktop.main', run_name='__main__')\nexcept SystemExit:\n    pass\n"
          "print(' '.join(m for m in sys.modules if m not in before and m.split('.')[0] in ('planners', 'desktop')),"
          " file=sys.stderr)\n")


def _child(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    from bench_engine import build_plan

    import planners
    from planners.store.planfile import create_plan_file

    root = Path(planners.__file__).resolve().parent.parent
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(root)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop"], cwd=root, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"tree {root}\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.sundhedshus"
        create_plan_file(path, build_plan(1)).close()
        done = subprocess.run([sys.executable, "-c", LOADED.format(path=str(path))], env=env, check=True,
                              capture_output=True, text=True)
        ours = done.stderr.split()
        cases = {
            "import planners.model": "import planners.model",
            "import planners.cli": "import planners.cli",
            f"summary path ({len(ours)} modules of ours)": "\n".join(f"import {m}" for m in ours),
        }
        floor_cmd = [sys.executable, "-c", FLOOR]
        summary_cmd = [sys.executable, "-m", "desktop.main", "summary", str(path)]
        child: dict[str, list[float]] = {}
        total: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            total.setdefault("floor", []).append(_child(floor_cmd, env)[0])
            for label, imports in cases.items():
                cpu, out = _child([sys.executable, "-c", TIMED.format(imports=imports)], env)
                child.setdefault(label, []).append(float(out))
            total.setdefault("summary", []).append(_child(summary_cmd, env)[0])
    floor = statistics.median(total["floor"]) * 1000
    print(f"Medians of {args.rounds} interleaved fresh interpreters, CPU ms\n")
    print("| what | CPU (ms) | ÷ floor |")
    print("|---|---|---|")
    print(f"| floor: `{FLOOR}` (whole process) | {floor:.1f} | 1 |")
    for label, values in child.items():
        c = statistics.median(values) * 1000
        print(f"| {label}, on top of the floor's modules | {c:.1f} | {c / floor:.2f} |")
    c = statistics.median(total["summary"]) * 1000
    print(f"| `sundhedshus summary`, large plan (whole process) | {c:.1f} | {c / floor:.2f} |")
    print()


if __name__ == "__main__":
    main()
