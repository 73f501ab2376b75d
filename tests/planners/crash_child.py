"""Crash safety, measured (used by test_crash.py and bench/bench_crash.py).

The child (`python tests/planners/crash_child.py PLAN SEED`) opens the plan for editing and makes random
edits of the room programme in a loop, each one transaction through `PlanFile.apply`: add a room at an index,
update a room's label, delete a room, move a room. Every edit also stamps the first room (never touched
otherwise) with the edit's sequence number, in the same transaction. After the commit returns it prints one
line describing the edit and flushes: what it printed must be in the file.

The driver (`run`) starts a fresh child per kill, reads a random number of its lines and kills it with
SIGKILL wherever it is (often in the middle of a commit). It then checks the file: it opens (read-only and
for editing, taking over the dead child's lock), passes `PRAGMA integrity_check`, and holds every edit the
child reported: the room list equals the one the reports describe, or differs by the one edit that
committed after the last report (its stamp is then one higher). The file's history (issue 18.1) holds exactly
one entry per edit beside the one of its creation: an edit and its entry are one transaction, so a kill leaves
both or neither.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAMP = "seq "


def child_main(path: str, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from planners.model import RoomLine, RoomType
    from planners.store.operations import AddLine, Batch, DeleteLines, MoveLine, UpdateLine
    from planners.store.planfile import PlanFile

    rnd = random.Random(seed)
    plan_file = PlanFile.open(path)
    conn = plan_file.conn
    scenario_id = conn.execute("SELECT id FROM scenario ORDER BY position LIMIT 1").fetchone()[0]

    def room_ids() -> list[int]:
        return [r[0] for r in conn.execute("SELECT id FROM room WHERE scenario_id = ? ORDER BY position",
                                           (scenario_id,))]  # fmt: skip

    stamp_id = room_ids()[0]
    label = conn.execute("SELECT label FROM room WHERE id = ?", (stamp_id,)).fetchone()[0]
    seq = int(label[len(STAMP):]) if label.startswith(STAMP) else 0
    print("ready", flush=True)
    out = sys.stdout
    while True:
        seq += 1
        ids = room_ids()
        others = ids[1:]
        choice = rnd.random()
        stamp = UpdateLine("room", stamp_id, {"label": f"{STAMP}{seq}"})
        if choice < 0.35 or len(others) < 3:
            index = rnd.randint(1, len(ids))
            line = RoomLine(RoomType.OFFICE, Decimal(rnd.randint(5, 40)), 1, f"r{seq}", vacant=True)
            changes = plan_file.apply(Batch((AddLine(scenario_id, "room", line, index), stamp)))
            (new_id,) = [i for kind, i in changes.inserted if kind == "room"]
            report = f"{seq} add {index} {new_id} r{seq}"
        elif choice < 0.6:
            target = rnd.choice(others)
            plan_file.apply(Batch((UpdateLine("room", target, {"label": f"u{seq}"}), stamp)))
            report = f"{seq} upd {target} u{seq}"
        elif choice < 0.85:  # as many deletes as adds: the plan stays small
            target = rnd.choice(others)
            plan_file.apply(Batch((DeleteLines("room", (target,)), stamp)))
            report = f"{seq} del {target}"
        else:
            target = rnd.choice(others)
            index = rnd.randint(1, len(ids) - 1)
            plan_file.apply(Batch((MoveLine("room", target, index), stamp)))
            report = f"{seq} mov {target} {index}"
        out.write(report + "\n")
        out.flush()  # only after the commit returned: a reported edit is a committed edit


# --- the driver --------------------------------------------------------------------------------


@dataclass
class Stats:
    kills: int = 0
    edits_verified: int = 0
    unreported_commits: int = 0  # kills that landed after a commit but before its report
    hot_journals: int = 0  # kills that left a journal behind (killed inside a transaction)
    elapsed: float = 0.0


def _rooms(path: Path) -> tuple[list[tuple[int, str]], int]:
    """The room list (row id, label) after the stamp room, and the stamp; checks the file on the way."""
    from planners.store.planfile import PlanFile, read_plan

    read_only = read_plan(path)  # never writes: recovers a hot journal on a temporary copy
    with PlanFile.open(path) as plan_file:  # takes over the dead child's lock, rolls a hot journal back
        result = plan_file.conn.execute("PRAGMA integrity_check").fetchall()
        assert [r[0] for r in result] == ["ok"], result
        plan = plan_file.load()
    assert plan == read_only, "read-only and editing views differ"
    rooms = plan.scenarios[0].rooms
    stamp = int(rooms[0].label[len(STAMP):]) if rooms[0].label.startswith(STAMP) else 0
    return [(r.row_id, r.label) for r in rooms[1:]], stamp  # type: ignore[misc]


def _history_count(path: Path) -> int:
    """Entries in the file's history (read-only: a hot journal is rolled back on a temporary copy)."""
    from planners.store import history
    from planners.store.planfile import PlanFile

    with PlanFile.open(path, readonly=True) as plan_file:
        return history.count(plan_file.conn)


def _replay(model: list[tuple[int, str]], report: str) -> None:
    parts = report.split()
    what = parts[1]
    if what == "add":
        model.insert(int(parts[2]) - 1, (int(parts[3]), parts[4]))
    elif what == "upd":
        i = [r for r, _ in model].index(int(parts[2]))
        model[i] = (model[i][0], parts[3])
    elif what == "del":
        i = [r for r, _ in model].index(int(parts[2]))
        del model[i]
    elif what == "mov":
        i = [r for r, _ in model].index(int(parts[2]))
        item = model.pop(i)
        model.insert(int(parts[3]) - 1, item)
    else:
        raise AssertionError(f"unknown report {report!r}")


def _one_edit_apart(model: list[tuple[int, str]], found: list[tuple[int, str]]) -> bool:
    """Whether `found` can come from `model` by one add, update, delete or move."""
    if abs(len(model) - len(found)) > 1:
        return False
    if len(found) == len(model) + 1:
        return any(found[:i] + found[i + 1:] == model for i in range(len(found)))
    if len(found) == len(model) - 1:
        return any(model[:i] + model[i + 1:] == found for i in range(len(model)))
    diffs = [i for i, (a, b) in enumerate(zip(model, found, strict=True)) if a != b]
    if len(diffs) <= 1:
        return True  # one label updated (or the edit rewrote a label with itself)
    return sorted(model) == sorted(found)  # a move


def run(path: Path, kills: int, seed: int, max_lines: int = 6) -> Stats:
    """Kill `kills` fresh children at random moments and verify the file after each."""
    rnd = random.Random(seed)
    stats = Stats()
    start = time.perf_counter()
    model, stamp = _rooms(path)
    for n in range(kills):
        proc = subprocess.Popen(
            # -S: no site-packages needed (the child imports only the standard library and planners/),
            # which saves a fifth of its start-up.
            [sys.executable, "-S", str(Path(__file__).resolve()), str(path), str(rnd.randrange(2**32))],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        reports: list[str] = []
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline()
            assert first == "ready\n", (first, proc.stderr.read() if proc.stderr else "")
            for _ in range(rnd.randint(0, max_lines)):
                line = proc.stdout.readline()
                if not line:
                    break
                reports.append(line.strip())
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            if proc.stdout:
                # Lines the child wrote before it died but we had not read yet: reported, so committed too.
                rest = proc.stdout.read()
                reports.extend(line for line in rest.split("\n")[:-1] if line)
                proc.stdout.close()
            if proc.stderr:
                proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, reports)
        if path.with_name(path.name + "-journal").exists():
            stats.hot_journals += 1
        for report in reports:
            _replay(model, report)
        last = int(reports[-1].split()[0]) if reports else stamp
        found, stamp = _rooms(path)
        assert _history_count(path) == stamp + 1, f"kill {n}: history and edits disagree"
        if stamp == last:
            assert found == model, f"kill {n}: the file lost a reported edit"
        else:
            assert stamp == last + 1, f"kill {n}: stamp {stamp}, last reported {last}"
            assert _one_edit_apart(model, found), f"kill {n}: more than the one unreported edit"
            stats.unreported_commits += 1
            model = found
        stats.kills += 1
        stats.edits_verified += len(reports)
    stats.elapsed = time.perf_counter() - start
    return stats


if __name__ == "__main__":
    child_main(sys.argv[1], int(sys.argv[2]))
