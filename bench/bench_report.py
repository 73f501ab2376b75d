"""Benchmark of the PDF report (issue 6, point 6): the report of the large synthetic plan in ≤ 5 s.

Uses the plan builder of `bench/bench_engine.py` (one scenario of 60 tenants, 600 room lines, 150 equipment
lines, 40 cost lines) and prints the time of `planners.exports.report.document.write_report` (engine, checks, layout,
charts and PDF writing together), its page count and size, and what importing the charts module costs
(it is imported only when a report or a chart is made, never at the app's start).

    .venv/bin/python bench/bench_report.py [--repeat N] [--keep OUT.pdf]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import build_plan  # noqa: E402

TARGET_S = 5.0


def import_cost_s() -> float:
    """Seconds to import planners.exports.charts in a fresh interpreter (what the first chart costs the app)."""
    code = "import time; t = time.perf_counter(); import planners.exports.charts; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also write the report here, to look at it")
    args = parser.parse_args()

    from planners.exports.report.document import write_report

    plan = build_plan(scale=1, scenarios=1)
    sc = plan.scenario()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "rapport.pdf"
        for _ in range(args.repeat):
            start = time.perf_counter()
            write_report(plan, target)
            times.append(time.perf_counter() - start)
        size = target.stat().st_size
        pages = target.read_bytes().count(b"/Type /Page\n") or target.read_bytes().count(b"/Type /Page")
    if args.keep:
        write_report(plan, args.keep)
    median = statistics.median(times)
    print(
        f"plan: {len(sc.tenants)} tenants, {len(sc.rooms)} room lines, {len(sc.equipment)} equipment "
        "lines, "
        f"{len(sc.costs)} cost lines"
    )
    print(
        f"write_report: median {median:.2f} s of {args.repeat} (first {times[0]:.2f} s), "
        f"{pages} pages, {size / 1024:.0f} KiB; target ≤ {TARGET_S:.0f} s: "
        f"{'met' if median <= TARGET_S else 'MISSED'}"
    )
    print(f"import planners.exports.charts in a fresh interpreter: {import_cost_s():.2f} s")


if __name__ == "__main__":
    main()
