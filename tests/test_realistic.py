"""The findings on realistic orgs are worth acting on: precision and recall against designers' verdicts.

The verdicts (tests/realistic/*.verdicts.toml) were recorded before the rules
were calibrated; tests/realistic/verdicts.py explains how findings are
matched. ``make precision`` prints the details and every noisy finding.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "realistic"))

import verdicts

from orgmodel.api import check_file
from orgmodel.rulepack import load_builtin

PACK = load_builtin()
SETS = {name: verdicts.scores(PACK, folder) for name, folder in verdicts.SETS.items()}


@pytest.mark.parametrize("name", sorted(SETS))
def test_precision_and_recall_meet_the_targets(name: str) -> None:
    precision, recall = verdicts.totals(SETS[name])
    noise = [f"{s.org}:{f.line}: {f.code} {f.message}" for s in SETS[name] for f in s.noise]
    missed = [f"{s.org}: {'/'.join(m.codes)} on {m.entity!r}" for s in SETS[name] for m in s.missed]
    assert recall == 1.0, missed
    assert precision >= 0.9, noise


def test_the_sets_are_what_the_issue_asks_for() -> None:
    orgs = [org for folder in verdicts.SETS.values() for org in verdicts.orgs(folder)]
    assert len(verdicts.orgs()) >= 8
    sizes = [len(check_file(org, PACK).org.roles) for org in orgs]
    assert max(sizes) >= 200 and min(sizes) <= 15
    planted = sum(s.planted for results in SETS.values() for s in results)
    assert planted >= 25


@pytest.mark.parametrize("org", [o for f in verdicts.SETS.values() for o in verdicts.orgs(f)], ids=lambda p: p.name)
def test_every_verdict_file_judges_every_finding_of_its_time(org: Path) -> None:
    """Each verdicts file has one entry per finding of the baseline it names, and only known verdicts."""
    data = tomllib.loads(org.with_name(org.name.replace(".org.txt", ".verdicts.toml")).read_text())
    assert data["org"] == org.name and data["baseline"]
    assert all(f["verdict"] in ("act", "noise") and f["reason"] for f in data["finding"])
    assert all(p["codes"] and p["problem"] for p in data.get("planted", []))


def test_the_console_script_reports_what_the_library_scored() -> None:
    """The figures hold for what users run: the installed `orgmodel check`, orgs of both sets."""
    for name, folder in verdicts.SETS.items():
        through_cli = verdicts.scores(PACK, folder, through_cli=True)
        assert [(s.org, len(s.findings), len(s.useful), s.caught) for s in through_cli] == [
            (s.org, len(s.findings), len(s.useful), s.caught) for s in SETS[name]]
