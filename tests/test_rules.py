"""Every rule of the built-in pack, firing and not firing: (snippet, code, [(line, entity)])."""

from __future__ import annotations

import pytest

from conftest import findings

TOP = 'role cmo "CMO"\n'

CASES = [
    # HIER001: cycles of length 1, 2 and 3; a chain is not a cycle.
    ('role a "CMO"\n  reports-to a\n', "HIER001", [(1, "a")]),
    (TOP + 'role a "Director"\n  reports-to b\nrole b "VP"\n  reports-to a\n', "HIER001", [(2, "a")]),
    (TOP + 'role a "A"\n  reports-to c\nrole b "B"\n  reports-to a\nrole c "C"\n  reports-to b\n', "HIER001", [(2, "a")]),
    (TOP + 'role a "A"\n  reports-to cmo\nrole b "B"\n  reports-to a\n', "HIER001", []),
    # HIER002: two tops, no top, no roles, one top.
    (TOP + 'role x "Analyst"\n', "HIER002", [(2, "x")]),
    ('org "X"\nrole a "A"\n  reports-to b\nrole b "B"\n  reports-to a\n', "HIER002", [(1, None)]),
    ('org "X"\n', "HIER002", [(1, None)]),
    (TOP + 'role x "Analyst"\n  reports-to cmo\n', "HIER002", []),
    # HIER003: two solid lines, on two lines or on one; one plus a dotted line is fine.
    (TOP + 'role d "Director"\n  reports-to cmo\nrole x "X"\n  reports-to cmo\n  reports-to d\n', "HIER003", [(6, "x")]),
    (TOP + 'role d "Director"\n  reports-to cmo\nrole x "X"\n  reports-to cmo, d\n', "HIER003", [(5, "x")]),
    (TOP + 'role d "Director"\n  reports-to cmo\nrole x "X"\n  reports-to cmo\n  dotted-to d\n', "HIER003", []),
    # HIER004: lower rank is an error, equal a warning, higher fine.
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole d "Director"\n  reports-to m\n', "HIER004", [(5, "d")]),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole n "Brand Manager"\n  reports-to m\n', "HIER004", [(5, "n")]),
    (TOP + 'role d "Director"\n  reports-to cmo\n', "HIER004", []),
    # LEAD001: a Lead's manager is a Manager, by title or by explicit level.
    (TOP + 'role l "SEO Lead"\n  reports-to cmo\n  channel seo\n', "LEAD001", [(3, "l")]),
    (TOP + 'role m "Growth Coordinator"\n  reports-to cmo\n  level manager\nrole l "SEO Lead"\n  reports-to m\n', "LEAD001", []),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to m\n', "LEAD001", []),
    # LEAD002
    ('role l "SEO Lead"\n', "LEAD002", [(1, "l")]),
    ('role l "SEO Lead"\n  channel seo\n', "LEAD002", []),
    ('role l "SEO Specialist"\n', "LEAD002", []),
    # MGR001
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole a "Analyst"\n  reports-to m\n', "MGR001", [(2, "m")]),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to m\n', "MGR001", []),
    (TOP + 'role l "SEO Lead"\n  dotted-to m\nrole m "Marketing Manager"\n  reports-to cmo\n', "MGR001", [(4, "m")]),
    # KPI001
    ('kpi k "K"\n', "KPI001", [(1, "k")]),
    (TOP + 'role o "Ops Director"\nkpi k "K"\n  owner cmo\n  owner o\n', "KPI001", [(5, "k")]),
    (TOP + 'kpi k "K"\n  owner cmo\n', "KPI001", []),
    # KPI002: strategic KPI needs a strategic owner; an execution KPI must not have one.
    ('role o "Ops"\n  layer operational\nkpi k "K"\n  owner o\n  scope strategic\n', "KPI002", [(4, "k")]),
    ('role o "Ops"\nkpi k "K"\n  owner o\n  scope strategic\n', "KPI002", [(3, "k")]),
    ('role s "Strategy"\n  layer strategic\nkpi k "K"\n  owner s\n  scope execution\n', "KPI002", [(4, "k")]),
    ('role o "Ops"\nkpi k "K"\n  owner o\n  scope execution\n', "KPI002", []),
    ('role s "Strategy"\n  layer strategic\nkpi k "K"\n  owner s\n', "KPI002", []),
    # KPI003
    ('role o "Ops"\n  person vacant\nkpi k "K"\n  owner o\n', "KPI003", [(4, "k")]),
    ('role o "Ops"\n  person "P"\nkpi k "K"\n  owner o\n', "KPI003", []),
    ('role o "Ops"\nkpi k "K"\n  owner o\n', "KPI003", []),
    # BUD001
    ('role r "R"\n  owns budget-setting\n  owns budget-execution\n', "BUD001", [(1, "r")]),
    ('role r "R"\n  owns budget-setting\n', "BUD001", []),
    # BUD002: same person (case and spacing ignored), two roles.
    ('role a "A"\n  person "Ann  Lee"\n  owns budget-setting\nrole b "B"\n  person "ann lee"\n  owns budget-execution\n',
     "BUD002", [(4, "b")]),
    ('role a "A"\n  person "Ann Lee"\n  owns budget-setting\nrole b "B"\n  person "Bo Chen"\n  owns budget-execution\n',
     "BUD002", []),
    ('role a "A"\n  person "Ann"\n  owns budget-setting, budget-execution\nrole b "B"\n  person "Ann"\n  owns budget-execution\n',
     "BUD002", [(4, "b")]),
    ('role a "A"\n  person "Ann"\n  owns budget-setting, budget-execution\n', "BUD002", []),
    ('role a "A"\n  person vacant\n  owns budget-setting\nrole b "B"\n  person vacant\n  owns budget-execution\n',
     "BUD002", []),
    # RESP001: each extra holder.
    ('role a "A"\n  owns team-admin, marketing-calendar\nrole b "B"\n  owns marketing-calendar\nrole c "C"\n  owns marketing-calendar\n',
     "RESP001", [(4, "b"), (6, "c")]),
    ('role a "A"\n  owns team-admin\nrole b "B"\n  owns team-admin\n', "RESP001", []),
    # RESP002: at the org line, else line 1.
    ('# x\norg "X"\nrole a "A"\n  owns budget-setting, budget-execution, kpi-framework, messaging-signoff\n',
     "RESP002", [(2, None)]),
    ('role a "A"\n  owns budget-setting, budget-execution, kpi-framework, messaging-signoff, marketing-calendar\n',
     "RESP002", []),
    # RESP003
    ('role a "A"\n  owns budget-seting\n', "RESP003", [(2, "a")]),
    ('role a "A"\n  owns budget-setting\n', "RESP003", []),
    # LAYER001: both directions; a role without a layer is never flagged.
    ('role a "A"\n  layer strategic\n  owns team-admin\n', "LAYER001", [(3, "a")]),
    ('role a "A"\n  layer tactical\n  owns vision\n', "LAYER001", [(3, "a")]),
    ('role a "A"\n  layer operational\n  owns team-admin, content-creation\n', "LAYER001", []),
    ('role a "A"\n  owns vision, team-admin\n', "LAYER001", []),
    # CAMP001
    ('campaign c "C"\n', "CAMP001", [(1, "c")]),
    ('role a "SEO Lead"\nrole b "PPC Lead"\ncampaign c "C"\n  lead a, b\n', "CAMP001", [(4, "c")]),
    ('role a "SEO Lead"\ncampaign c "C"\n  lead a\n', "CAMP001", []),
    # CAMP002
    ('role a "Marketing Director"\ncampaign c "C"\n  lead a\n', "CAMP002", [(3, "c")]),
    ('role a "SEO Lead"\ncampaign c "C"\n  lead a\n', "CAMP002", []),
    # SPAN001: the limit is exceeded at 11, not at 10.
    (TOP + "".join(f'role r{i} "Analyst"\n  reports-to cmo\n' for i in range(11)), "SPAN001", [(1, "cmo")]),
    (TOP + "".join(f'role r{i} "Analyst"\n  reports-to cmo\n' for i in range(10)), "SPAN001", []),
    # XFN001: manager and above only.
    ('role m "Marketing Manager"\n', "XFN001", [(1, "m")]),
    ('role m "Marketing Lead"\n', "XFN001", []),
    ('department s "Sales"\nrole m "VP Marketing"\n  liaises-with s\n', "XFN001", []),
    # TITLE001: whole titles, any case, reported on the later role.
    ('role a "director of marketing"\nrole b "Marketing  Director"\n', "TITLE001", [(2, "b")]),
    ('role a "Marketing Director"\nrole b "Marketing Director, EMEA"\n', "TITLE001", []),
    # REF001: across kinds, and a second org line.
    ('team x "X"\nrole x "X"\n', "REF001", [(2, "x")]),
    ('org "A"\norg "B"\n', "REF001", [(2, None)]),
    ('team x "X"\nrole y "Y"\n  team x\n', "REF001", []),
    # REF002: undeclared, wrong kind, every referring key.
    ('role a "A"\n  reports-to b\n', "REF002", [(2, "a")]),
    ('team t "T"\nrole a "A"\n  reports-to t\n', "REF002", [(3, "a")]),
    ('role a "A"\n  team growth\n  liaises-with sales\n  dotted-to zz\n', "REF002", [(2, "a"), (3, "a"), (4, "a")]),
    ('kpi k "K"\n  owner nobody\ncampaign c "C"\n  kpi nokpi\n  lead x\n', "REF002", [(2, "k"), (4, "c"), (5, "c")]),
    ('department s "S"\nrole a "A"\n  liaises-with s\n', "REF002", []),
]


@pytest.mark.parametrize(("snippet", "code", "expected"), CASES)
def test_rule(snippet: str, code: str, expected: list[tuple[int, str | None]]) -> None:
    assert [(line, entity) for _, line, entity in findings(snippet, code)] == expected


def test_every_rule_has_cases_that_fire_and_that_do_not(pack) -> None:
    firing = {code for _, code, expected in CASES if expected}
    quiet = {code for _, code, expected in CASES if not expected}
    checked = {code for code, rule in pack.rules.items() if rule.kind.name != "language"}
    assert checked - firing == set()
    assert checked - quiet == set()


def test_equal_rank_is_a_warning_lower_rank_an_error() -> None:
    from orgmodel.api import check_text

    lower = check_text(TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole d "Director"\n  reports-to m\n')
    equal = check_text(TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole n "Brand Manager"\n  reports-to m\n')
    assert [str(f.severity) for f in lower.findings if f.code == "HIER004"] == ["error"]
    assert [str(f.severity) for f in equal.findings if f.code == "HIER004"] == ["warning"]


def test_pack_examples(pack) -> None:
    """Each rule's own documented example fires it, and its fix does not."""
    failures = []
    for code, rule in pack.rules.items():
        if code not in [c for c, _, _ in findings(rule.fires, pack=pack)]:
            failures.append(f"{code}: example.fires does not fire")
        if code in [c for c, _, _ in findings(rule.passes, pack=pack)]:
            failures.append(f"{code}: example.passes fires")
    assert failures == []
