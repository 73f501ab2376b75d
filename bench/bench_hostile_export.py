"""Exports of hostile sizes finish in time proportional to their size (issue 20.6).

The large template with every name and text made long (300-character words without a break, and
300-character sentences), then its lines repeated ×1, ×2, ×4: the CPU time of `write_report` (PDF) and
`write_annex` (xlsx) for each, and the time per line. Linear work keeps the time per line flat; the O(n²)
wrapping of a 300-character word took minutes for the PDF (issue 20).

Bound: the ×4 plan's report in ≤ 60 s CPU and its time per line at most 2× the ×1 plan's.

    PYTHONPATH=. python bench/bench_hostile_export.py [--scales 1,2,4]
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.exports.annex.workbook import write_annex  # noqa: E402
from planners.exports.report.document import write_report  # noqa: E402
from planners.interchange.plan_json import load_json  # noqa: E402
from planners.model.validation import validate_plan  # noqa: E402
from planners.reference import (
    known_names,  # noqa: E402
    template_path,  # noqa: E402
)

WORD = "".join(chr(ord("a") + i % 26) for i in range(300))
SENTENCE = " ".join(["sundhedshus"] * 25)[:300]


def hostile(scale: int):  # noqa: ANN201
    plan = load_json(template_path("large"))
    plan.title = WORD
    plan.description = SENTENCE
    sc = plan.scenarios[0]
    plan.scenarios = [sc]
    plan.applied_scenario = None
    for t in sc.tenants:
        t.name = (t.name + " " + WORD)[:300]
        t.note = SENTENCE
    for r in sc.rooms:
        r.label = WORD
    for e in sc.equipment:
        e.name = WORD
    for c in sc.costs:
        c.text = SENTENCE
    for f in sc.financing:
        f.text = WORD
    base = {k: list(getattr(sc, k)) for k in ("rooms", "equipment")}
    for k, lines in base.items():
        setattr(sc, k, [copy.deepcopy(x) for _ in range(scale) for x in lines])
    assert not validate_plan(plan, known_names()), validate_plan(plan, known_names())[:3]
    return plan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,2,4")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        write_report(hostile(1), Path(tmp) / "warm.pdf")  # imports, fonts and caches out of the figures
        for scale in (int(s) for s in args.scales.split(",")):
            plan = hostile(scale)
            sc = plan.scenarios[0]
            lines = len(sc.rooms) + len(sc.equipment) + len(sc.tenants) + len(sc.costs)
            cpu = time.process_time()
            write_report(plan, Path(tmp) / f"r{scale}.pdf")
            pdf = time.process_time() - cpu
            cpu = time.process_time()
            write_annex(plan, Path(tmp) / f"a{scale}.xlsx", None)
            xlsx = time.process_time() - cpu
            rows.append((scale, lines, pdf, xlsx))
            print(f"×{scale}: {lines} lines, report {pdf:.2f} s CPU ({1000 * pdf / lines:.1f} ms/line), "
                  f"annex {xlsx:.2f} s CPU ({1000 * xlsx / lines:.1f} ms/line)", flush=True)
    first, last = rows[0], rows[-1]
    ratio = (last[2] / last[1]) / (first[2] / first[1])
    print(f"report time per line, ×{last[0]} vs ×{first[0]}: {ratio:.2f} (bound ≤ 2); ×{last[0]} report "
          f"{last[2]:.1f} s CPU (bound ≤ 60 s)")


if __name__ == "__main__":
    main()
