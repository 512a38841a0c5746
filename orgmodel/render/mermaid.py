"""The org as a Mermaid flowchart, which GitHub renders in Markdown without an engine.

Node IDs are generated (r0, r1 ...): a role ID such as ``end`` is a Mermaid
keyword. Labels are UTF-8 as written, with only the characters Mermaid reads
specially turned into entities (:func:`orgmodel.render.escape.mermaid`); the
title is a quoted YAML string. Every part is one pass over the drawn roles,
so the text grows linearly with the org.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.render import cards, theme
from orgmodel.render.chart import ChartOptions
from orgmodel.render.escape import is_blank, mermaid, mermaid_line, yaml_string
from orgmodel.render.selection import Selection, select


def _card(title: str, person: str | None, vacant: bool, extra: list[str]) -> str:
    lines = [f"<b>{mermaid(title)}</b>"]
    lines.append("<i>Vacant</i>" if vacant else mermaid(person or ""))
    lines += extra
    return "<br/>".join(line for line in lines if line)


class _Writer:
    def __init__(self, org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                 options: ChartOptions, selection: Selection) -> None:
        self.org, self.options, self.selection = org, options, selection
        self.ids = {role: f"r{i}" for i, role in enumerate(selection.roles)}
        self.by_role: dict[str, list[Finding]] = {}
        for finding in findings if options.findings else ():
            if finding.entity in self.ids:
                self.by_role.setdefault(finding.entity, []).append(finding)
        self.holdings = cards.Holdings(org, exclusive)

    def node(self, role_id: str) -> str:
        role = self.org.roles[role_id]
        extra = [mermaid(b.text) for b in self.holdings.badges(role)]
        codes = " ".join(dict.fromkeys(f.code for f in self.by_role.get(role_id, [])))
        if codes:
            extra.append(f"<small>{codes}</small>")
        hidden = self.selection.hidden_below.get(role_id, 0)
        if hidden:
            extra.append(f"+{hidden} more")
        title = f"{role.id} {cards.NO_TITLE}" if is_blank(role.title) else role.title
        return f'    {self.ids[role_id]}["{mermaid_line(_card(title, role.person, role.vacant, extra))}"]'

    def nodes(self) -> list[str]:
        # Grouped by team in one pass (a filter per team was teams x roles: minutes for 20,000 teams).
        members: dict[str | None, list[str]] = {}
        for role_id in self.selection.roles:
            membership = self.org.roles[role_id].team
            key = membership.text if membership is not None and membership.text in self.org.teams else None
            members.setdefault(key, []).append(role_id)
        out = []
        for index, team in enumerate(self.org.teams.values()):
            if team.id in members:
                name = team.id if is_blank(team.name) else team.name
                out.append(f'    subgraph t{index}["{mermaid_line(mermaid(name))}"]')
                out += ["    " + self.node(r) for r in members[team.id]]
                out.append("    end")
        out += [self.node(r) for r in members.get(None, ())]
        return out

    def lines(self) -> list[str]:
        ids = self.ids
        out = [f"    {ids[manager]} --> {ids[child]}" for manager in self.selection.roles
               for child in self.org.direct_reports.get(manager, ()) if child in ids]
        if self.options.dotted != "hide":
            out += [f"    {ids[dotted.text]} -.-> {ids[role_id]}" for role_id in self.selection.roles
                    for dotted in self.org.roles[role_id].dotted_to if dotted.text in ids]
        return out

    def classes(self) -> list[str]:
        by_layer: dict[str, list[str]] = {}
        for role_id in self.selection.roles:
            by_layer.setdefault(self.org.roles[role_id].layer or "none", []).append(self.ids[role_id])
        out = []
        for layer, fill in theme.LAYER_FILL.items():
            name = "nolayer" if layer == "none" else layer
            out.append(f"    classDef {name} fill:{fill},stroke:{theme.BORDER},color:{theme.TEXT}")
            if layer in by_layer:
                out.append(f"    class {','.join(by_layer[layer])} {name}")
        styles = {"error": f"stroke:{theme.ERROR},stroke-width:3px",
                  "warning": f"stroke:{theme.WARNING},stroke-width:3px", "vacant": "stroke-dasharray:5 3"}
        out += [f"    classDef {name} {style}" for name, style in styles.items()]
        for role_id in self.selection.roles:
            severity = cards.worst(self.by_role.get(role_id, []))
            if severity is not None and str(severity) in ("error", "warning"):
                out.append(f"    class {self.ids[role_id]} {severity}")
            if self.org.roles[role_id].vacant:
                out.append(f"    class {self.ids[role_id]} vacant")
        return out


def build_mermaid(org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                  options: ChartOptions = ChartOptions()) -> str:
    """The Mermaid text of the chart; raises SelectionError for a bad --root."""
    writer = _Writer(org, findings, exclusive, options, select(org, options.root, options.depth, options.team))
    out = [] if is_blank(org.name) else ["---", f"title: {yaml_string(org.name or '')}", "---"]
    out += ["flowchart TD", *writer.nodes(), *writer.lines(), *writer.classes()]
    return "\n".join(out) + "\n"


# Mermaid's defaults, which a diagram cannot raise (they are "secure" site
# settings) and GitHub keeps: more lines than this, or a longer text, and the
# diagram is not drawn.
MAX_EDGES = 500
MAX_TEXT = 50_000
_EDGE = re.compile(r"^    r\d+ -(?:->|\.->) r\d+$", re.MULTILINE)
_NODE = re.compile(r"^ +r\d+\[", re.MULTILINE)


def drawn_roles(text: str) -> int:
    return len(_NODE.findall(text))


def notes(text: str) -> list[str]:
    """What stops Mermaid (and GitHub) from drawing ``text``, each a line for the user."""
    found = []
    edges = len(_EDGE.findall(text))
    if edges > MAX_EDGES:
        found.append(f"mermaid: {edges} lines, but Mermaid draws at most {MAX_EDGES} unless its maxEdges setting "
                     "is raised where it runs (GitHub does not): draw part of the org (--root, --depth, --team, "
                     "--hide dotted) or use svg")
    if len(text) > MAX_TEXT:
        found.append(f"mermaid: {len(text)} characters, but Mermaid draws at most {MAX_TEXT} unless its "
                     "maxTextSize setting is raised (GitHub does not): draw part of the org or use svg")
    return found
