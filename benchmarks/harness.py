"""A measuring harness for benchmarks: every figure is a ratio of two commands run in the same minutes.

    from harness import Figure, Runner, report

    figures = [Figure("check / floor", ["orgmodel", "check", "big.org.txt"], ["python", "-c", "pass"], target=4.5)]
    results = Runner(pairs=7).measure(figures)
    print(report(results, title="my benchmark"))
    sys.exit(0 if all(r.passed for r in results) else 1)

How it measures, and why:

- **Bare processes.** Each command is started directly (no shell, no wrapper
  interpreter), with its output discarded; a wrapper's start-up would be
  added to both sides and pull every ratio towards 1.
- **Pairs, interleaved.** A figure runs A and B one after the other, ``pairs``
  times, alternating which goes first; the ratio is taken within each pair,
  so a machine that slows down (other developers, thermal limits) slows both
  sides of a pair alike instead of one half of the runs.
- **Medians of per-pair ratios,** with the smallest and largest printed, so a
  reader sees the spread, not only a lucky or unlucky run.
- **Peak memory from the operating system:** ``os.wait4`` returns the child's
  maximum resident set size, which includes everything the process touched.
  Linux counts it from the parent's own at the moment of the fork, so run the
  harness from a small process (it imports nothing beyond the standard
  library): a benchmark that builds its inputs in memory should build them in
  a child process, as bench.py does.
- **One warm-up pair** before measuring, so the first run does not pay for
  cold file caches alone.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import NamedTuple


class Sample(NamedTuple):
    seconds: float  # wall-clock, from start to exit
    cpu: float  # user plus system time of the process
    peak_kb: int  # maximum resident set size


class Figure(NamedTuple):
    """A ratio to measure: command ``a`` against command ``b``.

    ``metric`` is "time" (wall-clock seconds) or "memory" (peak resident set).
    ``target`` is the largest ratio that passes; None makes a reference row
    that shows what a floor allows. ``ok`` are the exit statuses expected of
    each command (a crash is a failed measurement, not a fast one).
    """

    name: str
    a: Sequence[str]
    b: Sequence[str]
    target: float | None = None
    metric: str = "time"
    ok: tuple[int, ...] = (0,)


class Result(NamedTuple):
    figure: Figure
    a: tuple[Sample, ...]
    b: tuple[Sample, ...]

    def values(self, side: tuple[Sample, ...]) -> list[float]:
        return [float(s.peak_kb) if self.figure.metric == "memory" else s.seconds for s in side]

    @property
    def ratios(self) -> list[float]:
        return [a / b if b else float("inf") for a, b in zip(self.values(self.a), self.values(self.b), strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def cpu_ratio(self) -> float:
        """The median per-pair ratio of CPU time (user plus system): less sensitive to a busy machine."""
        return statistics.median(a.cpu / b.cpu if b.cpu else float("inf") for a, b in zip(self.a, self.b, strict=True))

    @property
    def passed(self) -> bool:
        return self.figure.target is None or self.ratio <= self.figure.target


class MeasurementError(Exception):
    """A command exited with an unexpected status."""


def run_once(command: Sequence[str], ok: tuple[int, ...] = (0,), cwd: str | None = None) -> Sample:
    """Run ``command`` once as a bare process; its wall time, CPU time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    if process.returncode not in ok:
        raise MeasurementError(f"{' '.join(command)} exited with status {process.returncode}")
    peak = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return Sample(seconds, usage.ru_utime + usage.ru_stime, peak)


class Runner:
    """Measures figures pair by pair; ``pairs`` per figure, after ``warmup`` unmeasured pairs."""

    def __init__(self, pairs: int = 7, warmup: int = 1, cwd: str | None = None) -> None:
        self.pairs, self.warmup, self.cwd = pairs, warmup, cwd

    def measure(self, figures: Sequence[Figure], progress: bool = False) -> list[Result]:
        """Each figure's result; figures with the same two commands share one set of pairs (time and memory)."""
        results: list[Result] = []
        done: dict[tuple[tuple[str, ...], tuple[str, ...]], Result] = {}
        for figure in figures:
            pair = (tuple(figure.a), tuple(figure.b))
            if pair in done:
                results.append(Result(figure, done[pair].a, done[pair].b))
                continue
            if progress:
                print(f"  measuring: {figure.name}", file=sys.stderr, flush=True)
            done[pair] = self.measure_one(figure)
            results.append(done[pair])
        return results

    def measure_one(self, figure: Figure) -> Result:
        a_side, b_side = [], []
        for number in range(self.warmup + self.pairs):
            first_a = number % 2 == 0  # alternate the order: neither side always runs on a warmer machine
            order = (figure.a, figure.b) if first_a else (figure.b, figure.a)
            samples = [run_once(command, figure.ok, self.cwd) for command in order]
            a, b = samples if first_a else samples[::-1]
            if number >= self.warmup:
                a_side.append(a)
                b_side.append(b)
        return Result(figure, tuple(a_side), tuple(b_side))


def _amount(result: Result, side: tuple[Sample, ...]) -> str:
    value = statistics.median(result.values(side))
    return f"{value / 1024:8.1f} MB" if result.figure.metric == "memory" else f"{value:8.3f} s "


def report(results: Sequence[Result], title: str = "") -> str:
    """A table: each figure's medians, the median per-pair ratio with its range, the target and the verdict."""
    width = max([48, *(len(r.figure.name) for r in results)])
    lines = [title] if title else []
    lines.append(f"{'figure':<{width}} {'A (median)':>12} {'B (median)':>12} {'ratio':>7} {'min':>6} {'max':>6} "
                 f"{'cpu':>6} {'target':>8}  result")
    for r in results:
        target = "-" if r.figure.target is None else f"<= {r.figure.target:g}"
        verdict = "ref" if r.figure.target is None else "PASS" if r.passed else "FAIL"
        cpu = f"{r.cpu_ratio:6.2f}" if r.figure.metric == "time" else f"{'':>6}"
        lines.append(f"{r.figure.name:<{width}} {_amount(r, r.a):>12} {_amount(r, r.b):>12} {r.ratio:7.2f} "
                     f"{min(r.ratios):6.2f} {max(r.ratios):6.2f} {cpu} {target:>8}  {verdict}")
    targets = [r for r in results if r.figure.target is not None]
    failed = [r for r in targets if not r.passed]
    lines.append(f"{len(targets) - len(failed)} passed, {len(failed)} failed")
    return "\n".join(lines) + "\n"


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and cores, to print with a run."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
