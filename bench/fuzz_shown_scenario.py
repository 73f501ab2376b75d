"""Issue 19 (s18-summary): the summary's open trusts SQLite's proof of the shown scenario. Random mixes of the odd values
of `tests/planners/test_filecheck_rules.py` in the rich plan, each opened by `read_plan_scenario` (no scenario named,
and each scenario named): its verdict must be the whole plan's check's (`planfile._check_whole`), word for word.

    PYTHONPATH=. python bench/fuzz_shown_scenario.py CASES SEED [TYPED]

TYPED (0–1, default 0,7): how often a value is of its column's kind (a decimal text in a decimal column …), so that
more cases pass the value checks and meet the rules."""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
from pathlib import Path

from planners.model.errors import RefusedFile
from planners.store.planfile import read_plan_scenario
from tests.planners import test_filecheck_rules as rules


def _base(folder: Path) -> tuple[Path, list[str]]:
    """test_filecheck_rules' base plan (a commitment and a rate source beside the rich plan), and its scenarios'
    names."""
    path = rules.rules_base(folder)
    conn = sqlite3.connect(path)
    try:
        names = [str(n) for (n,) in conn.execute("SELECT name FROM scenario")]
    finally:
        conn.close()
    return path, names


def _summary_verdict(path: Path, name: str | None) -> str | None:
    try:
        read_plan_scenario(path, name)
    except RefusedFile as exc:
        return str(exc)
    return None


def main() -> None:
    cases, seed = int(sys.argv[1]), int(sys.argv[2])
    typed = float(sys.argv[3]) if len(sys.argv) > 3 else 0.7
    rng = random.Random(seed)
    anything = rules.DECIMALS + rules.TEXTS + rules.INTEGERS
    folder = Path(tempfile.mkdtemp(prefix="fuzz-shown-"))
    base, names = _base(folder)
    tally = {"refused": 0, "accepted": 0}
    for _ in range(cases):
        edits = []
        for _ in range(rng.randint(1, 3)):
            table = rng.choice(rules.TABLES)
            columns = dict(c for c in rules._columns(table) if c[0] != "id")
            column = rng.choice(sorted(columns))
            pool = rules._values(table, column, columns[column]) if rng.random() < typed else anything
            edits.append((table, column, rng.randint(0, 12), rng.choice(pool)))
        path = rules._mutate(base, folder / "case.sundhedshus", edits)
        expected = rules._old_open(path)
        for name in (None, *names):
            got = _summary_verdict(path, name)
            if got != expected:
                raise SystemExit(f"different verdicts for {edits}, scenario {name!r}:\n  {got}\n  {expected}")
        tally["refused" if expected else "accepted"] += 1
    print(f"{cases} cases, seed {seed}: the same verdict for every scenario shown; {tally}")


if __name__ == "__main__":
    main()
