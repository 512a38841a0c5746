"""Fuzzing the whole pipeline: bytes -> findings -> every report format, DOT and Mermaid.

The property: whatever the input, orgmodel answers with findings (or, on the
command line, exit status 0, 1 or 2) and never raises. Budgets are example
counts, not time, so `make test` takes the same work on any machine. Inputs
that once broke something are kept in tests/fuzz_corpus/ (and a few below as
@example regressions).
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pygraphviz
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, mutate
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orgmodel.api import check_bytes, check_text
from orgmodel.cli import cli
from orgmodel.render.chart import ChartOptions, build_chart
from orgmodel.render.mermaid import build_mermaid
from orgmodel.render.output import render_org
from orgmodel.report import Report, formatters, statistics
from orgmodel.rulepack import load_builtin

PACK = load_builtin()
EXCLUSIVE = PACK.vocabulary.exclusive
EXAMPLE_LINES = [(EXAMPLES / name).read_text().splitlines()
                 for name in ("acme.org.txt", "troubled.org.txt", "typos.org.txt")]
FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def everything(data: bytes) -> None:
    """Run every stage and output on ``data``; any exception fails the property."""
    result = check_bytes(data, "fuzz.org.txt", PACK)
    for finding in result.findings:
        assert finding.code in PACK.rules and finding.line >= 1 and finding.column >= 1
    report = Report([result], PACK.rules)
    for render in formatters().values():
        assert isinstance(render(report), str)
    statistics.render(report)
    chart = build_chart(result.org, result.findings, EXCLUSIVE, ChartOptions())
    pygraphviz.AGraph(string=chart.source)  # the DOT parses
    build_mermaid(result.org, result.findings, EXCLUSIVE)
    if len(result.org.roles) <= 3:
        build_chart(result.org, result.findings, EXCLUSIVE, ChartOptions(depth=1, stack_min=1, departments=True))


CORPUS = sorted((Path(__file__).parent / "fuzz_corpus").glob("*.org.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus(path: Path) -> None:
    """Every input kept in tests/fuzz_corpus/ still runs through every stage."""
    everything(path.read_bytes())


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfer\x00o\x00l\x00e\x00")  # UTF-16
@example(b"role a \"\xe9\"\n")  # invalid UTF-8 inside a string
@example(b"\x00\x00\x00")
@example(b"\r\r\r  person \"x\"\r")
def test_random_bytes(data: bytes) -> None:
    everything(data)


@FUZZ
@given(st.sampled_from(range(len(EXAMPLE_LINES))),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 200), st.integers(0, 200)), max_size=12))
@example(1, [(3, 8, 12)])
def test_mutated_examples(which: int, operations: list[tuple[int, int, int]]) -> None:
    everything(mutate(EXAMPLE_LINES[which], operations).encode("utf-8", "surrogatepass"))


# Role IDs start with "r", so they never collide with the fixed team t, department d, kpi k, campaign c.
IDS = st.from_regex(r"r[a-zA-Z0-9_-]{0,8}", fullmatch=True)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)  # control characters are SYN001
LONG = st.text(alphabet="ab <&\"\\", min_size=3000, max_size=6000)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


@st.composite
def weird_orgs(draw: st.DrawFn) -> str:
    """Valid orgs with odd shapes: cycles of any length, self-reports, many roots, odd names."""
    ids = draw(st.lists(IDS, min_size=1, max_size=25, unique=True))
    lines = [f"org {_quote(draw(TEXT))}", 'team t "T"', 'department d "D"']
    levels = PACK.vocabulary.levels
    for role in ids:
        lines.append(f"role {role} {_quote(draw(st.one_of(TEXT, LONG, st.just(''))))}")
        if draw(st.booleans()):
            lines.append(f"  reports-to {draw(st.sampled_from(ids))}")  # self-reports and cycles included
        if draw(st.booleans()):
            lines.append(f"  dotted-to {draw(st.sampled_from(ids))}")
        lines.append("  person vacant" if draw(st.booleans()) else f"  person {_quote(draw(TEXT))}")
        if draw(st.booleans()):
            lines.append(f"  level {draw(st.sampled_from(levels))}")
        if draw(st.booleans()):
            lines.append(f"  layer {draw(st.sampled_from(PACK.vocabulary.layers))}")
        if draw(st.booleans()):
            lines.append("  team t\n  liaises-with d")
        owns = draw(st.lists(st.sampled_from(sorted(PACK.vocabulary.responsibilities)), max_size=4))
        if owns:
            lines.append(f"  owns {', '.join(owns)}")
    owners = draw(st.lists(st.sampled_from(ids), max_size=30))
    lines.append('kpi k "K"' + (f"\n  owner {', '.join(owners)}" if owners else ""))
    lines.append(f'campaign c "C"\n  lead {draw(st.sampled_from(ids))}\n  kpi k')
    return "\n".join(lines) + "\n"


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(weird_orgs())
def test_weird_but_valid_orgs(text: str) -> None:
    result = check_text(text, "weird.org.txt", PACK)
    # Empty texts are valid syntax, reported as SYN006 (empty-text) only.
    assert not [f for f in result.findings if f.code.startswith(("SYN", "REF")) and f.code != "SYN006"], \
        result.findings[:3]
    everything(text.encode("utf-8"))


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(weird_orgs())
def test_weird_orgs_render_to_well_formed_svg(text: str) -> None:
    result = check_text(text, "weird.org.txt", PACK)
    svg = render_org(result.org, result.findings, EXCLUSIVE, "svg").data
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith(("image", "script", "foreignObject"))]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.binary(max_size=600), st.sampled_from(["text", "json", "json-lines", "sarif", "github", "junit"]),
       st.lists(st.sampled_from(["--statistics", "--quiet", "--exit-zero", "--fail-on=info", "--select=KPI",
                                 "--ignore=HIER", "--isolated"]), max_size=3, unique=True))
def test_command_line_exit_status_is_0_1_or_2(data: bytes, output_format: str, options: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "f.org.txt")
        with open(path, "wb") as handle:
            handle.write(data)
        result = CliRunner().invoke(cli, ["check", "--format", output_format, *options, path])
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
