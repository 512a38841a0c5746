"""render's options through the installed console script: layout, team, dotted lines, fonts, pages, scale,
and the parts of a chart that explain it (code key, counts, cut cards, badges, liaisons)."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli
from test_charts import SVG, nodes, texts, tooltip

from orgmodel.synthetic import generate

GLOBAL = EXAMPLES / "global.org.txt"
TROUBLED = EXAMPLES / "troubled.org.txt"


def svg_of(*args: str) -> str:
    result = run_cli("render", *args, "-o", "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def size(svg: str) -> tuple[float, float]:
    width, height = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()  # type: ignore[union-attr]
    return float(width), float(height)


def header_text(svg: str) -> str:
    """The header's text: the graph's own, or a compact chart's header node's (beside the top role)."""
    root = ET.fromstring(svg)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    own = [t for t in graph if t.tag == f"{SVG}text"] or [
        t for g in root.iter(f"{SVG}g") if g.get("id") == "header" for t in g.iter(f"{SVG}text")]
    return " ".join(" ".join("".join(t.itertext()) for t in own).split())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("orgs") / "g150.org.txt"
    path.write_text(generate(150, seed=0).text)
    return path


def test_layout_auto_is_compact_for_a_wide_org_and_tree_for_a_small_one(generated: Path) -> None:
    auto, tree = svg_of(str(generated)), svg_of(str(generated), "--layout", "tree")
    (aw, ah), (tw, th) = size(auto), size(tree)
    assert tw / th > 2.5 >= aw / ah  # the tree is too wide; the compact chart is not
    assert set(nodes(auto)) >= {f"lea{i}" for i in range(20)}  # every role is still a card
    assert "wrap." in svg_of(str(generated), "--format", "dot")  # reports wrapped into rows
    acme = str(EXAMPLES / "acme.org.txt")
    assert svg_of(acme) == svg_of(acme, "--layout", "tree") != svg_of(acme, "--layout", "compact")


def test_team_draws_one_team_and_the_header_counts_what_is_drawn() -> None:
    svg = svg_of(str(GLOBAL), "--team", "emea")
    drawn = set(nodes(svg))
    assert "dir-emea" in drawn and "emea-seo-0" in drawn and "cmo" not in drawn and "dir-apac" not in drawn
    assert header_text(svg).startswith(f"Halvorsen Industrial Group: Global Marketing {len(drawn)} of 150 roles")


def _counts(findings: list) -> str:
    from collections import Counter

    from orgmodel.render.cards import counted

    return " · ".join(text for _, text in counted(Counter(f.severity for f in findings)))


def test_root_and_depth_count_the_drawn_roles_and_their_findings() -> None:
    from orgmodel.api import check_file
    from orgmodel.render.selection import select

    result = check_file(TROUBLED)
    selection = select(result.org, depth=1)
    on_them = [f for f in result.findings if f.entity in set(selection.roles)]
    header = header_text(svg_of(str(TROUBLED), "--depth", "1"))
    assert f"{len(selection.roles)} of {len(result.org.roles)} roles" in header
    assert f"on these roles: {_counts(on_them)} · whole org: {_counts(result.findings)}" in header
    assert "Not on a card" not in header  # KPI findings belong to the whole org's chart
    assert "Not on a card:" in header_text(svg_of(str(TROUBLED)))


def test_cut_cards_say_what_they_hide() -> None:
    from orgmodel.api import check_file
    from orgmodel.render.selection import select

    result = check_file(TROUBLED)
    selection = select(result.org, depth=1)
    hidden = [f for f in result.findings if selection.hidden_under.get(f.entity or "") == "dir"]
    assert hidden  # the example hides findings under dir
    drawn = nodes(svg_of(str(TROUBLED), "--depth", "1"))
    assert f"+{selection.hidden_below['dir']} more · {_counts(hidden)}" in " ".join(texts(drawn["dir"]))
    assert (f"{selection.hidden_below['dir']} more roles below (cut by --depth): {_counts(hidden).replace(' ·', ',')}"
            in tooltip(drawn["dir"]))


def test_code_key_names_each_rule_and_tooltips_give_messages() -> None:
    svg = svg_of(str(TROUBLED))
    header = header_text(svg)
    assert "Codes: BUD001 budget-separation-role" in header
    assert "KPI001 kpi-single-owner: Market Share, Net Promoter Score" in header  # entities by their names
    lines = tooltip(nodes(svg)["dir"])
    assert any(line.startswith("error BUD001 (budget-separation-role): 'dir' holds both") for line in lines)


def test_dotted_lines_as_lines_names_or_hidden() -> None:
    def dotted_ids(svg: str) -> set[str]:
        return {g.get("id", "") for g in ET.fromstring(svg).iter(f"{SVG}g") if "dotted" in (g.get("class") or "")}

    assert dotted_ids(svg_of(str(GLOBAL), "--show", "dotted-lines", "--team", "emea")) == set()  # global leads: out
    assert "dotted.lead-seo.emea-lead-seo" in dotted_ids(svg_of(str(GLOBAL), "--show", "dotted-lines"))
    named = nodes(svg_of(str(GLOBAL), "--layout", "tree", "--show", "dotted-names"))
    assert "dotted line: Global SEO Lead" in texts(named["emea-lead-seo"])
    hidden = svg_of(str(GLOBAL), "--hide", "dotted")
    assert "dotted" not in "".join(texts(nodes(hidden)["emea-lead-seo"])) and 'class="edge dotted"' not in hidden
    assert "dotted-line manager" not in header_text(hidden)
    both = run_cli("render", str(GLOBAL), "-o", "-", "--hide", "dotted", "--show", "dotted-lines")
    assert (both.returncode, both.stderr.count("\n")) == (2, 1)


def test_departments_each_in_a_colour_with_a_legend() -> None:
    svg = svg_of(str(EXAMPLES / "acme.org.txt"), "--show", "departments")
    root = ET.fromstring(svg)
    colours = {g.get("id"): {p.get("stroke") for p in g.iter() if p.get("stroke") not in (None, "none")}
               for g in root.iter(f"{SVG}g") if "liaison" in (g.get("class") or "")}
    assert colours["liaison.cmo.sales"] == colours["liaison.strategy.sales"] != colours["liaison.cmo.product"]
    assert "liaises with: Sales Product Development" in header_text(svg)


def test_badges_use_the_cards_width(tmp_path: Path) -> None:
    org = tmp_path / "wide.org.txt"
    org.write_text('role a "Director of Global Marketing Operations and Strategy"\n'
                   'kpi k "Marketing-Sourced Pipeline Across Every Region"\n  owner a\n')
    badge = [t for t in texts(nodes(svg_of(str(org)))["a"]) if t.startswith("Marketing-Sourced")]
    assert badge == ["Marketing-Sourced Pipeline Across Every Region"]  # 46 characters, not cut at 26


def test_fonts_from_the_option_and_the_setting(tmp_path: Path) -> None:
    assert 'font-family="Lato,Noto Sans CJK JP,sans-serif"' in svg_of(str(GLOBAL), "--font", "Noto Sans CJK JP")
    (tmp_path / ".orgmodel.toml").write_text('font = ["Noto Sans CJK KR"]\n')
    org = tmp_path / "a.org.txt"
    org.write_text('role a "마케팅 이사"\n')
    assert 'font-family="Lato,Noto Sans CJK KR,sans-serif"' in svg_of(str(org))
    bad = run_cli("render", str(org), "-o", "-", "--font", 'x" y')
    assert (bad.returncode, bad.stderr.startswith("orgmodel: error: --font: 'x\" y' is not a font family")) == (2, True)
    (tmp_path / ".orgmodel.toml").write_text('font = ["Lato</fontconfig>"]\n')
    assert "font: 'Lato</fontconfig>' is not a font family" in run_cli("render", str(org), "-o", "-").stderr


def test_pdf_fits_a_page(tmp_path: Path, generated: Path) -> None:
    free, fitted = tmp_path / "free.pdf", tmp_path / "a4.pdf"
    assert run_cli("render", str(generated), "-o", str(free)).returncode == 0
    assert run_cli("render", str(generated), "-o", str(fitted), "--page", "a4").returncode == 0

    def media_box(path: Path) -> tuple[float, float]:
        data = path.read_bytes()
        assert data.startswith(b"%PDF-")
        x0, y0, x1, y1 = (float(v) for v in re.search(rb"/MediaBox \[ *([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", data).groups())  # type: ignore[union-attr]
        return x1 - x0, y1 - y0

    width, height = media_box(fitted)
    assert max(width, height) <= 842 and min(width, height) <= 596  # A4: 842 x 595 points
    assert media_box(free)[0] > width


def test_png_scale(tmp_path: Path) -> None:
    def pixels(*args: str) -> tuple[int, int]:
        out = tmp_path / "c.png"
        assert run_cli("render", str(EXAMPLES / "acme.org.txt"), "-o", str(out), *args).returncode == 0
        return struct.unpack(">II", out.read_bytes()[16:24])

    (w1, h1), (w2, h2) = pixels(), pixels("--scale", "2")
    assert abs(w2 - 2 * w1) <= 2 and abs(h2 - 2 * h1) <= 2
