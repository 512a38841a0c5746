"""Worst-case inputs from the hardening issue: each at two sizes, and the ratio of their check times.

    make bench                      # or: python benchmarks/hostile.py [--runs 3] [--scale 1]

Each row is one kind of hostile input (a suppression comment ending in spaces,
look-alike IDs for did-you-mean, one value per line, thousands of suppressions
of one entity, rule packs and configuration files that are not regular files)
checked through the installed console script at a size and at four times that
size. Times are medians of fresh processes, measured interleaved, less the
time of checking an empty file measured in the same run (the start-up every
run pays). Linear work gives a time ratio near the size ratio (4); the
quadratic code they once met gave 16 and more. Exits 1 if a ratio exceeds
twice the size ratio.

The generators are shared with tests/test_worst_case.py, which checks that
each input finishes and gives the right findings (it times nothing).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ORGMODEL = str(Path(sys.executable).with_name("orgmodel"))
GROWTH = 4  # the large input is this many times the small one


def suppression_comment(size: int) -> str:
    """One comment line whose reason ends in ``size`` spaces and a letter (item 7: a lazy regex retried them)."""
    return 'role cmo "CMO"  # orgmodel: ignore[HIER001] a' + " " * size + "b\n"


def lookalike_references(size: int, length: int = 40) -> str:
    """``size`` roles with IDs that all look alike to difflib, and as many references to none of them (item 8)."""
    rng = random.Random(size)
    letters = "ab" * length

    def similar(extra: int) -> str:
        chars = list(letters[: length - 2 + extra])
        rng.shuffle(chars)
        return "a" + "".join(chars)

    roles = [f'role {similar(i % 5)} "R"\n' for i in range(size)]
    kpis = [f'kpi k{i} "K"\n  owner {similar(2)}\n' for i in range(size)]
    return "".join(roles + kpis)


def one_value_per_line(size: int, dotted: bool = True) -> str:
    """A KPI with ``size`` owner lines and a role with ``size`` dotted-to lines (item 9: tuples grew line by line)."""
    return ('role cmo "CMO"\nrole a "Analyst"\n  reports-to cmo\n' + "  dotted-to cmo\n" * (size if dotted else 0)
            + 'kpi k "K"\n' + "  owner cmo\n" * size)


def suppressions_of_one_entity(size: int) -> str:
    """``size`` suppressions on one KPI, each silencing one of ``size`` findings on it (item 10)."""
    return ('role cmo "CMO"\nkpi k "K"  # orgmodel: ignore[REF002] migrated from the old system\n'
            + "  owner nobody  # orgmodel: ignore[REF002] migrated from the old system\n" * size)


def large_config(size: int) -> str:
    """A .orgmodel.toml with ``size`` per-file-ignores globs (item 11: configuration is read once, linearly)."""
    return "[per-file-ignores]\n" + "".join(f'"drafts/{i}/*" = ["KPI001"]\n' for i in range(size))


# Item -> (what it is, generator, small size). The file each generator writes is checked whole.
ROWS: dict[str, tuple[str, Callable[[int], str], int]] = {
    "7 suppression regex": ("comment line of N spaces", suppression_comment, 250_000),
    "8 did-you-mean": ("N look-alike IDs + N misses", lookalike_references, 2_000),
    "9 one value per line": ("N owner + N dotted-to lines", one_value_per_line, 50_000),
    "10 suppression matching": ("N suppressions of one KPI", suppressions_of_one_entity, 10_000),
    "11 configuration file": ("N per-file-ignores globs", large_config, 5_000),
}


def write_case(folder: Path, item: str, size: int) -> list[str]:
    """Write the input of ``item`` at ``size`` into ``folder``; the arguments that check it."""
    _, generate, _ = ROWS[item]
    case = folder / f"{item.split()[0]}-{size}"
    case.mkdir()
    if generate is large_config:
        (case / ".orgmodel.toml").write_text(generate(size))
        (case / "org.txt").write_text('role cmo "CMO"\n')
    else:
        (case / "org.txt").write_text(generate(size))
    return ["check", "--quiet", str(case / "org.txt")]


def _time(arguments: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run([ORGMODEL, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return time.perf_counter() - start


def measure(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """Median time of each command over ``runs`` rounds, the commands interleaved within each round."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(_time(command))
    return [statistics.median(t) for t in times]


def refusals(folder: Path, runs: int) -> list[tuple[str, float]]:
    """Item 11's unbounded inputs: a FIFO and /dev/zero as pack and configuration, refused at once."""
    import os

    fifo = folder / "pack.toml"
    os.mkfifo(fifo)
    (folder / "org.txt").write_text('role cmo "CMO"\n')
    cases = [("FIFO as --rules", ["check", "--rules", str(fifo), str(folder / "org.txt")]),
             ("/dev/zero as --rules", ["check", "--rules", "/dev/zero", str(folder / "org.txt")]),
             ("FIFO as --config", ["check", "--config", str(fifo), str(folder / "org.txt")])]
    return list(zip([name for name, _ in cases], measure([command for _, command in cases], runs), strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3, help="processes per measurement (median)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every small size by this")
    options = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "empty.org.txt").write_text('role cmo "CMO"\n')
        print(f"{'item':<26}{'input':<30}{'small':>10}{'large':>10}{'t small':>10}{'t large':>10}{'ratio':>8}")
        for item, (what, _, small) in ROWS.items():
            sizes = (int(small * options.scale), int(small * options.scale) * GROWTH)
            commands = [["check", "--quiet", str(folder / "empty.org.txt")],
                        *(write_case(folder, item, size) for size in sizes)]
            start_up, *times = measure(commands, options.runs)
            work = [max(t - start_up, 1e-3) for t in times]
            ratio = work[1] / work[0]
            failed |= ratio > 2 * GROWTH
            print(f"{item:<26}{what:<30}{sizes[0]:>10,}{sizes[1]:>10,}{times[0]:>9.2f}s{times[1]:>9.2f}s"
                  f"{ratio:>8.1f}")
        print(f"(ratio: time of the large input over the small one, start-up of {start_up:.2f}s taken off; "
              f"linear is about {GROWTH})")
        for name, seconds in refusals(folder, options.runs):
            print(f"{'11 not a regular file':<26}{name:<30}{'unbounded':>10}{'':>10}{seconds:>9.2f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
