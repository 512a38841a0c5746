"""orgmodel show: each fact, and where it came from, through the console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

ORG = '''org "Facts"
role ceo "Founder & CEO"
role cmo "VP, Marketing"
  reports-to ceo
role ops "Director of Marketing Operations"
  reports-to cmo
role sbm "Senior Brand Manager"
  reports-to cmo
  level manager
role seo "SEO Lead"
  reports-to sbm
role ninja "Growth Ninja"
  reports-to cmo
  layer operational
kpi cac "Customer Acquisition Cost"
  owner ops
kpi nps "Net Promoter Score"
  owner cmo
  scope strategic
kpi pipe "Pipeline"
  owner cmo
'''

# role -> (level, origin, evidence, rank text, layer, layer origin, specialties)
EXPECTED = {
    "ceo": ("c-level", "title", ["ceo"], "c-level+2", "strategic", "level", []),
    "cmo": ("vp", "title", ["vp"], "vp", "strategic", "level", []),
    "ops": ("director", "title", ["director"], "director", "operational", "title", ["analytics"]),
    "sbm": ("manager", "written", [], "manager", None, "none", []),
    "seo": ("lead", "title", ["lead"], "lead", "tactical", "level", ["seo"]),
    "ninja": ("ic", "default", [], "ic", "operational", "written", ["growth"]),
}


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("show")
    (folder / "facts.org.txt").write_text(ORG)
    done = run_cli("show", "--format", "json", "facts.org.txt", cwd=folder)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("role", EXPECTED)
def test_each_fact_says_where_it_came_from(shown: dict, role: str) -> None:  # type: ignore[type-arg]
    found = {r["id"]: r for r in shown["roles"]}[role]
    level, origin, evidence, rank, layer, layer_origin, specialties = EXPECTED[role]
    assert (found["level"]["value"], found["level"]["origin"], found["level"]["evidence"]) == (level, origin, evidence)
    assert found["rank_text"] == rank
    assert (found["layer"]["value"], found["layer"]["origin"]) == (layer, layer_origin)
    assert found["specialties"] == specialties


def test_kpi_scopes_say_where_they_came_from(shown: dict) -> None:  # type: ignore[type-arg]
    scopes = {k["id"]: (k["scope"]["value"], k["scope"]["origin"]) for k in shown["kpis"]}
    assert scopes == {"cac": ("execution", "name"), "nps": ("strategic", "written"), "pipe": ("execution", "name")}


def test_text_lists_every_role_and_names_the_assumed_ones(tmp_path: Path) -> None:
    (tmp_path / "facts.org.txt").write_text(ORG)
    done = run_cli("show", "facts.org.txt", cwd=tmp_path)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Facts (facts.org.txt): 6 roles, 3 KPIs"
    ninja = next(line for line in lines if line.startswith("ninja "))
    assert 'ic (assumed: the title matched no level word)' in ninja and "operational (written in the file)" in ninja
    assert 'senior-director' not in next(line for line in lines if line.startswith("sbm "))
    assert lines[-1].startswith("Assumed levels (1): ninja.")


def test_words_taught_in_the_configuration_count(tmp_path: Path) -> None:
    (tmp_path / "facts.org.txt").write_text(ORG)
    (tmp_path / ".orgmodel.toml").write_text('[[extend-vocabulary.title-level]]\nlevel = "manager"\nany = ["ninja"]\n')
    found = {r["id"]: r for r in json.loads(run_cli("show", "--format", "json", "facts.org.txt", cwd=tmp_path).stdout)["roles"]}
    assert (found["ninja"]["level"]["value"], found["ninja"]["level"]["evidence"]) == ("manager", ["ninja"])


@pytest.mark.parametrize(("args", "message"), [
    (("nope.org.txt",), "nope.org.txt: no such file or directory"),
    ((".",), ".: a directory; show takes one org file"),
])
def test_unreadable_input_is_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = run_cli("show", *args, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, f"orgmodel: error: {message}\n")
