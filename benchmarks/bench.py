"""orgmodel's benchmarks: every figure a ratio against a baseline measured in the same minutes.

    make bench                      # or: python benchmarks/bench.py [--pairs 7] [--sizes 10000,100000]

Each figure runs its two commands as bare processes, interleaved pair by pair
(see benchmarks/harness.py), and prints the median of the per-pair ratios
with their smallest and largest; peak memory comes from the operating
system. Prints PASS/FAIL against the targets of the speed issue and exits 1
if any target fails. The org files come from ``orgmodel.synthetic``.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from harness import Figure, Result, Runner, load, report

ROOT = Path(__file__).resolve().parent.parent
ORGMODEL = str(Path(sys.executable).with_name("orgmodel"))
PYTHON = sys.executable

# The least any pure-Python checker must do with each line, as fast as we could
# write it: find its declaration and keep its key and value (collector off, as
# in orgmodel). No positions, no model, no rules.
LEAST_PYTHON = """
import gc, sys
gc.disable()
def group(path):
    declarations, current = [], None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line[:1] in " \\t":
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
# What orgmodel's modules cost to import before any work.
IMPORTS_ONLY = "import orgmodel.cli, orgmodel.commands.check, orgmodel.api, orgmodel.report.text_format"
LINE_SPLIT = "import sys\nfor line in open(sys.argv[1]): line.split()"
JSON_LOAD = "import json, sys; json.load(open(sys.argv[1]))"
ENGINE_ONLY = ("import pygraphviz, sys; g = pygraphviz.AGraph(string=open(sys.argv[1]).read()); "
               "g.layout(prog='dot'); g.draw(format='svg')")


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


_REGIONS = ("EMEA", "APAC", "Americas", "DACH", "Nordics", "Benelux", "Iberia", "ANZ")


def unique_titles(org_text: str) -> str:
    """The same org with every role's title made unique, as a real org's titles are: "SEO Lead, EMEA 17"."""
    numbers = iter(range(1, 10**9))

    def unique(match: re.Match[str]) -> str:
        number = next(numbers)
        return f'{match.group(1)}, {_REGIONS[number % len(_REGIONS)]} {number}"'

    return re.sub(r'^(role \S+ "[^"]*)"', unique, org_text, flags=re.MULTILINE)


def _files(folder: Path, sizes: tuple[int, int], render_roles: int) -> dict[str, Path]:
    small, large = sizes
    return {"small": folder / f"org{small}.org.txt", "large": folder / f"org{large}.org.txt",
            "unique": folder / f"org{large}-unique-titles.org.txt", "json": folder / f"org{large}.json",
            "chart": folder / "chart.org.txt", "dot": folder / "chart.dot"}


def prepare(folder: Path, sizes: tuple[int, int], render_roles: int) -> None:
    """Write the files the figures read.

    Run in a child process: the OS counts a child's peak memory from the
    parent's own (fork, then exec), so the measuring process must stay small.
    orgmodel's bytecode is compiled first, as pip does when it installs a
    wheel: with PYTHONDONTWRITEBYTECODE set (as in some CI and sandboxes) an
    editable install would otherwise compile every module at every start.
    """
    import compileall

    import orgmodel.rules

    import orgmodel
    from orgmodel.synthetic import generate

    for package in (orgmodel, orgmodel.rules):
        compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)

    small, large = sizes
    files = _files(folder, sizes, render_roles)
    files["small"].write_text(generate(small, seed=1).text)
    large_text = generate(large, seed=1).text
    files["large"].write_text(large_text)
    files["unique"].write_text(unique_titles(large_text))
    files["json"].write_text(org_as_json(large_text))
    files["chart"].write_text(generate(render_roles, seed=1).text)
    import subprocess

    subprocess.run([ORGMODEL, "render", str(files["chart"]), "-o", str(files["dot"])], check=True, capture_output=True)


def figures(files: dict[str, Path], sizes: tuple[int, int], render_roles: int) -> list[Figure]:
    small, large = sizes
    k = f"{large // 1000}k"
    check_large = [ORGMODEL, "check", str(files["large"])]
    json_load = [PYTHON, "-c", JSON_LOAD, str(files["json"])]
    floor = [PYTHON, "-c", LINE_SPLIT, str(files["large"])]
    small_check = [ORGMODEL, "check", str(ROOT / "examples" / "acme.org.txt")]
    click_attrs = [PYTHON, "-c", "import click, attrs"]
    least = [PYTHON, "-c", LEAST_PYTHON, str(files["large"])]
    return [
        Figure(f"{k}-role check / json.load of the same org", check_large, json_load, 1.2),
        Figure(f"{k}-role check / line-split floor", check_large, floor, 4.5),
        Figure("small-file check / import click, attrs", small_check, click_attrs, 1.1),
        Figure(f"{k} check peak memory / json.load peak", check_large, json_load, 1.0, metric="memory"),
        Figure(f"{k} check, every title unique / the {k} check", [ORGMODEL, "check", str(files["unique"])],
               check_large, 1.3),
        Figure(f"{k} check / {small // 1000}k check (linear: {large / small:.0f})", check_large,
               [ORGMODEL, "check", str(files["small"])], 1.1 * large / small),
        Figure(f"render {render_roles:,} roles / layout engine alone",
               [ORGMODEL, "render", str(files["chart"]), "-o", str(files["chart"].with_suffix(".svg"))],
               [PYTHON, "-c", ENGINE_ONLY, str(files["dot"])], 1.2),
        Figure("ref: small-file check / python -c pass", small_check, [PYTHON, "-c", "pass"]),
        Figure(f"ref: {k} lines grouped, least Python / floor", least, floor),
        Figure(f"ref: {k} lines grouped, least Python / json.load", least, json_load),
        Figure(f"ref: {k} lines tokenized by re (C) / floor", [PYTHON, "-c", C_TOKENIZER, str(files["large"])], floor),
        Figure("ref: orgmodel imports only / import click, attrs", [PYTHON, "-c", IMPORTS_ONLY], click_attrs),
    ]


def run(sizes: tuple[int, int], pairs: int, render_roles: int, folder: Path, warmup: int = 1) -> list[Result]:
    import subprocess

    subprocess.run([PYTHON, __file__, "--prepare", str(folder), "--sizes", ",".join(map(str, sizes)),
                    "--render-roles", str(render_roles)], check=True)
    files = _files(folder, sizes, render_roles)
    return Runner(pairs=pairs, warmup=warmup, cwd=str(folder)).measure(figures(files, sizes, render_roles),
                                                                       progress=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pairs", type=int, default=7, help="measured pairs per figure (median of their ratios)")
    parser.add_argument("--sizes", default="10000,100000", help="small,large org sizes in roles")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured pairs before each figure's")
    parser.add_argument("--render-roles", type=int, default=2000)
    parser.add_argument("--prepare", metavar="FOLDER", help=argparse.SUPPRESS)  # the child that writes the files
    args = parser.parse_args(argv)
    sizes = tuple(int(n) for n in args.sizes.split(","))
    assert len(sizes) == 2
    if args.prepare:
        prepare(Path(args.prepare), sizes, args.render_roles)  # type: ignore[arg-type]
        return 0
    title = (f"orgmodel benchmarks: {platform.python_implementation()} {platform.python_version()}, "
             f"{platform.machine()}, {args.pairs} interleaved pairs per figure, medians of per-pair ratios")
    before = load()
    with tempfile.TemporaryDirectory() as folder:
        results = run(sizes, args.pairs, args.render_roles, Path(folder), args.warmup)  # type: ignore[arg-type]
    print(report(results, title) + f"machine: {before} before, {load()} after", flush=True)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
