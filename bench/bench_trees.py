"""Issue 19: the CPU of whole commands in several source trees, interleaved in every round (s15-sum2).

    python bench/bench_trees.py ROUNDS NAME=TREE@ARG|ARG|... [NAME=TREE@...] ...

Each case runs `python ARG ARG ...` as a fresh child in TREE (working folder and PYTHONPATH; `python -m` puts the
working folder first), byte-compiled there first with PYTHONDONTWRITEBYTECODE unset (PLATFORM.md); every round runs
every case once, in order. Prints the median and the minimum CPU (user + sys of the child) in ms. E.g.

    python bench/bench_trees.py 9 "floor=$PWD@-c|import sqlite3, decimal, json" \
        "before=/tmp/before@-m|desktop.main|summary|/tmp/large.sundhedshus" \
        "after=$PWD@-m|desktop.main|summary|/tmp/large.sundhedshus"
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

from child_runs import run_child


def main() -> None:
    rounds = int(sys.argv[1])
    cases: dict[str, tuple[str, list[str]]] = {}
    for arg in sys.argv[2:]:
        name, rest = arg.split("=", 1)
        tree, words = rest.split("@", 1)
        cases[name] = (tree, words.split("|"))
    for tree in {tree for tree, _ in cases.values()}:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop", "resources"], cwd=tree,
                       env=env, stdout=subprocess.DEVNULL, check=False)
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, (tree, command) in cases.items():
            env = dict(os.environ)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPATH"] = tree
            runs[name].append(1000 * run_child([sys.executable, *command], env, tree).cpu)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {rounds} interleaved rounds, CPU ms")
    for name, values in runs.items():
        print(f"{name:12} median {statistics.median(values):7.1f}  min {min(values):7.1f}")


if __name__ == "__main__":
    main()
