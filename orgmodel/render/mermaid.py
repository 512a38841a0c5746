"""The org as a Mermaid flowchart, which GitHub renders in Markdown without an engine.

Node IDs are generated (r0, r1 ...): a role ID such as ``end`` is a Mermaid
keyword. Every label goes through the Mermaid escaping helper.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.render import cards, theme
from orgmodel.render.chart import ChartOptions
from orgmodel.render.escape import mermaid
from orgmodel.render.selection import select


def _card(title: str, person: str | None, vacant: bool, extra: list[str]) -> str:
    lines = [f"<b>{mermaid(title)}</b>"]
    lines.append("<i>Vacant</i>" if vacant else mermaid(person or ""))
    lines += extra
    return "<br/>".join(line for line in lines if line)


def build_mermaid(org: Org, findings: Sequence[Finding], exclusive: Collection[str],
                  options: ChartOptions = ChartOptions()) -> str:
    selection = select(org, options.root, options.depth)
    ids = {role: f"r{i}" for i, role in enumerate(selection.roles)}
    by_role: dict[str, list[Finding]] = {}
    for finding in findings if options.findings else ():
        if finding.entity in ids:
            by_role.setdefault(finding.entity, []).append(finding)
    holdings = cards.Holdings(org, exclusive)
    out = ["flowchart TD"]
    if org.name:
        out.insert(0, f"---\ntitle: {mermaid(org.name)}\n---")

    def node(role_id: str) -> str:
        role = org.roles[role_id]
        extra = [mermaid(b.text) for b in holdings.badges(role)]
        codes = " ".join(dict.fromkeys(f.code for f in by_role.get(role_id, [])))
        if codes:
            extra.append(f"<small>{codes}</small>")
        hidden = selection.hidden_below.get(role_id, 0)
        if hidden:
            extra.append(f"+{hidden} more")
        return f'    {ids[role_id]}["{_card(role.title, role.person, role.vacant, extra)}"]'

    placed: set[str] = set()
    for index, team in enumerate(org.teams.values()):
        members = [r for r in selection.roles if org.roles[r].team is not None
                   and org.roles[r].team.text == team.id]  # type: ignore[union-attr]
        if members:
            out.append(f'    subgraph t{index}["{mermaid(team.name)}"]')
            out += ["    " + node(r) for r in members]
            out.append("    end")
            placed.update(members)
    out += [node(r) for r in selection.roles if r not in placed]
    for manager in selection.roles:
        for child in org.direct_reports.get(manager, ()):
            if child in ids:
                out.append(f"    {ids[manager]} --> {ids[child]}")
    for role_id in selection.roles:
        for dotted in org.roles[role_id].dotted_to:
            if dotted.text in ids:
                out.append(f"    {ids[dotted.text]} -.-> {ids[role_id]}")
    for layer, fill in theme.LAYER_FILL.items():
        members = [ids[r] for r in selection.roles if (org.roles[r].layer or "none") == layer]
        name = "nolayer" if layer == "none" else layer
        out.append(f"    classDef {name} fill:{fill},stroke:{theme.BORDER},color:{theme.TEXT}")
        if members:
            out.append(f"    class {','.join(members)} {name}")
    styles = {"error": f"stroke:{theme.ERROR},stroke-width:3px", "warning": f"stroke:{theme.WARNING},stroke-width:3px",
              "vacant": "stroke-dasharray:5 3"}
    for name, style in styles.items():
        out.append(f"    classDef {name} {style}")
    for role_id in selection.roles:
        severity = cards.worst(by_role.get(role_id, []))
        if severity is not None and str(severity) in ("error", "warning"):
            out.append(f"    class {ids[role_id]} {severity}")
        if org.roles[role_id].vacant:
            out.append(f"    class {ids[role_id]} vacant")
    return "\n".join(out) + "\n"
