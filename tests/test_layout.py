"""The compact layout's packing: where a wrapped row hangs, dotted-line names on cards, and what the
real Graphviz makes of it (reports in file order, examples/global.org.txt on an A3 page)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import EXAMPLES, run_cli
from test_charts import SVG, nodes

from orgmodel.api import check_file, check_text
from orgmodel.model import Role
from orgmodel.render import cards, chart, layout
from orgmodel.render.selection import select
from orgmodel.rulepack import load_builtin
from orgmodel.synthetic import generate

ACROSS, DOWN = 10.0, 10.0
LINE = ACROSS + 2  # the line beside a row, down to the next row's joint
TALL, SHORT = ((100.0, 200.0), 4), ((100.0, 50.0), 1)  # blocks: (width, height), ranks


# (the row's blocks, the rows below it, widen?) -> (where they hang, the rank gap to their joint)
HANGS = [
    # Under the short last item, no wider than the shelf: from the short item's bottom, not the row's.
    ([TALL, SHORT], (90.0, 100.0, 2), False, 1, SHORT[1] + 1),
    ([SHORT, TALL], (90.0, 100.0, 2), False, 0, SHORT[1] + 1),
    # A tail wider than the short item would widen the row: a shelf below the whole row ...
    ([TALL, SHORT], (300.0, 100.0, 2), False, layout.SHELF, TALL[1] + 1),
    # ... unless widening is allowed and the hang takes less room (200 x 407 < 317 x 300).
    ([TALL, SHORT], (300.0, 100.0, 2), True, 1, SHORT[1] + 1),
    # Items alike: hanging saves nothing, the shelf stays.
    ([SHORT, SHORT], (80.0, 40.0, 1), True, layout.SHELF, SHORT[1] + 1),
    # Never under a middle item (its line between two items lost Graphviz's order of them).
    ([TALL, SHORT, TALL], (90.0, 100.0, 2), True, layout.SHELF, TALL[1] + 1),
]


@pytest.mark.parametrize(("blocks", "tail", "widen", "where", "gap"), HANGS)
def test_where_a_wrapped_row_hangs(blocks: list[tuple[tuple[float, float], int]], tail: layout.Span,
                                   widen: bool, where: int, gap: int) -> None:
    widths, heights, ranks = [w for (w, _), _ in blocks], [h for (_, h), _ in blocks], [r for _, r in blocks]
    (width, height, span_ranks), found_gap, found_where = layout.hang(widths, heights, ranks, tail, ACROSS, DOWN, widen)
    assert (found_where, found_gap) == (where, gap)
    row_width = sum(widths) + ACROSS * (len(blocks) - 1)
    if where == layout.SHELF:  # the tail below the row's deepest rank
        assert height == max(heights) + 2 * DOWN + tail[1]
        assert width == max(row_width + LINE, tail[0])
    else:  # the tail below one item, beside the others
        assert height == max(max(heights), heights[where] + 2 * DOWN + tail[1])
        assert width == row_width - widths[where] + max(widths[where] + LINE, tail[0])
    assert span_ranks == max(max(ranks), gap + tail[2])


# (dotted-line managers, characters per line) -> the card's dotted-line row, line by line
DOTTED = [
    (("Global SEO Lead",), 22, ["dotted line: Global SEO Lead"]),  # a name is never split
    (("Global Social Media Lead",), None, ["dotted line: Global Social Media Lead"]),
    (("CMO", "VP"), 22, ["dotted line: CMO, VP"]),
    (("Global SEO Lead", "Global PPC Lead"), 22, ["dotted line: Global SEO Lead,", "Global PPC Lead"]),
    (("A", "B", "C", "+2 more"), 22, ["dotted line: A, B, C,", "+2 more"]),
    (("Global SEO Lead", "Global PPC Lead"), None, ["dotted line: Global SEO Lead, Global PPC Lead"]),
]


def _card(dotted: tuple[str, ...], wrap: int | None) -> cards.Card:
    return cards.Card(Role("r", "SEO Lead APAC", 1, 1, person="Ananya"), dotted=dotted, wrap=wrap)


@pytest.mark.parametrize(("dotted", "wrap", "lines"), DOTTED)
def test_dotted_line_names_wrap_between_names(dotted: tuple[str, ...], wrap: int | None, lines: list[str]) -> None:
    assert cards.dotted_lines(_card(dotted, wrap)) == lines
    label = cards.label(_card(dotted, wrap))
    assert label.count("dotted line:") == 1 and all(line in label for line in lines)


def test_a_long_dotted_line_name_costs_a_compact_card_no_extra_line() -> None:
    """Twelve cards in one rank of examples/global.org.txt were two lines taller for "Global" / "SEO Lead"."""
    plain, short, long = (cards.estimate(_card(d, 22))[1] for d in ((), ("CMO",), ("Global Social Media Lead",)))
    assert plain < short == long


def _dot_lines(dot: str) -> dict[str, list[str]]:
    """Each node's lines to others, in the order the DOT writes them."""
    lines: dict[str, list[str]] = {}
    for tail, head in re.findall(r'^\t+"?([^"\s]+)"? -> "?([^"\s\]]+)"?(?: \[|$)', dot, re.M):
        lines.setdefault(tail, []).append(head)
    return lines


def _centres(svg: str) -> dict[str, float]:
    """Where each card (by its ID) and each joint of lines (by its DOT name) is drawn across."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        kinds = (group.get("class") or "").split()
        if "node" in kinds:
            name = group.findtext(f"{SVG}title", "") if "joint" in kinds else group.get("id", "")
            found[name] = _centre(group)
    return found


def _centre(group: ET.Element) -> float:
    xs = [float(x) for p in group.iter(f"{SVG}path") for x in re.findall(r"(-?[\d.]+),-?[\d.]+", p.get("d", ""))]
    xs += [float(e.get("cx", "0")) for e in group.iter(f"{SVG}ellipse")]  # a joint's point
    return (min(xs) + max(xs)) / 2


@pytest.mark.parametrize("name", ["global", "generated-150"])
def test_each_row_of_reports_is_drawn_in_file_order(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A wrap line written between two reports let Graphviz swap them (SEO Lead after Social Media Lead).

    Rows within one team only: Graphviz does not keep ``ordering=out`` across a team's box (the
    CMO's row of examples/global.org.txt was drawn VP Global Brand first before this change too).
    """
    org = EXAMPLES / "global.org.txt"
    if name != "global":
        org = tmp_path_factory.mktemp("orgs") / "g150.org.txt"
        org.write_text(generate(150, seed=0).text)
    model = check_file(org).org
    dot = run_cli("render", str(org), "--format", "dot", "-o", "-").stdout
    centres = _centres(run_cli("render", str(org), "-o", "-").stdout)
    lines = _dot_lines(dot)

    def team(node: str) -> str | None:  # a column's joint: its first leaf's team
        role = node if node in model.roles else next(h for h in lines[node] if h in model.roles)
        found = model.roles[role].team
        return found.text if found is not None else None

    rows = 0
    for tail, heads in lines.items():
        if ".stack." in tail or tail not in model.roles and ".wrap." not in tail:
            continue  # a column's own line, or the header's
        heads = [h for h in heads if h != ".header"]  # an invisible line on the top role's rank
        wraps = [i for i, h in enumerate(heads) if ".wrap." in h]
        assert all(i in (0, len(heads) - 1) for i in wraps), (tail, heads)  # the wrap line first or last
        reports = [h for h in heads if ".wrap." not in h]
        if len(reports) > 1 and len({team(r) for r in reports}) == 1:
            rows += 1
            xs = [centres[r] for r in reports]
            assert xs == sorted(xs), (tail, reports)
    assert rows >= 5  # rows of several reports were checked


A3 = (1190.55, 841.89)  # landscape, points


def test_global_fits_an_a3_page_with_text_of_6_points_and_the_header_beside_the_top() -> None:
    """Issue 13's target for a realistic 150-role org (benchmarks/charts.py prints it for every org)."""
    svg = run_cli("render", str(EXAMPLES / "global.org.txt"), "-o", "-").stdout
    width, height = (float(v) for v in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())  # type: ignore[union-attr]
    smallest = min(float(v) for v in re.findall(r'font-size="([\d.]+)"', svg))
    assert smallest >= 11  # not reached by shrinking the text
    assert smallest * min(A3[0] / width, A3[1] / height) >= 6
    root = ET.fromstring(svg)
    header = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "header")
    top = nodes(svg)["cmo"]
    header_ys = [float(t.get("y", "0")) for t in header.iter(f"{SVG}text")]
    top_ys = [float(t.get("y", "0")) for t in top.iter(f"{SVG}text")]
    assert min(header_ys) <= max(top_ys) and min(top_ys) <= max(header_ys)  # side by side, not above
    assert min(float(t.get("x", "0")) for t in header.iter(f"{SVG}text")) > _centre(top)  # to its right


def _builder(org_text: str, options: chart.ChartOptions = chart.ChartOptions()) -> chart._Builder:
    """The chart builder of an org, before any plan: what the planner asks card sizes of."""
    result = check_text(org_text)
    return chart._Builder(result.org, result.findings, load_builtin().vocabulary.exclusive, options,
                          select(result.org, None, None, None))


# Orgs whose cards carry every kind of row: badges, findings, dotted lines (named when too many), a cut card.
BOUNDED = [
    ("generated 300", generate(300, seed=3).text, {}),
    ("troubled", (EXAMPLES / "troubled.org.txt").read_text(), {}),
    ("global, dotted names", (EXAMPLES / "global.org.txt").read_text(), {"dotted": "names"}),
    ("global, cut at depth 2", (EXAMPLES / "global.org.txt").read_text(), {"depth": 2}),
]


@pytest.mark.parametrize(("name", "text", "options"), BOUNDED, ids=[b[0] for b in BOUNDED])
def test_tree_bounds_hold_for_every_card(name: str, text: str, options: dict[str, object]) -> None:
    builder = _builder(text, chart.ChartOptions(**options))  # type: ignore[arg-type]
    for role_id in builder.selection.roles:
        width, height = builder.estimate(role_id, False)
        least_width, most_height = builder.tree_bounds(role_id)
        assert least_width <= width and most_height >= height, role_id


# (org, auto's choice, whether the bounds alone tell) -> the bounds decide only what the full tree plan would have.
AUTO = [
    ("acme: a small tree", (EXAMPLES / "acme.org.txt").read_text(), "tree", False),
    ("six managers with a specialist each", 'role c "CMO"\n' + "".join(
        f'role r{i} "Marketing Manager"\n  reports-to c\nrole s{i} "Specialist"\n  reports-to r{i}\n'
        for i in range(6)), "tree", False),
    # Badges widen cards past what the bounds (titles, persons) can tell: the tree plan decides.
    ("seven managers owning six KPIs each", 'role c "CMO"\n' + "".join(
        f'role r{i} "Marketing Manager"\n  reports-to c\nrole s{i} "Specialist"\n  reports-to r{i}\n' + "".join(
            f'kpi k{i}x{k} "KPI {i}.{k}"\n  owner r{i}\n' for k in range(6)) for i in range(7)), "compact", False),
    ("generated 150", generate(150, seed=1).text, "compact", True),
    ("generated 2,000", generate(2000, seed=1).text, "compact", True),
]


@pytest.mark.parametrize(("name", "text", "drawn", "told"), AUTO, ids=[a[0] for a in AUTO])
def test_auto_chooses_the_same_with_and_without_bounds(name: str, text: str, drawn: str, told: bool) -> None:
    builder = _builder(text)
    org, selection = builder.org, builder.selection
    with_bounds = layout.plans(org, selection, builder.estimate, builder.team_of, "auto", 3, builder.tree_bounds)
    without = layout.plans(org, selection, builder.estimate, builder.team_of, "auto", 3)
    assert [p.layout for p in with_bounds] == [p.layout for p in without]
    assert with_bounds[0].layout == drawn
    assert [p.rows for p in with_bounds] == [p.rows for p in without]
    tree = layout._Tree(org, selection, builder.team_of)
    assert layout._surely_too_wide(org, tree, builder.tree_bounds, 3) == told
