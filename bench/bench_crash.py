"""Crash safety over a longer run: `python bench/bench_crash.py [KILLS] [SEED]`.

Starts a fresh child per kill that edits a plan in a loop (one transaction per edit, reported after the
commit), kills it with SIGKILL after a random number of reported edits, and verifies after every kill that
the plan opens, passes `PRAGMA integrity_check` and holds every reported edit (tests/planners/crash_child.py).
Prints kills, edits verified and the elapsed time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planners.store.planfile import create_plan_file  # noqa: E402
from tests.planners.crash_child import run  # noqa: E402
from tests.planners.plans import small_plan  # noqa: E402


def main(argv: list[str]) -> int:
    kills = int(argv[1]) if len(argv) > 1 else 1000
    seed = int(argv[2]) if len(argv) > 2 else 1
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as folder:
        path = Path(folder) / "bench æøå 💥.sundhedshus"
        create_plan_file(path, small_plan("Bench")).close()
        stats = run(path, kills, seed, max_lines=20)
    print(f"kills: {stats.kills}")
    print(f"edits verified: {stats.edits_verified}")
    print(f"kills inside a commit (hot journal): {stats.hot_journals}")
    print(f"kills between commit and report: {stats.unreported_commits}")
    print(f"elapsed: {stats.elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
