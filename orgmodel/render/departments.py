"""``--show departments``: a row of departments under the chart, and each role's liaison lines to them."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from orgmodel.model import Org
from orgmodel.render import theme
from orgmodel.render.dot import Graph
from orgmodel.render.escape import html_label, is_blank
from orgmodel.render.selection import Selection, tops


def colours(org: Org, selection: Selection) -> dict[str, str]:
    """The departments some drawn role liaises with, in file order, each with its colour."""
    used = {v.text for r in selection.roles for v in org.roles[r].liaises_with}
    drawn = [d for d in org.departments if d in used]
    return {d: theme.DEPARTMENT_COLOURS[i % len(theme.DEPARTMENT_COLOURS)] for i, d in enumerate(drawn)}


def _deepest(org: Org, selection: Selection) -> str:
    """A role on the lowest level of the chart (breadth first, so no recursion)."""
    shown = set(selection.roles)
    level = dict.fromkeys(tops(org, selection), 0)
    queue = deque(level)
    last = selection.roles[0]
    while queue:
        last = queue.popleft()
        for child in org.direct_reports.get(last, ()):
            if child in shown and child not in level:
                level[child] = level[last] + 1
                queue.append(child)
    return last


def draw(graph: Graph, org: Org, selection: Selection, chosen: Mapping[str, str]) -> None:
    """The ``chosen`` departments (ID -> colour) and the lines of the roles that liaise with them."""
    from orgmodel.render.chart import node_name

    if not chosen:
        return
    # Liaison lines do not constrain the layout, so nothing would keep the
    # departments off the top row: an invisible line from the deepest role
    # puts their row under the tree.
    anchor = _deepest(org, selection)
    with graph.subgraph() as row:
        row.attr(rank="same")
        for department_id, colour in chosen.items():
            department = org.departments[department_id]
            name = department.id if is_blank(department.name) else department.name
            row.node(node_name(department.id), label=f"<{html_label(name)}>", fillcolor=theme.DEPARTMENT_FILL,
                     color=colour, penwidth="2", id=f"department-{department.id}")
    for department_id in chosen:
        graph.edge(anchor, node_name(department_id), style="invis")
    # Each department's lines in its own colour, so that who liaises with whom can be read
    # where the lines bundle on their way down.
    for role_id in selection.roles:
        for liaison in org.roles[role_id].liaises_with:
            if liaison.text in chosen:
                graph.edge(role_id, liaison.text, style="dotted", color=chosen[liaison.text], penwidth="1.6",
                           constraint="false", id=f"liaison.{role_id}.{liaison.text}", **{"class": "liaison"})
