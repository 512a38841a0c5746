"""Custom rule packs: the documented worked example end to end, and pack errors."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from conftest import REPO, findings, run_cli
from orgmodel.rulepack import PackError, build_pack, load_builtin, load_packs

DOC = (REPO / "docs" / "rule-packs.md").read_text()


def write_doc_files(folder: Path) -> None:
    for block in re.findall(r"```[a-z]*\n(.*?)```", DOC, re.S):
        first, _, body = block.partition("\n")
        match = re.match(r"# file: (\S+)", first)
        if match:
            (folder / match.group(1)).write_text(body)


def test_worked_example_runs_as_documented(tmp_path: Path) -> None:
    write_doc_files(tmp_path)
    console = re.search(r"```console\n\$ (.*?)\n(.*?)```", DOC, re.S)
    assert console is not None
    command, expected = shlex.split(console.group(1)), console.group(2)
    assert command[0] == "orgmodel"
    result = run_cli(*command[1:], cwd=tmp_path)
    assert result.stdout == expected
    assert result.returncode == 1


def test_custom_rules_get_docs_formats_and_their_own_examples(tmp_path: Path) -> None:
    write_doc_files(tmp_path)
    pack = load_packs([tmp_path / "growth-rules.toml"])
    for code in ("GROW001", "GROW002", "GROW003"):
        rule = pack.rules[code]
        assert code in [c for c, _, _ in findings(rule.fires, pack=pack)]
        assert code not in [c for c, _, _ in findings(rule.passes, pack=pack)]
    listed = run_cli("rules", "--rules", "growth-rules.toml", cwd=tmp_path).stdout
    assert "GROW002" in listed and "HIER001" in listed
    explained = run_cli("explain", "grow002", "--rules", "growth-rules.toml", cwd=tmp_path).stdout
    assert "Marketing Manager vs Marketing Director" in explained  # cites a built-in source
    sarif = json.loads(run_cli("check", "--format", "sarif", "--rules", "growth-rules.toml", "growth.org.txt",
                               cwd=tmp_path).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "Growth team handbook" in rules["GROW001"]["help"]["markdown"]


def test_packs_are_never_picked_up_silently(tmp_path: Path) -> None:
    write_doc_files(tmp_path)
    result = run_cli("check", "growth.org.txt", cwd=tmp_path)
    assert not [line for line in result.stdout.splitlines() if " GROW" in line and "SUP002" not in line]
    # Its suppression names a rule that is not loaded, and says so.
    assert "suppression names GROW001, which is not a rule" in result.stdout
    config = tmp_path / ".orgmodel.toml"
    config.write_text('rules = ["growth-rules.toml"]\n')
    assert "GROW002" in run_cli("check", "growth.org.txt", cwd=tmp_path).stdout


def test_the_documented_error_message(tmp_path: Path) -> None:
    write_doc_files(tmp_path)
    pack = tmp_path / "growth-rules.toml"
    pack.write_text(pack.read_text().replace('attribute = "kpi"', 'atribute = "kpi"'))
    result = run_cli("check", "--rules", "growth-rules.toml", "growth.org.txt", cwd=tmp_path)
    assert result.returncode == 2
    documented = re.search(r"`(growth-rules\.toml:\d+: rule GROW001: unknown parameter[^`]*)`", DOC)
    assert documented is not None
    assert result.stderr == f"orgmodel: error: {documented.group(1)}\n"


RULE = '''[[rule]]
code = "X001"
name = "x"
severity = "warning"
kind = "attribute-count"
params = { entity = "campaign", attribute = "kpi", min = 1 }
message = "m"
summary = "s"
source = "000"
principle = "p"
why = "w"
fix = "f"
example.fires = "campaign c \\"C\\""
example.passes = ""
'''


@pytest.mark.parametrize(("text", "line", "message"), [
    (RULE.replace('code = "X001"', 'code = "x1"'), 2, "rule code 'x1' must be capital letters then three digits"),
    (RULE.replace('severity = "warning"', 'severity = "loud"'), 4, "rule X001: severity must be one of"),
    (RULE.replace('kind = "attribute-count"', 'kind = "attribute-cnt"'), 5, "rule X001: unknown kind 'attribute-cnt'"),
    (RULE.replace("min = 1", "min = 'one'"), 6, "rule X001: parameter 'min' must be a whole number"),
    (RULE.replace('entity = "campaign", ', ""), 6, "rule X001: kind attribute-count needs parameter 'entity'"),
    (RULE.replace('source = "000"', 'source = "nope"'), 9, "rule X001: unknown source 'nope'"),
    (RULE.replace('why = "w"\n', ""), 2, "rule X001: 'why' must be a non-empty string"),
    (RULE.replace('message = "m"', 'message = "{nope}"'), 7, "rule X001: message.too-few uses '{nope}'"),
    (RULE.replace('message = "m"', 'message.oops = "m"'), 7, "rule X001: kind attribute-count has no case 'oops'"),
    (RULE.replace('fix = "f"', 'fix = "f"\ncolour = "red"'), 13, "rule X001: unknown key 'colour'"),
    (RULE.replace('example.passes = ""\n', ""), 13, "rule X001: needs example.fires and example.passes"),
    (RULE + RULE, 16, "rule X001 is defined twice"),
    (RULE.replace("params = {", "params = {{"), 6, "not valid TOML"),
    ("[rulez]\n", 1, "unknown top-level key 'rulez'"),
    (RULE.replace("where", "x").replace("min = 1", 'where = { team = "growth" }'), 6,
     "rule X001: where.team must be a list of strings"),
    (RULE.replace("min = 1", 'where = { level = ["boss"] }'), 6, "rule X001: 'boss' in where.level is not a level"),
])
def test_pack_errors_name_file_line_and_key(text: str, line: int, message: str) -> None:
    with pytest.raises(PackError) as raised:
        build_pack([("my-pack.toml", text)], load_builtin())
    error = raised.value
    assert (error.path, error.line) == ("my-pack.toml", line), str(error)
    assert message in error.message
    assert str(error).startswith(f"my-pack.toml:{line}: ")


def test_a_rule_of_an_existing_kind_is_data_only() -> None:
    pack = build_pack([("p.toml", RULE)], load_builtin())
    assert [c for c, _, _ in findings('campaign c "C"\n', "X001", pack)] == ["X001"]
