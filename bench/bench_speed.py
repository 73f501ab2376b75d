"""Issue 19 (core and command line): the engine against a naive float pass, and `summary` against the import
floor — each figure a ratio against its anchor measured in the same run, interleaved, medians, CPU and wall.

    python bench/bench_speed.py [--rounds 9] [--only engine|summary]

Engine: one scenario of the large plan (`bench_engine.build_scenario`: 60 tenants, 600 rooms, 150 equipment lines,
40 cost lines) at 1×, 10× (XL) and 64× its lines. Anchor: `float_pass`, the same figures in binary floats,
written plainly (one pass over the lines, a split per key, the tenants' totals) — what any program must at
least do. Method (s21-exp; before it, one call per sample, all in one process, the exponent moved 0,95–1,10 between
runs of the same code):
- each side at each scale runs in a worker process of its own (six), which builds its plan and warms up for
  `WARM_S`: its heap holds that plan only, and the cyclic collector runs on that side's garbage alone, at the pace a
  long-running process meets. (In one process, a full collection — ≈ 25–40 ms at 64× — fell into whichever call
  crossed the threshold, and how many a sample held depended on its count of calls and what ran before it.)
- the workers are asked one at a time, in cycles: one chunk of each side at each scale per cycle (a chunk = `calls`
  calls, ≈ `CHUNK_MS` of the float pass, the same count for the engine), the scales' order rotating and each
  pair's order alternating, so both sides and all scales meet the VM's swings (tens of ms to seconds, from the
  other jobs on the machine) alike;
- a round is as many cycles as give every scale's float pass ≥ `--sample-ms` (400 ms: ≈ 1 s of engine at 64×,
  several of its full collections); a round's figure is its chunks' sum per call (CPU: `time.process_time` in the
  worker; wall: `time.perf_counter`);
- a ratio is the median of the rounds' own engine ÷ float pass, with its interquartile range; the exponent
  log(t64 / t10) / log(6,4) (and from 1×) likewise from each round's own pair, with its IQR, min–max and the exponent
  of the medians beside it; the table also shows the share of each side's time spent in the collector.

Summary: `sundhedshus summary` of the large plan (and of the XL plan: 10 scenarios of 10× the lines), a fresh
interpreter each, against `python -c "import sqlite3, decimal, json"`, run alternately; CPU = user + sys of the
child (`resource.getrusage(RUSAGE_CHILDREN)`). Byte-compiled first, PYTHONDONTWRITEBYTECODE unset (PLATFORM.md).
Set PYTHONPATH to the tree to measure.
"""

from __future__ import annotations

import argparse
import gc
import math
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import build_plan, build_scenario  # noqa: E402
from child_runs import print_ratio_table, run_child  # noqa: E402

from planners.figures.engine import compute  # noqa: E402
from planners.model import AllocationKey, Plan, Scenario  # noqa: E402

SCALES = (1, 10, 64)
SAMPLE_MS = 400.0  # a round's least CPU time of the float pass at each scale (the engine's is its ratio × that)
CHUNK_MS = 25.0  # a chunk's CPU time of the float pass: how finely the sides and scales interleave
WARM_S = 1.0  # each worker's warm-up, CPU seconds


def float_pass(plan: Plan, sc: Scenario) -> dict[str, object]:
    """The scenario's main figures in floats: areas, keys, equipment, services, the budget, rent per tenant."""
    index = {t.id: i for i, t in enumerate(sc.tenants)}
    n = len(index)

    def split(pot: dict, custom: dict, shares: dict) -> tuple[list[float], float]:
        parts = [0.0] * n
        for key, amount in pot.items():
            w = shares[key]
            for i in range(n):
                parts[i] += amount * w[i]
        rest = 0.0
        for items, amount in custom.items():
            given = 0.0
            for tid, pct in items:
                if tid in index:
                    parts[index[tid]] += amount * float(pct) / 100
                    given += float(pct)
            rest += amount * (100 - given) / 100
        return parts, rest

    dedicated = [0.0] * n
    net = vacant = 0.0
    pot: dict = {}
    custom: dict = {}
    for room in sc.rooms:
        a = room.count * float(room.net_m2)
        net += a
        if room.shared is not None:
            if room.shared.key is AllocationKey.CUSTOM:
                k = tuple(room.shared.shares.items())
                custom[k] = custom.get(k, 0.0) + a
            else:
                pot[room.shared.key] = pot.get(room.shared.key, 0.0) + a
        elif room.tenant in index:
            dedicated[index[room.tenant]] += a
        else:
            vacant += a
    total_ded = sum(dedicated)
    heads = [float(t.clinicians) + float(t.staff) for t in sc.tenants]
    total_heads = sum(heads)
    shares = {
        AllocationKey.AREA: [d / total_ded if total_ded else 1 / n for d in dedicated],
        AllocationKey.HEADCOUNT: [h / total_heads if total_heads else 1 / n for h in heads],
        AllocationKey.EQUAL: [1 / n] * n,
    }
    parts, rest = split(pot, custom, shares)
    allocated = [d + p for d, p in zip(dedicated, parts, strict=True)]
    factor = float(sc.gross_factor)
    gross = net * factor

    eq_parts = [0.0] * n
    pot, custom = {}, {}
    in_project = eq_total = 0.0
    eq_lines = []
    for line in sc.equipment:
        inv = line.quantity * float(line.unit_price)
        cost = line.quantity * float(line.annual_service)
        if line.in_project:
            in_project += inv
        else:
            cost += inv / float(line.lifetime_years)
        eq_lines.append((inv, cost))
        eq_total += cost
        if line.shared is not None:
            if line.shared.key is AllocationKey.CUSTOM:
                k = tuple(line.shared.shares.items())
                custom[k] = custom.get(k, 0.0) + cost
            else:
                pot[line.shared.key] = pot.get(line.shared.key, 0.0) + cost
        elif line.tenant in index:
            eq_parts[index[line.tenant]] += cost
    shared, _ = split(pot, custom, shares)
    eq_parts = [a + b for a, b in zip(eq_parts, shared, strict=True)]
    pot, custom = {}, {}
    sv_total = 0.0
    for service in sc.running.services:
        a = float(service.annual)
        sv_total += a
        if service.shared.key is AllocationKey.CUSTOM:
            k = tuple(service.shared.shares.items())
            custom[k] = custom.get(k, 0.0) + a
        else:
            pot[service.shared.key] = pot.get(service.shared.key, 0.0) + a
    sv_parts, _ = split(pot, custom, shares)

    years = plan.years
    by_cat: dict = {}
    by_year = dict.fromkeys(years, 0.0)
    amounts = []
    for cl in sc.costs:  # percent lines of earlier lines' categories, in list order (no cycles here)
        if cl.amount is not None:
            a = float(cl.amount)
        elif cl.per_m2 is not None:
            a = float(cl.per_m2) * (float(cl.m2) if cl.m2 is not None else gross)
        elif cl.percent is not None:
            a = float(cl.percent) * sum(by_cat.get(c, 0.0) for c in cl.of) / 100
        else:
            a = in_project
        amounts.append(a)
        by_cat[cl.category] = by_cat.get(cl.category, 0.0) + a
        if cl.spread:
            for y, pct in cl.spread.items():
                by_year[y] = by_year.get(y, 0.0) + a * float(pct) / 100
        else:
            for y in years:
                by_year[y] += a / len(years)
    capital = 0.0
    for f in sc.financing:
        if f.is_repaid and f.years:
            r = float(f.interest_pct) / 100
            capital += float(f.amount) * r / (1 - (1 + r) ** -f.years) if r else float(f.amount) / f.years
    running = sum(float(v) for v in sc.running.per_gross_m2.values()) * gross
    rate = (capital + running) / gross if gross else 0.0
    tenants = []
    for i, t in enumerate(sc.tenants):
        g = allocated[i] * factor
        total = g * rate + eq_parts[i] + sv_parts[i]
        tenants.append((g, total, total / 12, total / g if g else None,
                        total / float(t.clinicians) if t.clinicians else None))
    return {"gross": gross, "vacant": vacant + rest, "tenants": tenants, "equipment": eq_lines,
            "by_category": by_cat, "by_year": by_year, "amounts": amounts, "total": sum(by_cat.values())}


SIDES = ("float", "engine")
Key = tuple[str, int]  # (side, scale): one worker process
Chunk = tuple[float, float, float]  # CPU, wall and collector seconds of one chunk


@dataclass(frozen=True)
class Sample:
    """Seconds per call in one round: CPU (user + sys), wall, and the wall time spent in the cyclic collector."""

    cpu: float
    wall: float
    gc: float


@dataclass(frozen=True)
class Pair:
    """One round at one scale: the float pass's and the engine's samples, taken interleaved chunk by chunk."""

    anchor: Sample  # the float pass
    engine: Sample

    def of(self, side: str) -> Sample:
        return self.anchor if side == "float" else self.engine

    def ratio(self, unit: str) -> float:
        return float(getattr(self.engine, unit) / getattr(self.anchor, unit))


Rounds = list[dict[int, Pair]]  # per round, per scale


class _CollectorClock:
    """Adds up the wall time of the cyclic collector's runs (`gc.callbacks`), to show how much of a side's time the
    collections of its own garbage take; it changes nothing of what runs."""

    def __init__(self) -> None:
        self.total = 0.0
        self._start = 0.0

    def __call__(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._start


def _side(side: str, scale: int) -> tuple[Callable[[], object], int]:
    """The function a worker times (the float pass or `compute` of the scale's scenario) and its room lines."""
    plan = Plan(title="Benchmark", years=[2024, 2025, 2026], scenarios=[build_scenario("Scenarie 1", scale)])
    sc = plan.scenarios[0]
    return partial(float_pass if side == "float" else compute, plan, sc), len(sc.rooms)


def _chunk(fn: Callable[[], object], calls: int, clock: _CollectorClock) -> Chunk:
    """CPU, wall and collector seconds of `calls` calls in a row."""
    g, c, w = clock.total, time.process_time(), time.perf_counter()
    for _ in range(calls):
        fn()
    return time.process_time() - c, time.perf_counter() - w, clock.total - g


def _worker(conn: Connection, side: str, scale: int) -> None:
    """One side at one scale in a process of its own: its heap holds its plan only and its collector runs on its own
    garbage alone, at the pace a long-running process meets (no full collection moved into, or out of, the other
    side's samples; none decided by how many calls a sample has)."""
    fn, rooms = _side(side, scale)
    clock = _CollectorClock()
    gc.callbacks.append(clock)
    conn.send(rooms)
    while (msg := conn.recv()) is not None:
        kind, arg = msg
        if kind == "warm":  # imports, caches, and the collector past its first full collections
            spent = 0.0
            while spent < arg:
                spent += _chunk(fn, 1, clock)[0]
            conn.send(None)
        elif kind == "calibrate":
            conn.send(statistics.median(_chunk(fn, 1, clock)[0] for _ in range(5)))
        else:
            conn.send(_chunk(fn, arg, clock))


class _Workers:
    """The six workers (float pass and engine at 1×, 10×, 64×), asked one at a time: while one runs, the others wait
    on their pipe, so they never compete with each other for the two cores."""

    def __init__(self) -> None:
        # Forked, the workers share the parent's imports (no plan: each builds its own); spawned where there is no fork.
        fork = "fork" in multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork") if fork else multiprocessing.get_context("spawn")
        self.conns: dict[Key, Connection] = {}
        self.procs: list[multiprocessing.process.BaseProcess] = []
        for scale in SCALES:
            for side in SIDES:
                mine, theirs = ctx.Pipe()
                proc = ctx.Process(target=_worker, args=(theirs, side, scale), daemon=True)
                proc.start()
                theirs.close()  # the worker's end is the worker's alone: if it dies, `recv` here raises EOFError
                self.conns[(side, scale)] = mine
                self.procs.append(proc)
        built = {key: conn.recv() for key, conn in self.conns.items()}  # each has built its plan
        self.rooms = {scale: int(built[("float", scale)]) for scale in SCALES}

    def ask(self, key: Key, kind: str, arg: float = 0) -> object:
        self.conns[key].send((kind, arg))
        return self.conns[key].recv()

    def ask_all(self, kind: str, arg: float) -> dict[Key, object]:
        """All at once (the warm-up, before anything is timed)."""
        for conn in self.conns.values():
            conn.send((kind, arg))
        return {key: conn.recv() for key, conn in self.conns.items()}

    def close(self) -> None:
        for conn in self.conns.values():
            conn.send(None)
        for proc in self.procs:
            proc.join()


def _quartiles(xs: list[float]) -> tuple[float, float, float]:
    """First quartile, median, third quartile (the interquartile range is q1–q3)."""
    if len(xs) == 1:
        return xs[0], xs[0], xs[0]
    q1, q2, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return q1, q2, q3


def _exponent(t_small: float, t_large: float, small: int, large: int) -> float:
    """The power of the lines that the time grows by between two scales: t ∝ lines^e."""
    return math.log(t_large / t_small) / math.log(large / small)


def _cycle_order(k: int) -> list[Key]:
    """Cycle k's order of the six chunks: the scales rotate and each pair's order alternates, so that no side and no
    scale always comes first or always follows the largest scale."""
    scales = SCALES[k % len(SCALES):] + SCALES[:k % len(SCALES)]
    order: list[Key] = []
    for i, scale in enumerate(scales):
        sides = SIDES if (k + i) % 2 == 0 else SIDES[::-1]
        order += [(side, scale) for side in sides]
    return order


def _run_round(workers: _Workers, calls: dict[int, int], cycles: int, r: int) -> dict[int, Pair]:
    """One round: `cycles` cycles of one chunk (`calls[scale]` calls, ≈ CHUNK_MS of the float pass) of each side at
    each scale; a round's sample of a side is its chunks' sum per call."""
    sums = {key: [0.0, 0.0, 0.0] for key in workers.conns}
    for j in range(cycles):
        for key in _cycle_order(r * cycles + j):
            got = workers.ask(key, "run", calls[key[1]])
            sums[key] = [a + b for a, b in zip(sums[key], cast(Chunk, got), strict=True)]

    def sample(key: Key) -> Sample:
        n = cycles * calls[key[1]]
        return Sample(*(t / n for t in sums[key]))

    return {scale: Pair(sample(("float", scale)), sample(("engine", scale))) for scale in SCALES}


def _median_ms(samples: list[Sample], unit: str) -> str:
    return f"{statistics.median(getattr(x, unit) for x in samples) * 1000:.2f}"


def _spread(xs: list[float], digits: int = 2) -> str:
    q1, q2, q3 = _quartiles(xs)
    return f"**{q2:.{digits}f}** ({q1:.{digits}f}–{q3:.{digits}f})"


def _print_ratios(rooms: dict[int, int], calls: dict[int, int], runs: Rounds) -> None:
    print("| scale | rooms | calls a chunk | float CPU | engine CPU | ratio CPU (IQR) | float wall | engine wall "
          "| ratio wall (IQR) | in the collector: float / engine |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for scale in SCALES:
        got = [run[scale] for run in runs]
        fs, es = [p.anchor for p in got], [p.engine for p in got]
        share = " / ".join(f"{statistics.median(x.gc / x.wall for x in side):.0%}" for side in (fs, es))
        print(f"| {scale}× | {rooms[scale]} | {calls[scale]} | {_median_ms(fs, 'cpu')} | {_median_ms(es, 'cpu')} | "
              f"{_spread([p.ratio('cpu') for p in got])} | {_median_ms(fs, 'wall')} | {_median_ms(es, 'wall')} | "
              f"{_spread([p.ratio('wall') for p in got])} | {share} |")


def _print_exponents(runs: Rounds) -> None:
    print("| exponent | each round's own pair: median (IQR) | min – max | of the medians |")
    print("|---|---|---|---|")
    for side, unit in (("engine", "cpu"), ("float", "cpu"), ("engine", "wall")):
        for small, large in ((10, 64), (1, 64)):
            times = {s: [getattr(run[s].of(side), unit) for run in runs] for s in (small, large)}
            per_round = [_exponent(a, b, small, large) for a, b in zip(times[small], times[large], strict=True)]
            of_medians = _exponent(statistics.median(times[small]), statistics.median(times[large]), small, large)
            label = f"{'engine' if side == 'engine' else 'float pass'} {small}×→{large}× ({unit.upper()})"
            print(f"| {label} | {_spread(per_round, 3)} | {min(per_round):.3f} – {max(per_round):.3f} | "
                  f"{of_medians:.3f} |")


def bench_engine(rounds: int, sample_ms: float = SAMPLE_MS) -> None:
    workers = _Workers()
    try:
        workers.ask_all("warm", WARM_S)
        per_call = {scale: cast(float, workers.ask(("float", scale), "calibrate")) for scale in SCALES}
        # The same count for both sides at a scale, from the anchor (the faster side).
        calls = {scale: max(1, round(CHUNK_MS / 1000 / t)) for scale, t in per_call.items()}
        cycles = max(math.ceil(sample_ms / 1000 / (calls[s] * per_call[s])) for s in SCALES)
        runs = [_run_round(workers, calls, cycles, r) for r in range(rounds)]
    finally:
        workers.close()
    print(f"Engine vs naive float pass: {rounds} rounds of {cycles} cycles; a cycle runs one chunk of `calls` calls "
          f"of each side at each scale, each side in a process of its own; ms per call, medians of the rounds; a ratio "
          f"is the median (and interquartile range) of each round's engine ÷ float pass\n")
    _print_ratios(workers.rooms, calls, runs)
    print()
    _print_exponents(runs)
    print()


def _child_cpu(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    run = run_child(cmd, env, cwd)
    return run.cpu, run.wall


def bench_summary(rounds: int) -> None:
    import planners
    from planners.store.planfile import create_plan_file

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    root = Path(planners.__file__).resolve().parent.parent  # the tree measured (PYTHONPATH), byte-compiled
    subprocess.run([sys.executable, "-m", "compileall", "-q", "planners", "desktop"], cwd=root, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for label, scale in (("large", 1), ("XL", 10)):
            path = Path(tmp) / f"{label}.sundhedshus"
            create_plan_file(path, build_plan(scale)).close()
            files[label] = path
        floor = [sys.executable, "-c", "import sqlite3, decimal, json"]
        runs: dict[str, list[tuple[float, float]]] = {}
        for _ in range(rounds):
            runs.setdefault("floor", []).append(_child_cpu(floor, env, root))
            for label, path in files.items():
                cmd = [sys.executable, "-m", "desktop.main", "summary", str(path)]
                # in the measured tree: `python -m` puts the working folder ahead of PYTHONPATH
                runs.setdefault(label, []).append(_child_cpu(cmd, env, root))
    print(f"`summary` vs the import floor, medians of {rounds} interleaved runs (ms)\n")
    print_ratio_table(("floor: import sqlite3, decimal, json", runs["floor"]),
                      [(f"summary, {label} plan", runs[label]) for label in files])
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--only", choices=("engine", "summary"))
    parser.add_argument("--sample-ms", type=float, default=SAMPLE_MS,
                        help="engine: a round's least CPU time of the float pass at each scale, ms")
    args = parser.parse_args()
    import planners

    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"tree {Path(planners.__file__).resolve().parent.parent}\n")
    if args.only in (None, "engine"):
        bench_engine(args.rounds, args.sample_ms)
    if args.only in (None, "summary"):
        bench_summary(args.rounds)


if __name__ == "__main__":
    main()
