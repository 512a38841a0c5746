"""Model and findings to a Graphviz graph (DOT).

The tree is top-down with reports in file order (``ordering=out``); dotted
lines do not move it (``constraint=false``); a manager's many leaf reports
hang from a vertical spine instead of spreading into one wide row.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Mapping, Sequence

import attrs

from orgmodel.dsl.grammar import is_identifier
from orgmodel.finding import Finding
from orgmodel.model import Org, Role
from orgmodel.render import cards, header, theme
from orgmodel.render.dot import Graph
from orgmodel.render.escape import html_label, is_blank
from orgmodel.render.selection import Selection, select


@attrs.frozen
class ChartOptions:
    findings: bool = True
    departments: bool = False
    dotted: bool = True  # False: dotted-line managers are not drawn (--hide dotted)
    splines: str = "polyline"  # or "ortho"
    root: str | None = None
    depth: int | None = None
    stack_min: int = 3  # stack a manager's leaf reports when it has this many (0: never)


@attrs.frozen
class Chart:
    source: str  # DOT
    tooltips: Mapping[str, str]  # SVG node id -> details for its <title>
    roles: tuple[str, ...]


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


def _joint(manager: str, group: int, index: int) -> str:
    # A '.' cannot occur in a role ID, so a joint never collides with a role.
    return f"{manager}.stack.{group}.{index}"


class _Builder:
    def __init__(self, org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                 options: ChartOptions, selection: Selection) -> None:
        self.org, self.options, self.selection = org, options, selection
        self.holdings = cards.Holdings(org, exclusive)
        self.shown = set(selection.roles)
        self.by_role: dict[str, list[Finding]] = defaultdict(list)
        self.elsewhere: list[Finding] = []
        for finding in findings if options.findings else ():
            if finding.entity in org.roles:
                self.by_role[finding.entity].append(finding)
            else:
                self.elsewhere.append(finding)
        self.tooltips: dict[str, str] = {}
        self.graph = Graph(
            name="orgmodel",
            graph_attr={
                "rankdir": "TB", "newrank": "true", "ordering": "out", "splines": options.splines,
                "nodesep": "0.25", "ranksep": "0.45", "fontname": theme.FONT, "bgcolor": "white",
                "pad": "0.3", "labelloc": "t", "labeljust": "l",
            },
            # Defaults for the common case; a card or line states only what differs
            # (quoting every attribute of thousands of nodes was half the DOT time).
            node_attr={"shape": "box", "style": "rounded,filled", "fontname": theme.FONT, "fontsize": "11",
                       "color": theme.BORDER, "margin": "0.14,0.06", "fillcolor": theme.LAYER_FILL["none"]},
            edge_attr={"color": theme.TREE_EDGE, "arrowhead": "none", "penwidth": "1.2", "class": "reports"},
        )

    def card(self, target: Graph, role: Role) -> None:
        name = node_name(role.id)
        findings = self.by_role.get(role.id, [])
        badges = self.holdings.badges(role)
        hidden = self.selection.hidden_below.get(role.id, 0)
        colour, width = cards.border(findings)
        attributes = {}
        if role.layer is not None:
            attributes["fillcolor"] = theme.LAYER_FILL[role.layer]
        if colour != theme.BORDER:
            attributes.update(color=colour, penwidth=width)
        if role.vacant:
            attributes["style"] = "rounded,filled,dashed"
        target.node(name, label=f"<{cards.label(role, badges, findings, hidden)}>", id=name, **attributes)
        self.tooltips[name] = cards.tooltip(role, badges, findings, hidden)

    def team_of(self, role_id: str) -> str | None:
        team = self.org.roles[role_id].team
        return team.text if team is not None and team.text in self.org.teams else None

    def is_leaf(self, role_id: str) -> bool:
        return not any(child in self.shown for child in self.org.direct_reports.get(role_id, ()))

    def plan_stacks(self) -> dict[str, list[list[str]]]:
        """For each manager, its groups of leaf reports to stack, one group per team.

        A spine's joints must sit in the same cluster as its leaves (a cluster
        keeps its members together), so leaves of different teams hang from
        different spines.
        """
        stacks: dict[str, list[list[str]]] = {}
        if self.options.stack_min <= 0:
            return stacks
        for manager in self.selection.roles:
            groups: dict[str | None, list[str]] = {}
            for child in self.org.direct_reports.get(manager, ()):
                if child in self.shown and self.is_leaf(child):
                    groups.setdefault(self.team_of(child), []).append(child)
            chosen = [leaves for leaves in groups.values() if len(leaves) >= self.options.stack_min]
            if chosen:
                stacks[manager] = chosen
        return stacks

    def joints(self, target: Graph, manager: str, group: int, leaves: Sequence[str]) -> None:
        # The joints' shared look as defaults of their own subgraph: thousands of
        # points then state only their group (one group per spine keeps it straight).
        with target.subgraph() as points:
            points.attr("node", label="", shape="point", width="0.02", height="0.02", color=theme.TREE_EDGE)
            for index, _ in enumerate(leaves):
                points.node(_joint(manager, group, index), group=f"{manager}.stack.{group}")

    def cards(self, stacks: Mapping[str, list[list[str]]]) -> None:
        # Grouped once by team (a filter per team would be roles x teams).
        members: dict[str | None, list[Role]] = defaultdict(list)
        for role_id in self.selection.roles:
            members[self.team_of(role_id)].append(self.org.roles[role_id])
        spines: dict[str | None, list[tuple[str, int, list[str]]]] = defaultdict(list)
        for manager, groups in stacks.items():
            for group, leaves in enumerate(groups):
                spines[self.team_of(leaves[0])].append((manager, group, leaves))
        for team in self.org.teams.values():
            if not members.get(team.id):
                continue
            with self.graph.subgraph(name=f"cluster_{node_name(team.id)}") as cluster:
                name = team.id if is_blank(team.name) else team.name
                cluster.attr(label=f'<<FONT POINT-SIZE="10" COLOR="{theme.MUTED}"><B>{html_label(name)}</B></FONT>>',
                             style="rounded,dashed", color=theme.CLUSTER, id=f"team-{node_name(team.id)}",
                             labeljust="l", margin="12")
                for role in members[team.id]:
                    self.card(cluster, role)
                for manager, group, leaves in spines.get(team.id, ()):
                    self.joints(cluster, manager, group, leaves)
        for role in members.get(None, ()):
            self.card(self.graph, role)
        for manager, group, leaves in spines.get(None, ()):
            self.joints(self.graph, manager, group, leaves)

    def lines(self, stacks: Mapping[str, list[list[str]]]) -> None:
        for manager in self.selection.roles:
            stacked = {leaf for leaves in stacks.get(manager, ()) for leaf in leaves}
            for child in self.org.direct_reports.get(manager, ()):
                if child in self.shown and child not in stacked:
                    self.graph.edge(manager, child, id=f"line.{manager}.{child}")
            for group, leaves in enumerate(stacks.get(manager, ())):
                self.spine(manager, group, leaves)
        for role_id in self.selection.roles:
            role = self.org.roles[role_id]
            for extra in role.reports_to[1:]:  # HIER003: drawn, but not as the tree
                if extra.text in self.shown:
                    self.graph.edge(extra.text, role_id, id=f"extra.{extra.text}.{role_id}", color=theme.ERROR,
                                    constraint="false", **{"class": "extra-manager"})
            for dotted in role.dotted_to if self.options.dotted else ():
                if dotted.text in self.shown:
                    self.graph.edge(dotted.text, role_id, id=f"dotted.{dotted.text}.{role_id}", style="dashed",
                                    constraint="false", color=theme.DOTTED_EDGE, arrowhead="vee",
                                    arrowsize="0.6", **{"class": "dotted"})

    def spine(self, manager: str, group: int, leaves: Sequence[str]) -> None:
        """Leaves one under another, each joined to a vertical line from the manager."""
        previous = manager
        for index, leaf in enumerate(leaves):
            joint = _joint(manager, group, index)
            self.graph.edge(previous, joint)
            # minlen=0: the leaf sits on its joint's rank, beside it (ranking
            # minimises edge length); cheaper than a rank=same subgraph each.
            self.graph.edge(joint, leaf, id=f"line.{manager}.{leaf}", minlen="0")
            previous = joint

    def deepest(self) -> str:
        """A role on the lowest level of the chart (breadth first, so no recursion)."""
        shown = self.selection.roles
        level = {r: 0 for r in shown if self.org.roles[r].manager_id not in self.shown}
        queue = deque(level)
        last = shown[0]
        while queue:
            last = queue.popleft()
            for child in self.org.direct_reports.get(last, ()):
                if child in self.shown and child not in level:
                    level[child] = level[last] + 1
                    queue.append(child)
        return last

    def departments(self) -> None:
        used = {v.text for r in self.selection.roles for v in self.org.roles[r].liaises_with}
        departments = [d for d in self.org.departments.values() if d.id in used]
        if not departments:
            return
        # Liaison lines do not constrain the layout, so nothing would keep the
        # departments off the top row: an invisible line from the deepest role
        # puts their row under the tree.
        anchor = self.deepest()
        with self.graph.subgraph() as row:
            row.attr(rank="same")
            for department in departments:
                name = department.id if is_blank(department.name) else department.name
                row.node(node_name(department.id), label=f"<{html_label(name)}>",
                         fillcolor=theme.DEPARTMENT_FILL, id=f"department-{department.id}")
        for department in departments:
            self.graph.edge(anchor, node_name(department.id), style="invis")
        for role_id in self.selection.roles:
            for department in self.org.roles[role_id].liaises_with:
                if department.text in used and department.text in self.org.departments:
                    self.graph.edge(role_id, department.text, style="dotted", color=theme.LIAISON_EDGE,
                                    constraint="false", id=f"liaison.{role_id}.{department.text}",
                                    **{"class": "liaison"})


def build_chart(org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                options: ChartOptions = ChartOptions(), names: Mapping[str, str] | None = None) -> Chart:
    """The chart of ``org`` with ``findings`` drawn on it; raises SelectionError for a bad --root."""
    selection = select(org, options.root, options.depth)
    builder = _Builder(org, findings, exclusive, options, selection)
    builder.graph.attr(label=f"<{header.label(org, selection, findings, builder.elsewhere, options.findings)}>")
    stacks = builder.plan_stacks()
    builder.cards(stacks)
    builder.lines(stacks)
    if options.departments:
        builder.departments()
    return Chart(builder.graph.source, builder.tooltips, selection.roles)
