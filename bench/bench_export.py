"""Benchmark of the application annex (annex issue, point 7).

Writes the annex of the engine benchmark's large synthetic plan (bench/bench_engine.py: 60 tenants, 600 room
lines, 150 equipment lines, 40 cost lines in one scenario) and prints the median time of `write_annex` (build the
workbook + save it atomically), the file's size and cell count, and the time LibreOffice takes to recalculate it
(proving that a spreadsheet can) with the largest difference between the recalculated figures and the engine's.

Target: the annex in ≤ 3 s on a 2-core machine.

    .venv/bin/python bench/bench_export.py [--repeat N] [--scale S] [--no-recalc]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import build_plan  # noqa: E402

from planners.exports.annex.layout import TENANTS, make_layout  # noqa: E402
from planners.exports.annex.workbook import SCALAR_LABELS, write_annex  # noqa: E402
from planners.exports.recalc import recalculate, soffice_path  # noqa: E402
from planners.figures.engine import compute  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--no-recalc", action="store_true")
    args = parser.parse_args()

    plan = build_plan(scale=args.scale, scenarios=1)
    sc = plan.scenarios[0]
    print(f"plan: {len(sc.tenants)} tenants, {len(sc.rooms)} rooms, {len(sc.equipment)} equipment lines, "
          f"{len(sc.costs)} cost lines, {len(sc.running.services)} services")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "annex.xlsx"
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            write_annex(plan, target)
            times.append(time.perf_counter() - start)
        cells = sum(ws.max_row * ws.max_column for ws in openpyxl.load_workbook(target).worksheets)
        print(f"write_annex: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}) "
              f"over {args.repeat} runs; {target.stat().st_size / 1024:.0f} KiB, ≈{cells} cells; target ≤ 3 s")
        if args.no_recalc or soffice_path() is None:
            print("LibreOffice recalculation: skipped" + ("" if args.no_recalc else " (soffice not installed)"))
            return
        start = time.perf_counter()
        (out,) = recalculate([target], Path(tmp) / "recalculated")
        elapsed = time.perf_counter() - start
        wb = openpyxl.load_workbook(out, data_only=True)
        figures = compute(plan)
        worst = Decimal(0)
        for key in SCALAR_LABELS:
            (sheet, coord), = list(wb.defined_names[key].destinations)
            worst = max(worst, abs(Decimal(repr(wb[sheet][coord.replace("$", "")].value)) - getattr(figures, key)))
        lay = make_layout(plan, sc)
        for i, tenant in enumerate(figures.tenants):
            got = wb[TENANTS].cell(row=lay.t_first + i, column=8).value
            worst = max(worst, abs(Decimal(repr(got)) - tenant.total))
        print(f"LibreOffice recalculation (incl. start-up): {elapsed:.1f} s; largest difference from the engine "
              f"(11 scalars, {len(figures.tenants)} tenant totals): {worst:.2E} kr.")


if __name__ == "__main__":
    main()
