"""Cases the fuzzers and the adversary's review found (issue 20), each kept as a regression test.

A `-journal` that is not this plan's is never applied (issue 20.8): SQLite rolls back any valid journal beside a
database. Another plan's hot journal — here a copy of this very plan, edited, whose commit was killed — would
write that plan's pages into this one (its title became this plan's title, and an editing open made it
permanent). Every way of opening must refuse it or leave it unused, the plan's bytes equal by sha256.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planners.interchange.plan_json import load_json
from planners.model.errors import RefusedFile
from planners.reference import template_path
from planners.store.lock import lock_path
from planners.store.planfile import PlanFile, create_plan_file, read_plan

KILLED_IN_COMMIT = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # pages reach the file before the commit, as in a big transaction
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE plan SET title = 'B, halvt skrevet'")
for i in range(200):
    conn.execute("INSERT INTO partner (position, name) VALUES (?, ?)", (1000 + i, "x" * 1500))
os.kill(os.getpid(), 9)
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign_journal_beside(plan: Path, other: Path) -> Path:
    """`other`, a copy of `plan` with another title, killed in the middle of a commit; its journal beside `plan`."""
    shutil.copyfile(plan, other)
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("UPDATE plan SET title = 'Plan B'")
    conn.close()
    subprocess.run([sys.executable, "-c", KILLED_IN_COMMIT, str(other)], check=False)
    other_journal = other.with_name(other.name + "-journal")
    assert other_journal.exists()
    journal = plan.with_name(plan.name + "-journal")
    shutil.copyfile(other_journal, journal)
    return journal


@pytest.mark.parametrize("template", ["remote", "large"])
def test_another_plans_hot_journal_is_never_applied(tmp_path: Path, template: str) -> None:
    plan = tmp_path / "a.sundhedshus"
    create_plan_file(plan, load_json(template_path(template))).close()
    title = read_plan(plan).title
    (tmp_path / "b").mkdir()
    journal = _foreign_journal_beside(plan, tmp_path / "b" / "b.sundhedshus")
    before, journal_before = sha(plan), sha(journal)

    with pytest.raises(RefusedFile, match="hører til denne plan"):
        read_plan(plan)
    for readonly in (True, False):
        with pytest.raises(RefusedFile, match="hører til denne plan"):
            PlanFile.open(plan, readonly=readonly)
    assert (sha(plan), sha(journal)) == (before, journal_before)
    assert not lock_path(plan).exists()
    # Moved away (as the message says), the plan opens as it was: never with the other plan's title.
    journal.unlink()
    with PlanFile.open(plan) as plan_file:
        assert plan_file.load().title == title != "Plan B"
        assert plan_file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_another_plans_journal_from_a_different_template_is_refused_as_foreign(tmp_path: Path) -> None:
    """A journal of a plan of another size: refused as not this plan's (not as "damaged")."""
    plan = tmp_path / "a.sundhedshus"
    create_plan_file(plan, load_json(template_path("remote"))).close()
    other = tmp_path / "b" / "b.sundhedshus"
    other.parent.mkdir()
    create_plan_file(other, load_json(template_path("large"))).close()
    subprocess.run([sys.executable, "-c", KILLED_IN_COMMIT.replace("cache_size = 1", "cache_size = 2"), str(other)],
                   check=False)  # fmt: skip
    journal = plan.with_name(plan.name + "-journal")
    shutil.copyfile(other.with_name(other.name + "-journal"), journal)
    before = sha(plan)
    for readonly in (True, False):
        with pytest.raises(RefusedFile, match="hører til denne plan"):
            PlanFile.open(plan, readonly=readonly)
    assert sha(plan) == before and journal.exists() and not lock_path(plan).exists()


def test_this_plans_own_journal_after_a_killed_edit_is_still_recovered(tmp_path: Path) -> None:
    """The other side: the journal of the app's own editing connection killed in a big transaction is not
    refused — the last commit survives, the half-done edit is gone. (The SIGKILL tests, tests/planners/
    test_crash.py, kill real edits at random points, inside commits too, and recover every one.)"""
    plan = tmp_path / "a.sundhedshus"
    create_plan_file(plan, load_json(template_path("remote"))).close()
    script = (
        "import os, sys\n"
        "from planners.store import planfile\n"
        "pf = planfile.PlanFile.open(sys.argv[1])\n"
        "conn = pf.conn\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute(\"UPDATE plan SET title = 'halvt'\")\n"
        "for i in range(300):\n"
        "    conn.execute('INSERT INTO partner (position, name) VALUES (?, ?)', (1000 + i, 'x' * 1500))\n"
        "os.kill(os.getpid(), 9)\n"
    )
    title = read_plan(plan).title
    subprocess.run([sys.executable, "-c", script, str(plan)], check=False, cwd=Path(__file__).resolve().parents[2])
    with PlanFile.open(plan) as plan_file:  # takes over the dead editor's lock
        assert plan_file.load().title == title
        assert plan_file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert plan_file.conn.execute("SELECT count(*) FROM partner WHERE position >= 1000").fetchone()[0] == 0


# --- messages quote a short excerpt of a bad value (issue 20.10) ------------------------------------------


@pytest.mark.parametrize("where", ["code", "key", "tenant"])
def test_a_huge_bad_value_is_quoted_as_a_short_excerpt(where: str) -> None:
    """A 20 MB unknown code was echoed whole (a 947 MiB message in the issue): now at most 200 characters of
    it, whatever its size, with '…' where it was cut."""
    import json

    from planners.interchange.plan_json import load_json
    from planners.model.errors import InvalidPlan

    doc = json.loads(template_path("example").read_text(encoding="utf-8"))
    room = doc["scenarios"][0]["rooms"][0]
    huge = "x" * 20_000_000
    if where == "code":
        room["type"] = huge
    elif where == "key":
        room[huge] = 1
    else:
        room["tenant"] = huge
    with pytest.raises(InvalidPlan) as caught:
        load_json(json.dumps(doc).encode())
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "x" * 80 in text and "…" in text
    assert len(text) < 1000
