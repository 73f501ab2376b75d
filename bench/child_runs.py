"""Child processes measured as issue 19 measures them, and their table as ratios against the anchor measured in the
same run: CPU (user + sys, from `RUSAGE_CHILDREN`) and wall, medians, in milliseconds."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

Runs = Sequence[tuple[float, float]]  # (CPU seconds, wall seconds) per run


@dataclass(frozen=True)
class ChildRun:
    cpu: float  # seconds, user + sys
    wall: float  # seconds
    stdout: str  # "" unless captured
    stderr: str  # "" unless captured


def run_child(cmd: list[str], env: dict[str, str], cwd: Path | str | None = None, *, capture: bool = False,
              timeout: float | None = None) -> ChildRun:
    """Run one child to its end (a failure raises). Give `cwd` the tree measured or a home of its own: `python -c`
    and `python -m` put the working folder first on sys.path, ahead of PYTHONPATH."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w = time.perf_counter()
    if capture:
        done = subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True, text=True, timeout=timeout)
    else:
        done = subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, text=True,
                              timeout=timeout)
    wall = time.perf_counter() - w
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return ChildRun(cpu, wall, done.stdout or "", done.stderr or "")


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
