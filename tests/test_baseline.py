"""The baseline: old findings tolerated, new ones caught, fixed ones reported as stale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

# An org of its own (the examples change as the rules are calibrated), with findings of the three
# principles that stay errors: budget setting separated from execution, one top, one KPI owner.
ORG = """org "Baseline test"

role cmo "Chief Marketing Officer"
  person "Dana Whitfield"
  owns budget-setting, budget-execution

role mgr "Digital Marketing Manager"
  person "Sam Oduya"
  reports-to cmo

role seo "SEO Lead"
  person "Kim Park"
  reports-to mgr
  channel seo

role freelancer "Brand Consultant"
  person "Troy McClure"

kpi nps "Net Promoter Score"
"""


def count_findings(path: Path) -> int:
    """How many findings a plain check reports (the pack's rules decide; the tests do not hard-code it)."""
    done = run_cli("check", "--format", "json", "--isolated", str(path))
    return len(json.loads(done.stdout)["diagnostics"])


@pytest.fixture()
def org(tmp_path: Path) -> Path:
    (tmp_path / "orgs").mkdir()
    target = tmp_path / "orgs" / "troubled.org.txt"
    target.write_text(ORG)
    assert run_cli("check", "--write-baseline", "baseline.json", "orgs/troubled.org.txt", cwd=tmp_path).returncode == 0
    return target


@pytest.fixture()
def total(org: Path) -> int:
    found = count_findings(org)
    assert found >= 3  # BUD001, HIER002, KPI001 at least
    return found


def reported(result_stdout: str) -> list[str]:
    return [line for line in result_stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]


def test_write_then_check_reports_nothing(org: Path, tmp_path: Path, total: int) -> None:
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["orgmodel-baseline"] == 1 and len(data["findings"]) == total
    assert {row["path"] for row in data["findings"]} == {"orgs/troubled.org.txt"}  # relative to the baseline
    done = run_cli("check", "--baseline", "baseline.json", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 0 and reported(done.stdout) == []
    assert f"{total} findings recorded in the baseline baseline.json not shown" in done.stderr
    # From another folder the same paths still match.
    done = run_cli("check", "--baseline", "../baseline.json", "troubled.org.txt", cwd=tmp_path / "orgs")
    assert done.returncode == 0 and reported(done.stdout) == []


def test_survives_inserted_lines_and_renamed_people_and_catches_a_new_finding(org: Path, tmp_path: Path) -> None:
    text = org.read_text()
    text = "# a note\n# another\n\n" + text.replace("\nrole ", "\n# moved down\nrole ", 5)
    text = re.sub(r'person "([^"]+)"', lambda m: f'person "{m.group(1).upper()} (renamed)"', text)
    org.write_text(text + 'kpi orphan "Orphan KPI"\n')
    done = run_cli("check", "--baseline", "baseline.json", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert [line.split(" ", 3)[2] for line in reported(done.stdout)] == ["KPI001"]
    assert "'orphan'" in done.stdout and "no longer found" not in done.stderr


def test_fixed_findings_are_stale_and_the_baseline_can_shrink(org: Path, tmp_path: Path, total: int) -> None:
    org.write_text(org.read_text().replace('role freelancer "Brand Consultant"\n  person "Troy McClure"\n', ""))
    done = run_cli("check", "--baseline", "baseline.json", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 0 and reported(done.stdout) == []
    assert "1 baseline entry in baseline.json no longer found (fixed)" in done.stderr, done.stderr
    assert "orgs/troubled.org.txt: HIER002 'freelancer' has no reports-to" in done.stderr
    run_cli("check", "--write-baseline", "baseline.json", "orgs/troubled.org.txt", cwd=tmp_path)
    assert len(json.loads((tmp_path / "baseline.json").read_text())["findings"]) == total - 1


def test_config_key_and_errors(org: Path, tmp_path: Path, total: int) -> None:
    (tmp_path / ".orgmodel.toml").write_text('baseline = "baseline.json"\n')
    done = run_cli("check", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 0 and reported(done.stdout) == []
    exported = json.loads(run_cli("export", "orgs/troubled.org.txt", cwd=tmp_path).stdout)
    assert len(exported["findings"]) == total  # export (and render) show every finding: a baseline gates checks only
    (tmp_path / ".orgmodel.toml").write_text('baseline = "nope.json"\n')
    done = run_cli("check", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 2 and "nope.json: cannot read the baseline" in done.stderr
    (tmp_path / ".orgmodel.toml").write_text("baseline = 3\n")
    done = run_cli("check", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 2 and "baseline: expected the path of a baseline file" in done.stderr
    (tmp_path / ".orgmodel.toml").unlink()
    (tmp_path / "bad.json").write_text('{"findings": []}')
    done = run_cli("check", "--baseline", "bad.json", "orgs/troubled.org.txt", cwd=tmp_path)
    assert done.returncode == 2 and "bad.json: not an orgmodel baseline" in done.stderr


def test_sarif_and_json_reports_see_only_new_findings(org: Path, tmp_path: Path) -> None:
    org.write_text(org.read_text() + 'kpi orphan "Orphan KPI"\n')
    done = run_cli("check", "--baseline", "baseline.json", "--format", "json", "orgs/troubled.org.txt", cwd=tmp_path)
    assert [d["code"] for d in json.loads(done.stdout)["diagnostics"]] == ["KPI001"]
