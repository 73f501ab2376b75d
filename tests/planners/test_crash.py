"""Crash safety, measured (issue point 4): 200 fresh children killed with SIGKILL at random moments.

After every kill the plan opens (read-only and for editing), passes `PRAGMA integrity_check`, and holds
every edit the child reported as committed. The child and the checks are in `crash_child.py`;
`bench/bench_crash.py` runs the same for longer.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from planners.store.operations import SetPlanFields
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from tests.planners.crash_child import run
from tests.planners.plans import small_plan

KILLS = 200


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_every_reported_edit_survives_sigkill(tmp_path: Path) -> None:
    # Two plans killed in two threads (a child's start-up is most of the time; CI has two cores); every
    # kill is still a fresh child, KILLS in all.
    paths = [tmp_path / f"Nedbrud {i} æøå 💥.sundhedshus" for i in (1, 2)]
    for path in paths:
        create_plan_file(path, small_plan("Nedbrud")).close()
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda job: run(job[0], KILLS // 2, seed=job[1]), zip(paths, (2024, 520), strict=True)))
    assert sum(s.kills for s in results) == KILLS
    assert sum(s.edits_verified for s in results) > KILLS  # the children edited between kills (≈3 each)
    assert sum(s.hot_journals for s in results) > 0  # some kills hit the middle of a commit
    for path in paths:
        # A kill between creating the journal and writing its header leaves a journal that is not hot
        # (SQLite ignores it); the next edit replaces it. After one edit nothing may be left beside the plan.
        with PlanFile.open(path) as plan_file:
            plan_file.apply(SetPlanFields({"title": "Færdig ✓"}))
        assert read_plan(path).title == "Færdig ✓"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p not in paths)
    assert leftovers == [], leftovers  # no journal, lock or temporary file
