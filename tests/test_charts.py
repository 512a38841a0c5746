"""Charts for real orgs: every example's every role, hostile characters, empty texts (issue 13)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, run_cli

from orgmodel.api import check_file

SVG = "{http://www.w3.org/2000/svg}"
CORPUS = REPO / "tests" / "fuzz_corpus"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.org.txt"))


def nodes(svg: str | bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


def texts(element: ET.Element) -> list[str]:
    """The texts Graphviz drew, spaces collapsed (it writes runs of spaces as no-break spaces)."""
    words = (" ".join("".join(t.itertext()).split()) for t in element.iter(f"{SVG}text"))
    return [w for w in words if w]


def tooltip(node: ET.Element) -> list[str]:
    title = node.find(f"{SVG}title")
    assert title is not None and title.text is not None
    return title.text.splitlines()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_role_of_every_example_has_its_tooltip(path: Path) -> None:
    """Hover details on every card, hyphenated IDs included (Graphviz writes mgr-digital as mgr&#45;digital)."""
    result = run_cli("render", str(path), "-o", "-")
    assert result.returncode == 0, result.stderr
    drawn = nodes(result.stdout)
    roles = check_file(path).org.roles
    assert set(roles) <= set(drawn)
    for role in roles.values():
        lines = tooltip(drawn[role.id])
        assert (lines[0], f"id: {role.id}" in lines) == (role.title or "(no title)", True), role.id
    assert any("-" in role_id for role_id in roles) or path.name != "acme.org.txt"


def test_non_characters_and_c1_controls_leave_a_valid_svg() -> None:
    """U+FFFE, U+FFFF, U+FDD0, U+1FFFF and C1 controls are dropped from every text of the chart."""
    path = CORPUS / "non-characters-and-c1-controls.org.txt"
    result = run_cli("render", str(path), "-o", "-")
    assert (result.returncode, result.stderr) == (0, "")  # no Graphviz error about a label
    drawn = nodes(result.stdout)  # well-formed XML, or this raises
    assert texts(drawn["a"])[:2] == ["A", "P"]
    assert [" ".join(t.split()) for t in tooltip(drawn["a"])[:2]] == ["A", "P"]
    assert "Org x" in " ".join("".join(ET.fromstring(result.stdout).itertext()).split())


EMPTY_TEXTS = ('org ""\nteam t ""\ndepartment d ""\nkpi k ""\n  owner a\ncampaign c "\ufffe"\n  lead b\n'
               'role a ""\n  person "Dana"\n  owns budget-setting, budget-execution\n  liaises-with d\n'
               'role b "Analyst"\n  person ""\n  reports-to a\n  team t\n')


def test_empty_texts_are_findings_and_cards_still_show_id_person_and_findings(tmp_path: Path) -> None:
    org = tmp_path / "empty.org.txt"
    org.write_text(EMPTY_TEXTS)
    checked = run_cli("check", str(org), "--select", "SYN")
    assert [line.split()[1:3] for line in checked.stdout.splitlines()[:-1]] == [["warning", "SYN006"]] * 6
    result = run_cli("render", str(org), "-o", "-", "--show", "departments")
    assert (result.returncode, result.stderr) == (0, "")  # no Graphviz error about an empty label
    drawn = nodes(result.stdout)
    assert texts(drawn["a"])[:3] == ["a", "(no title)", "Dana"]
    assert {"SYN006", "BUD001"} <= set(texts(drawn["a"]))  # the findings are still on the card
    assert texts(drawn["b"])[:2] == ["Analyst", "(person left empty)"]
    assert tooltip(drawn["a"])[:2] == ["(no title)", "Dana"]
    assert "k" in texts(drawn["a"]) and "c" in texts(drawn["b"])  # badges named by ID
    everything = "".join(ET.fromstring(result.stdout).itertext())
    assert "Org chart" in everything and "d" in texts(drawn["department-d"])


@pytest.mark.parametrize(("text", "args", "summary"), [
    (None, [], "svg, 6 roles"),
    (None, ["--depth", "1"], "svg, 3 of 6 roles"),
    (None, ["--root", "mgr-digital", "--format", "mermaid"], "mermaid, 3 of 6 roles"),
    ('role a "Chief Marketing Officer"\n  liaises-with d\nrole b "Analyst"\n  reports-to a\n'
     'department d "Sales"\n', ["--root", "a", "--depth", "0"], "svg, 1 of 2 roles"),
    ('role a "Analyst"\n', ["--format", "dot"], "dot, 1 role"),
])
def test_status_line_counts_the_drawn_roles(tmp_path: Path, text: str | None, args: list[str], summary: str) -> None:
    from orgmodel.api import check_file

    org = EXAMPLES / "acme.org.txt"
    if text is not None:
        org = tmp_path / "one.org.txt"
        org.write_text(text)
    found = len(check_file(org).findings)
    out = tmp_path / f"chart.{summary.split(',')[0].replace('mermaid', 'mmd')}"
    result = run_cli("render", str(org), "-o", str(out), *args)
    assert result.stderr == f"orgmodel: wrote {out} ({summary}, {found} finding{'' if found == 1 else 's'})\n"
    assert text is None or found == 1  # the singular is checked too


# ---- what a chart may cost (issue 11, item 12) ----

def _dense_dotted(roles: int, per_role: int) -> str:
    """Roles under one manager, each with dotted lines to the next ``per_role`` roles: 64 KB took 75 s."""
    lines = ['role cmo "CMO"']
    for i in range(roles):
        targets = ", ".join(f"r{(i + j) % roles}" for j in range(1, per_role + 1))
        lines += [f'role r{i} "Analyst"', "  reports-to cmo", f"  dotted-to {targets}"]
    return "\n".join(lines) + "\n"


def test_dense_dotted_lines_become_names_with_a_note(tmp_path: Path) -> None:
    org = tmp_path / "dense.org.txt"
    org.write_text(_dense_dotted(230, 40))
    assert len(org.read_bytes()) > 60_000
    result = run_cli("render", str(org), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("orgmodel: note: 9200 dotted lines are drawn as names on the cards")
    drawn = nodes(result.stdout)
    assert not [g for g in ET.fromstring(result.stdout).iter(f"{SVG}g") if "dotted" in (g.get("class") or "")]
    assert "dotted line: Analyst, Analyst, Analyst, +37 more" in texts(drawn["r0"])


@pytest.mark.parametrize(("text", "args", "message", "way_out"), [
    (_dense_dotted(230, 40), ["--show", "dotted-lines"],
     "9200 dotted lines are too many to lay out (at most 500; each one slows the layout more): "
     "use --show dotted-names or --hide dotted, or draw part of the org (--root, --depth, --team)",
     ["--hide", "dotted"]),
    # The count of lines follows the layout's joints; what matters is that it is over the bound.
    (None, ["--splines", "ortho"], "--splines ortho on {lines} lines would take minutes (at most 400): "
     "use --splines polyline (the default), or draw part of the org (--root, --depth, --team)",
     ["--splines", "ortho", "--depth", "3"]),
    ("".join(f'role r{i} "Analyst"\n' for i in range(5001)), [],
     "5001 roles are too many for one chart (at most 5000; its layout would take minutes): draw part of the org "
     "(--root, --depth, --team), or write --format dot or mermaid", ["--root", "r0"]),
])
def test_a_chart_too_costly_to_lay_out_stops_with_a_way_out(tmp_path: Path, text: str | None, args: list[str],
                                                            message: str, way_out: list[str]) -> None:
    from orgmodel.synthetic import generate

    org = tmp_path / "big.org.txt"
    org.write_text(text if text is not None else generate(500, seed=1).text)
    out = tmp_path / "chart.svg"
    result = run_cli("render", str(org), "-o", str(out), *args)
    if "{lines}" in message:
        lines = int(result.stderr.split(" on ", 1)[1].split()[0]) if " on " in result.stderr else 0
        assert lines > 400, result.stderr
        message = message.format(lines=lines)
    assert (result.returncode, result.stderr) == (2, f"orgmodel: error: {message}\n")
    assert not out.exists()
    assert run_cli("render", str(org), "-o", str(out), *way_out).returncode == 0  # the way out works
