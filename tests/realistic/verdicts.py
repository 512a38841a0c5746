"""Precision and recall of orgmodel's findings on the realistic orgs in this folder and in holdout/.

Each ``NAME.org.txt`` was written by an org designer, with ``NAME.verdicts.toml``
recorded BEFORE the rules were calibrated (against orgmodel at the commit named
in ``baseline``): for every finding the old rules reported, whether a
demanding designer would act on it ("act") or not ("noise"); the mistakes
planted on purpose (``[[planted]]``); and other real problems a designer
would want reported (``[[wanted]]``).

A finding counts as worth acting on when it matches, by code and entity, an
"act" verdict, a planted mistake or a wanted problem; each of those matches
at most one finding. Every other finding counts as noise, including findings
of rules that did not exist when the verdicts were written. Recall is the
share of planted mistakes that some finding matches.

The nine orgs here were used to calibrate the rules; the four in holdout/
were written and judged later, blind, and measured once before anything
changed in response to them (that first measurement is in README.md).

    python tests/realistic/verdicts.py          # or: make precision
    python tests/realistic/verdicts.py --cli    # the same, through the installed `orgmodel check`
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from orgmodel.api import check_file
from orgmodel.finding import Finding, Severity
from orgmodel.rulepack import RulePack, load_builtin

FOLDER = Path(__file__).resolve().parent
SETS = {"calibration": FOLDER, "holdout": FOLDER / "holdout"}


@attrs.frozen
class Wanted:
    """A finding a designer acts on: any of ``codes`` on ``entity`` ("" for the whole org)."""

    entity: str
    codes: tuple[str, ...]
    planted: bool

    def matches(self, finding: Finding) -> bool:
        return finding.code in self.codes and (finding.entity or "") == self.entity


@attrs.frozen
class Score:
    org: str
    findings: tuple[Finding, ...]
    useful: tuple[Finding, ...]  # findings that matched a verdict
    planted: int
    caught: int
    missed: tuple[Wanted, ...]  # planted mistakes no finding matched

    @property
    def noise(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f not in self.useful)


def verdicts(path: Path) -> list[Wanted]:
    """What a designer acts on in one org, from its verdicts file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    wanted = [Wanted(f["entity"], (f["code"],), False) for f in data.get("finding", []) if f["verdict"] == "act"]
    wanted += [Wanted(p["entity"], tuple(p["codes"]), True) for p in data.get("planted", [])]
    wanted += [Wanted(w["entity"], tuple(w["codes"]), False) for w in data.get("wanted", [])]
    return wanted


def cli_findings(org: Path) -> tuple[Finding, ...]:
    """The findings of ``org`` as the installed console script reports them (JSON, no configuration)."""
    import json
    import subprocess
    import sys

    command = Path(sys.executable).with_name("orgmodel")
    done = subprocess.run([str(command), "check", "--isolated", "--exit-zero", "--format", "json", str(org)],
                          capture_output=True, text=True, check=True)
    return tuple(Finding(d["path"], d["line"], d["column"], d["code"], Severity.parse(d["severity"]), d["message"],
                         d["entity"]) for d in json.loads(done.stdout)["diagnostics"])


def score(org: Path, pack: RulePack, through_cli: bool = False) -> Score:
    findings = cli_findings(org) if through_cli else tuple(check_file(org, pack).findings)
    wanted = verdicts(org.with_name(org.name.replace(".org.txt", ".verdicts.toml")))
    # Planted mistakes claim their findings first, so that recall does not
    # depend on the order of entries.
    order = sorted(range(len(wanted)), key=lambda i: not wanted[i].planted)
    useful: list[Finding] = []
    caught: set[int] = set()
    for index in order:
        match = next((f for f in findings if wanted[index].matches(f) and f not in useful), None)
        if match is not None:
            useful.append(match)
            caught.add(index)
    planted = [i for i, w in enumerate(wanted) if w.planted]
    return Score(org.name, findings, tuple(useful), len(planted), sum(1 for i in planted if i in caught),
                 tuple(wanted[i] for i in planted if i not in caught))


def orgs(folder: Path = FOLDER) -> list[Path]:
    return sorted(folder.glob("*.org.txt"))


def scores(pack: RulePack | None = None, folder: Path = FOLDER, through_cli: bool = False) -> list[Score]:
    pack = pack or load_builtin()
    return [score(org, pack, through_cli) for org in orgs(folder)]


def totals(results: Sequence[Score]) -> tuple[float, float]:
    """(precision, recall) over all orgs together."""
    findings = sum(len(s.findings) for s in results)
    useful = sum(len(s.useful) for s in results)
    planted = sum(s.planted for s in results)
    caught = sum(s.caught for s in results)
    return (useful / findings if findings else 1.0), (caught / planted if planted else 1.0)


def per_rule(results: Iterable[Score]) -> list[tuple[str, int, int]]:
    """(code, findings worth acting on, noise) for every code that fired."""
    useful: Counter[str] = Counter()
    noise: Counter[str] = Counter()
    for s in results:
        useful.update(f.code for f in s.useful)
        noise.update(f.code for f in s.noise)
    return [(code, useful[code], noise[code]) for code in sorted(useful | noise)]


def report(results: Sequence[Score]) -> str:
    lines = [f"{'org':<28}{'findings':>9}{'act':>6}{'noise':>7}{'planted':>9}{'caught':>8}"]
    for s in results:
        lines.append(f"{s.org:<28}{len(s.findings):>9}{len(s.useful):>6}{len(s.noise):>7}{s.planted:>9}{s.caught:>8}")
    precision, recall = totals(results)
    lines.append(f"precision {precision:.3f}  recall {recall:.3f}")
    lines.append("")
    lines.append(f"{'code':<10}{'act':>5}{'noise':>7}")
    lines += [f"{code:<10}{act:>5}{noise:>7}" for code, act, noise in per_rule(results)]
    for s in results:
        for finding in s.noise:
            lines.append(f"noise  {s.org}:{finding.line}: {finding.code} {finding.message}")
        for missed in s.missed:
            lines.append(f"missed {s.org}: {'/'.join(missed.codes)} on '{missed.entity}'")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    pack = load_builtin()
    everything: list[Score] = []
    for name, folder in SETS.items():
        results = scores(pack, folder, through_cli="--cli" in sys.argv[1:])
        everything += results
        print(f"== {name} set ({folder.relative_to(FOLDER.parent.parent)})")
        print(report(results), end="\n\n")
    precision, recall = totals(everything)
    print(f"== both sets: precision {precision:.3f}  recall {recall:.3f}")
