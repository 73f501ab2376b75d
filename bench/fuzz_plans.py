"""Fuzz the plan file's open path on demand (issue 20.7): thousands of seeded damaged plans.

    PYTHONPATH=. python bench/fuzz_plans.py [--cases 2000] [--first-seed 0] [--limit 10] [--gui 0]

Each seed makes one damaged copy of the "remote" template (`tests/fuzzing.damage_plan`); it is run through
the CLI's reading commands (summary, check, export-json, export --xlsx; --pdf for every 10th seed), through `PlanFile.open` for
editing and read-only (as the GUI opens), and with `--gui N` the first N seeds through the real window
(offscreen, in a child process with a wall-clock limit: a crash dialog's traceback, a hang, a dead process,
changed bytes (sha256) and a lock left are counted). Outcomes:
refused / accepted / traceback / hang / changed / invalid (see tests/fuzzing.py). Record the printed figures
and the seed range in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.interchange.plan_json import load_json  # noqa: E402
from planners.reference import template_path  # noqa: E402
from planners.store.planfile import create_plan_file  # noqa: E402
from tests.fuzzing import Tally, fuzz_plans, run_open_case, run_plan_case  # noqa: E402

CLI_COMMANDS = ("summary", "check", "export-json", "export")
BLOCK = 100  # seeds a phase runs before the next phase takes its turn
PDF_EVERY = 10  # the PDF report (seconds of CPU a plan) for every 10th seed; the annex for every seed


def cli_case(path: Path, limit: float) -> tuple[str, str]:
    seed = int(path.parent.name.removeprefix("case"))
    return run_plan_case(path, limit, CLI_COMMANDS + (("export-pdf",) if seed % PDF_EVERY == 0 else ()))


def gui_worker() -> int:
    """The child of the GUI phase: the real window (offscreen) opens each path read from stdin
    ("path<TAB>answer", the answer to every question: y/n) and prints one JSON line per case: whether it opened,
    what the window told, and each traceback that reached the app's crash dialog (sys.excepthook) or escaped
    `open_path`. A crash of the process (a segfault, an abort) is seen by the parent as a dead child."""
    import json
    import traceback

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import make_application
    from desktop.mainwindow import MainWindow

    app = QApplication.instance() or QApplication([])
    os.environ.setdefault("SUNDHEDSHUS_SETTINGS_DIR", tempfile.mkdtemp())  # not the user's recent plans
    make_application()
    window = MainWindow()
    window.show()
    told: list[str] = []
    crashes: list[str] = []
    answer = [False]
    window.ask = lambda title, text: answer[0]  # type: ignore[method-assign]
    window.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]
    # What the app's crash dialog would show (desktop/dialogs/crash.py is the real hook): recorded instead.
    sys.excepthook = lambda t, e, tb: crashes.append("".join(traceback.format_exception(t, e, tb))[-800:])
    for line in sys.stdin:
        path_text, _, yes = line.rstrip("\n").partition("\t")
        told.clear()
        crashes.clear()
        answer[0] = yes == "y"
        opened = False
        try:
            opened = window.open_path(Path(path_text))
            for _ in range(3):
                app.processEvents()  # the pages fill and paint, as on screen
            window.close_plan()
            app.processEvents()
        except Exception:  # noqa: BLE001 (in the app: the crash dialog)
            crashes.append(traceback.format_exc()[-800:])
            try:
                window.close_plan()
            except Exception:  # noqa: BLE001
                crashes.append(traceback.format_exc()[-800:])
        print(json.dumps({"opened": opened, "told": told[:3], "crashes": crashes}), flush=True)
    return 0


class GuiRunner:
    """The GUI phase's parent: one child process (`--gui-worker`) opens the cases in turn; a case that takes
    more than `limit` seconds of wall time is a hang (the child is killed and a new one started), a child that
    dies is a crash. Files are compared by sha256 before and after; a lock file left is a finding."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.child: subprocess.Popen[str] | None = None
        self.restarts = 0
        self.seed = 0
        self.fresh = False  # the child was just started: its first case also pays for Qt and the window

    def _start(self) -> subprocess.Popen[str]:
        if self.child is None or self.child.poll() is not None:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            self.child = subprocess.Popen(  # noqa: S603 (our own script)
                [sys.executable, str(Path(__file__).resolve()), "--gui-worker"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)  # fmt: skip
            self.restarts += 1
            self.fresh = True
        return self.child

    def _kill(self) -> None:
        if self.child is not None:
            self.child.kill()
            self.child.wait()
            self.child = None

    def __call__(self, path: Path) -> tuple[str, str]:
        import json
        import select

        from tests.fuzzing import _snapshot

        before = _snapshot(path.parent)
        child = self._start()
        self.seed += 1
        yes = "y" if self.seed % 2 == 0 else "n"  # every other case takes over odd locks / opens read-only
        assert child.stdin is not None and child.stdout is not None
        # The first case of a new child also pays for its start (Qt, the window): not counted as the case's time.
        deadline = self.limit + (60.0 if self.fresh else 0.0)
        self.fresh = False
        try:
            child.stdin.write(f"{path}\t{yes}\n")
            child.stdin.flush()
        except BrokenPipeError:
            self._kill()
            return "traceback", "the GUI process had died"
        started = time.monotonic()
        while True:
            ready, _, _ = select.select([child.stdout], [], [], 1.0)
            if ready:
                line = child.stdout.readline()
                break
            if child.poll() is not None:
                line = ""
                break
            if time.monotonic() - started > deadline:
                self._kill()
                return "hang", f"no answer after {time.monotonic() - started:.0f} s"
        if not line:
            code = child.poll()
            self._kill()
            return "traceback", f"the GUI process died (exit {code})"
        result = json.loads(line)
        if result["crashes"]:
            return "traceback", result["crashes"][0][-400:]
        if any("Traceback" in t for t in result["told"]):
            return "traceback", result["told"][0][:300]
        lock = path.with_name(path.name + ".lock")
        if lock.exists() and lock.name not in before:
            return "changed", "lock left"
        if not result["opened"]:
            if _snapshot(path.parent) != before:
                return "changed", "refused but changed"
            return "refused", ""
        return "accepted", ""

    def close(self) -> None:
        if self.child is not None and self.child.stdin is not None:
            self.child.stdin.close()
            try:
                self.child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._kill()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--limit", type=float, default=10.0)
    parser.add_argument("--gui", type=int, default=0, help="also open the first N seeds in the real window")
    parser.add_argument("--gui-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cli-only", action="store_true", help="skip the PlanFile.open phases")
    args = parser.parse_args()
    if args.gui_worker:
        return gui_worker()
    seeds = range(args.first_seed, args.first_seed + args.cases)
    work = Path(tempfile.mkdtemp(prefix="fuzz-plans-"))
    source = work / "source.sundhedshus"
    create_plan_file(source, load_json(template_path("remote"))).close()
    started = time.monotonic()
    cpu = time.process_time()
    print(f"seeds {seeds.start}–{seeds.stop - 1}, limit {args.limit:g} s CPU per case", flush=True)
    phases: list[tuple[str, range, object]] = [
        ("CLI summary/check/export-json/export --xlsx (--pdf every 10th)", seeds, lambda p: cli_case(p, args.limit)),
    ]
    if not args.cli_only:
        phases += [
            ("open for editing", seeds, lambda p: run_open_case(p, args.limit, readonly=False)),
            ("open read-only", seeds, lambda p: run_open_case(p, args.limit, readonly=True)),
        ]
    gui: GuiRunner | None = None
    if args.gui:
        gui = GuiRunner(args.limit)
        phases.append(("GUI window (a child process)", range(args.first_seed, args.first_seed + args.gui), gui))
    # The phases go through the seeds together, 100 at a time, and the running figures are printed after each
    # block: a run stopped on a loaded machine still leaves what it measured.
    tallies: dict[str, Tally] = {name: Tally() for name, _, _ in phases}
    last = max(p.stop for _, p, _ in phases)
    for block in range(seeds.start, last, BLOCK):
        for name, phase_seeds, runner in phases:
            part = range(max(block, phase_seeds.start), min(block + BLOCK, phase_seeds.stop))
            if not part:
                continue
            tally = fuzz_plans(part, work / name.split()[0].lower(), source, args.limit,
                               runner=runner)  # type: ignore[arg-type]
            total = tallies[name]
            total.cases += tally.cases
            total.outcomes += tally.outcomes
            total.slowest = max(total.slowest, tally.slowest)
            for outcome, examples in tally.examples.items():
                total.examples.setdefault(outcome, []).extend(examples)
            print(f"- {name}, seeds {phase_seeds.start}–{part.stop - 1}: {total.line()}", flush=True)
            for outcome, examples in tally.examples.items():
                for e in examples[:5]:
                    print(f"    {outcome}: {e[:300]!r}", flush=True)
    bugs = sum(t.bugs for t in tallies.values())
    if gui is not None:
        gui.close()
        print(f"  GUI child processes started: {gui.restarts}", flush=True)
    print(f"{time.monotonic() - started:.0f} s wall, {time.process_time() - cpu:.0f} s CPU", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
