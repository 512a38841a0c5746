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


BUDGET_RULE = RULE.replace('kind = "attribute-count"', 'kind = "separation-of-duties"').replace(
    'params = { entity = "campaign", attribute = "kpi", min = 1 }',
    'params = { duties = ["budget-setting", "budget-execution"], per = "role" }')
VOCABULARY = (REPO / "rules" / "vocabulary.toml").read_text()
COLOURS_LINE = VOCABULARY.splitlines().index("[vocabulary.layer-colours]") + 1


# Packs that loaded before and then gave wrong answers or an internal error (issue 10, item 10; issue 11, 11 and 14).
@pytest.mark.parametrize(("text", "line", "message"), [
    (RULE.replace('attribute = "kpi"', 'attribute = "ownr"'), 6,
     "rule X001: parameter 'attribute': campaign has no attribute 'ownr' (its attributes: lead, channel, kpi)"),
    (BUDGET_RULE.replace('per = "role"', 'per = "rolez"'), 6, "parameter 'per' must be one of role, person, not 'rolez'"),
    (BUDGET_RULE.replace('message = "m"', 'message = "{person} holds both"'), 7,
     "rule X001: message.role uses '{person}'; it may use {entity}, {first}, {second}"),
    (BUDGET_RULE.replace('"budget-execution"]', '"budget-execution", "kpi-framework"]'), 6,
     "parameter 'duties' needs exactly 2 items, not 3"),
    (BUDGET_RULE.replace('"budget-execution"]', '"budget-exec"]'), 6,
     "'budget-exec' in duties is not one of the responsibilities"),
    (RULE.replace('kind = "attribute-count"', 'kind = "language"').replace(
        'params = { entity = "campaign", attribute = "kpi", min = 1 }\n', ""), 5,
     "rule X001: kind language is orgmodel's reader's own"),
    (RULE.replace('kind = "attribute-count"', 'kind = ["attribute-count"]'), 5, "rule X001: unknown kind ['attribute-count']"),
    (RULE.replace('source = "000"', 'source = { id = "000" }'), 9, "rule X001: unknown source {'id': '000'}"),
    (RULE.replace('message = "m"', 'message = "{entity:>300000000}"'), 7,
     "rule X001: message.too-few uses '{entity:>300000000}'; it may use {entity}, {count}, {attribute}, {min}"),
    (RULE.replace('message = "m"', 'message = "{entity:d}"'), 7, "message.too-few uses '{entity:d}'"),
    (RULE.replace('message = "m"', 'message = "{entity!r}"'), 7, "message.too-few uses '{entity!r}'"),
    (RULE.replace('message = "m"', 'message = "{entity"'), 7, "message.too-few is not a valid template"),
    (RULE.replace('message = "m"', 'message = "{entity.__class__}"'), 7, "message.too-few uses '{entity.__class__}'"),
    (RULE.replace("min = 1", "min = -1"), 6, "parameter 'min' must be at least 0"),
    (RULE.replace("min = 1", "min = true"), 6, "parameter 'min' must be a whole number"),
    (RULE.replace("min = 1", 'where = { min-level = "boss" }'), 6, "where.min-level must be a level"),
    (RULE.replace("min = 1", 'where = { layer = ["stratgic"] }'), 6, "'stratgic' in where.layer is not a layer"),
    ('[[rule]]\ncode = "X001"\n', 2, "rule X001: 'name' must be a non-empty string"),
    ("rule = 3\n", 1, "'rule' must be an array of tables"),
    (VOCABULARY.replace('tactical = "#fef3c7"', ''), COLOURS_LINE,
     "vocabulary.layer-colours: layer 'tactical' needs a card colour"),
    (VOCABULARY.replace('layers = ["strategic", "operational", "tactical"]',
                        'layers = ["strategic", "operational", "tactical", "regional"]'), COLOURS_LINE,
     "layer 'regional' needs a card colour"),
    ("[extend-vocabulary]\nlevels = [{ name = \"head\", above = \"managr\" }]\n", 2,
     "extend-vocabulary.levels[1].above: must be a level, one of: ic, lead"),
    ("[extend-vocabulary.responsibilities]\npricing = { layers = [\"strategic\"], min-level = \"boss\" }\n", 2,
     "extend-vocabulary.responsibilities.pricing.min-level: must be a level"),
    ("[[extend-vocabulary.title-level]]\nlevel = \"lead\"\nany = [\"teamlead\"]\nstep = 9\n", 4,
     "extend-vocabulary.title-level[1].step: must be a whole number from -4 to 4"),
    ("[[extend-vocabulary.title-level]]\nlevel = \"leed\"\nany = [\"teamlead\"]\n", 2,
     "extend-vocabulary.title-level[1].level: must be a level"),
    ("[extend-vocabulary]\nexclusive = [\"pricing\"]\n", 2,
     "extend-vocabulary.exclusive: 'pricing' is not a known responsibility"),
])
def test_packs_that_misbehaved_are_refused_at_load(text: str, line: int, message: str) -> None:
    with pytest.raises(PackError) as raised:
        build_pack([("my-pack.toml", text)], load_builtin())
    error = raised.value
    assert message in error.message, str(error)
    assert (error.path, error.line) == ("my-pack.toml", line), str(error)


def test_a_replaced_vocabulary_must_keep_earlier_rules_valid() -> None:
    without_leads = (VOCABULARY.replace('"ic", "lead", ', '"ic", ').replace('level = "lead"', 'level = "ic"')
                     .replace('lead = "tactical"\n', "").replace('min-level = "lead"', 'min-level = "ic"'))
    with pytest.raises(PackError) as raised:
        build_pack([("vocab.toml", without_leads)], load_builtin())
    assert "this vocabulary breaks rule" in raised.value.message and "'lead'" in raised.value.message


def test_a_rule_of_an_existing_kind_is_data_only() -> None:
    pack = build_pack([("p.toml", RULE)], load_builtin())
    assert [c for c, _, _ in findings('campaign c "C"\n', "X001", pack)] == ["X001"]
