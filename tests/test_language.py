"""The language: what parses, what is a problem, and where each problem is reported."""

from __future__ import annotations

import pytest

from orgmodel.api import check_text, decode, load_text
from orgmodel.rulepack import load_builtin

PACK = load_builtin()


def problems(text: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of the reader's problems (not the rules')."""
    _, found = load_text(text, "t.org.txt", PACK)
    return [(p.code, p.line, p.column) for p in found]


# (text, expected [(code, line, column)])
SYNTAX = [
    ('role a "A', [("SYN001", 1, 8)]),
    ('role a "A"\n  person "B\n', [("SYN001", 2, 10)]),
    ('  person "x"\n', [("SYN001", 1, 3)]),
    ('role "A"\n', [("SYN001", 1, 6)]),
    ("role a\n", [("SYN001", 1, 6)]),
    ('role a "A" extra\n', [("SYN001", 1, 12)]),
    ('role a "A"\n  owns\n', [("SYN001", 2, 3)]),
    ('role a "A"\n  owns vision team-admin\n', [("SYN001", 2, 15)]),
    ('role a "A"\n  owns vision,\n', [("SYN001", 2, 14)]),
    ('role a "A"\n  owns vision,,team-admin\n', [("SYN001", 2, 15)]),
    ('role a "A \\n B"\n', [("SYN001", 1, 11)]),
    ('role a "A"\n  "person" x\n', [("SYN001", 2, 3)]),
    ('role a "A\x00"\n', [("SYN001", 1, 10)]),
    ('rol a "A"\n  person "x"\n', [("SYN002", 1, 1)]),
    ('role a "A"\n  reprots-to b\n', [("SYN002", 2, 3)]),
    ('team t "T"\n  person "x"\n', [("SYN002", 2, 3)]),
    ('role a "A"\n  level boss\n', [("SYN003", 2, 9)]),
    ('role a "A"\n  layer strategc\n', [("SYN003", 2, 9)]),
    ('kpi k "K"\n  scope tactical\n', [("SYN003", 2, 9)]),
    ("role 9a \"A\"\n", [("SYN003", 1, 6)]),
    ('role a "A"\n  owns "vision"\n', [("SYN003", 2, 8)]),
    ('role a "A"\n  person Dana\n', [("SYN003", 2, 10)]),
    ('role a "A"\n  person "x", "y"\n', [("SYN003", 2, 15)]),
    ('kpi k "K"\n  target 10\n', [("SYN003", 2, 10)]),
    ('role a "A"\n  channel s€o\n', [("SYN003", 2, 11)]),
    ('role a "A"\n  level ic\n  level lead\n', [("SYN004", 3, 3)]),
    ('role a "A"\n  person "x"\n  person vacant\n', [("SYN004", 3, 3)]),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX)
def test_syntax_problem(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert problems(text) == expected


VALID = [
    "",
    "# only a comment\n\n   \n",
    'role a "A # not a comment" # a comment\n',
    'role a "say \\"hi\\" \\\\ there"\n',
    'role a "A"\n\n  # comment and blank lines do not end a declaration\n\n  person "P"\n',
    'role a "A"\n\tperson "P"\n \t owns vision ,team-admin\n',
    'role b "B"\n  reports-to a\nrole a "A"\n',  # forward reference
    'role Ünïcode_1 "Ωmega Lead — ✓"\n  person "Zoë 山田"\n  channel seo\n',
]


@pytest.mark.parametrize("text", VALID)
def test_valid_text_has_no_problems(text: str) -> None:
    assert problems(text) == []


def test_strings_and_comments_are_read_exactly() -> None:
    org, _ = load_text('role a "say \\"hi\\" \\\\ # there" # note\n  person "P # Q"\n', "t", PACK)
    assert org.roles["a"].title == 'say "hi" \\ # there'
    assert org.roles["a"].person == "P # Q"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_and_bom(newline: str) -> None:
    text = "\ufeff" + newline.join(['org "X"', 'role a "A"', "  person vacant", 'role b "B"', "  reports-to a", ""])
    org, found = load_text(text, "t", PACK)
    assert found == []
    assert org.name == "X"
    assert org.roles["a"].vacant and org.roles["b"].line == 4
    assert org.roles["b"].reports_to[0].column == 14


def test_a_second_declaration_line_ends_the_first() -> None:
    org, _ = load_text('role a "A"\n  owns vision\nrole b "B"\n  owns team-admin\n', "t", PACK)
    assert [v.text for v in org.roles["a"].owns] == ["vision"]
    assert [v.text for v in org.roles["b"].owns] == ["team-admin"]


def test_repeating_keys_add_to_the_list() -> None:
    org, _ = load_text('role a "A"\n  owns vision, team-admin\n  owns go-to-market\n', "t", PACK)
    assert [v.text for v in org.roles["a"].owns] == ["vision", "team-admin", "go-to-market"]


def test_one_run_reports_every_problem() -> None:
    text = 'role a "A\nrol b "B"\nrole c "C"\n  reports-to zz\n  layer x\n  level y\n'
    assert [c for c, _, _ in problems(text)] == ["SYN001", "SYN002", "SYN003", "SYN003", "REF002"]


def test_unreadable_header_does_not_orphan_its_attributes() -> None:
    # Only the unknown kind is reported, not each attribute line under it.
    assert problems('rol a "A"\n  person "x"\n  owns vision\n') == [("SYN002", 1, 1)]


def test_suggestions() -> None:
    result = check_text('role cmo "CMO"\nrole a "A"\n  reports-to cm0\n  reprts-to cmo\n')
    messages = {f.code: f.message for f in result.findings}
    assert "did you mean 'cmo'?" in messages["REF002"]
    assert "did you mean 'reports-to'?" in messages["SYN002"]


def test_invalid_utf8_is_a_finding_with_its_byte_offset() -> None:
    text, found = decode(b'role a "A"\n  person "Jos\xe9"\n')
    assert [(p.code, p.line, p.column) for p in found] == [("SYN001", 2, 14)]
    assert "offset 24" in found[0].message
    assert "\ufffd" in text


# Title -> inferred level (the table lives in rules/vocabulary.toml).
TITLES = [
    ("Chief Marketing Officer", "c-level"),
    ("CMO", "c-level"),
    ("VP Marketing", "vp"),
    ("Vice President, Brand", "vp"),
    ("Sr. Marketing Director", "senior-director"),
    ("Senior Director of Growth", "senior-director"),
    ("Senior Marketing Manager", "manager"),
    ("Director of Marketing Operations", "director"),
    ("Head of Content", "director"),
    ("Digital Marketing Manager", "manager"),
    ("SEO Lead", "lead"),
    ("Marketing Analyst", "ic"),
    ("Leadership Coach", "ic"),
    ("Directory Editor", "ic"),
    ("chief of staff", "director"),
    ("Lead Generation Specialist", "ic"),
    ("Teamleiterin Social Media", "lead"),
]


@pytest.mark.parametrize(("title", "level"), TITLES)
def test_level_inference(title: str, level: str) -> None:
    assert PACK.vocabulary.infer_level(title) == level


def test_explicit_level_wins_over_the_title() -> None:
    org, _ = load_text('role a "SEO Lead"\n  level manager\n', "t", PACK)
    assert org.roles["a"].level == "manager"
    assert not org.roles["a"].level_inferred


def test_acme_model() -> None:
    from conftest import EXAMPLES

    org, found = load_text((EXAMPLES / "acme.org.txt").read_text(), "acme", PACK)
    assert found == []
    assert org.name == "Acme Corp Marketing"
    assert list(org.roles) == ["cmo", "strategy", "ops", "mgr-digital", "lead-seo", "lead-social"]
    assert org.direct_reports["mgr-digital"] == ("lead-seo", "lead-social")
    assert org.roles["strategy"].level == "senior-director"
    assert org.roles["ops"].team is not None and org.roles["ops"].team.text == "growth"
    assert [v.text for v in org.kpis["cac"].owner] == ["ops"]


def test_deep_chain_and_big_cycle_do_not_recurse() -> None:
    n = 100_000
    chain = ['role r0 "CMO"'] + [f'role r{i} "Marketing Manager"\n  reports-to r{i - 1}' for i in range(1, n)]
    result = check_text("\n".join(chain) + "\n")
    codes = [f.code for f in result.findings]
    assert "HIER001" not in codes and "HIER002" not in codes
    # Every manager below r1 reports to a manager of the same rank: one warning
    # each, but for the last, who manages nobody and so ranks as a contributor.
    assert codes.count("HIER004") == n - 3
    cycle = [f'role r{i} "Analyst"\n  reports-to r{(i + 1) % n}' for i in range(n)]
    result = check_text("\n".join(cycle) + "\n")
    hier001 = [f for f in result.findings if f.code == "HIER001"]
    assert len(hier001) == 1 and hier001[0].entity == "r0"
