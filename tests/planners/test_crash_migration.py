"""SIGKILL during a migration (issue 20: "200 kills during migration" must still hold).

A child opens the version-1 fixture for editing, which copies it to `.bak-v1` and upgrades it in place in one
transaction. The child kills itself with SIGKILL at kill point K: every 20 SQLite instructions of any
connection, and before and after each fsync, rename and byte copy. A first run counts the points; the kills
are then spread over all of them (an even spread, so every part of the migration is hit, plus seeded random
ones). After every kill:
- a reading open (the CLI's) gives the plan exactly as a clean migration does, and the file is not changed
  by it (sha256);
- the editing open (the app's: it takes over the dead child's lock, rolls back a half-done upgrade and runs
  it again) gives the same plan at the current version, and the file passes `PRAGMA integrity_check`;
- a backup beside it is whole: byte for byte the version-1 file;
- once the editing open is closed, nothing else is left beside the plan (no journal, lock or temporary file),
  but a killed backup copy's temporary file, which the next open removes once it is a minute old.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from planners.store.planfile import PlanFile, read_plan
from planners.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "tests" / "fixtures" / "plan-v1.sundhedshus"
KILLS = 100

CHILD = r"""
import os, shutil, signal, sqlite3, sys
sys.path.insert(0, sys.argv[3])
kill_at = int(sys.argv[2])
count = 0

def tick() -> int:
    global count
    count += 1
    if count == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return 0

real_connect = sqlite3.connect

def connect(*args, **kwargs):
    conn = real_connect(*args, **kwargs)
    conn.set_progress_handler(tick, 20)
    return conn

sqlite3.connect = connect

def ticking(function):
    def call(*args, **kwargs):
        tick()
        result = function(*args, **kwargs)
        tick()
        return result
    return call

os.fsync = ticking(os.fsync)
os.replace = ticking(os.replace)
shutil.copyfileobj = ticking(shutil.copyfileobj)
from planners.store.planfile import PlanFile
PlanFile.open(sys.argv[1]).close()
print("points", count, flush=True)
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _child(path: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, str(path), str(kill_at), str(ROOT)],  # noqa: S603
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_migration_killed_anywhere_leaves_the_old_plan_or_the_new_one(tmp_path: Path) -> None:
    v1_sha = _sha(V1)
    expected = read_plan(V1)  # migrated on a temporary copy: the fixture is not touched
    assert _sha(V1) == v1_sha

    counting = tmp_path / "count" / "plan.sundhedshus"
    counting.parent.mkdir()
    shutil.copyfile(V1, counting)
    done = _child(counting, 0)
    assert done.returncode == 0, done.stderr[-2000:]
    points = int(done.stdout.split()[-1])
    assert points > 50, points  # the migration is many statements; the spread below must reach into all of it

    rnd = random.Random(2020)
    spread = [1 + i * (points - 1) // (KILLS // 2 - 1) for i in range(KILLS // 2)]
    kill_points = spread + [rnd.randint(1, points) for _ in range(KILLS - len(spread))]

    def one(job: tuple[int, int]) -> tuple[int, str]:
        index, kill_at = job
        folder = tmp_path / f"k{index}"
        folder.mkdir()
        path = folder / "Migrering æøå.sundhedshus"
        shutil.copyfile(V1, path)
        done = _child(path, kill_at)
        assert done.returncode == -9, (kill_at, done.returncode, done.stderr[-2000:])
        # the CLI's reading open: the plan as a clean migration gives it, and nothing written
        before = _sha(path)
        assert read_plan(path) == expected, kill_at
        assert _sha(path) == before, kill_at
        backup = folder / f"{path.name}.bak-v1"
        with PlanFile.open(path) as plan_file:  # the app's open: the dead child's lock is taken over
            assert plan_file.load() == expected, kill_at
            assert plan_file.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert plan_file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert backup.exists() and _sha(backup) == v1_sha, kill_at  # never half a backup
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # A kill inside the backup's copy leaves its temporary file (named with the dead child's pid). The
        # next open removes it once nobody has written it for a minute (a pid alone never decides: the
        # folder may be shared): aged here, then opened again.
        left = [p for p in folder.iterdir() if p not in (path, backup)]
        assert all(p.name.startswith(f".{path.name}.bak-v1.") and p.name.endswith(".tmp") for p in left), left
        for leftover in left:
            old = time.time() - 3600
            os.utime(leftover, (old, old))
        PlanFile.open(path).close()
        left = [p for p in folder.iterdir() if p not in (path, backup)]
        assert left == [], (kill_at, left)
        return kill_at, before

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(one, enumerate(kill_points)))
    assert len(results) == KILLS
    # the kills fell both before anything was written (the file still version 1, byte for byte) and after
    # the upgrade's first write (a hot journal or the new version): both ends of the migration were reached
    untouched = sum(1 for _, sha in results if sha == v1_sha)
    assert 0 < untouched < KILLS, untouched
