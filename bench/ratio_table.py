"""One table of child-process runs as ratios against their anchor measured in the same run (issue 19's way to
measure): medians of CPU (user + sys) and wall, in milliseconds."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

Runs = Sequence[tuple[float, float]]  # (CPU seconds, wall seconds) per run


def print_ratio_table(anchor: tuple[str, Runs], rows: Sequence[tuple[str, Runs]]) -> None:
    def medians(runs: Runs) -> tuple[float, float]:
        return (statistics.median(c for c, _ in runs) * 1000, statistics.median(w for _, w in runs) * 1000)

    fc, fw = medians(anchor[1])
    print("| what | CPU | ratio CPU | wall | ratio wall |")
    print("|---|---|---|---|---|")
    print(f"| {anchor[0]} | {fc:.0f} | 1 | {fw:.0f} | 1 |")
    for label, runs in rows:
        c, w = medians(runs)
        print(f"| {label} | {c:.0f} | {c / fc:.2f} | {w:.0f} | {w / fw:.2f} |")
