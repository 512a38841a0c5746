"""Model and findings to a Graphviz graph (DOT).

The tree is top-down with reports in file order (``ordering=out``); dotted
lines do not move it (``constraint=false``); a manager's many leaf reports
hang from a vertical spine instead of spreading into one wide row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

import attrs

from orgmodel.dsl.grammar import is_identifier
from orgmodel.finding import Finding, Severity
from orgmodel.model import Org, Role
from orgmodel.render import PAGES, bounds, cards, departments, fonts, header, layout, theme
from orgmodel.render.dot import Graph
from orgmodel.render.escape import html_label, is_blank
from orgmodel.render.overlay import Overlay
from orgmodel.render.selection import Selection, select, tops

DOTTED = ("auto", "lines", "names", "hide")  # auto: lines in a tree, names on the cards when compact
COMPACT_WRAP = 22  # characters per line of a compact card's title
_DOTTED_NAMES = 3  # dotted-line managers named on a card


@attrs.frozen
class ChartOptions:
    findings: bool = True
    departments: bool = False
    dotted: str = "auto"  # how dotted-line managers are drawn: a name in DOTTED
    splines: str = "polyline"  # or "ortho"
    root: str | None = None
    depth: int | None = None
    team: str | None = None  # draw this team's roles only
    stack_min: int = 3  # stack a manager's leaf reports when it has this many (0: never)
    layout: str = "auto"  # a name in orgmodel.render.LAYOUTS
    fonts: tuple[str, ...] = ()  # families tried after Lato, before any other (checked by fonts.family_error)
    page: str | None = None  # a key of orgmodel.render.PAGES: the chart is scaled down to fit it


@attrs.frozen
class Chart:
    source: str  # DOT
    tooltips: Mapping[str, str]  # SVG node id -> details for its <title>
    roles: tuple[str, ...]
    lines: int = 0  # edges in the DOT
    dotted_lines: int = 0  # of which dotted-line managers
    notes: tuple[str, ...] = ()  # what the user should know about how it was drawn


def node_name(role_id: str) -> str:
    """The DOT and SVG id of a role: its ID, which the language has validated.

    IDs reach DOT only after this check, so free text can never become a node
    name. A second declaration of an ID is kept as ``ID.2``; synthetic nodes
    use '.' followed by a word, which neither form can be.
    """
    base, _, number = role_id.partition(".")
    if not is_identifier(base) or (number and not number.isdigit()):
        raise ValueError(f"not a valid role ID: {role_id!r}")
    return role_id


HEADER = ".header"  # the header's node, when it is one: a '.' cannot start a role ID


def _joint(manager: str, group: int, index: int) -> str:
    # A '.' cannot occur in a role ID, so a joint never collides with a role.
    return f"{manager}.stack.{group}.{index}"


def _wrap(manager: str, row: int) -> str:
    return f"{manager}.wrap.{row}"


def _page_size(page: str, estimate: tuple[float, float]) -> str:
    """Graphviz's size (inches, inside the 0.3-inch pad and some rounding): the page turned the way the chart is."""
    short, long = PAGES[page]
    width, height = (long, short) if estimate[0] >= estimate[1] else (short, long)
    return f"{width - 0.7:g},{height - 0.7:g}"


class _Builder:
    def __init__(self, org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                 options: ChartOptions, selection: Selection, names: Mapping[str, str] | None = None,
                 overlay: Overlay = Overlay()) -> None:
        self.org, self.options, self.selection = org, options, selection
        self.overlay = overlay
        self.holdings = cards.Holdings(org, exclusive)
        self.shown = set(selection.roles)
        self.by_role: dict[str, list[Finding]] = defaultdict(list)
        self.elsewhere: list[Finding] = []
        self.hidden_findings: dict[str, Counter[Severity]] = defaultdict(Counter)  # cut card -> what it hides
        for finding in findings if options.findings else ():
            if finding.entity is not None and finding.entity in org.roles:
                self.by_role[finding.entity].append(finding)
                if finding.entity in selection.hidden_under:
                    self.hidden_findings[selection.hidden_under[finding.entity]][finding.severity] += 1
            else:
                self.elsewhere.append(finding)
        self.names = names or {}
        self.compact = False  # decided with the plan
        self.too_many_dotted = False  # auto: more dotted lines than bounds allows are drawn as names
        self.tooltips: dict[str, str] = {}
        self.graph = Graph()
        self.team_margin = layout.TREE_SPACING.team_margin
        # A card's facts are read for its size estimate, then for the card itself. The planner keeps
        # each estimate; too_many_dotted is settled before either is asked for.
        self._facts: dict[tuple[str, bool], cards.Card] = {}

    def start(self, plan: layout.Plan) -> None:
        """The graph and its defaults, with the plan's spacing."""
        spacing = plan.spacing
        self.team_margin = spacing.team_margin
        self.tooltips = {}
        font = fonts.font_list(self.options.fonts)
        graph_attr = {
            "rankdir": "TB", "newrank": "true", "ordering": "out", "splines": self.options.splines,
            "nodesep": f"{spacing.nodesep:g}", "ranksep": f"{spacing.ranksep:g}", "fontname": font,
            "bgcolor": "white", "pad": "0.3", "labelloc": "t", "labeljust": "l",
        }
        if self.options.page is not None:
            # margin=0: Graphviz's PDF adds half an inch around the drawing otherwise.
            graph_attr.update(size=_page_size(self.options.page, plan.estimate), margin="0")
        self.graph = Graph(
            name="orgmodel",
            graph_attr=graph_attr,
            # Defaults for the common case; a card or line states only what differs
            # (quoting every attribute of thousands of nodes was half the DOT time).
            node_attr={"shape": "box", "style": "rounded,filled", "fontname": font, "fontsize": "11",
                       "color": theme.BORDER, "margin": spacing.card_margin, "fillcolor": theme.LAYER_FILL["none"]},
            edge_attr={"color": theme.TREE_EDGE, "arrowhead": "none", "penwidth": "1.2", "class": "reports"},
        )

    def facts(self, role_id: str, compact: bool) -> cards.Card:
        """What the card of ``role_id`` shows, drawn compact (wrapped, dotted lines as names) or not."""
        found = self._facts.get((role_id, compact))
        if found is None:
            found = self._facts[role_id, compact] = self._read_facts(role_id, compact)
        return found

    def names_dotted(self, compact: bool) -> bool:
        """Whether cards drawn compact (or not) name their dotted-line managers."""
        return self.options.dotted == "names" or ((compact or self.too_many_dotted) and self.options.dotted == "auto")

    def _read_facts(self, role_id: str, compact: bool) -> cards.Card:
        role = self.org.roles[role_id]
        dotted: tuple[str, ...] = ()
        if self.names_dotted(compact):
            dotted = tuple(m.title if not is_blank(m.title) else m.id for v in role.dotted_to
                           if (m := self.org.roles.get(v.text)) is not None)
            if len(dotted) > _DOTTED_NAMES:  # the rest are counted
                dotted = (*dotted[:_DOTTED_NAMES], f"+{len(dotted) - _DOTTED_NAMES} more")
        wrap = COMPACT_WRAP if compact else None
        other = self._facts.get((role_id, not compact))
        if other is not None:  # the auto layout reads both looks of every card: what they share, once
            return cards.Card(role, other.badges, other.findings, other.hidden, other.hidden_findings, dotted,
                              self.names, wrap)
        return cards.Card(role, self.holdings.badges(role), tuple(self.by_role.get(role_id, ())),
                          self.selection.hidden_below.get(role_id, 0), self.hidden_findings.get(role_id, {}),
                          dotted, self.names, wrap)

    def card(self, target: Graph, role: Role) -> None:
        name = node_name(role.id)
        card = self.facts(role.id, self.compact)
        colour, width = cards.border(card.findings)
        attributes = {}
        if role.layer is not None:
            attributes["fillcolor"] = theme.LAYER_FILL[role.layer]
        if colour != theme.BORDER:
            attributes.update(color=colour, penwidth=width)
        if role.vacant:
            attributes["style"] = "rounded,filled,dashed"
        label, tooltip = self.overlay.card(role.id, attributes, cards.label(card), cards.tooltip(card))
        target.node(name, label=f"<{label}>", id=name, **attributes)
        self.tooltips[name] = tooltip

    @property
    def dotted_lines(self) -> bool:
        """Whether dotted-line managers are drawn as lines (else as names on the cards, or not at all)."""
        return self.options.dotted == "lines" or (self.options.dotted == "auto" and not self.compact
                                                  and not self.too_many_dotted)

    def header(self, label: str, plan: layout.Plan) -> None:
        """The header: above the chart, or in a compact chart with one top role, beside that role.

        A compact chart's top role sits alone on its rank, above its reports' wider rows; the
        header there costs no height of its own (examples/global.org.txt: 80 points, 5%).
        """
        starts = tops(self.org, self.selection)
        if plan.layout != "compact" or len(starts) != 1:
            self.graph.attr(label=f"<{label}>")
            return
        top = node_name(starts[0])
        with self.graph.subgraph() as band:
            band.attr(rank="same")
            band.node(top)
            band.node(HEADER, label=f"<{label}>", id="header", shape="plaintext", style="", margin="0",
                      **{"class": "header"})
        # Invisible, so no line: it keeps the header right of the top role, a little apart.
        self.graph.edge(top, HEADER, style="invis", minlen="2")

    def count_dotted(self) -> int:
        return sum(1 for r in self.selection.roles for v in self.org.roles[r].dotted_to if v.text in self.shown)

    def team_of(self, role_id: str) -> str | None:
        team = self.org.roles[role_id].team
        return team.text if team is not None and team.text in self.org.teams else None

    def estimate(self, role_id: str, compact: bool) -> tuple[float, float]:
        spacing = layout.COMPACT_SPACING if compact else layout.TREE_SPACING
        return cards.estimate(self.facts(role_id, compact), spacing.card_margin)

    def tree_bounds(self, role_id: str) -> tuple[float, float]:
        """At most the width and at least the height of ``role_id``'s card in a tree (cards.tree_bounds)."""
        role = self.org.roles[role_id]
        return cards.tree_bounds(role, self.holdings.count(role), role_id in self.by_role,
                                 self.selection.hidden_below.get(role_id, 0) > 0,
                                 self.names_dotted(False) and bool(role.dotted_to),
                                 layout.TREE_SPACING.card_margin)

    def item_team(self, item: layout.Item) -> str | None:
        return self.team_of(item if isinstance(item, str) else item[0])

    def joints(self, plan: layout.Plan) -> dict[str | None, list[tuple[str, str]]]:
        """Every joint of the plan (point nodes where lines meet) by team: (name, its group).

        A spine's joints must sit in the same cluster as its leaves (a cluster
        keeps its members together), so leaves of different teams hang from
        different spines; a wrap joint sits in its manager's team when all its
        row does.
        """
        found: dict[str | None, list[tuple[str, str]]] = defaultdict(list)
        for manager, rows in plan.rows.items():
            column = 0
            for index, row in enumerate(rows):
                if index:
                    teams = {self.item_team(item) for item in row}
                    team = self.team_of(manager) if teams == {self.team_of(manager)} else None
                    found[team].append((_wrap(manager, index), f"{manager}.wrap"))
                for item in row:
                    if isinstance(item, tuple):
                        found[self.item_team(item)] += [(_joint(manager, column, i), f"{manager}.stack.{column}")
                                                        for i in range(len(item))]
                        column += 1
        return found

    @staticmethod
    def points(target: Graph, joints: Sequence[tuple[str, str]]) -> None:
        # The joints' shared look as defaults of their own subgraph: thousands of
        # points then state only their group (one group per line keeps it straight).
        if not joints:
            return
        with target.subgraph() as points:
            points.attr("node", label="", shape="point", width="0.02", height="0.02", color=theme.TREE_EDGE,
                        **{"class": "joint"})
            for name, group in joints:
                points.node(name, group=group)

    def cards(self, plan: layout.Plan) -> None:
        # Grouped once by team (a filter per team would be roles x teams).
        members: dict[str | None, list[Role]] = defaultdict(list)
        for role_id in self.selection.roles:
            members[self.team_of(role_id)].append(self.org.roles[role_id])
        joints = self.joints(plan)
        for team in self.org.teams.values():
            if not members.get(team.id):
                continue
            with self.graph.subgraph(name=f"cluster_{node_name(team.id)}") as cluster:
                name = team.id if is_blank(team.name) else team.name
                label = f'<<FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.MUTED}"><B>{html_label(name)}</B></FONT>>'
                cluster.attr(label=label,
                             style="rounded,dashed", color=theme.CLUSTER, id=f"team-{node_name(team.id)}",
                             labeljust="l", margin=self.team_margin)
                for role in members[team.id]:
                    self.card(cluster, role)
                self.points(cluster, joints.get(team.id, ()))
        for role in members.get(None, ()):
            self.card(self.graph, role)
        self.points(self.graph, joints.get(None, ()))

    def lines(self, plan: layout.Plan) -> None:
        for manager in self.selection.roles:
            self.reports(manager, plan.rows.get(manager, ()), plan.gaps.get(manager, ()), plan.hangs.get(manager, ()))
        for role_id in self.selection.roles:
            role = self.org.roles[role_id]
            for extra in role.reports_to[1:]:  # HIER003: drawn, but not as the tree
                if extra.text in self.shown:
                    self.graph.edge(extra.text, role_id, id=f"extra.{extra.text}.{role_id}", color=theme.ERROR,
                                    constraint="false", **{"class": "extra-manager"})
            for dotted in role.dotted_to if self.dotted_lines else ():
                if dotted.text in self.shown:
                    self.graph.edge(dotted.text, role_id, id=f"dotted.{dotted.text}.{role_id}", style="dashed",
                                    constraint="false", color=theme.DOTTED_EDGE, arrowhead="vee",
                                    arrowsize="0.6", **{"class": "dotted"})

    def reports(self, manager: str, rows: Sequence[Sequence[layout.Item]], gaps: Sequence[int],
                hangs: Sequence[int]) -> None:
        """Lines from ``manager`` to its reports, row by row.

        Each row after the first hangs from a joint on a line that runs down
        from the row above: between its middle items, or just after the item
        it hangs under (``ordering=out`` keeps the line where it is written
        among the row's lines).
        """
        attach, column = manager, 0
        for index, row in enumerate(rows):
            hang = hangs[index] if index < len(hangs) else None
            wrap_at = None if hang is None else len(row) if hang == len(row) - 1 > 0 else 0
            for position, item in enumerate([*row, None]):
                if position == wrap_at:
                    self.graph.edge(attach, _wrap(manager, index + 1), minlen=str(gaps[index]), weight="0",
                                    id=f"wrap.{manager}.{index + 1}")
                if item is None:
                    break
                if isinstance(item, str):
                    self.graph.edge(attach, item, id=f"line.{manager}.{item}")
                else:
                    self.spine(attach, manager, column, item)
                    column += 1
            attach = _wrap(manager, index + 1)

    def spine(self, attach: str, manager: str, group: int, leaves: Sequence[str]) -> None:
        """Leaves one under another, each joined to a vertical line from ``attach``."""
        previous = attach
        for index, leaf in enumerate(leaves):
            joint = _joint(manager, group, index)
            self.graph.edge(previous, joint)
            # minlen=0: the leaf sits on its joint's rank, beside it (ranking
            # minimises edge length); cheaper than a rank=same subgraph each.
            self.graph.edge(joint, leaf, id=f"line.{manager}.{leaf}", minlen="0")
            previous = joint


def build_chart(org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                options: ChartOptions = ChartOptions(), names: Mapping[str, str] | None = None,
                overlay: Overlay = Overlay()) -> Chart:
    """The chart of ``org`` with ``findings`` drawn on it; raises SelectionError for a bad --root.

    An ``overlay`` restyles cards, replaces the header and draws more (see :mod:`orgmodel.render.overlay`).
    """
    selection = select(org, options.root, options.depth, options.team)
    builder = _Builder(org, findings, exclusive, options, selection, names, overlay)
    notes = []
    dotted = builder.count_dotted()
    if options.dotted == "auto" and dotted > bounds.MAX_DOTTED_LINES:
        builder.too_many_dotted = True
        notes.append(f"{dotted} dotted lines are drawn as names on the cards: as lines (at most "
                     f"{bounds.MAX_DOTTED_LINES}) their layout would take minutes")
    plans = layout.plans(org, selection, builder.estimate, builder.team_of, options.layout, options.stack_min,
                         builder.tree_bounds)
    charts = [_draw(builder, plan, findings, names, dotted, tuple(notes)) for plan in plans[:CHECKED_PLANS]]
    # The plans' sizes are estimates (Graphviz lines ranks up across the whole chart); for a small
    # org, a few best are laid out by the embedded engine and the one that fits a page best is drawn.
    return charts[0] if len(charts) == 1 else min(charts, key=_page_side)


CHECKED_PLANS = 4  # the plans laid out to choose from (layout.plans gives several only to small orgs)


def _page_side(chart: Chart) -> float:
    """The long side of a landscape page that the chart fits, in points."""
    from orgmodel.render import engine  # pulls in Graphviz: only for a chart with plans to choose from

    width, height = engine.laid_out_size(chart.source)
    return max(width, layout.PAGE_RATIO * height)


def _draw(builder: _Builder, plan: layout.Plan, findings: Sequence[Finding], names: Mapping[str, str] | None,
          dotted: int, notes: tuple[str, ...]) -> Chart:
    """The chart of ``plan``."""
    org, options, selection, overlay = builder.org, builder.options, builder.selection, builder.overlay
    builder.compact = plan.layout == "compact"
    builder.start(plan)
    colours = departments.colours(org, selection) if options.departments else {}
    has_dotted = options.dotted != "hide" and any(org.roles[r].dotted_to for r in selection.roles)
    legend_dotted = None if not has_dotted else "lines" if builder.dotted_lines else "names"
    liaisons = {(d if is_blank(org.departments[d].name) else org.departments[d].name): c for d, c in colours.items()}
    legend = header.Legend(options.findings, legend_dotted, liaisons)
    builder.header(overlay.header(header.label(org, selection, findings, builder.elsewhere, legend, names)), plan)
    builder.cards(plan)
    builder.lines(plan)
    departments.draw(builder.graph, org, selection, colours)
    builder.tooltips.update(overlay.extra(builder.graph, builder.shown))
    return Chart(builder.graph.source, builder.tooltips, selection.roles, builder.graph.edges,
                 dotted if builder.dotted_lines else 0, notes)
