"""Issue 19 (the report): `sundhedshus export --pdf` of the large plan against the one-chart floor — a ratio
against its anchor measured in the same run, interleaved, medians, CPU and wall.

    PYTHONPATH=TREE python bench/bench_report.py [--rounds 9] [--before DIR] [--keep DIR] [--profile OUT.prof]

Floor: matplotlib writing a one-chart PDF in a fresh interpreter (`FLOOR`: import pyplot with the Agg backend,
one bar chart, `savefig` to a .pdf — what any program that draws one chart into a PDF must at least do).
Report: `python -m desktop.main export LARGE --pdf OUT` (the command line's report of the large plan of
`bench_engine.build_plan`: 10 scenarios, the first one reported: 60 tenants, 600 room lines, 150 equipment lines,
40 cost lines), a fresh interpreter each. Each round runs the floor, then the report (then, with `--before DIR`,
the report of the tree DIR: `git archive REV planners desktop resources | tar -x -C DIR`), so a loaded machine
weighs on all alike. CPU = user + sys of the child (`resource.getrusage(RUSAGE_CHILDREN)`); the ratio is of the
medians. Both trees are byte-compiled first and PYTHONDONTWRITEBYTECODE is unset (PLATFORM.md).

`--keep DIR` also writes each tree's report into DIR (to look at: `pdftoppm -r 60`); `--profile OUT.prof` runs the
report once more under cProfile (`python -m cProfile -o OUT.prof`) and prints its top 30 by cumulative time.

Also `write_report` in this process (`--in-process N`): the report alone, without the interpreter and the open.
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

from bench_engine import build_plan  # noqa: E402
from child_runs import print_ratio_table, run_child  # noqa: E402

TARGET = 2.5  # issue 19: report ≤ 2,5× the one-chart floor

FLOOR = (
    "import sys, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
    "fig, ax = plt.subplots(); ax.bar(['a', 'b', 'c', 'd'], [3, 1, 4, 1]); ax.set_title('Et diagram'); "
    "fig.savefig(sys.argv[1])"
)


def _child(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """CPU and wall seconds of one child; a report child runs in its own tree, so that it imports that tree."""
    run = run_child(cmd, env, cwd)
    return run.cpu, run.wall


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(tree)
    return env


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def in_process(repeat: int) -> None:
    from planners.exports.report.document import write_report

    plan = build_plan(scale=1, scenarios=10)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "rapport.pdf"
        times = []
        for _ in range(repeat + 1):  # the first is a warm-up (imports, fonts)
            c = time.process_time()
            write_report(plan, target)
            times.append(time.process_time() - c)
        print(f"write_report in one process: first {times[0]:.2f} s CPU, then median "
              f"{statistics.median(times[1:]):.2f} s CPU of {repeat}; {_pages(target)} pages, "
              f"{target.stat().st_size / 1024:.0f} KiB\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--before", type=Path, help="a second tree (planners, desktop, resources) run alongside")
    parser.add_argument("--keep", type=Path, help="write each tree's report into this folder too")
    parser.add_argument("--profile", type=Path, help="cProfile one more report child into this file")
    parser.add_argument("--in-process", type=int, default=0, metavar="N")
    args = parser.parse_args()

    import planners
    from planners.store.planfile import create_plan_file

    here = Path(planners.__file__).resolve().parent.parent  # the tree measured (PYTHONPATH)
    trees = {"after": here}
    if args.before:
        trees = {"before": args.before.resolve(), "after": here}
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')} UTC, "
          f"trees {', '.join(f'{k} {v}' for k, v in trees.items())}\n")
    for tree in trees.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop"], cwd=tree,
                       env=_env(tree), check=True, stdout=subprocess.DEVNULL)
    if args.in_process:
        in_process(args.in_process)

    runs: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        plan_path = Path(tmp) / "large.sundhedshus"
        create_plan_file(plan_path, build_plan(scale=1, scenarios=10)).close()
        out = Path(tmp) / "out.pdf"

        def report_cmd(target: Path) -> list[str]:
            return [sys.executable, "-m", "desktop.main", "export", str(plan_path), "--pdf", str(target)]

        floor_env = _env(here)
        for tree in trees.values():  # warm-up: the OS's file cache, font caches of both
            out.unlink(missing_ok=True)
            _child(report_cmd(out), _env(tree), tree)
        _child([sys.executable, "-c", FLOOR, str(Path(tmp) / "floor.pdf")], floor_env, Path(tmp))
        for _ in range(args.rounds):
            runs.setdefault("floor", []).append(
                _child([sys.executable, "-c", FLOOR, str(Path(tmp) / "floor.pdf")], floor_env, Path(tmp)))
            for label, tree in trees.items():
                out.unlink(missing_ok=True)
                runs.setdefault(label, []).append(_child(report_cmd(out), _env(tree), tree))
        pages = {}
        for label, tree in trees.items():
            target = (args.keep / f"report-{label}.pdf") if args.keep else Path(tmp) / f"{label}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            _child(report_cmd(target), _env(tree), tree)
            pages[label] = (_pages(target), target.stat().st_size)
        if args.profile:
            out.unlink(missing_ok=True)
            cmd = [sys.executable, "-m", "cProfile", "-o", str(args.profile), "-m", "desktop.main", "export",
                   str(plan_path), "--pdf", str(out)]
            subprocess.run(cmd, env=_env(here), cwd=here, check=True, stdout=subprocess.DEVNULL)

    print(f"Report vs the one-chart floor, medians of {args.rounds} interleaved rounds (ms); target ≤ {TARGET}×\n")
    rows = [(f"report, large plan ({label}: {pages[label][0]} pages, {pages[label][1] / 1024:.0f} KiB)", runs[label])
            for label in trees]
    print_ratio_table(("floor: matplotlib, one bar chart to PDF", runs["floor"]), rows)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.profile:
        import pstats

        print()
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
