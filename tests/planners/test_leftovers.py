"""Issue 20.5: temporary files of killed exports, copies, migrations and locks are removed at the next open
or export in that folder — only our own names, only when their process is gone or long quiet."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planners.store import safewrite
from planners.store.planfile import PlanFile, create_plan_file
from planners.store.safewrite import clean_leftovers, leftovers, write_text_atomically
from tests.planners.plans import small_plan


@pytest.fixture(autouse=True)
def started_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if this process had just started (in a long test session it started long ago, and files made a
    minute ago by the tests would be newer than it)."""
    monkeypatch.setattr(safewrite, "_STARTED", time.time())


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _age(path: Path, seconds: float) -> Path:
    if not path.exists():
        path.write_bytes(b"half")
    t = time.time() - seconds
    os.utime(path, (t, t))
    return path


OURS_DEAD = [".plan - bilag.{pid}.ab12cd_9.tmp.xlsx", ".plan.sundhedshus.bak-v1.{pid}.tmp",
             ".plan.sundhedshus.lock.{pid}.tmp", ".plan.sundhedshus.lock.{pid}.stale",
             ".rapport.{pid}.zz99yy00.tmp.pdf"]  # fmt: skip
NOT_OURS = ["plan.sundhedshus", ".bashrc", ".x.tmp", "noter.tmp.xlsx", ".plan.sundhedshus.lock",
            ".hemmelig.12345.tmp.docx", "plan.sundhedshus.bak-v1"]  # fmt: skip


def test_only_our_leftovers_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    ours = [_age(tmp_path / n.format(pid=dead), 120) for n in OURS_DEAD]
    old_ours = [_age(tmp_path / ".plan.sundhedshus.k3j4h5g6.tmp", 3600),
                _age(tmp_path / ".plan - bilag.k3j4h5g6.tmp.xlsx", 3600)]  # fmt: skip
    for p in ours + old_ours:
        p.write_bytes(b"half")
        _age(p, 3600 if p in old_ours else 120)
    others = []
    for n in NOT_OURS:
        p = tmp_path / n
        p.write_bytes(b"keep")
        others.append(_age(p, 10**6))
    alive = _age(tmp_path / f".plan - bilag.{os.getpid()}.ab12cd_9.tmp.xlsx", 120)
    alive.write_bytes(b"being written")
    _age(alive, 120)
    fresh_unknown = tmp_path / ".plan.sundhedshus.q1w2e3r4.tmp"  # maybe another computer's copy in progress
    fresh_unknown.write_bytes(b"x")
    _age(fresh_unknown, 120)
    assert sorted(leftovers(tmp_path)) == sorted(ours + old_ours)
    assert clean_leftovers(tmp_path) == len(ours + old_ours)
    assert all(p.exists() for p in [*others, alive, fresh_unknown])
    assert not any(p.exists() for p in ours + old_ours)


def test_a_file_newer_than_this_process_is_never_removed(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    p = tmp_path / f".plan - bilag.{_dead_pid()}.ab12cd_9.tmp.xlsx"
    p.write_bytes(b"x")
    monkeypatch.setattr(safewrite, "_STARTED", time.time() - 3600)
    assert leftovers(tmp_path, now=time.time() + 10**5) == []


def test_cleaned_at_the_next_export_and_the_next_editing_open(tmp_path: Path) -> None:
    plan = tmp_path / "plan.sundhedshus"
    create_plan_file(plan, small_plan()).close()
    leftover = tmp_path / f".plan - bilag.{_dead_pid()}.ab12cd_9.tmp.xlsx"
    leftover.write_bytes(b"half")
    _age(leftover, 120)
    write_text_atomically(tmp_path / "plan.json", "{}\n")
    assert not leftover.exists()
    leftover.write_bytes(b"half")
    _age(leftover, 120)
    PlanFile.open(plan, readonly=True).close()
    assert leftover.exists()  # reading never writes, not even in the folder
    PlanFile.open(plan).close()
    assert not leftover.exists()


def test_a_killed_export_leaves_a_file_the_next_export_removes(tmp_path: Path) -> None:
    """SIGKILL in the middle of writing the annex (the GUI's export path runs the same write_annex)."""
    plan = tmp_path / "plan.sundhedshus"
    create_plan_file(plan, small_plan()).close()
    script = f"""
import os, signal
from pathlib import Path
from planners.store import safewrite
real = safewrite.atomic_target.__wrapped__ if hasattr(safewrite.atomic_target, "__wrapped__") else None
from planners.exports.annex import workbook
from planners.store.planfile import read_plan
import contextlib
orig = workbook.atomic_target
@contextlib.contextmanager
def killing(target):
    with orig(target) as tmp:
        tmp.write_bytes(b"half an xlsx")
        os.kill(os.getpid(), signal.SIGKILL)
        yield tmp
workbook.atomic_target = killing
workbook.write_annex(read_plan({str(plan)!r}), Path({str(tmp_path / 'bilag.xlsx')!r}), None)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([sys.executable, "-c", script], env=env, check=False)
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp.xlsx")]
    assert len(left) == 1 and not (tmp_path / "bilag.xlsx").exists()
    _age(left[0], 120)
    from planners.exports.annex.workbook import write_annex
    from planners.store.planfile import read_plan

    write_annex(read_plan(plan), tmp_path / "bilag.xlsx", None)
    assert (tmp_path / "bilag.xlsx").exists() and not left[0].exists()
