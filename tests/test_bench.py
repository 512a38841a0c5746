"""The synthetic org generator and the benchmark runner (tiny sizes: this is not a timing test)."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import REPO, findings
from orgmodel.api import check_text
from orgmodel.synthetic import generate

sys.path.insert(0, str(REPO / "benchmarks"))
import bench  # noqa: E402


@pytest.mark.parametrize("size", [8, 100, 1000, 10_000])
def test_generated_org_has_the_size_asked_for_and_passes(size: int) -> None:
    org = generate(size, seed=2)
    result = check_text(org.text)
    assert len(result.org.roles) == size == org.roles
    assert result.findings == []
    assert {"ic", "lead", "manager", "director", "vp", "c-level"} <= {r.level for r in result.org.roles.values()}
    assert any(r.vacant for r in result.org.roles.values()) or size < 100
    assert result.org.kpis and result.org.campaigns and result.org.teams


def test_generator_is_seeded() -> None:
    assert generate(500, seed=4).text == generate(500, seed=4).text
    assert generate(500, seed=4).text != generate(500, seed=5).text


@pytest.mark.parametrize("size", [100, 5000])
def test_planted_violations_are_the_ones_reported(size: int) -> None:
    org = generate(size, seed=3, violations=True)
    reported = sorted((f.code, f.entity) for f in check_text(org.text).findings)  # the default selection
    assert reported == sorted(org.planted)


def test_json_equivalent_holds_the_same_org() -> None:
    import json

    text = generate(300, seed=1).text
    data = json.loads(bench.org_as_json(text))
    org = check_text(text).org
    assert [r["id"] for r in data["role"]] == list(org.roles)
    assert data["role"][1]["reports-to"] == [org.roles[data["role"][1]["id"]].reports_to[0].text]


def test_bench_prints_every_figure_with_a_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    status = bench.main(["--runs", "1", "--sizes", "200,2000", "--render-roles", "50"])
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if re.search(r"\s(PASS|FAIL)$", line)]
    assert len(rows) == 6
    for row in rows:
        assert re.search(r"\d+\.\d\d\s+<= [\d.]+\s+(PASS|FAIL)$", row), row
    assert status == (1 if any(row.endswith("FAIL") for row in rows) else 0)
    references = [line for line in out.splitlines() if line.endswith(" ref")]
    assert len(references) == 4
    for row in references:
        assert re.match(r"ref: .*\s\d+\.\d\d\s+-\s+ref$", row), row
    assert re.search(r"^\d passed, \d failed$", out, re.M)


# Runs the command as the console script does, then lists sys.modules at its exit.
_LIST_MODULES = """
import os, sys
from orgmodel.cli import main
fast_exit = os._exit
def listing_exit(status):
    sys.stderr.write("\\nMODULES " + " ".join(sys.modules) + "\\n")
    sys.stderr.flush()
    fast_exit(status)
os._exit = listing_exit
sys.argv[0] = "orgmodel"
main()
"""


def _imported(*args: str) -> set[str]:
    """The modules the command imports by the time it exits."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", _LIST_MODULES, *args], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    listing = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    assert listing, done.stderr
    return set(listing[-1].split()[1:])


# (command, a module it needs, modules it must not import): start-up is what a
# pre-commit hook pays on every commit.
LEAN_STARTS = [
    (("check", "examples/acme.org.txt"), "orgmodel.report.text_format",
     {"pygraphviz", "graphviz", "orgmodel.render.chart", "orgmodel.report.sarif", "orgmodel.report.junit",
      "orgmodel.report.json_format", "orgmodel.docs", "hashlib", "zipfile", "importlib.resources"}),
    (("check", "examples/acme.org.txt", "--format", "sarif"), "orgmodel.report.sarif",
     {"pygraphviz", "orgmodel.report.junit"}),
    (("render", "examples/acme.org.txt", "-o", "-", "--format", "dot"), "orgmodel.render.dot",
     {"pygraphviz", "graphviz", "orgmodel.report.sarif"}),
    (("fmt", "--check", "examples/acme.org.txt"), "orgmodel.dsl.printer",
     {"pygraphviz", "graphviz", "orgmodel.render.chart", "orgmodel.report.sarif", "hashlib"}),
    # A CSV import never loads the .xlsx reader.
    (("import", "tests/hr_exports/workday.csv"), "orgmodel.interchange.csv_import",
     {"openpyxl", "pygraphviz", "orgmodel.render.chart", "hashlib"}),
]


@pytest.mark.parametrize(("args", "needed", "unwanted"), LEAN_STARTS)
def test_commands_import_only_what_they_use(args: tuple[str, ...], needed: str, unwanted: set[str]) -> None:
    imported = _imported(*args)
    assert needed in imported  # the measurement sees imports made on demand
    assert not imported & unwanted
