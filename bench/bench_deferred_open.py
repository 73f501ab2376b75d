"""The GUI's open with the whole-file checks after the first paint (issue 19.1, branch s16-xl): what it costs, and
that it refuses exactly what the full open refuses, in the same words.

    PYTHONPATH=$PWD .venv/bin/python bench/bench_deferred_open.py split [example large XL]
    PYTHONPATH=$PWD .venv/bin/python bench/bench_deferred_open.py words FIRST LAST

- split: each plan of `bench_start.py` (made there, kept in the temporary folder) copied once, then 9 interleaved
  rounds in this process: `PlanFile.open(path)` (the full open: main's, and the CLI's) against
  `PlanFile.open(path, defer=True)` (before the paint) and its `verify()` (after it); CPU medians (`process_time`).
- words: every fuzz seed FIRST..LAST-1 (`tests.fuzzing.damage_plan` of the "remote" template, as `fuzz_plans.py`),
  editing and read-only: the full open's outcome and words against the deferred open + `verify` + `load`; prints the
  tally and every case where they differ (there must be none).
"""

from __future__ import annotations

import collections
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.interchange.plan_json import load_json  # noqa: E402
from planners.model.errors import PlanError  # noqa: E402
from planners.reference import template_path  # noqa: E402
from planners.store import schema  # noqa: E402
from planners.store.planfile import PlanFile, create_plan_file  # noqa: E402


def split(keys: list[str]) -> None:
    plans = Path(tempfile.gettempdir()) / f"sundhedshus-bench-plans-v{schema.SCHEMA_VERSION}"
    print("| plan | full open | GUI: before the paint | verify after it | GUI total |\n|---|---|---|---|---|")
    for key in keys:
        folder = Path(tempfile.mkdtemp())
        path = folder / f"{key}.sundhedshus"
        shutil.copy(plans / path.name, path)  # run bench_start.py once first: it writes the plans
        full, fast, after = [], [], []
        for _ in range(9):
            c0 = time.process_time()
            PlanFile.open(path).close()
            full.append(time.process_time() - c0)
            c0 = time.process_time()
            opened = PlanFile.open(path, defer=True)
            c1 = time.process_time()
            opened.verify()
            after.append(time.process_time() - c1)
            fast.append(c1 - c0)
            opened.close()
        ms = [statistics.median(x) * 1000 for x in (full, fast, after)]
        print(f"| {key} | {ms[0]:.0f} ms | {ms[1]:.0f} | {ms[2]:.0f} | {ms[1] + ms[2]:.0f} |")
        shutil.rmtree(folder)


def _outcome(path: Path, readonly: bool, defer: bool) -> tuple[str, str, str]:
    try:
        opened = PlanFile.open(path, readonly=readonly, defer=defer)
    except PlanError as exc:
        return "refused at open", type(exc).__name__, str(exc)
    try:
        deferred = opened.verification_pending()
        opened.verify()
        opened.load()
        return "accepted", "", ""
    except PlanError as exc:
        return ("refused after paint" if deferred else "refused at load"), type(exc).__name__, str(exc)
    finally:
        opened.close()


def words(first: int, last: int) -> None:
    from tests.fuzzing import damage_plan

    work = Path(tempfile.mkdtemp())
    source = work / "source.sundhedshus"
    create_plan_file(source, load_json(template_path("remote"))).close()
    tally: collections.Counter[tuple[str, str, str]] = collections.Counter()
    differ = []
    for seed in range(first, last):
        for readonly in (False, True):
            got = []
            for defer in (False, True):
                case = work / f"case{seed}"
                case.mkdir()
                path, what = damage_plan(seed, case, source)
                got.append(_outcome(path, readonly, defer))
                shutil.rmtree(case)
            full, deferred = got
            tally[("read-only" if readonly else "editing", full[0], deferred[0])] += 1
            if (full[0] == "accepted") != (deferred[0] == "accepted") or full[1:] != deferred[1:]:
                differ.append((seed, readonly, what, full, deferred))
    shutil.rmtree(work)
    for key, count in sorted(tally.items()):
        print(f"{key[0]}: full open {key[1]}, GUI's {key[2]}: {count}")
    print(f"differences: {len(differ)}")
    for d in differ[:10]:
        print(f"  {d}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "words":
        words(int(sys.argv[2]), int(sys.argv[3]))
    else:
        split(sys.argv[2:] or ["example", "large", "XL"])


if __name__ == "__main__":
    main()
