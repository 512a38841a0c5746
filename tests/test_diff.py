"""orgmodel.diff: a table of (old org, new org, every change expected), and what follows from them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from orgmodel.api import check_text
from orgmodel.diff import Diff, compare
from orgmodel.rulepack import RulePack

BASE = """\
org "Base"
department sales "Sales"
team brand "Brand"
team growth "Growth"

role cmo "Chief Marketing Officer"
  person "Dana Whitfield"
  owns vision
  liaises-with sales

role strategy "Sr. Marketing Director"
  person "Alex Moreno"
  reports-to cmo
  layer strategic
  team brand
  owns budget-setting, kpi-framework

role ops "Director of Marketing Operations"
  person "Priya Nair"
  reports-to cmo
  layer operational
  team growth
  owns budget-execution, marketing-calendar, messaging-signoff

role mgr "Digital Marketing Manager"
  person "Sam Oduya"
  reports-to ops
  team growth

role seo "SEO Lead"
  person "Kim Park"
  reports-to mgr
  team growth

role social "Social Media Lead"
  person "Ravi Shah"
  reports-to mgr
  team growth

kpi cac "Customer Acquisition Cost"
  owner ops
  scope execution

kpi share "Market Share"
  owner strategy
  scope strategic

campaign spring "Spring Launch"
  lead social
"""

ANALYST = """
role analyst "Marketing Analyst"
  person "Jo Lee"
  reports-to seo
  team growth
"""
SOCIAL = """
role social "Social Media Lead"
  person "Ravi Shah"
  reports-to mgr
  team growth
"""


def edit(*replacements: tuple[str, str], text: str = BASE) -> str:
    """``text`` with each (old, new) replaced; each old text must occur exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


NO_FRAMEWORK = edit(("budget-setting, kpi-framework", "budget-setting"))  # a finding about the whole org, on line 1
SEO_VACANT = edit(('"Kim Park"\n  reports-to mgr', 'vacant\n  reports-to mgr'))
SOCIAL_VACANT = edit(('"Ravi Shah"', "vacant"))

Expected = tuple[str, str, object, object]  # kind, subject, before, after

# (old org, new org, every change: kind, subject, before, after)
CASES: list[tuple[str, str, str, list[Expected]]] = [
    ("unchanged", BASE, BASE, []),
    ("unrelated edits: comments, blank lines, declarations reordered", BASE,
     "# reviewed by HR\n\n" + edit(('campaign spring "Spring Launch"\n  lead social\n', ""),
                                   ('team brand "Brand"\n', 'team brand "Brand"\n\n# spring\ncampaign spring '
                                    '"Spring Launch"\n  lead social\n')), []),
    ("unrelated edits: line 1, where findings about the whole org sit", NO_FRAMEWORK,
     edit(('org "Base"', 'org "Base Marketing"'), text=NO_FRAMEWORK), []),
    ("role added", BASE, BASE + ANALYST,
     [("role-added", "analyst", None, "seo"), ("hired", "Jo Lee", None, ("analyst",)), ("span", "seo", "0", "1")]),
    ("role removed", BASE, edit((SOCIAL, ""), ("lead social", "lead seo")),
     [("role-removed", "social", "mgr", None), ("left", "Ravi Shah", ("social",), None), ("span", "mgr", "2", "1"),
      ("campaign-lead", "spring", ("social",), ("seo",))]),
    ("rename: same person and title under a new ID", BASE, edit(("role seo ", "role seo-lead ")),
     [("role-renamed", "seo-lead", "seo", "seo-lead")]),
    ("rename of a manager: its reports do not move", BASE,
     edit(("role mgr ", "role digital "),
          ("person \"Kim Park\"\n  reports-to mgr", "person \"Kim Park\"\n  reports-to digital"),
          ("person \"Ravi Shah\"\n  reports-to mgr", "person \"Ravi Shah\"\n  reports-to digital")),
     [("role-renamed", "digital", "mgr", "digital")]),
    ("rename of a vacant role: same title and manager", SEO_VACANT,
     edit(("role seo ", "role seo-lead "), text=SEO_VACANT),
     [("role-renamed", "seo-lead", "seo", "seo-lead")]),
    ("new ID with another title is no rename: the person moved", BASE,
     edit(('role seo "SEO Lead"', 'role search "Search Lead"')),
     [("role-added", "search", None, "mgr"), ("role-removed", "seo", "mgr", None),
      ("person-moved", "Kim Park", ("seo",), ("search",))]),
    ("move", BASE, edit(("\"Ravi Shah\"\n  reports-to mgr", "\"Ravi Shah\"\n  reports-to ops")),
     [("moved", "social", "mgr", "ops"), ("span", "ops", "1", "2"), ("span", "mgr", "2", "1")]),
    ("title, and the level it implies", BASE, edit(('"Digital Marketing Manager"', '"Digital Marketing Director"')),
     [("title", "mgr", "Digital Marketing Manager", "Digital Marketing Director"),
      ("level", "mgr", "manager", "director")]),
    ("level written", BASE, edit(("reports-to ops\n  team growth", "reports-to ops\n  level director\n  team growth")),
     [("level", "mgr", "manager", "director")]),
    ("layer", BASE, edit(("layer operational", "layer strategic")), [("layer", "ops", "operational", "strategic")]),
    ("team, and the head of the team it joins", BASE,
     edit(("\"Kim Park\"\n  reports-to mgr\n  team growth", "\"Kim Park\"\n  reports-to mgr\n  team brand")),
     [("team", "seo", "growth", "brand"), ("team-head", "brand", ("strategy",), ("seo", "strategy"))]),
    ("a person replaced: a hire and a leaver", BASE, edit(('"Kim Park"', '"Lee Chen"')),
     [("hired", "Lee Chen", None, ("seo",)), ("left", "Kim Park", ("seo",), None)]),
    ("a person moves roles, leaving a vacancy", BASE,
     edit(('"Kim Park"', "vacant"), ('"Ravi Shah"', '"Kim Park"')),
     [("person-moved", "Kim Park", ("seo",), ("social",)), ("left", "Ravi Shah", ("social",), None),
      ("vacancy-opened", "seo", "Kim Park", None)]),
    ("a vacancy filled by an existing employee", SOCIAL_VACANT,
     edit(("person vacant", 'person "(moving)"'), ('"Kim Park"', "vacant"), ('"(moving)"', '"Kim Park"'),
          text=SOCIAL_VACANT),
     [("person-moved", "Kim Park", ("seo",), ("social",)), ("vacancy-opened", "seo", "Kim Park", None),
      ("vacancy-filled", "social", None, "Kim Park")]),
    ("a vacancy filled by a hire", SOCIAL_VACANT, BASE,
     [("hired", "Ravi Shah", None, ("social",)), ("vacancy-filled", "social", None, "Ravi Shah")]),
    ("dotted line added", BASE, edit(("reports-to mgr\n  team growth\n\nrole social",
                                      "reports-to mgr\n  dotted-to strategy\n  team growth\n\nrole social")),
     [("dotted-added", "seo", None, "strategy")]),
    ("responsibility handed over", BASE,
     edit((", messaging-signoff", ""),
          ("reports-to ops\n  team growth", "reports-to ops\n  team growth\n  owns messaging-signoff")),
     [("duty", "messaging-signoff", ("ops",), ("mgr",))]),
    ("KPI owner changed, KPI removed and added", BASE,
     edit(("owner ops", "owner mgr"), ('kpi share "Market Share"', 'kpi nps "Net Promoter Score"')),
     [("kpi-owner", "cac", ("ops",), ("mgr",)), ("kpi-added", "nps", None, ("strategy",)),
      ("kpi-removed", "share", ("strategy",), None)]),
    ("campaign lead changed, campaign added", BASE,
     edit(("lead social", "lead seo\n\ncampaign fall \"Fall Sale\"\n  lead social")),
     [("campaign-lead", "spring", ("social",), ("seo",)), ("campaign-added", "fall", None, ("social",))]),
    ("teams and departments", BASE,
     edit(('team brand "Brand"\n', 'team events "Events"\n'), ('"Sales"', '"Sales & Revenue"'),
          ("layer strategic\n  team brand", "layer strategic"),
          ("department sales", 'department product "Product"\ndepartment sales')),
     [("team-added", "events", None, None), ("team-removed", "brand", None, None),
      ("department-name", "sales", "Sales", "Sales & Revenue"), ("department-added", "product", None, None),
      ("team", "strategy", "brand", None)]),
    ("a team loses its head", BASE, edit(('"Priya Nair"', "vacant")),
     [("left", "Priya Nair", ("ops",), None), ("vacancy-opened", "ops", "Priya Nair", None),
      ("team-head", "growth", ("ops",), ("ops",))]),
    ("a reporting cycle introduced", BASE, edit(("owns vision", "reports-to social\n  owns vision")),
     [("moved", "cmo", None, "social"), ("span", "social", "0", "1")]),
    ("findings only: a KPI's scope", BASE, edit(("scope strategic", "scope execution")), []),
]


def _compare(old: str, new: str, pack: RulePack) -> Diff:
    return compare(check_text(old, "old.org.txt", pack), check_text(new, "new.org.txt", pack), pack.vocabulary)


def _seen(diff: Diff) -> list[Expected]:
    return sorted(((c.kind, c.subject, c.before, c.after) for c in diff.changes), key=repr)


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_every_change_is_found_and_nothing_else(old: str, new: str, expected: list[Expected], pack: RulePack) -> None:
    diff = _compare(old, new, pack)
    assert _seen(diff) == sorted(expected, key=repr), f"old:\n{old}\nnew:\n{new}"


def test_every_kind_of_change_is_in_the_table(pack: RulePack) -> None:
    from orgmodel.diff_kinds import KINDS

    covered = {kind for _, _, _, expected in CASES for kind, *_ in expected}
    # Removals and renames of the kinds the table adds are the same code read backwards (below).
    backwards = {"dotted-removed", "campaign-removed", "department-removed", "team-name"}
    assert set(KINDS) - covered == backwards


@pytest.mark.parametrize(("old", "new"), [case[1:3] for case in CASES], ids=[case[0] for case in CASES])
def test_backwards_is_the_mirror(old: str, new: str, pack: RulePack) -> None:
    """new -> old introduces what old -> new resolved, and resolves what it introduced."""
    forward, backward = _compare(old, new, pack), _compare(new, old, pack)
    assert {i.fingerprint for i in backward.introduced} == {i.fingerprint for i in forward.resolved}
    assert {i.fingerprint for i in backward.resolved} == {i.fingerprint for i in forward.introduced}


BACKWARDS = [("dotted line removed", edit(("reports-to mgr\n  team growth\n\nrole social",
                                           "reports-to mgr\n  dotted-to strategy\n  team growth\n\nrole social")),
              BASE, [("dotted-removed", "seo", "strategy", None)]),
             ("campaign removed", edit(("lead social", "lead social\n\ncampaign fall \"Fall\"\n  lead seo")), BASE,
              [("campaign-removed", "fall", ("seo",), None)]),
             ("department removed, team renamed", edit(('department sales "Sales"\n', 'department sales "Sales"\n'
                                                        'department pr "PR"\n')),
              edit(('"Brand"', '"Brand & Strategy"')),
              [("department-removed", "pr", None, None), ("team-name", "brand", "Brand", "Brand & Strategy")])]


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in BACKWARDS], ids=[c[0] for c in BACKWARDS])
def test_removals(old: str, new: str, expected: list[Expected], pack: RulePack) -> None:
    assert _seen(_compare(old, new, pack)) == sorted(expected, key=repr)


def _case(name: str) -> tuple[str, str]:
    return next((old, new) for case_name, old, new, _ in CASES if case_name.startswith(name))


def _figure(diff: Diff, key: str) -> tuple[object, object]:
    figure = next(f for f in diff.figures if f.key == key)
    return figure.before, figure.after


def _kinds(pack: RulePack, findings: Sequence[object]) -> set[tuple[str, str | None]]:
    """(check kind, entity) of findings: rule codes change, the kind of check does not."""
    return {(pack.rules[f.code].kind.name if f.code in pack.rules else f.code, f.entity)  # type: ignore[attr-defined]
            for f in findings}


def test_unrelated_edits_and_renames_introduce_and_resolve_nothing(pack: RulePack) -> None:
    for name in ("unrelated edits: comments", "unrelated edits: line 1", "rename: same person", "rename of a manager",
                 "rename of a vacant"):
        diff = _compare(*_case(name), pack)
        assert diff.introduced == () and diff.resolved == (), name
        assert all(f.before == f.after for f in diff.figures), name


def test_findings_about_the_whole_org_exist_in_the_line_1_case(pack: RulePack) -> None:
    """Else the case above would prove nothing."""
    result = check_text(NO_FRAMEWORK, "old.org.txt", pack)
    assert any(f.entity is None and f.line == 1 for f in result.findings)


def test_a_cycle_is_introduced_with_its_consequences(pack: RulePack) -> None:
    diff = _compare(*_case("a reporting cycle"), pack)
    assert "reporting-cycle" in {kind for kind, _ in _kinds(pack, [i.finding for i in diff.introduced])}
    assert _figure(diff, "unplaced") == (0, 6)
    assert _figure(diff, "tops") == (1, 0)


def test_findings_only_change(pack: RulePack) -> None:
    diff = _compare(*_case("findings only"), pack)
    assert diff.changes == ()
    assert [(i.finding.severity.name, i.finding.entity) for i in diff.introduced] == [("WARNING", "share")]
    assert diff.resolved == ()
    assert _figure(diff, "warnings")[1] == _figure(diff, "warnings")[0] + 1  # type: ignore[operator]


def test_details_say_where_a_level_came_from_and_where_people_went(pack: RulePack) -> None:
    def detail(case: str, kind: str) -> str:
        return next(c.detail for c in _compare(*_case(case), pack).changes if c.kind == kind)

    # The evidence (which title words) is the vocabulary's business; where each level came from is the diff's.
    assert re.fullmatch(r'was inferred from the title: "[^;]*manager"; now inferred from the title: "[^;]*director"',
                        detail("title, and the level", "level"))
    assert re.fullmatch(r'was inferred from the title: "[^;]*manager"; now written in the file',
                        detail("level written", "level"))
    assert detail("a vacancy filled by an existing employee", "vacancy-filled") == "was in seo"
    assert detail("a vacancy filled by an existing employee", "vacancy-opened") == "now in social"
    assert detail("a vacancy filled by a hire", "vacancy-filled") == "new to the org"
    assert detail("a team loses its head", "team-head") == "ops is now vacant"
    assert detail("a team loses its head", "vacancy-opened") == "left the org"
    assert detail("rename of a vacant", "role-renamed") == "vacant, same title and manager"


def test_roles_per_layer(pack: RulePack) -> None:
    diff = _compare(*_case("layer"), pack)
    strategic, operational = _figure(diff, "layer-strategic"), _figure(diff, "layer-operational")
    assert strategic[1] == strategic[0] + 1 and operational[1] == operational[0] - 1  # type: ignore[operator]
    layers = {f.key for f in diff.figures if f.key.startswith("layer-")}
    assert layers == {f"layer-{name}" for name in pack.vocabulary.layers}


def test_headcount_and_span_figures(pack: RulePack) -> None:
    added = _compare(*_case("role added"), pack)
    assert _figure(added, "roles") == (6, 7) and _figure(added, "people") == (6, 7)
    assert _figure(added, "depth") == (4, 5)
    opened = _compare(*_case("a person moves roles"), pack)
    assert _figure(opened, "vacant") == (0, 1) and _figure(opened, "people") == (6, 5)
    assert _figure(opened, "vacancy-rate") == (0.0, 1 / 6)


def test_ambiguous_renames_stay_additions_and_removals(pack: RulePack) -> None:
    """Two new roles with the same person and title: no way to tell which is the old one."""
    twice = edit(("role seo ", "role seo-a "), ("\"Ravi Shah\"\n  reports-to mgr\n  team growth\n",
                                                 "\"Ravi Shah\"\n  reports-to mgr\n  team growth\n\nrole seo-b "
                                                 "\"SEO Lead\"\n  person \"Kim Park\"\n  reports-to mgr\n"))
    kinds = sorted(c.kind for c in _compare(BASE, twice, pack).changes)
    assert "role-renamed" not in kinds and kinds.count("role-added") == 2 and "role-removed" in kinds


def test_the_benchmark_reorg_has_every_kind_it_claims_and_prints_its_rows(pack: RulePack,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/diff_scaling.py at tiny sizes: not a timing test, a test that its rows are there and honest."""
    import sys

    from conftest import REPO

    from orgmodel.synthetic import generate

    sys.path.insert(0, str(REPO / "benchmarks"))
    import diff_scaling

    old = generate(2000, seed=1).text
    kinds = {c.kind for c in _compare(old, diff_scaling.reorganise(old), pack).changes}
    assert {"moved", "role-renamed", "vacancy-opened", "title", "left"} <= kinds
    assert "role-added" not in kinds and "role-removed" not in kinds  # every rename is recognised
    status = diff_scaling.main(["--runs", "1", "--sizes", "300,600"])
    rows = capsys.readouterr().out.splitlines()
    assert [row.split(" orgs")[0] for row in rows[:2]] == ["diff of two     300-role", "diff of two     600-role"]
    assert all(" two checks (" in row and "comparing alone" in row for row in rows[:2])
    assert rows[2].startswith("comparing: 600 / 300 roles") and rows[2].endswith(("PASS", "FAIL"))
    assert status == (0 if rows[2].endswith("PASS") else 1)
