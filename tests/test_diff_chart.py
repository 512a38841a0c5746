"""The diff chart, drawn by the real Graphviz through the console script and read back as parsed SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli
from test_html_browser import Report

from orgmodel.diff_kinds import KINDS
from orgmodel.render import theme
from orgmodel.render.diff_chart import MARKS, UNMARKED

SVG = "{http://www.w3.org/2000/svg}"
REORG = REPO / "tests" / "reorg"  # a realistic mid-year reorg of tests/realistic/saas-45 (see its README)


@pytest.fixture(scope="module")
def chart(tmp_path_factory: pytest.TempPathFactory) -> ET.Element:
    target = tmp_path_factory.mktemp("diff-chart") / "reorg.svg"
    done = run_cli("diff", "cobaltline.org.txt", "cobaltline-midyear.org.txt", "--chart", str(target), cwd=REORG)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"orgmodel: wrote {target} (the diff chart)\n"
    return ET.parse(target).getroot()


def _groups(svg: ET.Element, kind: str) -> dict[str, ET.Element]:
    """SVG groups of one kind (node, edge, cluster) by id."""
    return {g.get("id", ""): g for g in svg.iter(f"{SVG}g") if kind in (g.get("class") or "").split()}


def _card(svg: ET.Element, role: str) -> tuple[str | None, str | None, str]:
    """(fill, border colour, the card's text) of a role's card."""
    node = _groups(svg, "node")[role]
    shape = next(e for e in node.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon"))
    return shape.get("fill"), shape.get("stroke"), " ".join(t.text or "" for t in node.iter(f"{SVG}text"))


# (role, what the reorg did to it: added, moved, changed or same, and words its card must show)
CARDS = [
    ("ops-automation", "added", "new role"),
    ("lead-paid-social", "moved", "moved from dir-growth"),
    ("web-dev", "moved", "moved from mgr-web"),  # its old manager is gone: the line comes from the ghost
    ("analytics", "moved", "moved from dir-mops · changed: dotted line, team"),
    ("head-content", "changed", "changed: title, level, layer"),
    ("demand-spec", "changed", "changed: ID"),  # renamed from spec-leadgen, not removed and added
    ("mgr-abm", "changed", "changed: person"),
    ("abm-1", "changed", "changed: person"),
    ("dir-brand", "changed", "changed: duties"),
    ("dir-pmm", "changed", "changed: duties, KPIs"),
    ("vp-demand", "same", ""),
    ("writer", "same", ""),
]


@pytest.mark.parametrize(("role", "status", "note"), CARDS)
def test_each_card_has_the_colours_of_what_happened_to_it(chart: ET.Element, role: str, status: str, note: str) -> None:
    fill, border, text = _card(chart, role)
    assert (fill, border) == (theme.DIFF_FILL[status], theme.DIFF_BORDER[status])
    assert note in text if note else not re.search(r"new role|moved from|changed:", text)


def test_every_role_is_drawn_once_and_the_removed_one_as_a_ghost(chart: ET.Element) -> None:
    nodes = {name: g for name, g in _groups(chart, "node").items() if name != "header"}
    new_roles = set(re.findall(r"^role (\S+)", (REORG / "cobaltline-midyear.org.txt").read_text(), re.M))
    cards = {name for name, g in nodes.items() if list(g.iter(f"{SVG}text"))}  # not the joints of lines
    assert cards - {"mgr-web.removed"} == new_roles
    ghosts = {name: g for name, g in nodes.items() if "removed" in (g.get("class") or "").split()}
    assert list(ghosts) == ["mgr-web.removed"]
    fill, border, text = _card(chart, "mgr-web.removed")
    assert (fill, border) == (theme.DIFF_FILL["removed"], theme.DIFF_BORDER["removed"])
    assert text == "Website Manager Daniel Cho removed"
    shape = next(ghosts["mgr-web.removed"].iter(f"{SVG}path"))
    assert shape.get("stroke-dasharray")  # a dashed outline
    title = next(t for t in ghosts["mgr-web.removed"].iter(f"{SVG}text") if t.text == "Website Manager")
    assert title.get("text-decoration") == "line-through"


def _box(element: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of every coordinate in an element's shapes."""
    numbers = [float(n) for shape in element.iter() if shape.tag in (f"{SVG}path", f"{SVG}polygon")
               for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points") or "")]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_ghost_sits_in_its_old_team_under_its_old_manager(chart: ET.Element) -> None:
    team = _box(_groups(chart, "cluster")["team-demand-gen"])
    ghost = _box(_groups(chart, "node")["mgr-web.removed"])
    assert team[0] < ghost[0] and ghost[2] < team[2] and team[1] < ghost[1] and ghost[3] < team[3]
    manager = _box(_groups(chart, "node")["dir-growth"])
    assert manager[3] < ghost[1]  # below it
    edges = _groups(chart, "edge")
    assert "removed" in (edges["removed.dir-growth.mgr-web"].get("class") or "")


# (edge id, from, to): dashed amber lines from each moved role's old manager
MOVES = [("moved.dir-growth.lead-paid-social", "dir-growth", "lead-paid-social"),
         ("moved.mgr-web.removed.web-dev", "mgr-web.removed", "web-dev"),
         ("moved.dir-mops.analytics", "dir-mops", "analytics")]


@pytest.mark.parametrize(("edge_id", "tail", "head"), MOVES)
def test_moved_roles_have_a_dashed_amber_line_from_the_old_manager(chart: ET.Element, edge_id: str, tail: str,
                                                                  head: str) -> None:
    edge = _groups(chart, "edge")[edge_id]
    assert next(edge.iter(f"{SVG}title")).text == f"{tail}->{head}"
    line = next(edge.iter(f"{SVG}path"))
    assert line.get("stroke") == theme.DIFF_BORDER["moved"] and line.get("stroke-dasharray")
    assert "moved-from" in (edge.get("class") or "")


def test_moves_are_the_only_amber_lines(chart: ET.Element) -> None:
    """events-coord moved too, from an undeclared manager: there is nothing to draw its line from."""
    amber = [g.get("id") for g in _groups(chart, "edge").values()
             if any(p.get("stroke") == theme.DIFF_BORDER["moved"] for p in g.iter(f"{SVG}path"))]
    assert sorted(amber) == sorted(edge for edge, _, _ in MOVES)


def test_header_counts_and_legend(chart: ET.Element) -> None:
    graph = next(g for g in chart.iter(f"{SVG}g") if g.get("class") == "graph")
    # The graph's own label, not the cards', or in a compact chart the header's node beside the top role.
    texts = [t.text for t in graph.findall(f"{SVG}text")] or [t.text for t in _groups(chart, "header")["header"].iter(f"{SVG}text")]

    assert "Reorg: Cobaltline Marketing" in texts
    assert "cobaltline.org.txt -> cobaltline-midyear.org.txt" in texts
    assert "1 added · 4 moved · 6 changed · 1 removed · findings: 2 introduced, 5 resolved" in texts
    assert {"added", "moved", "changed", "removed", "- - - line from the old manager"} <= set(texts)
    assert any(t and t.startswith("Introduced, not on a card: ") and "f500-abm" in t for t in texts)


def test_every_change_kind_is_marked_on_a_card_or_said_not_to_be() -> None:
    assert set(MARKS) | UNMARKED == set(KINDS) and not set(MARKS) & UNMARKED


def test_hostile_text_on_a_ghost_card_stays_text(tmp_path: Path) -> None:
    old = 'role cmo "CMO"\nrole x "<b>bold</b> & \\"quoted\\" ]; node [image=\\"/etc/passwd\\"]"\n  reports-to cmo\n'
    (tmp_path / "old.org.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.org.txt").write_text('role cmo "CMO"\n', encoding="utf-8")
    done = run_cli("diff", "old.org.txt", "new.org.txt", "--chart", "chart.svg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    svg = ET.parse(tmp_path / "chart.svg").getroot()
    text = _card(svg, "x.removed")[2]
    assert text.startswith('<b>bold</b> & "quoted" ]; node [image="/etc/passwd"]')
    assert not list(svg.iter(f"{SVG}image")) and not list(svg.iter(f"{SVG}a"))


@pytest.mark.parametrize(("args", "message"), [
    (["--chart", "chart.mmd"], "the diff chart is drawn as .svg, .png, .pdf, .dot, .html"),
    (["--chart", "old.org.txt"], "the diff chart is drawn as"),
])
def test_chart_errors(tmp_path: Path, args: list[str], message: str) -> None:
    for name in ("old.org.txt", "new.org.txt"):
        (tmp_path / name).write_text('role cmo "CMO"\n', encoding="utf-8")
    done = run_cli("diff", "old.org.txt", "new.org.txt", *args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr


def test_png_is_a_png(tmp_path: Path) -> None:
    done = run_cli("diff", "cobaltline.org.txt", "cobaltline-midyear.org.txt", "--chart", str(tmp_path / "r.png"),
                   cwd=REORG)
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "r.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000


# --- the interactive HTML page (the HTML report around the diff chart) ---


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("diff-html") / "reorg.html"
    done = run_cli("diff", "cobaltline.org.txt", "cobaltline-midyear.org.txt", "--chart", str(target), cwd=REORG)
    assert done.returncode == 0, done.stderr
    return target


def test_html_page_holds_the_diff_chart_and_the_introduced_findings(page_file: Path) -> None:
    import json

    text = page_file.read_text(encoding="utf-8")
    assert 'id="mgr&#45;web.removed"' in text and f'fill="{theme.DIFF_FILL["added"]}"' in text  # as Graphviz writes it
    data = json.loads(re.search(r'<script type="application/json" data-orgmodel="data">(.*?)</script>', text,
                                re.S).group(1))  # type: ignore[union-attr]
    done = run_cli("diff", "--format", "json", "cobaltline.org.txt", "cobaltline-midyear.org.txt", cwd=REORG)
    introduced = json.loads(done.stdout)["diffs"][0]["findings"]["introduced"]
    assert [(f["code"], f["entity"]) for f in data["findings"]] == [(f["code"], f["entity"]) for f in introduced]
    assert "<title>Reorg: Cobaltline Marketing</title>" in text
    assert re.findall(r"<h3>(Roles added, removed and renamed|Findings resolved) \((\d+)\)</h3>", text) == [
        ("Findings resolved", "5"), ("Roles added, removed and renamed", "3")]
    assert "Content-Security-Policy" in text and "<script src" not in text
    assert not re.search(r'(src|href)="(https?:)?//', text)  # loads nothing


def test_html_page_in_chromium(chromium: Any, shots: Path, page_file: Path) -> None:
    report = Report(chromium, page_file, shots)
    try:
        assert report.page.locator('[data-tab="findings"]').inner_text() == "Findings (2)"
        report.page.click("#mgr-web\\.removed")  # a ghost card: no role details, and no error
        report.page.click("#analytics")
        assert report.panel().locator("h2, h3").first.inner_text() == "Marketing Analytics Manager"
        report.shot("reorg-diff")
        report.assert_clean()
    finally:
        report.page.close()
