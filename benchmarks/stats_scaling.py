"""How ``orgmodel stats`` grows with the org: time for 100,000 generated roles over 10,000.

    python benchmarks/stats_scaling.py [--runs 5] [--sizes 10000,100000]

Both orgs come from ``orgmodel.synthetic`` and are read once; then the
figures (``orgmodel.stats.compute``) and their text are timed alternately,
size after size, so that a noisy machine slows both alike. Linear growth
gives a ratio near the ratio of the sizes (10); prints the medians and the
ratio, and exits 1 when the ratio exceeds 1.5 times the size ratio.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Sequence

from orgmodel import stats
from orgmodel.api import load_text
from orgmodel.rulepack import load_builtin
from orgmodel.stats_format import render
from orgmodel.synthetic import generate

SLACK = 1.5  # how far past the size ratio still counts as linear on a shared machine


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args(argv)
    small, large = (int(size) for size in args.sizes.split(","))
    pack = load_builtin()
    orgs = {size: load_text(generate(size, seed=1).text, f"synthetic-{size}", pack)[0] for size in (small, large)}
    times: dict[int, list[float]] = {small: [], large: []}
    for _ in range(args.runs):
        for size, org in orgs.items():
            gc.collect()
            start = time.perf_counter()
            render(stats.compute(org, pack.vocabulary), "text")
            times[size].append(time.perf_counter() - start)
    medians = {size: statistics.median(found) for size, found in times.items()}
    ratio, expected = medians[large] / medians[small], large / small
    for size in (small, large):
        print(f"stats of {size:>7,} roles  {medians[size]:8.3f} s  ({medians[size] / size * 1e6:.1f} µs a role)")
    verdict = "PASS" if ratio <= expected * SLACK else "FAIL"
    print(f"ratio {large:,} / {small:,}      {ratio:8.2f}    "
          f"(linear: {expected:g}; <= {expected * SLACK:g})  {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
