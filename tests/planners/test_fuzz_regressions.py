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


# The rare foreign journal: its page 1 carries this file's change counter. A copy of a plan edited as often as
# the plan itself has the same counter; its journal's page 1 then says either "nothing written yet" (the same
# counter as the file) or "the commit had written page 1" (the file's counter one more than the image's).

KILLED_WITH_PAGE1 = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # pages spill: the journal's header is synced, the journal hot
conn.execute("BEGIN IMMEDIATE")
version = conn.execute("PRAGMA user_version").fetchone()[0]
conn.execute(f"PRAGMA user_version = {version}")  # writes page 1: the journal holds page 1 first
conn.execute("UPDATE plan SET title = 'B, halvt skrevet'")
for i in range(200):
    conn.execute("INSERT INTO partner (position, name) VALUES (?, ?)", (1000 + i, "x" * 1500))
os.kill(os.getpid(), 9)
"""


def _counter(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[24:28], "big")


def _commit(path: Path, title: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE plan SET title = ?", (title,))
    conn.close()


@pytest.mark.parametrize("page1", ["as in the file", "one commit behind the file"])
def test_another_plans_journal_whose_page_1_carries_this_files_counter_is_refused(tmp_path: Path, page1: str) -> None:
    plan = tmp_path / "a.sundhedshus"
    create_plan_file(plan, load_json(template_path("remote"))).close()
    other = tmp_path / "b" / "b.sundhedshus"
    other.parent.mkdir()
    shutil.copyfile(plan, other)
    _commit(plan, "Plan A")  # both copies edited once: the same change counter, the same page 1
    _commit(other, "Plan B")
    subprocess.run([sys.executable, "-c", KILLED_WITH_PAGE1, str(other)], check=False)
    other_journal = other.with_name(other.name + "-journal")
    image = other_journal.read_bytes()
    sector = int.from_bytes(image[20:24], "big")
    assert int.from_bytes(image[sector:sector + 4], "big") == 1  # page 1 is the journal's first record
    image_counter = int.from_bytes(image[sector + 4 + 24:sector + 4 + 28], "big")
    assert image_counter == _counter(plan)
    if page1 == "as in the file":
        page_size = int.from_bytes(image[24:28], "big")
        assert image[sector + 4:sector + 4 + page_size] == plan.read_bytes()[:page_size]
    else:
        _commit(plan, "Plan A, igen")  # the file one commit ahead: as if the other plan's commit had written page 1
        assert _counter(plan) == image_counter + 1
    journal = plan.with_name(plan.name + "-journal")
    shutil.copyfile(other_journal, journal)
    before, journal_before = sha(plan), sha(journal)

    with pytest.raises(RefusedFile, match="hører til denne plan"):
        read_plan(plan)
    for readonly in (True, False):
        with pytest.raises(RefusedFile, match="hører til denne plan"):
            PlanFile.open(plan, readonly=readonly)
    assert (sha(plan), sha(journal)) == (before, journal_before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sundhedshus", "a.sundhedshus-journal", "b"]
    journal.unlink()
    assert read_plan(plan).title.startswith("Plan A")


def test_this_plans_own_journal_killed_after_its_commit_wrote_page_1_is_recovered(tmp_path: Path) -> None:
    """The app's editor killed in its commit after page 1 (the change counter + 1) reached the file: its lock is
    beside the plan, and the journal is applied — the last commit survives, the half-done one is gone.
    The commit is replayed by hand up to that moment: the editor (cache_spill off) is killed inside its
    transaction, then what SQLite's commit does first is done to its files — the journal's header synced (its
    magic and record count written) and page 1 written with the change counter and "valid for" one more."""
    plan = tmp_path / "a.sundhedshus"
    create_plan_file(plan, load_json(template_path("remote"))).close()
    title = read_plan(plan).title
    script = (
        "import os, sys\n"
        "from planners.store import planfile\n"
        "pf = planfile.PlanFile.open(sys.argv[1])\n"
        "conn = pf.conn\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute('PRAGMA user_version = ' + str(conn.execute('PRAGMA user_version').fetchone()[0]))\n"
        "conn.execute(\"UPDATE plan SET title = 'halvt'\")\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(plan)], check=False, cwd=Path(__file__).resolve().parents[2])
    assert lock_path(plan).exists()  # the dead editor's
    journal = plan.with_name(plan.name + "-journal")
    data = bytearray(journal.read_bytes())
    sector, page_size = int.from_bytes(data[20:24], "big"), int.from_bytes(data[24:28], "big")
    records = (len(data) - sector) // (page_size + 8)
    assert records >= 2 and int.from_bytes(data[sector:sector + 4], "big") == 1
    data[0:8] = bytes.fromhex("d9d505f920a163d7")
    data[8:12] = records.to_bytes(4, "big")
    journal.write_bytes(bytes(data))
    page1 = bytearray(data[sector + 4:sector + 4 + page_size])
    page1[24:28] = page1[92:96] = (int.from_bytes(page1[24:28], "big") + 1).to_bytes(4, "big")
    with open(plan, "r+b") as f:
        f.write(page1)
    assert read_plan(plan).title == title  # read-only: recovered on a temporary copy
    with PlanFile.open(plan) as plan_file:  # takes over the dead editor's lock, rolls the journal back
        assert plan_file.load().title == title
        assert plan_file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not journal.exists()
    # The same files without the lock beside them: not provably this plan's, refused and left as they were.
    subprocess.run([sys.executable, "-c", script, str(plan)], check=False, cwd=Path(__file__).resolve().parents[2])
    lock_path(plan).unlink()
    data = bytearray(journal.read_bytes())
    data[0:8], data[8:12] = bytes.fromhex("d9d505f920a163d7"), records.to_bytes(4, "big")
    journal.write_bytes(bytes(data))
    page1 = bytearray(data[sector + 4:sector + 4 + page_size])
    page1[24:28] = page1[92:96] = (int.from_bytes(page1[24:28], "big") + 1).to_bytes(4, "big")
    with open(plan, "r+b") as f:
        f.write(page1)
    before = sha(plan)
    with pytest.raises(RefusedFile, match="hører til denne plan"):
        read_plan(plan)
    assert sha(plan) == before and not lock_path(plan).exists()


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


@pytest.mark.parametrize("how", ["editing", "read-only", "deferred"])
def test_a_read_that_damages_the_end_of_its_transaction_is_refused_not_a_traceback(tmp_path: Path, how: str) -> None:
    """GUI fuzz seed 501 (4 bit flips in pages): the checks caught a read's "malformed", then even the COMMIT that
    ended their read transaction raised it (a `finally` that replaced the refusal by a traceback, on main too)."""
    from tests.fuzzing import damaged_seed

    path = damaged_seed(501, tmp_path)
    before = sha(path)
    with pytest.raises(RefusedFile, match="beskadiget"):
        opened = PlanFile.open(path, readonly=how == "read-only", defer=how == "deferred")
        try:
            opened.verify()
        finally:
            opened.close()
    assert sha(path) == before
    assert not lock_path(path).exists()
