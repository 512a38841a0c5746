"""Charts through the real embedded Graphviz, asserted on the parsed SVG."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, run_cli

from orgmodel.api import check_file, check_text
from orgmodel.render.chart import ChartOptions, build_chart
from orgmodel.render.mermaid import build_mermaid
from orgmodel.render.output import render_org
from orgmodel.rulepack import load_builtin

SVG = "{http://www.w3.org/2000/svg}"
PACK = load_builtin()
EXCLUSIVE = PACK.vocabulary.exclusive


def render(text: str, output_format: str = "svg", **options: object) -> bytes:
    result = check_text(text, "t.org.txt", PACK)
    return render_org(result.org, result.findings, EXCLUSIVE, output_format, ChartOptions(**options)).data  # type: ignore[arg-type]


def parse(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if kind in (g.get("class") or "").split()}


def texts(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def strokes(element: ET.Element) -> set[str]:
    return {s.get("stroke", "") for s in element.iter() if s.tag in (f"{SVG}path", f"{SVG}polygon")} - {"none", ""}


def width(svg: bytes) -> float:
    """Horizontal extent of the role cards (the header is left out: it has a width of its own)."""
    xs = [float(number) for node in groups(parse(svg), "node").values() for shape in node.iter(f"{SVG}path")
          for number in re.findall(r"(-?[\d.]+),-?[\d.]+", shape.get("d", ""))]
    return max(xs) - min(xs)


ACME = (EXAMPLES / "acme.org.txt").read_text()
TROUBLED = (EXAMPLES / "troubled.org.txt").read_text()


def test_one_node_per_role_with_title_and_person() -> None:
    nodes = groups(parse(render(ACME)), "node")
    assert set(nodes) == {"cmo", "strategy", "ops", "mgr-digital", "lead-seo", "lead-social"}
    assert texts(nodes["cmo"])[:2] == ["Chief Marketing Officer", "Dana Whitfield"]
    assert "Market Share" in texts(nodes["strategy"])  # a KPI badge
    assert "budget-setting" in texts(nodes["strategy"])  # an exclusive duty badge
    assert "Spring Launch" in texts(nodes["lead-social"])  # a campaign badge


def test_node_title_carries_the_details() -> None:
    node = groups(parse(render(TROUBLED)), "node")["dir"]
    title = node.find(f"{SVG}title")
    assert title is not None and title.text is not None
    lines = title.text.splitlines()
    assert lines[:3] == ["Marketing Director", "Lisa Simpson", "id: dir"]
    assert any(line.startswith("error BUD001: ") for line in lines)


VACANCY = 'role cmo "CMO"\n  person "A"\nrole x "Analyst"\n  person vacant\n  reports-to cmo\n'


def test_vacant_card_is_visibly_different() -> None:
    nodes = groups(parse(render(VACANCY)), "node")
    assert "Vacant" in texts(nodes["x"])
    dashed = [p for p in nodes["x"].iter() if p.get("stroke-dasharray")]
    assert dashed and not [p for p in nodes["cmo"].iter() if p.get("stroke-dasharray")]


DOTTED = ('role cmo "CMO"\nrole a "Director A"\n  reports-to cmo\nrole b "Director B"\n  reports-to cmo\n'
          'role x "Marketing Manager"\n  reports-to a\n')


def test_dotted_lines_are_dashed_and_do_not_move_the_tree() -> None:
    plain = parse(render(DOTTED))
    dotted = parse(render(DOTTED + "  dotted-to b\n"))
    edge = groups(dotted, "edge")["dotted.b.x"]
    assert any(p.get("stroke-dasharray") for p in edge.iter(f"{SVG}path"))
    solid = groups(dotted, "edge")["line.a.x"]
    assert not any(p.get("stroke-dasharray") for p in solid.iter(f"{SVG}path"))

    def positions(root: ET.Element) -> dict[str, tuple[float, float]]:
        """Where each card's text is, relative to the top card (the legend's width may shift them all)."""
        found = {i: (float(t.get("x", "0")), float(t.get("y", "0")))
                 for i, n in groups(root, "node").items() for t in n.iter(f"{SVG}text")}
        x0, y0 = found["cmo"]
        return {i: (round(x - x0), round(y - y0)) for i, (x, y) in found.items()}  # to the point

    assert positions(plain) == positions(dotted)


def test_a_cluster_per_team() -> None:
    clusters = groups(parse(render(ACME)), "cluster")
    assert set(clusters) == {"team-brand", "team-growth"}
    assert "Brand & Strategy" in texts(clusters["team-brand"])


def test_findings_colour_the_border() -> None:
    nodes = groups(parse(render(TROUBLED)), "node")
    assert "#dc2626" in strokes(nodes["dir"])  # errors
    assert "#d97706" in strokes(nodes["mgr-events"]) and "#dc2626" not in strokes(nodes["mgr-events"])  # warnings
    assert "BUD001" in texts(nodes["dir"])
    assert {"#dc2626", "#d97706"}.isdisjoint(strokes(groups(parse(render(TROUBLED, findings=False)), "node")["dir"]))


def test_header_and_legend() -> None:
    root = parse(render(TROUBLED))
    words = [t for g in root.iter(f"{SVG}g") if g.get("class") == "graph" for t in texts(g)]
    for expected in ("Globex Marketing", "strategic", "operational", "tactical", "no layer", "Vacant", "error",
                     "warning", "KPI owned", "campaign led"):
        assert expected in words, expected
    result = check_file(EXAMPLES / "troubled.org.txt")
    errors = sum(1 for f in result.findings if str(f.severity) == "error")
    assert f"{errors} errors" in words
    assert "KPI001" in words  # a finding on a KPI is listed in the header


HOSTILE = (
    'role cmo "\\"]; x [image=\\"/etc/passwd\\"" \n'
    '  person "<script>alert(1)</script>"\n'
    'role b "&amp; \\\\N \\\\G <IMG SRC=\\"/etc/passwd\\"/>"\n'
    '  person "]]></text><image href=\\"/etc/passwd\\"/>"\n'
    '  reports-to cmo\n'
    '  team t\n'
    'team t "</TD></TR></TABLE>> shape=image image=\\"/etc/passwd\\" x=<"\n'
    'org "stylesheet=\\"evil.css\\" URL=\\"javascript:alert(1)\\""\n'
)


def test_hostile_text_stays_text() -> None:
    result = check_text(HOSTILE, "t", PACK)
    assert [f.code for f in result.findings if f.code.startswith("SYN")] == []
    svg = render(HOSTILE)
    root = parse(svg)  # well-formed XML, or this raises
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "g", "title", "text", "path", "polygon", "polyline", "ellipse", "a"}, tags
    words = [t for t in (x for n in root.iter(f"{SVG}text") for x in [("".join(n.itertext()))])]
    assert '"]; x [image="/etc/passwd"' in words
    assert "<script>alert(1)</script>" in words
    assert '&amp; \\N \\G <IMG SRC="/etc/passwd"/>' in words
    assert '</TD></TR></TABLE>> shape=image image="/etc/passwd" x=<' in words  # the team's cluster label
    assert not any(e.get("href") or e.get("{http://www.w3.org/1999/xlink}href") for e in root.iter())
    assert root.get("stylesheet") is None and b"<?xml-stylesheet" not in svg
    # In the DOT, user text appears only inside labels: no node has image, URL, shape=image ...
    import pygraphviz

    dot = build_chart(result.org, result.findings, EXCLUSIVE).source
    graph = pygraphviz.AGraph(string=dot)
    forbidden = {"image", "imagepath", "shapefile", "URL", "href", "stylesheet", "fontname"}
    for item in [*graph.nodes(), *graph.edges(), *graph.subgraphs()]:
        attributes = item.attr if hasattr(item, "attr") else item.graph_attr
        assert not {k for k, v in attributes.items() if v} & (forbidden - {"fontname"}), dict(attributes)
        assert attributes.get("fontname") in (None, "", "Lato,sans-serif")
    for node in graph.nodes():
        assert node.attr.get("shape") in ("box", "point")
    assert not graph.graph_attr.get("stylesheet")


def test_backslash_sequences_are_not_expanded_in_titles() -> None:
    node = groups(parse(render('role cmo "A \\\\N \\\\G"\n')), "node")["cmo"]
    assert texts(node)[0] == "A \\N \\G"
    title = node.find(f"{SVG}title")
    assert title is not None and title.text is not None and title.text.startswith("A \\N \\G\n")


def test_same_input_same_bytes_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        result = run_cli("render", "examples/troubled.org.txt", "-o", "-", env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert render(TROUBLED) == render(TROUBLED)
    assert render(TROUBLED, "dot") == render(TROUBLED, "dot")


def test_fonts_are_orgmodels_not_the_machines(tmp_path: Path) -> None:
    """A different font setup in the environment does not change the chart."""
    baseline = run_cli("render", "examples/acme.org.txt", "-o", "-").stdout
    system = tmp_path / "fonts.conf"
    system.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                      '<dir>/usr/share/fonts</dir></fontconfig>')
    other = run_cli("render", "examples/acme.org.txt", "-o", "-", env={"FONTCONFIG_FILE": str(system)}).stdout
    assert other == baseline
    assert 'font-family="Lato,sans-serif"' in baseline  # measured with Lato; viewers without it get a sans-serif


def test_dot_snapshot() -> None:
    """The DOT for the example; refresh with UPDATE_SNAPSHOTS=1 after an intended change."""
    dot = render(ACME, "dot").decode()
    snapshot = REPO / "tests" / "snapshots" / "acme.dot"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(dot)
    assert dot == snapshot.read_text()


def test_readme_chart_is_in_sync() -> None:
    """docs/acme.svg, shown in the README, is what `orgmodel render` draws today (make docs)."""
    assert (REPO / "docs" / "acme.svg").read_bytes() == run_cli("render", "examples/acme.org.txt", "-o", "-").stdout.encode()
    assert "docs/acme.svg" in (REPO / "README.md").read_text()


def test_mermaid() -> None:
    result = check_file(EXAMPLES / "troubled.org.txt")
    text = build_mermaid(result.org, result.findings, EXCLUSIVE)
    lines = text.splitlines()
    assert lines[:4] == ["---", 'title: "Globex Marketing"', "---", "flowchart TD"]
    nodes = [line for line in lines if re.fullmatch(r'\s+r\d+\[".*"\]', line)]
    assert len(nodes) == len(result.org.roles)
    assert len([line for line in lines if " --> " in line]) == sum(len(v) for v in result.org.direct_reports.values())
    assert any(" -.-> " in line for line in lines) is False  # the only dotted line names an undeclared role
    assert any(line.strip().startswith('subgraph t0["Growth"]') for line in lines)
    assert any(re.fullmatch(r"\s+class r\d+(,r\d+)* error", line) for line in lines)
    hostile = build_mermaid(check_text(HOSTILE, "t", PACK).org, [], EXCLUSIVE)
    assert "<script>" not in hostile and '"]; x' not in hostile and "#lt;script#gt;" in hostile


def test_mermaid_dotted_lines() -> None:
    org = check_text(DOTTED + "  dotted-to b\n", "t", PACK).org
    assert "    r2 -.-> r3" in build_mermaid(org, [], EXCLUSIVE).splitlines()


def test_root_and_depth() -> None:
    nodes = groups(parse(render(ACME, root="ops")), "node")
    assert set(nodes) == {"ops", "mgr-digital", "lead-seo", "lead-social"}
    cut = groups(parse(render(ACME, root="ops", depth=1)), "node")
    assert set(cut) == {"ops", "mgr-digital"}
    assert "+2 more" in texts(cut["mgr-digital"])
    top = groups(parse(render(ACME, depth=1)), "node")
    assert set(top) == {"cmo", "strategy", "ops"}
    assert "+3 more" in texts(top["ops"]) and not any("more" in t for t in texts(top["strategy"]))


def _wide(leaves: int) -> str:
    return 'role cmo "CMO"\nrole m "Marketing Manager"\n  reports-to cmo\n' + "".join(
        f'role l{i} "Lead {i}"\n  reports-to m\n  channel seo\n' for i in range(leaves))


def test_leaf_reports_stack_vertically() -> None:
    stacked, spread = render(_wide(8)), render(_wide(8), stack_min=0)
    assert width(stacked) < width(spread) / 3
    root = parse(stacked)
    assert {f"l{i}" for i in range(8)} <= set(groups(root, "node"))
    assert {f"line.m.l{i}" for i in range(8)} <= set(groups(root, "edge"))
    # Below the threshold nothing is stacked.
    assert width(render(_wide(2))) == width(render(_wide(2), stack_min=0))


def test_stacking_on_a_generated_2000_role_org() -> None:
    from orgmodel.synthetic import generate

    text = generate(2000, seed=3).text
    stacked, spread = width(render(text, layout="tree")), width(render(text, layout="tree", stack_min=0))
    assert stacked < spread / 3, (stacked, spread)


def test_png() -> None:
    assert render(ACME, "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_cli_render_writes_atomically_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    result = run_cli("render", "examples/acme.org.txt", "-o", str(out))
    assert result.returncode == 0
    assert result.stderr == f"orgmodel: wrote {out} (svg, 6 roles, 0 findings)\n"
    assert parse(out.read_bytes()).tag == f"{SVG}svg"
    out.write_text("old chart")
    assert run_cli("render", "examples/acme.org.txt", "-o", str(out), "--root", "nobody").returncode == 2
    assert out.read_text() == "old chart"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.svg"]


def test_cli_render_default_output_and_formats(tmp_path: Path) -> None:
    org = tmp_path / "team.org.txt"
    org.write_text(ACME)
    assert run_cli("render", str(org)).returncode == 0
    assert (tmp_path / "team.svg").exists()
    assert run_cli("render", str(org), "-o", str(tmp_path / "c.dot")).returncode == 0
    assert (tmp_path / "c.dot").read_text().startswith("digraph orgmodel {")
    assert run_cli("render", str(org), "-o", str(tmp_path / "c.mmd")).returncode == 0
    assert "flowchart TD" in (tmp_path / "c.mmd").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "x.jpeg"], "cannot tell the format of x.jpeg"),
    (["-o", "examples/acme.org.txt", "--format", "svg"], "refusing to write the output over the input"),
    (["--root", "mgr-digtal", "-o", "-"], "did you mean 'mgr-digital'?"),
    (["--engine", "system", "-o", "-"], "needs Graphviz's `dot` on PATH"),
])
def test_cli_render_errors(args: list[str], message: str) -> None:
    result = run_cli("render", "examples/acme.org.txt", *args, env={"PATH": "/nonexistent"} if "system" in args else None)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_missing_org_file() -> None:
    result = run_cli("render", "missing.org.txt")
    assert (result.returncode, result.stderr) == (2, "orgmodel: error: missing.org.txt: no such file or directory\n")


def test_departments_only_when_asked_and_below_the_tree() -> None:
    plain = parse(render(ACME))
    assert not [i for i in groups(plain, "node") if i.startswith("department-")]
    root = parse(render(ACME, departments=True))
    nodes = groups(root, "node")

    def lowest_y(node: ET.Element) -> float:
        return max(float(t.get("y", "0")) for t in node.iter(f"{SVG}text"))

    departments = {i: n for i, n in nodes.items() if i.startswith("department-")}
    assert set(departments) == {"department-sales", "department-product"}
    deepest_role = max(lowest_y(n) for i, n in nodes.items() if i not in departments)
    assert all(lowest_y(n) > deepest_role for n in departments.values())
    liaisons = groups(root, "liaison")
    assert "liaison.cmo.sales" in liaisons and "liaison.ops.product" in liaisons


def test_concurrent_renders_are_identical_and_leave_stderr_intact() -> None:
    """Renders from several threads give the same bytes, and file descriptor 2 is restored.

    (pygraphviz keeps the GIL inside Graphviz, so the engine's lock mostly
    guards the process-wide stderr redirection that captures its messages.)
    """
    from concurrent.futures import ThreadPoolExecutor

    before = os.fstat(2)
    texts = [ACME, TROUBLED] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        outputs = list(pool.map(render, texts))
    assert outputs[0::2] == [render(ACME)] * 4
    assert outputs[1::2] == [render(TROUBLED)] * 4
    after = os.fstat(2)
    assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)


def test_orthogonal_edges() -> None:
    ortho = parse(render(ACME, splines="ortho"))
    assert set(groups(ortho, "node")) == set(groups(parse(render(ACME)), "node"))
    # Orthogonal routing draws only horizontal and vertical segments.
    path = groups(ortho, "edge")["line.cmo.ops"].find(f"{SVG}path")
    assert path is not None
    points = [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", path.get("d", ""))]
    # Each segment's end against the next one's (the second list is one shorter).
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points[::3], points[3::3], strict=False))


# (name, how DOT must write it): bare where DOT allows, quoted otherwise.
DOT_NAMES = [
    ("cmo", "cmo"),
    ("lead_seo2", "lead_seo2"),
    ("lead-seo", '"lead-seo"'),  # a hyphen ends a bare ID
    ("mgr.stack.0.1", '"mgr.stack.0.1"'),  # spine joints
    ("graph", '"graph"'),  # DOT keywords, in any case
    ("Node", '"Node"'),
    ("12", "12"),
    ("-0.5", "-0.5"),
    ("1.2.3", '"1.2.3"'),
    ("#94a3b8", '"#94a3b8"'),
    ("Lato,sans-serif", '"Lato,sans-serif"'),
    ("café", '"café"'),
    ("", '""'),
    ('say "hi"', '"say \\"hi\\""'),
    ("back\\slash", '"back\\slash"'),  # DOT keeps a backslash as written
    ("<<B>bold</B>>", "<<B>bold</B>>"),  # HTML-like labels pass as written
]


@pytest.mark.parametrize(("name", "written"), DOT_NAMES)
def test_dot_quoting(name: str, written: str) -> None:
    from orgmodel.render.dot import quote

    assert quote(name) == written


def test_dot_refuses_a_string_it_cannot_write() -> None:
    from orgmodel.render.dot import quote

    with pytest.raises(ValueError, match="DOT string"):
        quote("ends with \\")


def test_dot_names_read_back_by_graphviz() -> None:
    """Every awkward name survives a round trip through the real Graphviz parser."""
    import pygraphviz

    from orgmodel.render.dot import Graph

    graph = Graph("t", node_attr={"shape": "box"})
    names = [name for name, _ in DOT_NAMES if name and not name.startswith("<")]  # Graphviz has no unnamed nodes
    with graph.subgraph("cluster_x") as cluster:
        cluster.attr(label="a \"quoted\" label")
        for name in names:
            cluster.node(name, label=f"<{name.replace('&', '&amp;').replace('<', '&lt;')}>", id="n")
    graph.edge("cmo", "lead-seo", minlen="0")
    parsed = pygraphviz.AGraph(string=graph.source)
    assert sorted(parsed.nodes()) == sorted(names)
    assert parsed.get_subgraph("cluster_x").graph_attr["label"] == 'a "quoted" label'
    assert parsed.get_edge("cmo", "lead-seo").attr["minlen"] == "0"
    assert parsed.node_attr["shape"] == "box"


def test_clean_keeps_printable_text_as_it_is_and_drops_every_unsafe_character() -> None:
    """clean() returns printable text untouched without its regex; that shortcut is safe only
    while no character the regex removes counts as printable (checked over all of Unicode)."""
    import sys

    from orgmodel.render.escape import _CONTROL, clean

    assert not [c for c in range(sys.maxunicode + 1) if _CONTROL.match(chr(c)) and chr(c).isprintable()]
    for text, expected in [("Head of SEO", "Head of SEO"), ("a\tb", "a b"), ("a\x00b\u200bc", "ab\u200bc"),
                           ("x\ufffey", "xy"), ("\ud800", ""), ("Zoë 김\u00a0", "Zoë 김\u00a0")]:
        assert clean(text) == expected
