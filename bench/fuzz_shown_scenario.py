"""Issue 19 (s18-summary, s19-summary): the summary's open judges only what it reads. Random mixes of the odd values of
`tests/planners/test_filecheck_rules.py` in the rich plan, each opened by `read_plan_scenario` (no scenario named, and
each scenario named). Since s19-summary a one-scenario read does not read the other scenarios' lines: its verdict must
be the whole plan's check's (`reading._check_whole`) on a copy of the file without the other scenarios' lines
(`tests.fuzzing.without_other_scenarios`, plain SQL); refused, in the words of the whole check of the file itself
(today's words); accepted, with the copy's scenario.

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
from planners.store.planfile import read_plan
from planners.store.reading import read_plan_scenario
from tests.fuzzing import without_other_scenarios
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


def _summary_verdict(path: Path, name: str | None) -> tuple[str | None, object]:
    """(the refusal's words or None, the scenario read)."""
    try:
        plan, _names = read_plan_scenario(path, name)
    except RefusedFile as exc:
        return str(exc), None
    return None, plan.scenarios


def _pruned_verdict(path: Path, name: str | None, pruned: Path) -> tuple[bool, object] | None:
    """(refused, the scenario shown) of the whole check on the file without the other scenarios' lines; None where
    that copy cannot stand for the file."""
    if not without_other_scenarios(path, name, pruned):
        return None
    try:
        plan = read_plan(pruned)
    except RefusedFile:
        return True, None
    return False, [plan.scenario(name)]


def main() -> None:
    cases, seed = int(sys.argv[1]), int(sys.argv[2])
    typed = float(sys.argv[3]) if len(sys.argv) > 3 else 0.7
    rng = random.Random(seed)
    anything = rules.DECIMALS + rules.TEXTS + rules.INTEGERS
    folder = Path(tempfile.mkdtemp(prefix="fuzz-shown-"))
    base, names = _base(folder)
    tally = {"refused": 0, "accepted": 0, "accepted, the whole file refused": 0, "not comparable": 0}
    for _ in range(cases):
        edits = []
        for _ in range(rng.randint(1, 3)):
            table = rng.choice(rules.TABLES)
            columns = dict(c for c in rules._columns(table) if c[0] != "id")
            column = rng.choice(sorted(columns))
            pool = rules._values(table, column, columns[column]) if rng.random() < typed else anything
            edits.append((table, column, rng.randint(0, 12), rng.choice(pool)))
        path = rules._mutate(base, folder / "case.sundhedshus", edits)
        whole = rules._old_open(path)  # today's words for the whole file (None: accepted)
        for name in (None, *names):
            words, scenarios = _summary_verdict(path, name)
            oracle = _pruned_verdict(path, name, folder / "pruned.sundhedshus")
            if oracle is None:
                tally["not comparable"] += 1
                continue
            refused, expected = oracle
            if (words is not None) != refused or (refused and words != whole) or (not refused and scenarios != expected):
                raise SystemExit(f"different verdicts for {edits}, scenario {name!r}:\n  {words}\n  {oracle}\n"
                                 f"  whole: {whole}")
            tally["refused" if refused else "accepted"] += 1
            tally["accepted, the whole file refused"] += not refused and whole is not None
    print(f"{cases} cases, seed {seed}: every scenario shown agrees with the file without the others' lines; {tally}")


if __name__ == "__main__":
    main()
