"""The lock file of a plan open for editing: two processes, stale locks, the Danish message."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from planners.model.errors import PlanLocked
from planners.store import lock
from planners.store.lock import describe_owner, lock_path, read_lock
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from tests.planners.plans import small_plan

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
sys.path.insert(0, sys.argv[2])
from planners.store.planfile import PlanFile
plan_file = PlanFile.open(sys.argv[1])
print("open", flush=True)
if sys.stdin.readline().strip() == "close":
    plan_file.close()
    print("closed", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "Låst plan 🔒.sundhedshus"
    create_plan_file(path, small_plan()).close()
    return path


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(ROOT)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline() == "open\n"  # the child holds the plan open
    return proc


def test_a_second_process_is_refused_then_takes_over_after_sigkill(plan_path: Path) -> None:
    child = _holder(plan_path)
    try:
        with pytest.raises(PlanLocked) as info:
            PlanFile.open(plan_path)
        assert info.value.owner["pid"] == str(child.pid)
        assert info.value.owner["host"] == socket.gethostname()
        assert info.value.message.startswith(f"Planen er åben hos {info.value.owner['user']} på ")
        # reading ignores the lock
        assert read_plan(plan_path) == small_plan()
        with PlanFile.open(plan_path, readonly=True) as viewer:
            assert viewer.load() == small_plan()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdin.close()  # type: ignore[union-attr]
        child.stdout.close()  # type: ignore[union-attr]
    assert read_lock(plan_path)["pid"] == child.pid  # type: ignore[index]  # the dead child's lock is left
    with PlanFile.open(plan_path) as plan_file:  # … and is stale: taken over
        assert read_lock(plan_path)["pid"] == os.getpid()  # type: ignore[index]
        assert plan_file.load() == small_plan()
    assert not lock_path(plan_path).exists()


def test_a_lock_released_by_its_owner_frees_the_plan(plan_path: Path) -> None:
    child = _holder(plan_path)
    try:
        with pytest.raises(PlanLocked):
            PlanFile.open(plan_path)
        child.stdin.write("close\n")  # type: ignore[union-attr]
        child.stdin.flush()  # type: ignore[union-attr]
        assert child.stdout.readline() == "closed\n"  # type: ignore[union-attr]
        assert not lock_path(plan_path).exists()
        PlanFile.open(plan_path).close()
    finally:
        child.kill()
        child.wait()
        child.stdin.close()  # type: ignore[union-attr]
        child.stdout.close()  # type: ignore[union-attr]


def test_a_second_open_in_the_same_process_is_refused(plan_path: Path) -> None:
    with PlanFile.open(plan_path):
        with pytest.raises(PlanLocked):
            PlanFile.open(plan_path)
    PlanFile.open(plan_path).close()


def _write_lock(path: Path, **owner: object) -> None:
    lock_path(path).write_text(json.dumps(owner), encoding="utf-8")


def test_a_lock_from_another_host_is_respected(plan_path: Path) -> None:
    _write_lock(plan_path, user="anne", host="pc-42", pid=1, time="2026-11-24T09:12:30+01:00")
    with pytest.raises(PlanLocked) as info:
        PlanFile.open(plan_path)
    assert info.value.message == "Planen er åben hos anne på pc-42 siden 24.11.2026 kl. 09:12"
    assert info.value.owner["user"] == "anne"
    assert read_lock(plan_path)["host"] == "pc-42"  # type: ignore[index]  # left as it was


def test_a_lock_of_a_finished_process_on_this_host_is_stale(plan_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _write_lock(plan_path, user="bo", host=socket.gethostname(), pid=int(done.stdout), time="2026-01-01T08:00:00")
    with PlanFile.open(plan_path):
        assert read_lock(plan_path)["pid"] == os.getpid()  # type: ignore[index]


def test_an_unreadable_lock_is_not_taken_over(plan_path: Path) -> None:
    lock_path(plan_path).write_text("{ikke json", encoding="utf-8")
    with pytest.raises(PlanLocked, match="ukendt"):
        PlanFile.open(plan_path)


def test_release_never_removes_a_lock_taken_over_by_another(plan_path: Path) -> None:
    held = lock.acquire(plan_path)
    _write_lock(plan_path, user="x", host="other", pid=5, time="2026-01-01T08:00:00")
    held.release()
    assert read_lock(plan_path)["user"] == "x"  # type: ignore[index]


def test_lock_file_content_and_name(plan_path: Path) -> None:
    with PlanFile.open(plan_path):
        path = lock_path(plan_path)
        assert path.name == "Låst plan 🔒.sundhedshus.lock" and path.parent == plan_path.parent
        owner = json.loads(path.read_text(encoding="utf-8"))
        assert set(owner) == {"user", "host", "pid", "time"}
        assert owner["pid"] == os.getpid() and owner["host"] == socket.gethostname()
    assert sorted(p.name for p in plan_path.parent.iterdir()) == [plan_path.name]


def test_describe_owner_without_time() -> None:
    assert describe_owner({"user": "anne", "host": "pc-42"}) == "Planen er åben hos anne på pc-42"


def test_the_host_named_is_the_one_socket_names() -> None:
    # A lock is stale only on its own host: the name written and compared must be gethostname()'s, as before.
    assert lock._host() == socket.gethostname()
