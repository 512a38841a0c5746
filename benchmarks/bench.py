"""orgmodel's benchmarks: every figure a ratio against a baseline measured in the same run.

    make bench                      # or: python benchmarks/bench.py [--runs 5] [--sizes 10000,100000]

Each measurement runs a fresh process several times and takes the median, so
the ratios survive a noisy, shared machine. Peak memory is each process's
maximum resident set size. Prints a table with PASS/FAIL against the targets
of the speed issue; exits 1 if any target fails.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
ORGMODEL = str(Path(sys.executable).with_name("orgmodel"))
PYTHON = sys.executable

# The child reports its own peak memory; the parent times it.
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@attrs.frozen
class Sample:
    seconds: float
    peak_kb: int


def measure(command: Sequence[str], runs: int) -> Sample:
    """Median wall time and peak memory of ``command`` over ``runs`` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([PYTHON, "-c", _PEAK, *command], capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(done.stdout.strip().splitlines()[-1]))
    return Sample(statistics.median(times), int(statistics.median(peaks)))


@attrs.frozen
class Figure:
    """A ratio with its target; a reference figure (no target) shows what a floor allows."""

    name: str
    measured: float
    baseline: float
    target: float | None
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool:
        return self.target is None or self.ratio <= self.target


# The least any pure-Python checker must do with each line, as fast as we could
# write it: find its declaration and keep its key and value (collector off, as
# in orgmodel). No positions, no model, no rules.
LEAST_PYTHON = """
import gc, sys
gc.disable()
def group(path):
    declarations, current = [], None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line[:1] in " \t":
            current.append(line.strip().partition(" "))
        elif line and line[0] != "#":
            current = [line.partition(" ")]
            declarations.append(current)
    return declarations
group(sys.argv[1])
"""
# The same lines tokenized by the regular-expression engine (C) in one call.
C_TOKENIZER = ("import re, sys; re.findall(r'^([ \\t]*)(\\S+)[ \\t]*(.*)$', "
               "open(sys.argv[1], encoding='utf-8').read(), re.M)")
# What orgmodel's modules cost to import before any work (attrs classes, check kinds).
IMPORTS_ONLY = "import orgmodel.cli, orgmodel.project, orgmodel.report.text_format"


def org_as_json(org_text: str) -> str:
    """The same org's content as JSON: each declaration with its attributes, no positions."""
    from orgmodel.api import check_text
    from orgmodel.model import values

    org = check_text(org_text).org
    keys = {"role": ("person", "reports-to", "dotted-to", "level", "layer", "team", "channel", "owns",
                     "liaises-with"),
            "kpi": ("owner", "scope", "target"), "campaign": ("lead", "channel", "kpi")}
    data: dict[str, object] = {"org": org.name}
    for kind in ("role", "kpi", "campaign", "team", "department"):
        entries = []
        for entity in org.entities(kind).values():
            entry: dict[str, object] = {"id": entity.id, "text": getattr(entity, "title", None) or entity.name}
            for key in keys.get(kind, ()):
                found = [getattr(v, "text", v) for v in values(entity, key)]
                if found:
                    entry[key] = found
            entries.append(entry)
        data[kind] = entries
    return json.dumps(data)


def run(sizes: tuple[int, int], runs: int, render_roles: int, folder: Path) -> list[Figure]:
    from orgmodel.synthetic import generate

    small, large = sizes
    files = {}
    for size in (small, large):
        files[size] = folder / f"org{size}.org.txt"
        files[size].write_text(generate(size, seed=1).text)
    json_file = folder / f"org{large}.json"
    json_file.write_text(org_as_json(files[large].read_text()))
    split = measure([PYTHON, "-c", f"for line in open({str(files[large])!r}): line.split()"], runs)
    loaded = measure([PYTHON, "-c", f"import json; json.load(open({str(json_file)!r}))"], runs)
    check_large = measure([ORGMODEL, "check", str(files[large])], runs)
    check_small = measure([ORGMODEL, "check", str(files[small])], runs)
    imports = measure([PYTHON, "-c", "import click, attrs"], runs)
    cold = measure([ORGMODEL, "check", str(ROOT / "examples" / "acme.org.txt")], runs)
    chart = folder / "chart.org.txt"
    chart.write_text(generate(render_roles, seed=1).text)
    dot = folder / "chart.dot"
    subprocess.run([ORGMODEL, "render", str(chart), "-o", str(dot)], check=True, capture_output=True)
    rendered = measure([ORGMODEL, "render", str(chart), "-o", str(folder / "chart.svg")], runs)
    least = measure([PYTHON, "-c", LEAST_PYTHON, str(files[large])], runs)
    c_tokens = measure([PYTHON, "-c", C_TOKENIZER, str(files[large])], runs)
    imports_only = measure([PYTHON, "-c", IMPORTS_ONLY], runs)
    engine_only = measure([PYTHON, "-c", "import pygraphviz, sys; g = pygraphviz.AGraph(string=open(sys.argv[1]).read()); "
                           "g.layout(prog='dot'); g.draw(format='svg')", str(dot)], runs)
    k = f"{large // 1000}k"
    return [
        Figure(f"{k}-role check / line-split floor", check_large.seconds, split.seconds, 3.0),
        Figure(f"{k}-role check / json.load of the same org", check_large.seconds, loaded.seconds, 2.0),
        Figure(f"{k} check / {small // 1000}k check (linear: {large / small:.0f})", check_large.seconds,
               check_small.seconds, 1.1 * large / small),
        Figure("small-file check / import click, attrs", cold.seconds, imports.seconds, 1.3),
        Figure(f"{k} check peak memory / json.load peak", check_large.peak_kb, loaded.peak_kb, 2.0, "KB"),
        Figure(f"render {render_roles:,} roles / layout engine alone", rendered.seconds, engine_only.seconds, 1.2),
        Figure(f"ref: {k} lines grouped, least Python / floor", least.seconds, split.seconds, None),
        Figure(f"ref: {k} lines grouped, least Python / json.load", least.seconds, loaded.seconds, None),
        Figure(f"ref: {k} lines tokenized by re (C) / floor", c_tokens.seconds, split.seconds, None),
        Figure("ref: orgmodel imports only / import click, attrs", imports_only.seconds, imports.seconds, None),
    ]


def _target(figure: Figure) -> str:
    return "-" if figure.target is None else f"<= {figure.target:g}"


def _result(figure: Figure) -> str:
    return "ref" if figure.target is None else "PASS" if figure.passed else "FAIL"


def table(figures: Sequence[Figure]) -> str:
    rows = [f"{'figure':<48} {'measured':>10} {'baseline':>10} {'ratio':>7} {'target':>8}  result"]
    for f in figures:
        unit = " MB" if f.unit == "KB" else " s"
        scale = 1024 if f.unit == "KB" else 1
        rows.append(f"{f.name:<48} {f.measured / scale:>8.2f}{unit} {f.baseline / scale:>8.2f}{unit} "
                    f"{f.ratio:>7.2f} {_target(f):>8}  {_result(f)}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="processes per measurement (median)")
    parser.add_argument("--sizes", default="10000,100000", help="small,large org sizes in roles")
    parser.add_argument("--render-roles", type=int, default=2000)
    args = parser.parse_args(argv)
    small, large = (int(n) for n in args.sizes.split(","))
    print(f"orgmodel benchmarks: {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, {args.runs} runs each, medians", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        figures = run((small, large), args.runs, args.render_roles, Path(folder))
    print(table(figures))
    targets = [f for f in figures if f.target is not None]
    failed = [f.name for f in targets if not f.passed]
    print(f"{len(targets) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
