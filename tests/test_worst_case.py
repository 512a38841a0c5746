"""Worst-case inputs of the hardening issue (items 7-10) finish, with the right findings, through the console script.

Nothing here is timed: the timeout only stops a run that would hang (each of
these took from two minutes to hours before). benchmarks/hostile.py shows
that their cost grows linearly with their size; the generators are its own.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "benchmarks"))
import hostile

# (input, how many findings of each code: zero where the input must not cause one)
CASES = [
    pytest.param(hostile.suppression_comment(400_000), {"SUP002": 1, "SUP001": 0, "SUP003": 0},
                 id="7: 400 KB of spaces in a suppression comment"),
    pytest.param(hostile.lookalike_references(2_000), {"REF002": 2_000},
                 id="8: 2,000 misses among 2,000 look-alike IDs"),
    # KPI001 stays quiet: every line names the same one owner, so all of them were read.
    pytest.param(hostile.one_value_per_line(240_000, dotted=False), {"KPI001": 0, "SYN001": 0, "REF002": 0},
                 id="9: 240,000 owner lines"),
    pytest.param(hostile.one_value_per_line(120_000), {"KPI001": 0, "SYN001": 0, "REF002": 0, "HIER003": 0},
                 id="9: 120,000 dotted-to and owner lines"),
    # 20,000 dangling owners, each silenced by its own suppression, each suppression used.
    pytest.param(hostile.suppressions_of_one_entity(20_000), {"REF002": 0, "SUP001": 0, "SUP002": 0},
                 id="10: 20,000 suppressions of one KPI"),
]


@pytest.mark.parametrize(("text", "counts"), CASES)
def test_worst_case_input_is_checked(tmp_path: Path, text: str, counts: dict[str, int]) -> None:
    org = tmp_path / "worst.org.txt"
    org.write_text(text)
    result = run_cli("check", "--statistics", str(org), timeout=90)
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr
    found = Counter({line.split()[1]: int(line.split()[0]) for line in result.stdout.splitlines()})
    assert {code: found[code] for code in counts} == counts


def test_did_you_mean_still_suggests_within_its_budget(tmp_path: Path) -> None:
    """The budget bounds hostile files, not ordinary ones: a typo among 5,000 roles still gets its suggestion."""
    roles = "".join(f'role role-{i} "Analyst"\n  reports-to role-0\n' for i in range(1, 5_000))
    org = tmp_path / "typos.org.txt"
    org.write_text('role role-0 "CMO"\n' + roles + 'kpi k "K"\n  owner role-1123x\n  owner rol-17\n')
    result = run_cli("check", "--select", "REF002", str(org))
    assert "no role 'role-1123x' is declared (did you mean 'role-1123'?)" in result.stdout
    assert "no role 'rol-17' is declared (did you mean 'role-17'?)" in result.stdout
