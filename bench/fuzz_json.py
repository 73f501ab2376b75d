"""Fuzz the JSON import on demand (issue 20.7): thousands of seeded mutations of the templates.

    PYTHONPATH=. python bench/fuzz_json.py [--cases 5000] [--first-seed 0] [--limit 10]

Each seed mutates one of the bundled templates (`tests/fuzzing.mutate_json`: hostile numbers, wrong types,
deleted and unknown keys, duplicated and 50–2000-fold repeated lines, truncation). Every case must be refused
with problems or accepted valid and round-tripping exactly. Record the figures in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planners.interchange.plan_json import parse_json_text  # noqa: E402
from planners.reference import template_names, template_path  # noqa: E402
from tests.fuzzing import Tally, fuzz_json  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--limit", type=float, default=10.0)
    args = parser.parse_args()
    names = [n for n, _ in template_names()]
    share = args.cases // len(names)
    started, cpu = time.monotonic(), time.process_time()
    total = Tally()
    for i, name in enumerate(names):
        doc = parse_json_text(template_path(name).read_text(encoding="utf-8"))
        first = args.first_seed + i * share
        tally = fuzz_json(range(first, first + share), doc, args.limit)
        print(f"- {name} (seeds {first}–{first + share - 1}): {tally.line()}")
        for outcome, examples in tally.examples.items():
            for e in examples[:5]:
                print(f"    {outcome}: {e[:300]!r}")
        sys.stdout.flush()
        total.cases += tally.cases
        total.outcomes += tally.outcomes
        total.slowest = max(total.slowest, tally.slowest)
    print(f"all: {total.line()}; limit {args.limit:g} s per case; "
          f"{time.monotonic() - started:.0f} s wall, {time.process_time() - cpu:.0f} s CPU")
    return 1 if total.bugs else 0


if __name__ == "__main__":
    sys.exit(main())
