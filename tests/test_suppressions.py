"""Inline suppressions: every case, as (org text, expected (code, line) findings of interest)."""

from __future__ import annotations

import pytest
from conftest import findings

KPI = 'kpi k "K"'

CASES = [
    # On the declaration line: silences the entity's finding.
    (f"{KPI}  # orgmodel: ignore[KPI001] owner hired in May\n", []),
    # On an attribute line of the same declaration: silences it too.
    ('role cmo "CMO"\nkpi k "K"\n  scope execution  # orgmodel: ignore[KPI001] owner hired in May\n', []),
    # Another entity's line does not silence it.
    ('role cmo "CMO"  # orgmodel: ignore[KPI001] wrong place\nkpi k "K"\n',
     [("KPI001", 2), ("SUP002", 1)]),
    # A different code does not silence it, and is itself unused.
    (f"{KPI}  # orgmodel: ignore[KPI002] wrong code\n", [("KPI001", 1), ("SUP002", 1)]),
    # Several codes; one used, one not.
    (f"{KPI}  # orgmodel: ignore[KPI001, KPI003] partly right\n", [("SUP002", 1)]),
    # No reason: silenced, but SUP001.
    (f"{KPI}  # orgmodel: ignore[KPI001]\n", [("SUP001", 1)]),
    # Unknown code.
    (f"{KPI}  # orgmodel: ignore[KPI001, NOPE999] typo\n", [("SUP002", 1)]),
    # On a line of its own: applies to nothing.
    (f"# orgmodel: ignore[KPI001] above\n{KPI}\n", [("KPI001", 2), ("SUP002", 1)]),
    # Whole file.
    (f"# orgmodel: ignore-file[KPI001] KPIs are owned in the finance file\n{KPI}\nkpi j \"J\"\n", []),
    ("# orgmodel: ignore-file[KPI001] nothing to silence\nrole cmo \"CMO\"\n", [("SUP002", 1)]),
    # Malformed.
    (f"{KPI}  # orgmodel: ignore KPI001 forgot brackets\n", [("KPI001", 1), ("SUP003", 1)]),
    (f"{KPI}  # orgmodel: ignore[kpi001] lower case\n", [("KPI001", 1), ("SUP003", 1)]),
    # An ordinary comment that mentions orgmodel is not a directive.
    (f"{KPI}  # see the orgmodel docs\n", [("KPI001", 1)]),
    # A '#' inside a string is not a comment.
    ('kpi k "# orgmodel: ignore[KPI001] x"\n', [("KPI001", 1)]),
    # A finding on the same line without an entity (a syntax error) is silenced by line.
    ('role a "A"\n  reprots-to b  # orgmodel: ignore[SYN002] legacy key, migrating\n', []),
    # Suppression findings cannot silence themselves.
    (f"{KPI}  # orgmodel: ignore[KPI001, SUP001]\n", [("SUP001", 1), ("SUP002", 1)]),
]
INTEREST = {"KPI001", "SUP001", "SUP002", "SUP003", "SYN002"}


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_suppression(text: str, expected: list[tuple[str, int]]) -> None:
    got = sorted((code, line) for code, line, _ in findings(text) if code in INTEREST)
    assert got == sorted(expected)


def test_org_line_covers_findings_about_the_whole_org() -> None:
    # RESP002 has no entity: it is about the org, reported on the org line.
    plain = findings('org "X"\nrole cmo "CMO"\n  owns vision\n', "RESP002")
    assert len(plain) == 1  # no exclusive duty recorded at all: one finding, not five
    silenced = 'org "X"  # orgmodel: ignore[RESP002] duties are set by the group\nrole cmo "CMO"\n'
    assert findings(silenced, "RESP002") == [] and findings(silenced, "SUP002") == []
