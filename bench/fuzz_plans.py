"""Fuzz the plan file's open path on demand (issue 20.7): thousands of seeded damaged plans.

    PYTHONPATH=. python bench/fuzz_plans.py [--cases 2000] [--first-seed 0] [--limit 10] [--gui 0]

Each seed makes one damaged copy of the "remote" template (`tests/fuzzing.damage_plan`); it is run through
the CLI's reading commands (summary, check, export-json), through `PlanFile.open` for editing and read-only
(as the GUI opens), and with `--gui N` the first N seeds through the real window (offscreen). Outcomes:
refused / accepted / traceback / hang / changed / invalid (see tests/fuzzing.py). Record the printed figures
and the seed range in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.interchange.plan_json import load_json  # noqa: E402
from planners.reference import template_path  # noqa: E402
from planners.store.planfile import create_plan_file  # noqa: E402
from tests.fuzzing import Tally, fuzz_plans, run_open_case  # noqa: E402


def gui_runner(limit: float):  # noqa: ANN201
    """Open each damaged plan in the real window (offscreen): refused unchanged and unlocked, or opened."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import make_application
    from desktop.mainwindow import MainWindow
    from tests.fuzzing import CaseTimeout, _snapshot, time_limit

    app = QApplication.instance() or QApplication([])
    os.environ.setdefault("SUNDHEDSHUS_SETTINGS_DIR", tempfile.mkdtemp())  # not the user's recent plans
    make_application()
    window = MainWindow()
    told: list[str] = []
    window.ask = lambda title, text: False  # type: ignore[method-assign]  # never take over, never read-only
    window.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]

    def run(path: Path) -> tuple[str, str]:
        import traceback

        before = _snapshot(path.parent)
        told.clear()
        try:
            with time_limit(limit):
                opened = window.open_path(path)
                app.processEvents()
                window.close_plan()
        except CaseTimeout:
            return "hang", ""
        except Exception:  # noqa: BLE001
            return "traceback", traceback.format_exc(limit=-3)[-500:]
        lock = path.with_name(path.name + ".lock")
        if lock.exists() and lock.name not in before:
            return "changed", "lock left"
        if not opened:
            if _snapshot(path.parent) != before:
                return "changed", "refused but changed"
            if any("Traceback" in t for t in told):
                return "traceback", told[0][:300]
            return "refused", ""
        return "accepted", ""

    return run


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--limit", type=float, default=10.0)
    parser.add_argument("--gui", type=int, default=0, help="also open the first N seeds in the real window")
    args = parser.parse_args()
    seeds = range(args.first_seed, args.first_seed + args.cases)
    work = Path(tempfile.mkdtemp(prefix="fuzz-plans-"))
    source = work / "source.sundhedshus"
    create_plan_file(source, load_json(template_path("remote"))).close()
    started = time.monotonic()
    cpu = time.process_time()
    print(f"seeds {seeds.start}–{seeds.stop - 1}, limit {args.limit:g} s CPU per case", flush=True)
    phases: list[tuple[str, range, object]] = [
        ("CLI summary/check/export-json", seeds, None),
        ("open for editing", seeds, lambda p: run_open_case(p, args.limit, readonly=False)),
        ("open read-only", seeds, lambda p: run_open_case(p, args.limit, readonly=True)),
    ]
    if args.gui:
        phases.append(("GUI window", range(args.first_seed, args.first_seed + args.gui), gui_runner(args.limit)))
    bugs = 0
    for name, phase_seeds, runner in phases:
        tally: Tally = fuzz_plans(phase_seeds, work / name.split()[0].lower(), source, args.limit,
                                  runner=runner)  # type: ignore[arg-type]
        # Printed as each phase ends, so a long run that is stopped still leaves its figures.
        print(f"- {name}: {tally.line()}", flush=True)
        bugs += tally.bugs
        for outcome, examples in tally.examples.items():
            for e in examples[:5]:
                print(f"    {outcome}: {e[:300]!r}", flush=True)
    print(f"{time.monotonic() - started:.0f} s wall, {time.process_time() - cpu:.0f} s CPU", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
