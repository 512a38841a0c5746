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
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


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
    assert [" ".join(t.split()) for t in texts(drawn["a"])[:2]] == ["A", "P"]
    assert [" ".join(t.split()) for t in tooltip(drawn["a"])[:2]] == ["A", "P"]
    assert "Org x" in " ".join("".join(ET.fromstring(result.stdout).itertext()).split())
