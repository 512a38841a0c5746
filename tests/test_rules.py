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
    # HIER002: two tops, no roles, one top; a loop is HIER001's and a dangling manager REF002's.
    (TOP + 'role x "Analyst"\n', "HIER002", [(2, "x")]),
    ('org "X"\nrole a "A"\n  reports-to b\nrole b "B"\n  reports-to a\n', "HIER002", []),
    ('org "X"\nrole a "CMO"\n  reports-to ceo\nrole b "Analyst"\n  reports-to a\n', "HIER002", []),
    ('org "X"\n', "HIER002", [(1, None)]),
    (TOP + 'role x "Analyst"\n  reports-to cmo\n', "HIER002", []),
    # HIER003: two solid lines, on two lines or on one; one plus a dotted line is fine.
    (TOP + 'role d "Director"\n  reports-to cmo\nrole x "X"\n  reports-to cmo\n  reports-to d\n', "HIER003", [(6, "x")]),
    (TOP + 'role d "Director"\n  reports-to cmo\nrole x "X"\n  reports-to cmo, d\n', "HIER003", [(5, "x")]),
    (TOP + 'role d "Director"\n  reports-to cmo\nrole x "X"\n  reports-to cmo\n  dotted-to d\n', "HIER003", []),
    # HIER004: lower rank is an error, equal a warning, higher fine; seniority ranks within a level.
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole d "Director"\n  reports-to m\n', "HIER004", [(5, "d")]),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole n "Brand Manager"\n  reports-to m\n'
     'role a "Brand Analyst"\n  reports-to n\n', "HIER004", [(5, "n")]),
    (TOP + 'role d "Director"\n  reports-to cmo\n', "HIER004", []),
    (TOP + 'role s "Senior Brand Manager"\n  reports-to cmo\nrole b "Brand Manager"\n  reports-to s\n'
     'role a "Assistant Brand Manager"\n  reports-to b\n', "HIER004", []),
    # ... a Manager title that manages nobody ranks as a contributor; an assumed level compares with nothing;
    # a head-of-function title may rank above its directors; ICs over ICs are not equal-rank findings.
    (TOP + 'role l "Content Lead"\n  reports-to cmo\nrole p "Community Manager"\n  reports-to l\n', "HIER004", []),
    (TOP + 'role x "Growth Ninja"\n  reports-to cmo\nrole d "Director of Growth"\n  reports-to x\n', "HIER004", []),
    ('role h "Head of Marketing"\nrole d "Director of Content"\n  reports-to h\n', "HIER004", []),
    ('role a "Art Director"\nrole d "Graphic Designer"\n  reports-to a\n', "HIER004", []),
    (TOP + 'role l "Content Lead"\n  reports-to cmo\nrole k "SEO Lead"\n  reports-to l\n', "HIER004", []),
    (TOP + 'role l "Content Manager"\n  reports-to cmo\nrole k "SEO Manager"\n  reports-to l\n'
     'role a "Analyst"\n  reports-to k\n', "HIER004", [(5, "k")]),
    # LEAD001: a Lead's manager is of manager rank; above it only where no Manager oversees its peers.
    (TOP + 'role k "Content Lead"\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to k\n', "LEAD001", [(5, "l")]),
    (TOP + 'role m "Growth Coordinator"\n  reports-to cmo\n  level manager\nrole l "SEO Lead"\n  reports-to m\n', "LEAD001", []),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to m\n', "LEAD001", []),
    (TOP + 'role l "SEO Lead"\n  reports-to cmo\n  channel seo\n', "LEAD001", []),
    (TOP + 'role m "Search Manager"\n  reports-to cmo\nrole p "PPC Lead"\n  reports-to m\n'
     'role l "SEO Lead"\n  reports-to cmo\n', "LEAD001", [(7, "l")]),
    (TOP + 'role m "Search Manager"\n  reports-to cmo\n  team search\nrole p "PPC Lead"\n  reports-to m\n'
     '  team search\nrole l "SEO Lead"\n  reports-to cmo\n  team brand\nteam search "S"\nteam brand "B"\n',
     "LEAD001", []),
    (TOP + 'role m "Events Manager"\n  reports-to cmo\nrole p "Field Events Lead"\n  reports-to m\n'
     'role l "SEO Lead"\n  reports-to cmo\n', "LEAD001", []),
    # LEAD002: a specialty in a channel line or in the title.
    ('role l "Marketing Lead"\n', "LEAD002", [(1, "l")]),
    ('role l "Teamleiter"\n', "LEAD002", [(1, "l")]),
    ('role l "Marketing Lead"\n  channel seo\n', "LEAD002", []),
    ('role l "SEO Lead"\n', "LEAD002", []),
    ('role l "Coordinadora de Eventos"\n', "LEAD002", []),
    ('role l "SEO Specialist"\n', "LEAD002", []),
    # LEAD003: more than three channels.
    ('role l "Growth Lead"\n  channel seo, ppc\n  channel social, email\n', "LEAD003", [(3, "l")]),
    ('role l "Growth Lead"\n  channel seo, ppc, social\n', "LEAD003", []),
    ('role l "Growth Lead"\n  channel seo, seo, seo, seo\n', "LEAD003", []),
    # LEAD004: a vacant Manager or above with Leads under it (solid lines).
    (TOP + 'role m "Marketing Manager"\n  person vacant\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to m\n',
     "LEAD004", [(2, "m")]),
    (TOP + 'role m "Marketing Manager"\n  person vacant\n  reports-to cmo\nrole l "SEO Analyst"\n  reports-to m\n',
     "LEAD004", []),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to m\n', "LEAD004", []),
    # MGR001 (opt-in): a Manager who manages people has a Lead among them; a dotted line counts.
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole a "Analyst"\n  reports-to m\n', "MGR001", [(2, "m")]),
    (TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole l "SEO Lead"\n  reports-to m\n', "MGR001", []),
    (TOP + 'role l "SEO Lead"\n  dotted-to m\nrole m "Marketing Manager"\n  reports-to cmo\n'
     'role a "Analyst"\n  reports-to m\n', "MGR001", []),
    (TOP + 'role m "Product Marketing Manager"\n  reports-to cmo\n', "MGR001", []),
    # KPI001: distinct owners.
    ('kpi k "K"\n', "KPI001", [(1, "k")]),
    (TOP + 'role o "Ops Director"\nkpi k "K"\n  owner cmo\n  owner o\n', "KPI001", [(5, "k")]),
    (TOP + 'kpi k "K"\n  owner cmo\n', "KPI001", []),
    (TOP + 'kpi k "K"\n  owner cmo, cmo\n', "KPI001", []),
    # KPI002: a strategic KPI not with an operational or tactical owner, an execution KPI not with a
    # strategic one; layers and scopes written, read from titles and names, or defaulted from levels.
    ('role o "Ops"\n  layer operational\nkpi k "K"\n  owner o\n  scope strategic\n', "KPI002", [(4, "k")]),
    ('role o "SEO Lead"\nkpi k "K"\n  owner o\n  scope strategic\n', "KPI002", [(3, "k")]),
    ('role s "Strategy"\n  layer strategic\nkpi k "K"\n  owner s\n  scope execution\n', "KPI002", [(4, "k")]),
    ('role c "CMO"\nkpi k "Customer Acquisition Cost"\n  owner c\n', "KPI002", [(3, "k")]),
    ('role o "Director of Marketing Operations"\nkpi k "Market Share"\n  owner o\n', "KPI002", [(3, "k")]),
    ('role o "Ops"\nkpi k "K"\n  owner o\n  scope execution\n', "KPI002", []),
    ('role s "Strategy"\n  layer strategic\nkpi k "K"\n  owner s\n', "KPI002", []),
    ('role m "Brand Director"\nkpi k "Market Share"\n  owner m\n', "KPI002", []),
    # KPI003
    ('role o "Ops"\n  person vacant\nkpi k "K"\n  owner o\n', "KPI003", [(4, "k")]),
    ('role o "Ops"\n  person "TBH"\nkpi k "K"\n  owner o\n', "KPI003", [(4, "k")]),
    ('role o "Ops"\n  person "P"\nkpi k "K"\n  owner o\n', "KPI003", []),
    ('role o "Ops"\nkpi k "K"\n  owner o\n', "KPI003", []),
    # KPI004 (opt-in): no scope, a name that does not tell, an owner whose layer would decide KPI002.
    ('role c "CMO"\nkpi k "Net Promoter Score"\n  owner c\n', "KPI004", [(2, "k")]),
    ('role c "CMO"\nkpi k "Conversion Rate"\n  owner c\n', "KPI004", []),
    ('role c "CMO"\nkpi k "Net Promoter Score"\n  owner c\n  scope strategic\n', "KPI004", []),
    ('role m "Marketing Manager"\nkpi k "Net Promoter Score"\n  owner m\n', "KPI004", []),
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
    ('org "X"\nrole a "A"\n', "RESP002", [(1, None)]),
    # RESP003
    ('role a "A"\n  owns budget-seting\n', "RESP003", [(2, "a")]),
    ('role a "A"\n  owns budget-setting\n', "RESP003", []),
    # LAYER001: strategic duties outside the strategic layer, hands-on ones in it; a Manager or Director
    # without a layer line is never flagged; a Lead holding a strategic duty is RESP004's.
    ('role a "A"\n  layer strategic\n  owns content-creation\n', "LAYER001", [(3, "a")]),
    ('role a "A"\n  layer tactical\n  owns vision\n', "LAYER001", [(3, "a")]),
    ('role c "CMO"\n  owns campaign-execution\n', "LAYER001", [(2, "c")]),
    ('role o "Director of Marketing Operations"\n  owns brand-positioning\n', "LAYER001", [(2, "o")]),
    ('role a "A"\n  layer operational\n  owns team-admin, content-creation\n', "LAYER001", []),
    ('role c "CMO"\n  owns funnel-growth, messaging-signoff\n', "LAYER001", []),
    ('role m "Marketing Manager"\n  owns vision, content-creation\n', "LAYER001", []),
    ('role l "SEO Lead"\n  owns vision\n', "LAYER001", []),
    # CAMP001
    ('campaign c "C"\n', "CAMP001", [(1, "c")]),
    ('role a "SEO Lead"\nrole b "PPC Lead"\ncampaign c "C"\n  lead a, b\n', "CAMP001", [(4, "c")]),
    ('role a "SEO Lead"\ncampaign c "C"\n  lead a\n', "CAMP001", []),
    # CAMP002: Leads, Managers, Directors (and contributors) run campaigns; executives do not.
    ('role a "VP Marketing"\ncampaign c "C"\n  lead a\n', "CAMP002", [(3, "c")]),
    ('role a "Marketing Director"\ncampaign c "C"\n  lead a\n', "CAMP002", []),
    ('role a "Brand Manager"\ncampaign c "C"\n  lead a\n', "CAMP002", []),
    ('role a "SEO Lead"\ncampaign c "C"\n  lead a\n', "CAMP002", []),
    # CAMP003: the campaign's channels overlap its lead's (when both have some).
    ('role a "SEO Lead"\n  channel seo\ncampaign c "C"\n  lead a\n  channel social\n', "CAMP003", [(4, "c")]),
    ('role a "SEO Lead"\n  channel seo\ncampaign c "C"\n  lead a\n  channel social, seo\n', "CAMP003", []),
    ('role a "SEO Lead"\ncampaign c "C"\n  lead a\n  channel social\n', "CAMP003", []),
    # CAMP004
    ('role a "SEO Lead"\n  person vacant\ncampaign c "C"\n  lead a\n', "CAMP004", [(4, "c")]),
    ('role a "SEO Lead"\n  person "P"\ncampaign c "C"\n  lead a\n', "CAMP004", []),
    # SPAN001: the limit is exceeded at 11, not at 10.
    (TOP + "".join(f'role r{i} "Analyst"\n  reports-to cmo\n' for i in range(11)), "SPAN001", [(1, "cmo")]),
    (TOP + "".join(f'role r{i} "Analyst"\n  reports-to cmo\n' for i in range(10)), "SPAN001", []),
    # XFN001 (opt-in): a Manager or above who manages people.
    ('role m "Marketing Manager"\nrole a "Analyst"\n  reports-to m\n', "XFN001", [(1, "m")]),
    ('role m "Marketing Manager"\n', "XFN001", []),
    ('role m "Marketing Lead"\nrole a "Analyst"\n  reports-to m\n', "XFN001", []),
    ('department s "Sales"\nrole m "VP Marketing"\n  liaises-with s\n', "XFN001", []),
    # XFN002
    ('department s "Sales"\nrole m "VP Marketing"\n', "XFN002", [(1, "s")]),
    ('department s "Sales"\nrole m "VP Marketing"\n  liaises-with s\n', "XFN002", []),
    # DIR001 (opt-in): a Director outside the strategic layer who manages nobody.
    (TOP + 'role d "Director of Events"\n  reports-to cmo\n', "DIR001", [(2, "d")]),
    (TOP + 'role d "Director of Events"\n  reports-to cmo\n  person vacant\n', "DIR001", []),
    (TOP + 'role d "Director of Strategy"\n  reports-to cmo\n  layer strategic\n', "DIR001", []),
    (TOP + 'role d "Director of Events"\n  reports-to cmo\nrole e "Events Manager"\n  reports-to d\n', "DIR001", []),
    # RESP004: a level-bound duty below its level; an assumed level is TITLE002's.
    ('role l "SEO Lead"\n  owns budget-execution, content-creation\n', "RESP004", [(2, "l")]),
    ('role a "Marketing Analyst"\n  owns kpi-framework\n', "RESP004", [(2, "a")]),
    ('role m "Marketing Manager"\n  owns budget-execution, vision\n', "RESP004", []),
    ('role x "Growth Ninja"\n  owns budget-execution\n', "RESP004", []),
    # RESP005: an exclusive duty held only by vacant roles.
    ('role a "Ops Director"\n  person vacant\n  owns marketing-calendar\n', "RESP005", [(1, "a")]),
    ('role a "Ops Director"\n  person vacant\n  owns marketing-calendar\nrole b "B"\n  owns marketing-calendar\n',
     "RESP005", []),
    ('role a "Ops Director"\n  owns marketing-calendar\n', "RESP005", []),
    # TITLE002: an assumed level, where it matters.
    ('role x "Growth Ninja"\nrole y "Analyst"\n  reports-to x\n', "TITLE002", [(1, "x")]),
    ('role x "Growth Ninja"\n  owns budget-execution\n', "TITLE002", [(1, "x")]),
    ('role x "Growth Ninja"\n', "TITLE002", []),
    ('role x "Growth Ninja"\n  level manager\nrole y "Analyst"\n  reports-to x\n', "TITLE002", []),
    # TITLE001: titles without their qualifiers, any case, reported on the later role.
    ('role a "director of marketing"\nrole b "Marketing  Director"\n', "TITLE001", [(2, "b")]),
    ('role a "Marketing Director, Snacks"\nrole b "Director of Marketing (Beverages)"\n', "TITLE001", [(2, "b")]),
    ('role a "Marketing Director"\nrole b "Marketing Director, EMEA"\n', "TITLE001", []),
    ('role a "Director of Marketing Operations"\nrole b "Marketing Director"\n', "TITLE001", []),
    # REF001: across kinds, and a second org line.
    ('team x "X"\nrole x "X"\n', "REF001", [(2, "x")]),
    ('role x "X"\nrole x "Y"\n', "REF001", [(2, "x")]),
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
    equal = check_text(TOP + 'role m "Marketing Manager"\n  reports-to cmo\nrole n "Brand Manager"\n  reports-to m\n'
                       'role a "Analyst"\n  reports-to n\n')
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
