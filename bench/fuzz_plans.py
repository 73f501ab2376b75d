"""Fuzz the plan file's open path on demand (issue 20.7): thousands of seeded damaged plans, CLI and GUI.

    PYTHONPATH=. nice -n 10 python bench/fuzz_plans.py --cli 2000 [--first-seed 0] [--limit 10] [--log DIR]
    PYTHONPATH=. nice -n 10 python bench/fuzz_plans.py --cli 0 --gui 2000 [--first-seed 0] [--log DIR]
    PYTHONPATH=. python bench/fuzz_plans.py --cli 0 --open 500      # PlanFile.open for editing and read-only

Each seed makes one damaged copy of the "remote" template (`tests/fuzzing.damage_plan`: byte damage, altered
tables and values, triggers and views, foreign and own journals, odd lock files) in its own folder, made and
fingerprinted (sha256 of every file) by this parent process. The case then runs in a CHILD process that runs
many cases in turn (one start of Python, Qt and the window for hundreds of cases):

- CLI phase: the child runs `summary`, `check`, `export-json`, `export --xlsx` (and `export --pdf` for every
  10th seed) through `planners.cli.main`, then validates an accepted plan;
- GUI phase: the child is the real window (offscreen); it opens the file as the user would (File → Open),
  lets the pages fill and paint, runs what the window runs after its first paint (the checks the open deferred,
  issue 19.1: a plan they refuse is closed and counts as refused), and closes the plan.

Every command (the GUI's open) has its own limit, `--limit` seconds of CPU. The parent reads the child's CPU
time (/proc) and the wall clock while it waits: past the limit of CPU (or 6× it of wall time without any CPU,
a child blocked; or 15 minutes of wall time in any case) the child is KILLED and the case is a hang; a new child takes the next seed. So no
timeout can be swallowed inside the child (a `CaseTimeout` raised in a matplotlib callback once was), and no
case can outlive its limit. A child that dies is a crash (traceback). The child also reports every
exception that reached `sys.excepthook` (the app's crash dialog), `threading.excepthook` or
`sys.unraisablehook` ("Exception ignored in …"), and its stderr goes to a log (`--log`) that is searched for
"Traceback" after the run. After each case the parent compares the folder: a refused file whose bytes
changed, a lock file left, or any stray file is a finding.

Outcomes: refused / accepted / traceback / hang / changed / invalid (see tests/fuzzing.py). Record the printed
figures, the seeds and the command in bench/RESULTS.md (issue-20 section).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzzing import Tally, _snapshot, damage_plan  # noqa: E402

CLI_COMMANDS = ("summary", "check", "export-json", "export")
PDF_EVERY = 10  # the PDF report (seconds of CPU a plan) for every 10th seed; the annex for every seed
WALL_FACTOR = 6  # a command blocked (no CPU at all) for this many times the CPU limit in wall time: a hang
MAX_WALL = 900.0  # a command's wall time however busy the machine
START_WALL = 180.0  # a new child's start (Python, Qt, the window, matplotlib): its own, generous wall limit
_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


# --- the children --------------------------------------------------------------------------------------------


def _hooks(crashes: list[str]) -> None:
    """Record what would reach the app's crash dialog, a thread's death or an 'Exception ignored' print; on
    SIGUSR1 (the parent, before it kills a hanging child) write every thread's stack to the log."""
    import faulthandler
    import signal
    import threading
    import traceback

    faulthandler.register(signal.SIGUSR1, all_threads=True)

    def excepthook(t: type[BaseException], e: BaseException, tb: TracebackType | None) -> None:
        crashes.append("".join(traceback.format_exception(t, e, tb))[-800:])

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        crashes.append("thread: " + "".join(traceback.format_exception(args.exc_type, args.exc_value,
                                                                        args.exc_traceback))[-800:])  # fmt: skip

    def unraisable(u: object) -> None:
        exc = getattr(u, "exc_value", None)
        crashes.append(f"Exception ignored in {getattr(u, 'object', None)!r}: {exc!r}"[-800:])

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    sys.unraisablehook = unraisable


def _say(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def cli_worker(limit: float) -> int:
    """The CLI phase's child: one case per line of stdin ("seed<TAB>path"); before each command it says
    which (the parent's limit starts again), after the case one JSON line with the outcome."""
    import io
    import traceback

    from planners.cli import main
    from planners.model.validation import validate_plan
    from planners.reference import known_names
    from planners.store.planfile import read_plan
    from tests.fuzzing import CaseTimeout, time_limit

    crashes: list[str] = []
    _hooks(crashes)
    _say({"ready": True})
    for line in sys.stdin:
        seed_text, _, path_text = line.rstrip("\n").partition("\t")
        seed, path = int(seed_text), Path(path_text)
        crashes.clear()
        print(f"=== case {seed}", file=sys.stderr, flush=True)
        commands = CLI_COMMANDS + (("export-pdf",) if seed % PDF_EVERY == 0 else ())
        outcome, detail, accepted = "", "", False
        out_dir = path.parent.parent
        try:
            for command in commands + ("validate",):
                _say({"command": command})
                started = time.process_time()
                with time_limit(limit, wall_factor=None):  # CPU only: blocked is the parent's to see
                    if command == "validate":
                        if accepted:
                            problems = validate_plan(read_plan(path), known_names())
                            if problems:
                                outcome, detail = "invalid", str(problems[0])
                        break
                    args = ["export" if command == "export-pdf" else command, str(path)]
                    if command == "export-json":
                        args += ["-o", str(out_dir / "out.json")]
                    elif command == "export":
                        args += ["--xlsx", str(out_dir / "out.xlsx")]
                    elif command == "export-pdf":
                        args += ["--pdf", str(out_dir / "out.pdf")]
                    out, err = io.StringIO(), io.StringIO()
                    code = main(args, out, err)
                # A limit raised where it is swallowed (a callback) must still count: the CPU is measured too.
                if time.process_time() - started > limit:
                    outcome, detail = "hang", f"{command}: {time.process_time() - started:.1f} s CPU"
                    break
                if "Traceback" in err.getvalue():
                    outcome, detail = "traceback", f"{command}: {err.getvalue()[-300:]}"
                    break
                if code == 2:
                    break  # refused (a Danish reason): the later commands would refuse it the same way
                accepted = True
        except CaseTimeout:
            outcome, detail = "hang", f"{command}: over {limit:g} s CPU"
        except Exception:  # noqa: BLE001 (the point: any escaping exception is a finding)
            outcome, detail = "traceback", f"{command}: {traceback.format_exc(limit=-3)[-600:]}"
        if not outcome and crashes:
            outcome, detail = "traceback", crashes[0][-400:]
        _say({"outcome": outcome or ("accepted" if accepted else "refused"), "detail": detail})
    return 0


def gui_worker() -> int:
    """The GUI phase's child: the real window (offscreen) opens each path read from stdin ("seed<TAB>path<TAB>
    answer", the answer to every question: y/n), lets the pages fill and paint, closes the plan, and prints one
    JSON line per case: whether it opened, what the window told, and every traceback that reached the app's
    crash dialog (sys.excepthook), a thread or 'Exception ignored'. A crash of the process (a segfault, an
    abort) is seen by the parent as a dead child; a hang by its CPU or wall time."""
    import traceback

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SUNDHEDSHUS_SETTINGS_DIR", tempfile.mkdtemp())  # not the user's recent plans
    from PySide6.QtWidgets import QApplication

    from desktop import charts_view
    from desktop.app import make_application
    from desktop.mainwindow import MainWindow

    app = QApplication.instance() or QApplication([])
    make_application()
    # matplotlib is imported (and a chart drawn) now, on this thread, instead of 2,5 s after the first plan
    # opens on the charts' worker thread: its cost is not any one case's, and nothing runs between cases.
    charts_view._preload()
    window = MainWindow()
    window.show()
    told: list[str] = []
    crashes: list[str] = []
    answer = [False]
    window.ask = lambda title, text: answer[0]  # type: ignore[method-assign]
    window.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]
    _hooks(crashes)  # what the app's crash dialog (desktop/dialogs/crash.py) would show: recorded instead
    app.processEvents()
    _say({"ready": True})
    for line in sys.stdin:
        seed_text, path_text, yes = line.rstrip("\n").split("\t")
        print(f"=== case {seed_text}", file=sys.stderr, flush=True)
        told.clear()
        crashes.clear()
        answer[0] = yes == "y"
        opened = False
        _say({"command": "open"})
        try:
            opened = window.open_path(Path(path_text))
            for _ in range(3):
                app.processEvents()  # the pages fill and paint, as on screen
            if window.session is not None:
                # What the window does 50 ms after its first paint (issue 19.1): the checks the open deferred, then
                # the other scenarios' lines. A plan they refuse is closed and told a moment later: not opened.
                window.session.complete_plan()
                for _ in range(2):
                    app.processEvents()
            opened = opened and window.session is not None  # (refused already if the 50 ms passed above)
            window.close_plan()
            app.processEvents()
        except Exception:  # noqa: BLE001 (in the app: the crash dialog)
            crashes.append(traceback.format_exc()[-800:])
            try:
                window.close_plan()
            except Exception:  # noqa: BLE001
                crashes.append(traceback.format_exc()[-800:])
        _say({"opened": opened, "told": told[:3], "crashes": crashes})
    return 0


# --- the parent ----------------------------------------------------------------------------------------------


@dataclass
class Child:
    process: subprocess.Popen[str]
    log: Path


class Runner:
    """Runs cases in a child process (`kind`: cli / gui), restarting it after a crash or a hang."""

    def __init__(self, kind: str, limit: float, log_dir: Path) -> None:
        self.kind = kind
        self.limit = limit
        self.log_dir = log_dir
        self.child: Child | None = None
        self.starts = 0
        self.count = 0
        self.buffer = b""  # what was read from the child's stdout beyond its last whole line

    def _start(self) -> Child:
        if self.child is not None and self.child.process.poll() is None:
            return self.child
        self.starts += 1
        log = self.log_dir / f"{self.kind}-child-{self.starts}.log"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        with open(log, "w") as stderr:
            process = subprocess.Popen(  # noqa: S603 (our own script)
                [sys.executable, str(Path(__file__).resolve()), f"--{self.kind}-worker", "--limit", str(self.limit)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)  # fmt: skip
        self.child = Child(process, log)
        self.buffer = b""
        reply = self._read(START_WALL, cpu_limit=None)
        if reply is None or "ready" not in reply:
            self._kill()
            raise RuntimeError(f"the {self.kind} child did not start: see {log}")
        return self.child

    def _kill(self) -> None:
        if self.child is not None:
            self.child.process.kill()
            self.child.process.wait()
            self.child = None

    def _read(self, wall: float, cpu_limit: float | None) -> dict[str, object] | None:
        """The child's next line, or None when it died; raises TimeoutError past the limits (CPU, wall).
        The pipe is read by its file descriptor into our own buffer: a buffered `readline` would take two
        lines at once and `select` would then wait for a second that is already read."""
        assert self.child is not None
        process = self.child.process
        assert process.stdout is not None
        fd = process.stdout.fileno()
        started, cpu0 = time.monotonic(), _cpu_of(process.pid)
        # Blocked = no CPU at all over `wall` seconds (a FIFO, a lock, a dialog waiting for a click). A child
        # that is working but starved by the shared machine (nice 10 under load 14 gets a few % of a core) is
        # not blocked: it is judged by its CPU, up to MAX_WALL.
        mark, mark_cpu = started, cpu0
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return None
                self.buffer += chunk
                continue
            if process.poll() is not None:
                return None
            now, cpu = time.monotonic(), _cpu_of(process.pid)
            if cpu - mark_cpu > 0.05:
                mark, mark_cpu = now, cpu
            used = cpu - cpu0
            if ((cpu_limit is not None and used > cpu_limit) or now - mark > wall
                    or now - started > max(wall, MAX_WALL)):  # fmt: skip
                raise TimeoutError(f"{used:.1f} s CPU, {now - started:.0f} s wall, "
                                   f"{now - mark:.0f} s without CPU")  # fmt: skip
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def run(self, seed: int, path: Path) -> tuple[str, str, float]:
        """Run one case; (outcome of the child or 'hang'/'traceback', detail, CPU seconds of the child)."""
        child = self._start()
        process = child.process
        assert process.stdin is not None
        self.count += 1
        yes = "y" if self.count % 2 == 0 else "n"  # every other case takes over odd locks / opens read-only
        cpu0 = _cpu_of(process.pid)
        message = f"{seed}\t{path}" + (f"\t{yes}" if self.kind == "gui" else "")
        try:
            process.stdin.write(message + "\n")
            process.stdin.flush()
        except BrokenPipeError:
            self._kill()
            return "traceback", "the child process had died", 0.0
        command = "?"
        # A grace of a few seconds over the limit: the child's own alarm normally reports the hang first.
        cpu_limit, wall = self.limit + 3.0, self.limit * WALL_FACTOR
        while True:
            try:
                reply = self._read(wall, cpu_limit)
            except TimeoutError as exc:
                print(f"    hang in case {seed} ({command}): stacks in {child.log}", flush=True)
                process.send_signal(signal.SIGUSR1)  # the child writes its stacks to its log (faulthandler)
                time.sleep(1.0)
                self._kill()
                return "hang", f"{command}: killed after {exc}", self.limit
            if reply is None:
                code = process.poll()
                self._kill()
                return "traceback", f"{command}: the child process died (exit {code})", 0.0
            if "command" in reply:
                command = str(reply["command"])  # the next command: its own limit
                continue
            break
        cpu = _cpu_of(process.pid) - cpu0
        if self.kind == "cli":
            return str(reply["outcome"]), str(reply.get("detail", "")), cpu
        crashes = [str(c) for c in reply.get("crashes") or []]  # type: ignore[attr-defined]
        told = [str(t) for t in reply.get("told") or []]  # type: ignore[attr-defined]
        if crashes:
            return "traceback", crashes[0][-400:], cpu
        if any("Traceback" in t for t in told):
            return "traceback", told[0][:300], cpu
        return ("accepted" if reply.get("opened") else "refused"), "", cpu

    def close(self) -> None:
        if self.child is not None and self.child.process.stdin is not None:
            self.child.process.stdin.close()
            try:
                self.child.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._kill()


def judge(outcome: str, detail: str, path: Path, before: dict[str, str], editing: bool) -> tuple[str, str]:
    """The parent's part of a case's outcome: the folder after the case. A refused file, and any file the CLI
    read, must be byte for byte as before with nothing beside it; a file the GUI opened for editing may have
    had its own journal rolled back (recovery, said so) but no lock may stay and nothing new may be left."""
    if outcome not in ("refused", "accepted"):
        return outcome, detail
    after = _snapshot(path.parent)
    lock = path.name + ".lock"
    if lock in after and lock not in before:
        return "changed", "lock left"
    if (outcome == "refused" or not editing) and after != before:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        return "changed", f"refused but changed: {changed}"
    new = sorted(set(after) - set(before) - {path.name + "-journal"})
    if new:
        return "changed", f"left beside the plan: {new}"
    return outcome, detail


def log_tracebacks(log_dir: Path, kind: str) -> list[str]:
    """The cases whose child printed a traceback or an 'Exception ignored' to its stderr."""
    found = []
    for log in sorted(log_dir.glob(f"{kind}-child-*.log")):
        case = "start"
        for line in log.read_text(errors="replace").splitlines():
            if line.startswith("=== case "):
                case = line.removeprefix("=== case ")
            elif "Traceback" in line or line.startswith("Exception ignored"):
                found.append(f"{log.name} case {case}: {line[:200]}")
    return found


def run_phase(kind: str, seeds: range, source: Path, work: Path, limit: float, log_dir: Path) -> Tally:
    runner = Runner(kind, limit, log_dir)
    tally = Tally()
    started, cpu_started = time.monotonic(), 0.0
    name = {"cli": "CLI summary/check/export-json/export --xlsx (--pdf every 10th)",
            "gui": "GUI window (offscreen, in a child)"}[kind]  # fmt: skip
    try:
        for seed in seeds:
            case = work / f"case{seed}"
            case.mkdir(parents=True)
            try:
                path, what = damage_plan(seed, case, source)
                before = _snapshot(case)
                outcome, detail, cpu = runner.run(seed, path)
                outcome, detail = judge(outcome, detail, path, before, editing=kind == "gui")
                tally.add(outcome, f"seed {seed} ({what}): {detail}", cpu)
                with open(log_dir / f"{kind}-cases.jsonl", "a") as cases:  # every case's outcome, for the record
                    cases.write(json.dumps({"seed": seed, "what": what, "outcome": outcome, "detail": detail[:300],
                                            "cpu": round(cpu, 2)}) + "\n")  # fmt: skip
                cpu_started += cpu
            finally:
                shutil.rmtree(case, ignore_errors=True)
            if tally.cases % 100 == 0 or seed == seeds[-1]:
                every = f" every {seeds.step}th" if seeds.step > 1 else ""
                print(f"- {name}, seeds {seeds.start}–{seed}{every}: {tally.line()}; "
                      f"{time.monotonic() - started:.0f} s wall, {cpu_started:.0f} s CPU of the child, "
                      f"{runner.starts} child(ren) started", flush=True)  # fmt: skip
                for outcome_name, examples in tally.examples.items():
                    for e in examples[-3:]:
                        print(f"    {outcome_name}: {e[:300]!r}", flush=True)
    finally:
        runner.close()
    found = log_tracebacks(log_dir, kind)
    print(f"  {kind}: tracebacks or 'Exception ignored' in the children's logs: {len(found)}", flush=True)
    for f in found[:10]:
        print(f"    {f}", flush=True)
    tally.outcomes["log traceback"] += len(found)
    return tally


def open_phase(seeds: range, source: Path, work: Path, limit: float) -> Tally:
    """`PlanFile.open` for editing and read-only, in this process (as `tests/test_fuzz.py` in CI)."""
    from tests.fuzzing import fuzz_plans, run_open_case

    total = Tally()
    for readonly in (False, True):
        tally = fuzz_plans(seeds, work / f"open-{readonly}", source, limit,
                           runner=lambda p, r=readonly: run_open_case(p, limit, readonly=r))  # type: ignore[misc]
        print(f"- PlanFile.open {'read-only' if readonly else 'for editing'}, seeds {seeds.start}–{seeds.stop - 1}:"
              f" {tally.line()}", flush=True)  # fmt: skip
        total.cases += tally.cases
        total.outcomes += tally.outcomes
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", "--cases", type=int, default=2000, help="seeds through the CLI")
    parser.add_argument("--gui", type=int, default=0, help="seeds opened in the real window")
    parser.add_argument("--open", type=int, default=0, help="seeds through PlanFile.open (in this process)")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--step", type=int, default=1, help="every STEP-th seed from --first-seed (10: the PDF seeds)")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds of CPU a command (a GUI open)")
    parser.add_argument("--log", type=Path, default=None, help="folder for the children's stderr")
    parser.add_argument("--cli-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--gui-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cli_worker:
        return cli_worker(args.limit)
    if args.gui_worker:
        return gui_worker()
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path
    from planners.store.planfile import create_plan_file

    work = Path(tempfile.mkdtemp(prefix="fuzz-plans-"))
    log_dir = args.log or work / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    source = work / "source.sundhedshus"
    create_plan_file(source, load_json(template_path("remote"))).close()
    started = time.monotonic()
    print(f"first seed {args.first_seed}, limit {args.limit:g} s CPU a command, logs in {log_dir}", flush=True)
    bugs = 0
    for kind, count in (("cli", args.cli), ("gui", args.gui)):
        if count:
            seeds = range(args.first_seed, args.first_seed + count * args.step, args.step)
            tally = run_phase(kind, seeds, source, work / kind, args.limit, log_dir)
            bugs += tally.bugs
    if args.open:
        bugs += open_phase(range(args.first_seed, args.first_seed + args.open), source, work / "open",
                           args.limit).bugs  # fmt: skip
    print(f"{time.monotonic() - started:.0f} s wall", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
