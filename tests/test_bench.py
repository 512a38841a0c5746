"""The synthetic org generator and the benchmark runner (tiny sizes: this is not a timing test)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import REPO

from orgmodel.api import check_text
from orgmodel.synthetic import generate

sys.path.insert(0, str(REPO / "benchmarks"))
import bench
import harness


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


def test_bench_prints_every_figure_with_its_ratio_range_and_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    status = bench.main(["--pairs", "1", "--warmup", "0", "--sizes", "200,2000", "--render-roles", "50"])
    out = capsys.readouterr().out
    number = r"\d+\.\d\d"
    rows = [line for line in out.splitlines() if re.search(r"\s(PASS|FAIL)$", line)]
    assert len(rows) == 7  # every target of the speed issue
    for row in rows:  # ratio, smallest, largest, (cpu), target, verdict
        assert re.search(rf"{number}\s+{number}\s+{number}\s+({number})?\s+<= [\d.]+\s+(PASS|FAIL)$", row), row
    assert status == (1 if any(row.endswith("FAIL") for row in rows) else 0)
    references = [line for line in out.splitlines() if line.endswith(" ref")]
    assert len(references) == 5
    assert any(row.startswith("ref: small-file check / python -c pass") for row in references)
    assert re.search(r"^\d passed, \d failed$", out, re.M)
    assert re.search(r"^machine: load [\d.]+ [\d.]+ [\d.]+ on \d+ cores before", out, re.M)


def test_harness_interleaves_pairs_and_alternates_their_order(tmp_path: Path) -> None:
    log = tmp_path / "order.log"
    say = "import sys; open(sys.argv[1], 'a').write(sys.argv[2])"
    figure = harness.Figure("a / b", [sys.executable, "-c", say, str(log), "a"],
                            [sys.executable, "-c", say, str(log), "b"], target=100.0)
    result = harness.Runner(pairs=3, warmup=1).measure_one(figure)
    assert log.read_text() == "ab" "ba" "ab" "ba"  # one warm-up pair, then three: A first, B first, ...
    assert len(result.a) == len(result.b) == len(result.ratios) == 3
    assert result.passed


# Measures a 200 MB process against an empty one, from a small parent (the test runner is not one).
_MEMORY = """
import sys
sys.path.insert(0, sys.argv[1])
import harness
big = [sys.executable, "-c", "block = bytearray(200 * 1024 * 1024); block[::4096] = b'x' * len(block[::4096])"]
figure = harness.Figure("200 MB / nothing", big, [sys.executable, "-c", "pass"], target=2.0, metric="memory")
result = harness.Runner(pairs=1, warmup=0).measure_one(figure)
print(round(result.ratio), result.passed)
print(harness.report([result]))
"""


def test_harness_takes_peak_memory_from_the_operating_system() -> None:
    import subprocess

    done = subprocess.run([sys.executable, "-c", _MEMORY, str(REPO / "benchmarks")], capture_output=True,
                          text=True, check=True, timeout=120)
    ratio, passed = done.stdout.split("\n")[0].split()
    assert int(ratio) > 10 and passed == "False"  # the child's own peak: about 210 MB against 10
    assert re.search(r"^200 MB / nothing .* MB .* MB .*<= 2\s+FAIL$", done.stdout, re.M), done.stdout


def test_harness_refuses_a_command_that_fails() -> None:
    figure = harness.Figure("broken", [sys.executable, "-c", "raise SystemExit(3)"], [sys.executable, "-c", "pass"])
    with pytest.raises(harness.MeasurementError, match="exited with status 3"):
        harness.Runner(pairs=1, warmup=0).measure_one(figure)


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


def _imported(*args: str, cwd: Path = REPO) -> set[str]:
    """The modules the command imports by the time it exits."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", _LIST_MODULES, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)
    listing = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    assert listing, done.stderr
    return set(listing[-1].split()[1:])


# (command, a module it needs, modules it must not import): start-up is what a
# pre-commit hook pays on every commit.
LEAN_STARTS = [
    # A clean file in the common layout: no attrs (the model is not built), no general parser, no TOML
    # schema (the pack and the patterns come from the cache), no renderer. (This repository's
    # pyproject.toml and setup.cfg are parsed: they could hold settings.)
    (("check", "examples/acme.org.txt"), "orgmodel.report.text_format",
     {"pygraphviz", "graphviz", "orgmodel.render.chart", "orgmodel.report.sarif", "orgmodel.report.junit",
      "orgmodel.report.json_format", "orgmodel.docs", "hashlib", "zipfile", "importlib.resources",
      "attr", "attrs", "orgmodel.model", "orgmodel.dsl.parser", "orgmodel.dsl.build", "orgmodel.vocabulary_schema",
      "difflib", "orgmodel.commands.render", "orgmodel.commands.fmt"}),
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


def test_a_check_where_no_configuration_is_parses_no_toml(tmp_path: Path) -> None:
    (tmp_path / "acme.org.txt").write_bytes((REPO / "examples" / "acme.org.txt").read_bytes())
    imported = _imported("check", "acme.org.txt", cwd=tmp_path)
    assert "orgmodel.report.text_format" in imported
    assert not imported & {"tomllib", "configparser", "attrs", "orgmodel.dsl.parser"}
