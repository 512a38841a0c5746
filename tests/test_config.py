"""Configuration discovery, every setting, command-line precedence, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

# Errors KPI001 (line 1), LEAD001 (line 3) and BUD001, a warning LEAD002 (line 2); SPAN001 fires at max 1.
ORG = ('kpi k "K"\nrole l "Marketing Lead"\n  reports-to a\nrole cmo "CMO"\n  owns budget-setting, budget-execution\n'
       "  owns kpi-framework, marketing-calendar, messaging-signoff\n  liaises-with d\ndepartment d \"D\"\n"
       'role a "Analyst"\n  reports-to cmo\nrole b "Designer"\n  reports-to cmo\n')


def codes(result_stdout: str) -> list[str]:
    return sorted({line.split()[2] for line in result_stdout.splitlines() if line.count(":") >= 3})


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


BASELINE = ["BUD001", "KPI001", "LEAD001", "LEAD002"]


def test_baseline(tmp_path: Path) -> None:
    root = project(tmp_path, {"org.txt": ORG})
    assert codes(run_cli("check", "org.txt", cwd=root).stdout) == BASELINE


@pytest.mark.parametrize(("name", "text"), [
    (".orgmodel.toml", 'ignore = ["LEAD"]\n'),
    ("pyproject.toml", '[project]\nname = "x"\n[tool.orgmodel]\nignore = ["LEAD"]\n'),
    ("setup.cfg", "[metadata]\nname = x\n[orgmodel]\nignore = LEAD\n"),
])
def test_each_config_file_kind(tmp_path: Path, name: str, text: str) -> None:
    root = project(tmp_path, {"org.txt": ORG, name: text})
    assert codes(run_cli("check", "org.txt", cwd=root).stdout) == ["BUD001", "KPI001"]


def test_nearest_config_wins_and_order_within_a_folder(tmp_path: Path) -> None:
    root = project(tmp_path, {
        ".orgmodel.toml": 'ignore = ["KPI"]\n',
        "team/pyproject.toml": '[tool.orgmodel]\nignore = ["BUD"]\n',
        "team/setup.cfg": "[orgmodel]\nignore = LEAD\n",
        "team/org.txt": ORG,
        "other/pyproject.toml": '[project]\nname = "no orgmodel section here"\n',
        "other/org.txt": ORG,
    })
    # team/: pyproject.toml beats setup.cfg in the same folder, and beats the parent's file.
    assert codes(run_cli("check", "team/org.txt", cwd=root).stdout) == ["KPI001", "LEAD001", "LEAD002"]
    # other/: its pyproject.toml has no [tool.orgmodel], so the parent's .orgmodel.toml applies.
    assert codes(run_cli("check", "other/org.txt", cwd=root).stdout) == ["BUD001", "LEAD001", "LEAD002"]
    # --isolated ignores them all; --config picks one for every file.
    assert codes(run_cli("check", "--isolated", "team/org.txt", cwd=root).stdout) == BASELINE
    assert codes(run_cli("check", "--config", "team/setup.cfg", "other/org.txt", cwd=root).stdout) == [
        "BUD001", "KPI001"]


def test_select_severity_params_fail_on(tmp_path: Path) -> None:
    root = project(tmp_path, {"org.txt": ORG, ".orgmodel.toml": (
        'select = ["KPI", "LEAD", "SPAN"]\nfail-on = "warning"\n'
        '[severity]\nKPI001 = "warning"\nLEAD001 = "off"\n'
        "[params.SPAN001]\nmax = 1\n")})
    result = run_cli("check", "org.txt", cwd=root)
    assert codes(result.stdout) == ["KPI001", "LEAD002", "SPAN001"]
    assert " warning KPI001 " in result.stdout
    assert result.returncode == 1  # fail-on = warning
    # The command line overrides the file.
    override = run_cli("check", "org.txt", "--select", "BUD", "--fail-on", "error", cwd=root)
    assert codes(override.stdout) == ["BUD001"] and override.returncode == 1
    assert run_cli("check", "org.txt", "--ignore", "KPI,LEAD,SPAN", cwd=root).returncode == 0


def test_setup_cfg_sections(tmp_path: Path) -> None:
    root = project(tmp_path, {"org.txt": ORG, "setup.cfg": (
        "[orgmodel]\nselect = KPI, SPAN\n[orgmodel:severity]\nKPI001 = info\n"
        "[orgmodel:params:SPAN001]\nmax = 1\n")})
    result = run_cli("check", "org.txt", cwd=root)
    assert codes(result.stdout) == ["KPI001", "SPAN001"] and " info KPI001 " in result.stdout


def test_per_file_ignores_and_include(tmp_path: Path) -> None:
    root = project(tmp_path, {
        ".orgmodel.toml": ('include = ["*.org.txt", "*.orgmodel"]\nexclude = ["drafts/*"]\n'
                           '[per-file-ignores]\n"legacy/*" = ["KPI", "LEAD"]\n'),
        "legacy/a.org.txt": ORG, "new/b.orgmodel": ORG, "new/ignored.txt": ORG, "drafts/c.org.txt": ORG,
    })
    result = run_cli("check", ".", cwd=root)
    paths = {line.split(":")[0] for line in result.stdout.splitlines() if line.count(":") >= 3}
    assert paths == {"legacy/a.org.txt", "new/b.orgmodel"}
    assert codes("\n".join(line for line in result.stdout.splitlines() if line.startswith("legacy"))) == ["BUD001"]


@pytest.mark.parametrize(("config", "message"), [
    ('selekt = ["KPI"]\n', ".orgmodel.toml:1: unknown setting 'selekt'"),
    ('ignore = ["NOPE"]\n', ".orgmodel.toml:1: ignore: unknown rule code or prefix 'NOPE'"),
    ('[severity]\nKPI001 = "loud"\n', ".orgmodel.toml:2: severity.KPI001: expected one of"),
    ('[severity]\nKPI999 = "error"\n', ".orgmodel.toml:2: severity.KPI999: unknown rule code"),
    ('[params.SPAN001]\nmaximum = 3\n', ".orgmodel.toml:2: params.SPAN001.maximum: unknown parameter 'maximum'"),
    ('[params.SPAN001]\nmax = "ten"\n', ".orgmodel.toml:2: params.SPAN001.max: parameter 'max' must be a whole number"),
    ('fail-on = "never"\n', ".orgmodel.toml:1: fail-on: expected one of"),
    ('rules = ["missing.toml"]\n', "missing.toml:1: cannot read the rule pack"),
    ("select = [\n", ".orgmodel.toml:2: not valid TOML"),
])
def test_config_errors_name_file_and_key(tmp_path: Path, config: str, message: str) -> None:
    root = project(tmp_path, {"org.txt": ORG, ".orgmodel.toml": config})
    result = run_cli("check", "org.txt", cwd=root)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_unknown_code_on_the_command_line(tmp_path: Path) -> None:
    root = project(tmp_path, {"org.txt": ORG})
    result = run_cli("check", "--select", "XYZ", "org.txt", cwd=root)
    assert result.returncode == 2
    assert result.stderr == "orgmodel: error: --select: unknown rule code or prefix 'XYZ' (orgmodel rules lists them)\n"


# Teaching orgmodel a team's words, and switching on opt-in rules, from the configuration.
TEACH_ORG = 'role cmo "CMO"\nrole tl "Teamlead Online"\n  reports-to cmo\nrole a "Analyst"\n  reports-to tl\n'


@pytest.mark.parametrize(("name", "text"), [
    (".orgmodel.toml", '[[extend-vocabulary.title-level]]\nlevel = "lead"\nany = ["teamlead"]\n'),
    ("pyproject.toml", '[tool.orgmodel]\n[[tool.orgmodel.extend-vocabulary.title-level]]\nlevel = "lead"\n'
                       'any = ["teamlead"]\n'),
])
def test_extend_vocabulary_teaches_title_words(tmp_path: Path, name: str, text: str) -> None:
    root = project(tmp_path, {"org.txt": TEACH_ORG})
    assert "TITLE002" in codes(run_cli("check", "org.txt", cwd=root).stdout)
    (root / name).write_text(text)
    taught = run_cli("check", "org.txt", cwd=root)
    assert "TITLE002" not in codes(taught.stdout), taught.stdout + taught.stderr


@pytest.mark.parametrize(("name", "text", "where"), [
    (".orgmodel.toml", '[extend-vocabulary]\nexclusive = ["pricing"]\n', ":2: extend-vocabulary.exclusive: 'pricing'"),
    (".orgmodel.toml", '[[extend-vocabulary.title-level]]\nlevel = "boss"\nany = ["x"]\n',
     ":2: extend-vocabulary.title-level[1].level: must be a level"),
    ("pyproject.toml", '[tool.orgmodel.extend-vocabulary]\nlayer-default = { manager = "middle" }\n',
     ":2: extend-vocabulary.layer-default.manager: must be a layer"),
    ("setup.cfg", "[orgmodel]\nextend-vocabulary = x\n", ":2: extend-vocabulary: not available in setup.cfg"),
])
def test_extend_vocabulary_errors_name_file_line_and_key(tmp_path: Path, name: str, text: str, where: str) -> None:
    root = project(tmp_path, {"org.txt": TEACH_ORG, name: text})
    done = run_cli("check", "org.txt", cwd=root)
    assert done.returncode == 2
    assert done.stderr.startswith(f"orgmodel: error: {root / name}{where}"), done.stderr


def test_opt_in_rules_run_when_selected(tmp_path: Path) -> None:
    org = 'role cmo "CMO"\n  owns vision\nrole m "Marketing Manager"\n  reports-to cmo\nrole a "Analyst"\n  reports-to m\n'
    root = project(tmp_path, {"org.txt": org})
    assert "MGR001" not in codes(run_cli("check", "org.txt", cwd=root).stdout)
    assert "MGR001" in codes(run_cli("check", "--extend-select", "MGR001", "org.txt", cwd=root).stdout)
    (root / ".orgmodel.toml").write_text('extend-select = ["MGR"]\n')
    assert "MGR001" in codes(run_cli("check", "org.txt", cwd=root).stdout)
    # select names rules too: only those run, opt-in ones included.
    assert codes(run_cli("check", "--select", "MGR001", "org.txt", cwd=root).stdout) == ["MGR001"]
    assert "SUP002" not in codes(run_cli("check", "--isolated", "org.txt", cwd=project(
        tmp_path / "b", {"org.txt": org.replace('"Marketing Manager"', '"Marketing Manager"  # orgmodel: ignore[MGR001] ok')}
    )).stdout)


BROKEN_DRAFT = 'role cmo "CMO"\nkpi nps "NPS"\n'


def test_exclude_applies_to_named_files_relative_to_the_config_folder(tmp_path: Path) -> None:
    root = project(tmp_path, {".orgmodel.toml": 'exclude = ["drafts/*"]\n', "drafts/wip.org.txt": BROKEN_DRAFT,
                              "team/org.txt": ORG})
    # pre-commit names every staged file: an excluded one is skipped, and nothing left to check is not an error.
    done = run_cli("check", "drafts/wip.org.txt", cwd=root)
    assert (done.returncode, done.stdout) == (0, "")
    assert "drafts/wip.org.txt: skipped, excluded by the configuration" in done.stderr
    done = run_cli("check", "wip.org.txt", cwd=root / "drafts")  # the pattern is relative to .orgmodel.toml
    assert (done.returncode, done.stdout) == (0, "")
    done = run_cli("check", "drafts/wip.org.txt", "team/org.txt", cwd=root)
    assert {line.split(":")[0] for line in done.stdout.splitlines()[:-1]} == {"team/org.txt"}
    forced = run_cli("check", "--force-include", "drafts/wip.org.txt", cwd=root)
    assert forced.returncode == 1 and "drafts/wip.org.txt:2:5: error KPI001" in forced.stdout
    assert run_cli("fmt", "--check", "drafts/wip.org.txt", cwd=root).returncode == 0
    assert run_cli("render", "drafts/wip.org.txt", cwd=root).returncode == 0
    assert not (root / "drafts" / "wip.svg").exists()


def test_an_exclude_pattern_that_matches_nothing_is_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path, {".orgmodel.toml": 'exclude = ["draft/*", "drafts/*"]\n',
                              "drafts/wip.org.txt": BROKEN_DRAFT, "org.txt": ORG})
    done = run_cli("check", ".", cwd=root)
    assert "warning: " in done.stderr and "exclude pattern 'draft/*' matches no org file" in done.stderr
    assert "'drafts/*'" not in done.stderr
