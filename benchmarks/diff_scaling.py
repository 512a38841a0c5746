"""What ``orgmodel diff`` costs: two 10,000-role orgs diffed, against checking them both.

    python benchmarks/diff_scaling.py [--runs 3] [--sizes 10000,100000]

A diff checks both versions, then compares them; the comparison and the
figures must stay a small, linear addition to the two checks. For each size
a generated org (``orgmodel.synthetic``) is reorganised (every 50th role
moved, every 40th vacated, every 100th renamed, every 60th retitled) and
three things are timed, interleaved run by run so a noisy machine slows all
alike: the two checks alone, the whole diff (both checks and the
comparison), the comparison alone, and a baseline: one pass over both
models reading each role's person and manager (the least any comparison
does). Each figure is the best of the runs: on a machine shared with other
work the least disturbed run is the closest to the real cost. Prints the
diff's ratio to the two checks, and how the comparison grows from the
smaller size to the larger against how the baseline grows in the same run:
a model of 100,000 roles no longer fits the processor's caches, so even
the baseline's one pass costs more per role (about 1.5x at 100,000 roles
than at 10,000 on our machines) and time alone would blame the comparison
for the memory. Exits 1 when the comparison grows more than 1.5 times as
fast as the baseline.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from collections.abc import Callable, Sequence

from orgmodel.api import check_text
from orgmodel.diff import compare
from orgmodel.rulepack import load_builtin
from orgmodel.synthetic import generate

SLACK = 1.5  # how far past the baseline's growth still counts as linear on a shared machine


def reorganise(text: str) -> str:
    """A reorg of a generated org: moves, vacancies, renamed IDs and new titles, spread evenly."""
    managers = re.findall(r"^role (man\d+) ", text, re.M)
    lines = text.splitlines()
    roles = 0
    for index, line in enumerate(lines):
        if line.startswith("role "):
            roles += 1
            role_id = line.split()[1]
            if roles % 100 == 1 and len(re.findall(rf"\b{re.escape(role_id)}\b", text)) == 1:
                lines[index] = line.replace(f"role {role_id} ", f"role {role_id}-new ", 1)
            elif roles % 60 == 0:
                lines[index] = line[: line.index('"')] + '"Senior Marketing Specialist"'
        elif line.startswith("  reports-to ") and roles % 50 == 0 and managers:
            lines[index] = f"  reports-to {managers[roles % len(managers)]}"
        elif line.startswith("  person ") and roles % 40 == 0:
            lines[index] = "  person vacant"
    return "\n".join(lines) + "\n"


def _timed(work: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    pack = load_builtin()
    texts = {}
    for size in sizes:
        old = generate(size, seed=1).text
        texts[size] = (old, reorganise(old))
    checked = {size: (check_text(old, "old", pack), check_text(new, "new", pack))
               for size, (old, new) in texts.items()}
    times: dict[tuple[int, str], list[float]] = {(size, what): [] for size in sizes
                                                 for what in ("checks", "diff", "compare", "one pass")}

    def two_checks(size: int) -> None:
        check_text(texts[size][0], "old", pack)
        check_text(texts[size][1], "new", pack)

    def one_pass(size: int) -> None:
        for result in checked[size]:
            found: dict[str | None, list[str]] = {}
            for role in result.org.roles.values():
                found.setdefault(role.person, []).append(role.id)
            {role.id: role.manager_id for role in result.org.roles.values()}  # built and dropped, as an index is

    def whole(size: int) -> None:
        compare(check_text(texts[size][0], "old", pack), check_text(texts[size][1], "new", pack), pack.vocabulary)

    for _ in range(args.runs):
        for size in sizes:
            times[size, "checks"].append(_timed(lambda size=size: two_checks(size)))
            times[size, "diff"].append(_timed(lambda size=size: whole(size)))
            times[size, "compare"].append(_timed(lambda size=size: compare(*checked[size], pack.vocabulary)))
            times[size, "one pass"].append(_timed(lambda size=size: one_pass(size)))
    best = {key: min(found) for key, found in times.items()}
    for size in sizes:
        found = compare(*checked[size], pack.vocabulary)
        diff, checks, alone = best[size, "diff"], best[size, "checks"], best[size, "compare"]
        print(f"diff of two {size:>7,}-role orgs  {diff:7.3f} s  = {diff / checks:.2f}x two checks ({checks:.3f} s); "
              f"comparing alone {alone:.3f} s ({len(found.changes):,} changes, "
              f"{len(found.introduced)} findings introduced)")
    if len(sizes) < 2:
        return 0
    small, large = sizes[0], sizes[-1]
    ratio, baseline = (best[large, what] / best[small, what] for what in ("compare", "one pass"))
    verdict = "PASS" if ratio <= baseline * SLACK else "FAIL"
    print(f"comparing: {large:,} / {small:,} roles  {ratio:.2f}x; one pass over both models {baseline:.2f}x "
          f"(sizes {large / small:g}x); growth against the pass {ratio / baseline:.2f} (<= {SLACK:g})  {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
