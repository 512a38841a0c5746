"""One root cause, one finding: duplicates, dangling managers, loops, assumed levels, case-only typos."""

from __future__ import annotations

import pytest
from conftest import findings

from orgmodel.api import check_text
from orgmodel.render.chart import build_chart

TEAM_AND_ROLE = '''role cmo "CMO"
  owns budget-setting, kpi-framework, marketing-calendar, messaging-signoff
team growth "Growth"
role growth "Growth Director"
  reports-to cmo
  team growth
  owns budget-execution
role mgr "Growth Manager"
  reports-to growth
  team growth
'''

SAME_KIND = '''role cmo "CMO"
  owns budget-setting, kpi-framework, marketing-calendar, messaging-signoff
role ops "Director of Marketing Operations"
  reports-to cmo
  owns budget-execution
role ops "Marketing Operations Director"
  owns budget-setting
'''


def test_a_team_and_a_role_with_one_id_are_both_kept() -> None:
    result = check_text(TEAM_AND_ROLE)
    assert [(f.code, f.line) for f in result.findings] == [("REF001", 4)]
    assert "growth" in result.org.roles and "growth" in result.org.teams
    assert result.org.roles["mgr"].manager_id == "growth"
    assert result.org.roles["mgr"].team is not None and result.org.roles["mgr"].team.text == "growth"
    assert 'id=growth' in build_chart(result.org, result.findings, ()).source


def test_a_second_role_with_one_id_is_kept_without_knock_ons() -> None:
    result = check_text(SAME_KIND)
    # Not RESP001 (budget-setting twice), not HIER002 (a second top), not BUD001: the duplicate is one problem.
    assert [(f.code, f.line, f.entity) for f in result.findings] == [("REF001", 6, "ops")]
    assert list(result.org.roles) == ["cmo", "ops", "ops.2"] and result.org.duplicates == {"ops.2"}
    assert result.org.roles["ops.2"].title == "Marketing Operations Director"
    assert 'id="ops.2"' in build_chart(result.org, result.findings, ()).source


@pytest.mark.parametrize(("snippet", "expected"), [
    # A dangling manager is REF002's; no second top, no "every role reports to another".
    ('role cmo "CMO"\n  reports-to ceo\nrole a "Analyst"\n  reports-to cmo\n', ["REF002"]),
    # A loop is HIER001's; no HIER002, no rank findings around it.
    ('role a "Marketing Director"\n  reports-to b\nrole b "Marketing Manager"\n  reports-to a\n', ["HIER001"]),
    # An assumed level is TITLE002's; no HIER004, no LEAD001, no RESP004 built on the guess.
    ('role x "Wizard"\nrole d "Marketing Director"\n  reports-to x\nrole l "SEO Lead"\n  reports-to x\n',
     ["TITLE002"]),
])
def test_one_root_cause_one_finding(snippet: str, expected: list[str]) -> None:
    codes = [code for code, _, _ in findings(snippet) if code not in ("RESP002", "XFN001", "MGR001", "DIR001")]
    assert codes == expected


@pytest.mark.parametrize(("snippet", "suggestion"), [
    ('role cmo "CMO"\nrole a "Analyst"\n  reports-to CMO\n', "did you mean 'cmo'?"),
    ('team growth "G"\nrole a "Analyst"\n  team Growth\n', "did you mean 'growth'?"),
    ('role cmo "CMO"\nrole a "Analyst"\n  reports-to cm\n', "did you mean 'cmo'?"),
])
def test_typos_get_a_suggestion_whatever_their_case(snippet: str, suggestion: str) -> None:
    messages = [f.message for f in check_text(snippet).findings if f.code == "REF002"]
    assert len(messages) == 1 and suggestion in messages[0]
